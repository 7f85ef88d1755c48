"""Adapt standard rendered HTML to what Qt's rich-text engine can style.

RenderResult.html stays ordinary HTML (other exporters read it); only the copy shown in
QTextBrowser is rewritten:
- Qt has no <ins>, <del> or <mark>: CriticMarkup's marks become classed spans (a
  paragraph-level mark a classed div) so the preview can colour and strike them.
- Qt ignores CSS font-size on h1–h6 (it scales them from the document font), so headings
  become classed paragraphs ("p.h2") the stylesheet can size.
- Qt draws borders only on tables, so a blockquote becomes a two-cell table whose narrow
  first cell is the quote's left rule.
All inputs are sanitised fragments (html5ever-serialised: lower-case tags, balanced,
double-quoted attributes), which is what makes these textual rewrites safe.
"""

from __future__ import annotations

import re

_COMMENT = '<span class="critic comment">'
_MARK_TAG = re.compile(r"<(/?)(ins|del|mark)\b([^>]*)>")
_HEADING_TAG = re.compile(r'<(/?)h([1-6])\b(?:\s+class="([^"]*)")?([^>]*)>')


def _rewrite_marks(fragment: str) -> str:
    closers: list[str] = []

    def replace(match: re.Match[str]) -> str:
        closing, tag, attrs = match.groups()
        if closing:
            return closers.pop() if closers else ""
        if "critic block" in attrs:
            closers.append("</div>")
            return f'<div class="critic-{tag} critic-block">'
        closers.append("</span>")
        return f'<span class="critic-{tag}">'

    return _MARK_TAG.sub(replace, fragment)


def _rewrite_heading(match: re.Match[str]) -> str:
    closing, level, classes, rest = match.groups()
    if closing:
        return "</p>"
    extra = f" {classes}" if classes else ""
    return f'<p class="h{level}{extra}"{rest}>'


def adapt_for_qt(fragment: str) -> str:
    """The QTextBrowser version of a rendered fragment (see the module docstring)."""
    if "<ins" in fragment or "<del" in fragment or "<mark" in fragment:
        fragment = _rewrite_marks(fragment)
    if "critic comment" in fragment:
        fragment = fragment.replace(
            '<span class="critic comment">', '<span class="critic-comment">'
        )
    if "<h" in fragment:
        fragment = _HEADING_TAG.sub(_rewrite_heading, fragment)
    if "<blockquote>" in fragment:
        fragment = fragment.replace(
            "<blockquote>",
            '<table class="quote" cellspacing="0" cellpadding="0" width="100%"><tr>'
            '<td class="quote-rule" width="3"></td><td class="quote-body">',
        ).replace("</blockquote>", "</td></tr></table>")
    return fragment
