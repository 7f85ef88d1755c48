"""Markdown syntax highlighting for the editor.

QSyntaxHighlighter calls `highlightBlock` once per line on the GUI thread, for every line of
a newly loaded document, so this module is written for speed: regexes compiled once, cheap
first-character checks before any regex, formats built once per palette. What counts as
front matter, a fence, a list item, a quote or a review mark is the grammar of
`columnist.markdown` (the preview and the column model use the same); only inline emphasis
and links, which nothing else needs per line, are matched here. Multi-line constructs
(front matter, fenced code, CriticMarkup spanning lines) are carried from line to line in
the block state, encoded as an int:

    bits 0-1   kind: 0 normal, 1 front matter, 2 fenced code
    bits 2-4   open CriticMarkup mark (0 none, else index in _CRITIC_CODES + 1, or
               _SUB_NEW for a substitution past its "~>" arrow)
    bit  5     fence char is "~" (else "`")
    bits 8-15  fence length
    bit  16    this line is a setext heading text (its next line is "===" or "---")
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)

from columnist.markdown import critic
from columnist.markdown.fences import closes_fence, opening_fence
from columnist.markdown.front_matter import is_closing_line, is_opening_line
from columnist.markdown.lists import match_list_item, match_quote, opens_quote

NORMAL, FRONT_MATTER, FENCE = 0, 1, 2
_KIND_MASK = 0b11
_CRITIC_SHIFT = 2
_CRITIC_MASK = 0b111 << _CRITIC_SHIFT
_TILDE_BIT = 1 << 5
_FENCE_SHIFT = 8
_SETEXT_BIT = 1 << 16

# Open-mark state: index + 1 of the kind code; a substitution past its arrow is _SUB_NEW.
_CRITIC_CODES = ("++", "--", "~~", ">>", "==")
_SUB_NEW = len(_CRITIC_CODES) + 1
_CRITIC_FORMAT = {
    critic.MARKER: "critic_marker",
    critic.INSERTED: "critic_add",
    critic.DELETED: "critic_del",
    critic.OLD: "critic_sub",
    critic.NEW: "critic_sub_new",
    critic.COMMENT: "critic_comment",
    critic.HIGHLIGHTED: "critic_mark",
}

_FM_KEY = re.compile(r"^(\s*-\s+)?([\w\- ]+?)(:)(\s|$)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)")
_ITALIC_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_LINK = re.compile(r"(!?\[)((?:[^\]\\]|\\.)*)(\]\()([^)\s]*(?:\s+\"[^\"]*\")?)(\))")
_REF_LINK = re.compile(r"(!?\[)((?:[^\]\\]|\\.)+)(\]\[)([^\]]*)(\])")
_LINK_DEF = re.compile(r"^ {0,3}(\[[^\]]+\]:)[ \t]+(\S+)")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:|ftp://)[^\s<>]*>")


class Palette(NamedTuple):
    """Colours of one theme (chosen for contrast on the editor's background); a NamedTuple
    because this module is imported before the first paint and dataclasses is not."""

    text: str
    muted: str  # markup characters: #, *, list markers, URLs
    heading: str
    emphasis: str
    link: str
    code: str
    code_bg: str
    quote: str
    fm_key: str
    fm_value: str
    add: str
    delete: str
    comment: str
    comment_bg: str
    mark_bg: str


LIGHT = Palette(
    text="#1f1f1f",
    muted="#8a8a8a",
    heading="#0b3d6e",
    emphasis="#2b2b2b",
    link="#1a5fb4",
    code="#7a3e00",
    code_bg="#f3f1ec",
    quote="#4e5a65",
    fm_key="#6b3fa0",
    fm_value="#2f6f3e",
    add="#13692b",
    delete="#b00020",
    comment="#6d4c00",
    comment_bg="#fff3c4",
    mark_bg="#fde68a",
)
DARK = Palette(
    text="#e6e6e6",
    muted="#8f959c",
    heading="#8cc4ff",
    emphasis="#f2f2f2",
    link="#79b8ff",
    code="#f0b77a",
    code_bg="#2b2d31",
    quote="#aab4be",
    fm_key="#d2a8ff",
    fm_value="#8fd49a",
    add="#7ee29a",
    delete="#ff8a8a",
    comment="#ffd77a",
    comment_bg="#4a3d12",
    mark_bg="#6b5a12",
)


def _fmt(
    color: str,
    *,
    bold: bool = False,
    italic: bool = False,
    background: str | None = None,
    strike: bool = False,
    underline: bool = False,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if background:
        fmt.setBackground(QColor(background))
    if strike:
        fmt.setFontStrikeOut(True)
    if underline:
        fmt.setFontUnderline(True)
    return fmt


def build_formats(p: Palette) -> dict[str, QTextCharFormat]:
    """All character formats used by the highlighter, by name."""
    return {
        "muted": _fmt(p.muted),
        "heading": _fmt(p.heading, bold=True),
        "heading_marker": _fmt(p.muted, bold=True),
        "bold": _fmt(p.emphasis, bold=True),
        "italic": _fmt(p.emphasis, italic=True),
        "link_text": _fmt(p.link, underline=True),
        "link_url": _fmt(p.muted),
        "code": _fmt(p.code, background=p.code_bg),
        "fence": _fmt(p.muted, background=p.code_bg),
        "quote": _fmt(p.quote, italic=True),
        "list_marker": _fmt(p.heading, bold=True),
        "hr": _fmt(p.muted, bold=True),
        "fm_delim": _fmt(p.muted, bold=True),
        "fm_key": _fmt(p.fm_key, bold=True),
        "fm_value": _fmt(p.fm_value),
        "fm_comment": _fmt(p.muted, italic=True),
        "critic_add": _fmt(p.add, underline=True),
        "critic_del": _fmt(p.delete, strike=True),
        "critic_sub": _fmt(p.delete, strike=True),
        "critic_sub_new": _fmt(p.add, underline=True),
        "critic_comment": _fmt(p.comment, italic=True, background=p.comment_bg),
        "critic_mark": _fmt(p.text, background=p.mark_bg),
        "critic_marker": _fmt(p.muted, bold=True),
    }


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights front matter, headings, emphasis, links, lists, quotes, code, CriticMarkup."""

    def __init__(self, document: QTextDocument | None = None, dark: bool = False) -> None:
        super().__init__(document)
        self._dark = dark
        self.formats = build_formats(DARK if dark else LIGHT)
        self._variants: dict[tuple[str, bool, bool], QTextCharFormat] = {}
        self._base_name = ""
        self._pending: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._rehighlight_pending)
        self._watched: QTextDocument | None = None
        self._watch(document)

    # -- public API ---------------------------------------------------------------------

    @property
    def dark(self) -> bool:
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """Switch palettes (re-highlights the whole document)."""
        if dark == self._dark:
            return
        self._dark = dark
        self.formats = build_formats(DARK if dark else LIGHT)
        self._variants.clear()
        self.rehighlight()

    def setDocument(self, document: QTextDocument | None) -> None:
        super().setDocument(document)
        self._watch(document)

    # -- setext lookahead -----------------------------------------------------------------

    def _watch(self, document: QTextDocument | None) -> None:
        if self._watched is not None:
            self._watched.contentsChange.disconnect(self._on_contents_change)
        self._watched = document
        if document is not None:
            document.contentsChange.connect(self._on_contents_change)

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        """A setext underline styles the line above it, which Qt will not re-highlight by
        itself: schedule the previous line when an edit may have made or broken one."""
        document = self.document()
        if document is None or added > 2000 or removed > 2000:
            return
        block = document.findBlock(position)
        last = document.findBlock(position + added)
        while block.isValid():
            previous = block.previous()
            if previous.isValid():
                state = previous.userState()
                was_heading = state != -1 and bool(state & _SETEXT_BIT)
                if was_heading or _SETEXT.match(block.text()):
                    self._pending.add(previous.blockNumber())
            if block == last or block.blockNumber() >= last.blockNumber():
                break
            block = block.next()
        if self._pending:
            self._timer.start()

    def _rehighlight_pending(self) -> None:
        document = self.document()
        pending, self._pending = self._pending, set()
        if document is None:
            return
        for number in sorted(pending):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    # -- highlighting ---------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        prev = self.previousBlockState()
        if prev < 0:
            prev = 0
        kind = prev & _KIND_MASK
        critic = (prev & _CRITIC_MASK) >> _CRITIC_SHIFT
        f = self.formats

        if kind == FRONT_MATTER or (block.blockNumber() == 0 and is_opening_line(text)):
            self._front_matter(text, kind == FRONT_MATTER)
            return
        if kind == FENCE:
            self._fence_line(text, prev)
            return
        length = len(text)
        if length == 0:
            self.setCurrentBlockState(critic << _CRITIC_SHIFT)
            return

        stripped = text.lstrip()
        first = stripped[:1]
        state = 0
        inline_from = 0
        self._base_name = ""
        if first in "`~":
            fence = opening_fence(text)
            if fence is not None:
                self.setFormat(0, length, f["fence"])
                tilde = _TILDE_BIT if fence[0] == "~" else 0
                self.setCurrentBlockState(FENCE | tilde | (min(len(fence), 255) << _FENCE_SHIFT))
                return
        if first == "#":
            m = _ATX.match(text)
            if m:
                self.setFormat(0, length, f["heading"])
                self.setFormat(m.start(1), len(m.group(1)), f["heading_marker"])
                inline_from = length  # headings: keep the plain heading colour
        elif first in "-*_=" and (_HR.match(text) or _SETEXT.match(text)):
            previous = block.previous()
            if _SETEXT.match(text) and previous.isValid() and previous.text().strip():
                self.setFormat(0, length, f["heading_marker"])
            else:
                self.setFormat(0, length, f["hr"])
            inline_from = length
        elif first == ">" and opens_quote(text):
            m = match_quote(text)
            if m:
                self.setFormat(0, length, f["quote"])
                self.setFormat(0, m.end(), f["muted"])
                self._base_name = "quote"
        elif first == "[":
            m = _LINK_DEF.match(text)
            if m:
                self.setFormat(m.start(1), len(m.group(1)), f["link_text"])
                self.setFormat(m.start(2), len(m.group(2)), f["link_url"])
                inline_from = length
        if first in "-*+0123456789" and inline_from < length:
            m = match_list_item(text)
            if m:
                marker = m.start("marker")
                self.setFormat(marker, m.end() - marker, f["list_marker"])

        # Setext heading text: the next line underlines it.
        nxt = block.next()
        if (
            inline_from < length
            and nxt.isValid()
            and first not in "#>"
            and _SETEXT.match(nxt.text())
            and not _HR.match(text)
        ):
            self.setFormat(0, length, f["heading"])
            state |= _SETEXT_BIT
            inline_from = length

        if inline_from < length:
            self._inline(text, inline_from)
        critic = self._critic(text, critic)
        self.setCurrentBlockState(state | (critic << _CRITIC_SHIFT))

    def _front_matter(self, text: str, inside: bool) -> None:
        f = self.formats
        if not inside:  # the opening '---' on the first line
            self.setFormat(0, len(text), f["fm_delim"])
            self.setCurrentBlockState(FRONT_MATTER)
            return
        if is_closing_line(text):
            self.setFormat(0, len(text), f["fm_delim"])
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(FRONT_MATTER)
        if text.lstrip().startswith("#"):
            self.setFormat(0, len(text), f["fm_comment"])
            return
        m = _FM_KEY.match(text)
        start = 0
        if m:
            self.setFormat(m.start(2), m.end(3) - m.start(2), f["fm_key"])
            start = m.end(3)
        self.setFormat(start, len(text) - start, f["fm_value"])
        hash_at = text.find(" #", start)
        if hash_at >= 0:
            self.setFormat(hash_at + 1, len(text) - hash_at - 1, f["fm_comment"])

    def _fence_line(self, text: str, prev: int) -> None:
        self.setFormat(0, len(text), self.formats["fence"])
        char = "~" if prev & _TILDE_BIT else "`"
        if closes_fence(text, char * ((prev >> _FENCE_SHIFT) & 0xFF)):
            self.setCurrentBlockState(NORMAL)
        else:
            self.setCurrentBlockState(prev & ~_SETEXT_BIT)

    def _inline(self, text: str, start: int) -> None:
        """Emphasis, links and code spans. Code spans win: their content is masked first."""
        f = self.formats
        masked = text
        if "`" in text:
            spans = list(_CODE_SPAN.finditer(text, start))
            if spans:
                parts = []
                last = 0
                for m in spans:
                    parts.append(text[last : m.start()])
                    parts.append("\0" * (m.end() - m.start()))
                    last = m.end()
                parts.append(text[last:])
                masked = "".join(parts)
        else:
            spans = []
        if "*" in masked or "_" in masked:
            bold = [(m.start(), m.end()) for m in _BOLD.finditer(masked, start)]
            italic = [
                (m.start(), m.end())
                for rx in (_ITALIC_STAR, _ITALIC_UNDER)
                for m in rx.finditer(masked, start)
            ]
            if bold or italic:
                self._emphasis(bold, italic)
                for b_start, b_end in bold:
                    self.setFormat(b_start, 2, f["muted"])
                    self.setFormat(b_end - 2, 2, f["muted"])
        if "[" in masked:
            for m in _LINK.finditer(masked, start):
                self.setFormat(m.start(1), len(m.group(1)), f["muted"])
                self.setFormat(m.start(2), len(m.group(2)), f["link_text"])
                self.setFormat(m.start(3), len(m.group(3)), f["muted"])
                self.setFormat(m.start(4), m.end() - m.start(4), f["link_url"])
            for m in _REF_LINK.finditer(masked, start):
                self.setFormat(m.start(2), len(m.group(2)), f["link_text"])
                self.setFormat(m.start(3), m.end() - m.start(3), f["link_url"])
        if "<" in masked:
            for m in _AUTOLINK.finditer(masked, start):
                self.setFormat(m.start(), m.end() - m.start(), f["link_text"])
            for m in _HTML_COMMENT.finditer(masked, start):
                self.setFormat(m.start(), m.end() - m.start(), f["fm_comment"])
        for m in spans:
            self.setFormat(m.start(), m.end() - m.start(), f["code"])

    def _emphasis(self, bold: list[tuple[int, int]], italic: list[tuple[int, int]]) -> None:
        """Bold and italic spans may nest or overlap: split at every span edge and give each
        piece the line's base format (e.g. a quote) plus the emphasis covering it.

        (QSyntaxHighlighter.format() is not used to read formats back: with PySide6 it
        corrupts reference counts when called many times per block.)"""
        edges = sorted({p for span in bold + italic for p in span})
        for left, right in itertools.pairwise(edges):
            is_bold = any(a <= left and right <= b for a, b in bold)
            is_italic = any(a <= left and right <= b for a, b in italic)
            if is_bold or is_italic:
                self.setFormat(left, right - left, self._variant(is_bold, is_italic))

    def _variant(self, bold: bool, italic: bool) -> QTextCharFormat:
        key = (self._base_name, bold, italic)
        fmt = self._variants.get(key)
        if fmt is None:
            base = self.formats.get(self._base_name) if self._base_name else None
            fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
            if base is None:
                fmt.setForeground(self.formats["bold"].foreground())
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
            self._variants[key] = fmt
        return fmt

    def _critic(self, text: str, open_kind: int) -> int:
        """Colour CriticMarkup; returns the mark still open at the end of the line (0: none)."""
        if open_kind == 0 and "{" not in text:
            return 0
        carry = None
        if open_kind == _SUB_NEW:
            carry = critic.LineCarry("~~", past_arrow=True)
        elif open_kind:
            carry = critic.LineCarry(_CRITIC_CODES[open_kind - 1])
        pieces, carry = critic.scan_line(text, carry)
        f = self.formats
        for start, end, role in pieces:
            self.setFormat(start, end - start, f[_CRITIC_FORMAT[role]])
        if carry is None:
            return 0
        return _SUB_NEW if carry.past_arrow else _CRITIC_CODES.index(carry.code) + 1


def block_formats(block: QTextBlock) -> list[tuple[int, int, QTextCharFormat]]:
    """(start, length, format) ranges the highlighter applied to `block` (for tests/tools)."""
    ranges = block.layout().formats()
    # Copy each format: the FormatRange owns it and PySide frees it with the range.
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in ranges]
