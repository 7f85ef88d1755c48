"""Cut a Markdown body into independently renderable blocks.

Python-Markdown costs ~60 ms per 5,000 words, so the preview re-renders only the blocks
that changed, and the column model re-reads only those blocks too. A block is a run of
non-blank lines, joined with its neighbours whenever rendering them apart could change
the HTML: fenced code (blank lines inside), indented continuations (list items, code,
footnotes), consecutive list items and quotes (Python-Markdown merges them across blank
lines), raw HTML elements that span blank lines, and CriticMarkup marks that span
paragraphs. Joining too much only costs speed; splitting too much would change the
output, so every rule errs on the side of joining.

A raw HTML opener that is never closed (`<div>` with no `</div>` anywhere after it) is
ordinary text, like a fence never closed: Python-Markdown would otherwise make the rest
of the column one raw block, and a sanitiser would drop what an unclosed `<math>` or
`<script>` holds. Its block ends where the paragraph does, and `Block.source` writes its
`<` as `&lt;`, so the preview shows the opener as typed and reads on as Markdown.

    >>> [(b.line, b.start, b.text) for b in split_blocks("One\\n\\n- a\\n\\n- b\\n")]
    [(0, 0, 'One'), (2, 5, '- a\\n\\n- b')]
    >>> [b.source for b in split_blocks("<math> x\\n\\nAfter.\\n")]
    ['&lt;math> x', 'After.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from columnist.markdown.critic import closed_spans
from columnist.markdown.fences import fence_close_line
from columnist.markdown.lines import LineIndex
from columnist.markdown.lists import opens_list_item, opens_quote

_HTML_OPEN = re.compile(r"^ {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*|!--)")
_INDENTED = re.compile(r"^(?: {4}|\t)")


@dataclass(frozen=True)
class Block:
    """`line`: 0-based line of the block's first line within the whole text; `start`:
    offset of its first character within the whole text; `unclosed_html`: offsets in
    `text` of the `<` of each raw HTML opener never closed."""

    line: int
    text: str
    start: int = 0
    unclosed_html: tuple[int, ...] = ()

    @property
    def source(self) -> str:
        """The text Markdown should read: each opener never closed starts with `&lt;`
        (text, shown as typed) instead of `<`. Same lines as `text`."""
        if not self.unclosed_html:
            return self.text
        pieces: list[str] = []
        last = 0
        for at in self.unclosed_html:
            pieces += [self.text[last:at], "&lt;"]
            last = at + 1
        pieces.append(self.text[last:])
        return "".join(pieces)


def _chunks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last+1) line ranges of runs of non-blank lines; fenced code stays whole
    (`markdown.fences`: an opener never closed is ordinary text)."""
    chunks: list[tuple[int, int]] = []
    start: int | None = None
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        close = fence_close_line(lines, i) if line[:1] in "`~" else None
        if close is not None:
            if start is None:
                start = i
            i = close + 1
            continue
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            chunks.append((start, i))
            start = None
        i += 1
    if start is not None:
        chunks.append((start, n))
    return chunks


def _kind(line: str) -> str:
    if line[:1].isalpha():  # most lines start a paragraph: no marker can be there
        return "other"
    return "list" if opens_list_item(line) else "quote" if opens_quote(line) else "other"


def split_blocks(body: str, first_line: int = 0, first_offset: int = 0) -> list[Block]:
    """Split `body` (text after the front matter) into blocks.

    `first_line` / `first_offset`: the 0-based line and the offset of the body's start in
    the whole text, so each block's `line` and `start` are positions in the editor.
    """
    lines = body.split("\n")
    chunks = _chunks(lines)
    if not chunks:
        return []

    index = LineIndex(body)
    critic_line_spans: list[tuple[int, int]] = []
    if "{" in body:
        for start, end in closed_spans(body):
            first = index.line_of(start)
            last = index.line_of(end - 1)
            if last > first:
                critic_line_spans.append((first, last))

    groups: list[list[int]] = []  # [first line, end line]
    unclosed: dict[int, list[int]] = {}  # group index -> offsets (in the body) of openers
    previous: tuple[int, int] | None = None  # the previous chunk's lines
    html_close: str | None = None  # closing tag the current group waits for
    closes_after = _Closers(body)
    for first, end in chunks:
        head = lines[first]
        kind = _kind(head)
        join = bool(groups) and (
            html_close is not None  # a raw HTML element still open
            or bool(_INDENTED.match(head))  # continuation of a list item, code, footnote
            # more items of the same list / more of the quote:
            or (kind != "other" and previous is not None
                and any(_kind(line) == kind for line in lines[previous[0]:previous[1]]))
            or any(f < first <= last for f, last in critic_line_spans)  # mark spans here
        )
        if join:
            groups[-1][1] = end
        else:
            groups.append([first, end])
        previous = (first, end)
        if html_close is not None:
            if html_close in "\n".join(lines[first:end]).lower():
                html_close = None
        elif "<" in head:
            match = _HTML_OPEN.match(head)
            if match:
                tag = match.group("tag").lower()
                closer = "-->" if tag == "!--" else f"</{tag}"
                text = "\n".join(lines[first:end]).lower()
                if closer not in text and tag not in _VOID_TAGS:
                    opener = index.starts[first] + match.start() + match.group().index("<")
                    if closes_after(closer, opener):
                        html_close = closer
                    else:  # never closed: text, and nothing after it joins its block
                        unclosed.setdefault(len(groups) - 1, []).append(opener)
    blocks = []
    for number, (first, end) in enumerate(groups):
        start = index.starts[first]
        openers = tuple(at - start for at in unclosed.get(number, ()))
        blocks.append(
            Block(first_line + first, "\n".join(lines[first:end]), first_offset + start, openers)
        )
    return blocks


class _Closers:
    """Is there a closing tag after this offset of the body? One backward search per
    kind of closer, so a column full of unclosed openers stays linear."""

    def __init__(self, body: str) -> None:
        self._body = body
        self._lower: str | None = None
        self._last: dict[str, int] = {}

    def __call__(self, closer: str, offset: int) -> bool:
        last = self._last.get(closer)
        if last is None:
            if self._lower is None:
                self._lower = self._body.lower()
            last = self._last[closer] = self._lower.rfind(closer)
        return last > offset


_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
