"""Headings in Markdown source: which lines are headings, their level and plain text.

The outline, the export's title fallback and the checker list the column's headings; they
read them from the column model, which finds them here in the source (ATX `## Title` and
setext `Title` over `===`/`---`, also inside quotes, never inside fenced code or raw HTML)
and gives each the text a reader sees: inline markup, link targets and images removed.

    >>> [(h.level, h.text, h.line) for h in find_headings("# One\\n\\nTwo *em*\\n---\\n")]
    [(1, 'One', 0), (2, 'Two em', 2)]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from columnist.markdown.critic import KINDS
from columnist.markdown.fences import closes_fence, opening_fence
from columnist.markdown.lists import opens_list_item

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


def heading_text(source: str) -> str:
    """The plain text of a heading's inline Markdown, as the preview shows it.

    >>> heading_text("Ratings &amp; **re-inspection** at [Bristol](https://x) `v2`")
    'Ratings & re-inspection at Bristol v2'
    """
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match.group(2).strip())
        return _CODE_SLOT.format(len(codes) - 1)

    text = _CODE.sub(keep_code, source) if "`" in source else source
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
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    if codes:
        text = _CODE_SLOT_RE.sub(lambda m: codes[int(m.group(1))], text)
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
    for index, line in enumerate(lines):
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        if line[:1] in "`~":
            fence = opening_fence(line)
            if fence is not None:
                continue
        atx = _ATX.match(line) if "#" in line else None
        if atx:
            level = len(atx.group("level"))
            found.append(Heading(level, heading_text(atx.group("text")), first_line + index))
            continue
        if index == 0 or not _SETEXT.match(line):
            continue
        above = lines[index - 1]
        if (
            above.strip()
            and not _SETEXT.match(above)
            and not opens_list_item(_PREFIX.sub("", above))
            and not (found and found[-1].line == first_line + index - 1)
        ):
            level = 1 if line.strip().lstrip(">").strip()[:1] == "=" else 2
            title = heading_text(_PREFIX.sub("", above))
            found.append(Heading(level, title, first_line + index - 1))
    return found
