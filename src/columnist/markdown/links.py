"""Links, images and reference definitions in Markdown source (code excluded).

Trust references are ordinary links (DESIGN.md), images need their alt text checked, and
reference definitions (`[id]: url "title"`) apply to the whole body, so all three are
found here once, per block, with offsets relative to the text scanned. The definition
pattern is Python-Markdown's own, so the preview and the model agree on what is one.

    >>> found = scan_links('[a](https://x "t") ![pic](p.png) [b][ref]\\n\\n[ref]: https://y')
    >>> [(link.label, link.url, link.ref, link.image) for link in found.links]
    [('a', 'https://x', '', False), ('pic', 'p.png', '', True), ('b', '', 'ref', False)]
    >>> [(d.ref, d.url) for d in found.definitions]
    [('ref', 'https://y')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from columnist.markdown.fences import fenced_spans

_LABEL = r"\[(?P<label>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]"
_TITLE = r"(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\))"
_INLINE = re.compile(
    r"(?P<bang>!?)" + _LABEL + r"\(\s*<?(?P<url>[^\s()<>]+)>?(?:\s+" + _TITLE + r")?\s*\)"
)
_REFERENCE_USE = re.compile(r"(?P<bang>!?)" + _LABEL + r"\[(?P<ref>[^\]\n]*)\]")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
# Python-Markdown's ReferenceProcessor pattern (blockprocessors.py).
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?"
    r"(([\"\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$",
    re.MULTILINE,
)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class SourceLink:
    """A link or image as written. `kind`: "inline" (`[label](url)`), "autolink"
    (`<url>`) or "reference" (`[label][ref]`, `url` found through the definitions);
    `start`/`end`: offsets of the whole markup, `!` of an image included."""

    kind: str
    label: str
    url: str
    start: int
    end: int
    ref: str = ""
    title: str | None = None
    image: bool = False

    def moved(self, by: int) -> SourceLink:
        """The same link, `by` characters further on (block offsets -> text offsets)."""
        return SourceLink(self.kind, self.label, self.url, self.start + by, self.end + by,
                          self.ref, self.title, self.image)


@dataclass(frozen=True)
class LinkDefinition:
    """`[ref]: url "title"`; `ref` as written (look-ups use `key`)."""

    ref: str
    url: str
    title: str | None
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.ref.strip().lower()

    def moved(self, by: int) -> LinkDefinition:
        return LinkDefinition(self.ref, self.url, self.title, self.start + by, self.end + by)


@dataclass(frozen=True)
class FoundLinks:
    links: tuple[SourceLink, ...]
    definitions: tuple[LinkDefinition, ...]


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of fenced code blocks and inline code spans, sorted."""
    if "`" not in text and "~~~" not in text:
        return []
    spans = fenced_spans(text)
    if "`" in text:
        spans += [m.span() for m in _CODE_SPAN.finditer(text)]
    spans.sort()
    return spans


class _Code:
    """Answers "is this offset inside code?" for one text."""

    def __init__(self, text: str) -> None:
        self._spans = code_spans(text)
        self._starts = [s for s, _ in self._spans]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and self._spans[i][0] <= offset < self._spans[i][1]


def _definitions(text: str, code: _Code) -> list[LinkDefinition]:
    if "]:" not in text:
        return []
    found = []
    for match in _DEFINITION.finditer(text):
        ref = match.group(1)
        if ref.strip().startswith("^") or match.start() in code:
            continue
        url = match.group(2).lstrip("<").rstrip(">")
        title = match.group(5) or match.group(6)
        found.append(LinkDefinition(ref, url, title, match.start(), match.end()))
    return found


def scan_links(text: str) -> FoundLinks:
    """Inline links and images, `<https://…>` autolinks, reference uses and definitions
    in `text`, in order of position, outside code."""
    if "[" not in text and "<" not in text:
        return FoundLinks((), ())
    code = _Code(text)
    definitions = _definitions(text, code)
    def_spans = [(d.start, d.end) for d in definitions]
    links: list[SourceLink] = []
    if "](" in text:
        for match in _INLINE.finditer(text):
            if match.start("label") - 1 in code:
                continue
            title = match.group("dq") or match.group("sq") or match.group("pq")
            start = match.start() if match.group("bang") else match.start("label") - 1
            links.append(
                SourceLink("inline", match.group("label"), match.group("url"), start,
                           match.end(), title=title, image=bool(match.group("bang")))
            )
    if "<http" in text:
        for match in _AUTOLINK.finditer(text):
            if match.start() not in code:
                links.append(SourceLink("autolink", match.group("url"), match.group("url"),
                                        match.start(), match.end()))
    if "][" in text:
        for match in _REFERENCE_USE.finditer(text):
            at = match.start("label") - 1
            if at in code or any(s <= at < e for s, e in def_spans):
                continue
            start = match.start() if match.group("bang") else at
            links.append(
                SourceLink("reference", match.group("label"), "", start, match.end(),
                           ref=match.group("ref") or match.group("label"),
                           image=bool(match.group("bang")))
            )
    links.sort(key=lambda link: link.start)
    return FoundLinks(tuple(links), tuple(definitions))
