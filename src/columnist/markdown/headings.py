"""Headings in Markdown source: which lines are headings, their level and plain text.

The outline, the export's title fallback and the checker list the column's headings; they
read them from the column model, which finds them here in the source (ATX `## Title` and
setext `Title` over `===`/`---`, also inside quotes and list items, never inside fenced
code or raw HTML)
and gives each the text a reader sees: inline markup, link targets and images removed, and
the typography of the preview's `smarty` extension (curly quotes, dashes, ellipses).

    >>> [(h.level, h.text, h.line) for h in find_headings("# One\\n\\nTwo *em*\\n---\\n")]
    [(1, 'One', 0), (2, 'Two em', 2)]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from columnist.markdown.critic import KINDS
from columnist.markdown.fences import closes_fence, opening_fence
from columnist.markdown.lists import match_list_item

_QUOTE_PREFIX = r"(?:[ ]{0,3}>[ ]?)*"
_ATX = re.compile(rf"^{_QUOTE_PREFIX}(?P<level>#{{1,6}})(?!#)(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(rf"^{_QUOTE_PREFIX}(?:=+|-+)[ ]*$")
_PREFIX = re.compile(rf"^{_QUOTE_PREFIX}")
_RAW_HTML = re.compile(r"^ {0,3}<(?:[A-Za-z][A-Za-z0-9-]*|!--)")

_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]*)>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)")
_EM_UNDER = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_CRITIC_MARKERS = re.compile(
    "|".join(re.escape(m) for code, (closer, _) in KINDS.items() for m in ("{" + code, closer))
    + "|~>"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")
# Python-Markdown's smarty (the preview's typography), as it applies to a heading's text.
_OPENING_CONTEXT = r"(?:^|(?<=[\s(\[{\u2014\u2013-]))"
_SMARTY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"---"), "\u2014"),
    (re.compile(r"--"), "\u2013"),
    (re.compile(r"\.\.\.|\. \. \."), "\u2026"),
    (re.compile(r"'(?=\d{2}s)"), "\u2019"),  # the '80s
    (re.compile(_OPENING_CONTEXT + "'(?=\\S)"), "\u2018"),
    (re.compile("'"), "\u2019"),
    (re.compile(_OPENING_CONTEXT + '"(?=\\S)'), "\u201c"),
    (re.compile('"'), "\u201d"),
)
_CODE_SLOT = "\x00{}\x00"
_CODE_SLOT_RE = re.compile("\x00(\\d+)\x00")


@dataclass(frozen=True)
class Heading:
    """A heading. `line`: 0-based line in the full text; `anchor`: the name of the
    preview's scroll anchor that leads to it (`L{line}` of the block holding it; by
    default the heading's own line)."""

    level: int
    text: str
    line: int
    anchor: str = ""

    def __post_init__(self) -> None:
        if not self.anchor:
            object.__setattr__(self, "anchor", f"L{self.line}")


def _smarten(text: str) -> str:
    """Curly quotes, en and em dashes and ellipses, as smarty sets them in the preview."""
    if not any(c in text for c in "'\"-."):
        return text
    for pattern, replacement in _SMARTY:
        text = pattern.sub(replacement, text)
    return text


def heading_text(source: str) -> str:
    """The plain text of a heading's inline Markdown, as the preview shows it.

    >>> heading_text("Ratings &amp; **re-inspection** at [Bristol](https://x) `v2`")
    'Ratings & re-inspection at Bristol v2'
    >>> heading_text('Don\\'t say "never" -- or...')
    'Don’t say “never” – or…'
    """
    kept: list[str] = []  # code and escaped characters: taken as written

    def keep(literal: str) -> str:
        kept.append(literal)
        return _CODE_SLOT.format(len(kept) - 1)

    text = _CODE.sub(lambda m: keep(m.group(2).strip()), source) if "`" in source else source
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
    if "{" in text:
        text = _CRITIC_MARKERS.sub("", text)
    text = html.unescape(_smarten(text))
    if kept:
        text = _CODE_SLOT_RE.sub(lambda m: kept[int(m.group(1))], text)
    return text.strip()


def find_headings(text: str, first_line: int = 0) -> list[Heading]:
    """The headings of `text` (a block, or a whole body), in order; `first_line` is the
    0-based line of `text` in the full text. A text opening with raw HTML has none
    (Python-Markdown leaves the inside of an HTML block alone)."""
    if ("#" not in text and "\n" not in text) or _RAW_HTML.match(text):
        return []
    lines = text.split("\n")
    found: list[Heading] = []
    fence: str | None = None
    # Python-Markdown reads a setext heading only from the first line of a block: after a
    # blank line, at the start, or right after another heading.
    starts_block = True
    underline_at = -1
    for index, line in enumerate(lines):
        opens_block, starts_block = starts_block, False
        if index == underline_at:
            starts_block = True
            continue
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        if line[:1] in "`~":
            fence = opening_fence(line)
            if fence is not None:
                continue
        content = _PREFIX.sub("", line) if line[:4].lstrip()[:1] == ">" else line
        if not content.strip():
            starts_block = True
            continue
        atx = None
        if "#" in line:
            item = match_list_item(line)  # `- # Heading` is a heading inside the item
            atx = _ATX.match(line[item.end() :] if item else line)
        if atx:
            level = len(atx.group("level"))
            found.append(Heading(level, heading_text(atx.group("text")), first_line + index))
            starts_block = True
            continue
        underline = lines[index + 1] if index + 1 < len(lines) else ""
        if opens_block and _SETEXT.match(underline) and not _SETEXT.match(line):
            level = 1 if underline.lstrip(" >")[:1] == "=" else 2
            found.append(Heading(level, heading_text(content), first_line + index))
            underline_at = index + 1
    return found
