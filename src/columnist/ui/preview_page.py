"""The preview page updated in place: only the blocks whose source changed are replaced.

A whole page of a 50,000-word column is ~1,400 blocks; building and laying it out again
for a one-character edit is 0.3–0.5 s of work that competes with the typing. Replacing one
paragraph in the page already shown and letting Qt move the rest is about 2 ms on the GUI
thread (Qt's layout re-lays the changed blocks and shifts the ones after them).

The page's body is cut into *segments* at the places where fragments can be joined without
Qt merging or reformatting anything (before a paragraph that follows a paragraph: never
inside a list or a table); most segments are one paragraph. Each render compares its
segments with those of the page shown (`PageState`): the common run at the start and at
the end is kept and only the segments between are parsed (on the render lane) and put in
place (`PageMap.apply`, on the GUI thread). Segments are compared without their source
line numbers (the anchors scroll sync uses), so a line added above shifts nothing but the
numbers, which `PageMap` keeps beside the page rather than in it.

A new document, a theme, font or width change, or a change too large to be worth it
(`PATCH_CHARS`) builds the whole page, as before.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextDocumentFragment

if TYPE_CHECKING:
    from collections.abc import Callable

ANCHOR_PREFIX = "L"
_ANCHOR = re.compile(r'<a name="L(\d+)"></a>')
# New segments over this many characters are built as a whole page instead: putting a
# pasted chapter in place would be a long step on the GUI thread.
PATCH_CHARS = 20_000


def split_page(page: str) -> tuple[str, str, str] | None:
    """`page` as (head up to and with `<body …>`, body, `</body>` onwards); None if it has
    no body.

    >>> split_page('<html><head></head><body bgcolor="#fff"><p>a</p></body></html>')
    ('<html><head></head><body bgcolor="#fff">', '<p>a</p>', '</body></html>')
    """
    open_end = page.find(">", page.find("<body")) + 1
    close_start = page.rfind("</body>")
    if open_end <= 0 or close_start < open_end:
        return None
    return page[:open_end], page[open_end:close_start], page[close_start:]


def segments(body: str) -> list[str]:
    """`body` cut before each anchored paragraph that follows a paragraph.

    >>> body = ('<h1>T</h1><p><a name="L1"></a>a</p><p><a name="L3"></a>b</p>'
    ...         '<ul><li><a name="L5"></a>c</li></ul><p><a name="L7"></a>d</p>')
    >>> [s if len(s) < 40 else s[:40] + "…" for s in segments(body)]
    ['<h1>T</h1><p><a name="L1"></a>a</p>', '<p><a name="L3"></a>b</p><ul><li><a name…']
    """
    cuts = [0]
    for match in _ANCHOR.finditer(body):
        start = body.rfind("<", 0, match.start())
        if (start > cuts[-1] and body.startswith("<p", start)
                and body[cuts[-1]:start].rstrip().endswith("</p>")):
            cuts.append(start)
    cuts.append(len(body))
    return [body[a:b] for a, b in itertools.pairwise(cuts) if b > a] or [body]


def first_line(segment: str) -> int | None:
    """The source line of the first anchor in `segment` (None: it has none).

    >>> first_line('<p><a name="L12"></a>x <a name="L14"></a></p>'), first_line('<hr>')
    (12, None)
    """
    match = _ANCHOR.search(segment)
    return int(match[1]) if match else None


def segment_key(segment: str) -> str:
    """`segment` with its anchors numbered from its first one: the same paragraph moved
    down by a line has the same key.

    >>> segment_key('<p><a name="L12"></a>x<a name="L14"></a></p>')
    '<p><a name="L+0"></a>x<a name="L+2"></a></p>'
    """
    base = first_line(segment)
    if base is None:
        return segment
    return _ANCHOR.sub(lambda m: f'<a name="L+{int(m[1]) - base}"></a>', segment)


@dataclass(frozen=True, eq=False)
class PageState:
    """What a shown page was built from: its segments' keys and what every block's look
    depends on. A render for the same look can patch it; anything else builds anew."""

    keys: tuple[str, ...]
    lines: tuple[int | None, ...]  # first_line of each segment
    head: str  # the stylesheet (theme) and body attributes
    tail: str
    width: float
    font: str  # QFont.toString()
    base_dir: Path | None

    def same_look(self, other: PageState) -> bool:
        return (self.head, self.tail, self.width, self.font, self.base_dir) == (
            other.head, other.tail, other.width, other.font, other.base_dir)


def plan_patch(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int, int] | None:
    """(first, removed, added): `old[first:first + removed]` becomes
    `new[first:first + added]`, the rest being the same. Both counts are at least 1 (a
    neighbour is taken along), or both 0 when nothing but line numbers changed; None when
    either side is empty.

    >>> plan_patch(("a", "b", "c"), ("a", "B", "c"))
    (1, 1, 1)
    >>> plan_patch(("a", "c"), ("a", "b", "c"))  # an insertion takes its neighbour along
    (0, 1, 2)
    >>> plan_patch(("a", "b"), ("a", "b"))
    (2, 0, 0)
    """
    n, m = len(old), len(new)
    if not n or not m:
        return None
    first = 0
    while first < min(n, m) and old[first] == new[first]:
        first += 1
    same_end = 0
    while same_end < min(n, m) - first and old[n - 1 - same_end] == new[m - 1 - same_end]:
        same_end += 1
    removed, added = n - first - same_end, m - first - same_end
    if removed == added == 0:
        return first, 0, 0
    if removed == 0 or added == 0:
        if first > 0:
            first -= 1
        removed, added = removed + 1, added + 1
    return first, removed, added


@dataclass
class PagePart:
    """One new segment, parsed on the render lane: its document and, for each anchor in
    it, (source line, block number within the part)."""

    document: QTextDocument
    anchors: list[tuple[int, int]]


@dataclass
class PagePatch:
    """Replace segments `first`..`first + removed` of the page shown with `parts`."""

    base: PageState  # the page this patch applies to
    first: int
    removed: int
    parts: list[PagePart]


# A segment that starts with one of these cannot take another's place: its first block
# belongs to a list or a table, which a block's format does not carry.
_STRUCTURES = ("<ul", "<ol", "<table", "<dl")


def can_land(old_key: str, part: QTextDocument) -> bool:
    """A new part may go where a segment was: neither starts inside a list or a table
    (only the first segment can; every other one starts with a paragraph)."""
    first = part.begin()
    return (not old_key.lstrip().startswith(_STRUCTURES) and first.textList() is None
            and QTextCursor(first).currentTable() is None)


def part_anchors(doc: QTextDocument) -> list[tuple[int, int]]:
    """(source line, block number) of each `L{line}` anchor in `doc`, first mention."""
    found: dict[int, int] = {}
    block = doc.begin()
    while block.isValid():
        for line in anchor_lines(block):
            found.setdefault(line, block.blockNumber())
        block = block.next()
    return sorted(found.items())


def anchor_lines(block: QTextBlock) -> list[int]:
    """The source lines of the `L{line}` anchors in `block`, in order."""
    lines = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            for name in fragment.charFormat().anchorNames():
                if name.startswith(ANCHOR_PREFIX) and name[1:].isdigit():
                    lines.append(int(name[1:]))
        it += 1
    return lines


def put_fragment(cursor: QTextCursor, part: QTextDocument, separate: bool) -> QTextBlock:
    """Insert `part` at `cursor` (after a new block when `separate`); its first block keeps
    its own format rather than the one of the block it lands in. Returns that block."""
    if separate:
        cursor.insertBlock()
    start = cursor.position()
    cursor.insertFragment(QTextDocumentFragment(part))
    block = cursor.document().findBlock(start)
    keep_own_format(block, part)
    return block


def keep_own_format(block: QTextBlock, part: QTextDocument) -> None:
    """Give `block` the block and character format of `part`'s first block."""
    cursor = QTextCursor(block)
    cursor.setBlockFormat(part.begin().blockFormat())
    cursor.setBlockCharFormat(part.begin().charFormat())


class PageMap:
    """Where each segment of the page shown starts, and its anchors, kept beside the page
    as it is patched (the anchors' names in the page go stale when lines shift; these do
    not). `anchors(y_of)` is the (line, y) list scroll sync reads; each anchor's y is kept
    too, so a patch measures only the anchors it put in and moves the ones below it by the
    same amount (Qt moves those blocks without laying them out again): re-measuring all
    2,800 anchors of a 50,000-word page after each edit was 40 ms on the GUI thread."""

    def __init__(self) -> None:
        self.state: PageState | None = None
        self._starts: list[QTextBlock] = []
        self._anchors: list[list[tuple[int, QTextBlock]]] = []  # (line - base, block)
        self._ys: list[list[float]] | None = None  # each anchor's y, by segment

    def reset(self, state: PageState | None, doc: QTextDocument,
              anchors: list[tuple[int, int]], ys: dict[int, float] | None = None) -> None:
        """A whole page: `anchors` are its (line, block number) pairs, ascending, and `ys`
        the y of each line's anchor when the page was laid out."""
        self.state = state
        self._starts, self._anchors, self._ys = [], [], None
        if state is None:
            return
        by_line = dict(anchors)
        index = 0
        for i, line in enumerate(state.lines):
            number = 0 if i == 0 or line is None else by_line.get(line)
            if number is None:  # cannot happen for a page built from these segments
                self.state = None
                self._starts, self._anchors = [], []
                return
            self._starts.append(doc.findBlockByNumber(number))
            self._anchors.append([])
        # Each anchor belongs to the last segment starting at or before its line.
        starts = [line if line is not None else -1 for line in state.lines]
        for line, number in anchors:
            while index + 1 < len(starts) and starts[index + 1] != -1 \
                    and starts[index + 1] <= line:
                index += 1
            base = self._base(index)
            self._anchors[index].append((line - base, doc.findBlockByNumber(number)))
        if ys is not None and all(line in ys for line, _ in anchors):
            self._ys = [[ys[self._base(i) + offset] for offset, _ in items]
                        for i, items in enumerate(self._anchors)]

    def _base(self, index: int) -> int:
        assert self.state is not None
        line = self.state.lines[index]
        return 0 if line is None else line

    def _end_before(self, index: int, doc: QTextDocument) -> int:
        """The position just before segment `index` starts (the page's end past the last)."""
        if index < len(self._starts):
            return self._starts[index].position() - 1
        return doc.characterCount() - 1

    def apply(self, doc: QTextDocument, patch: PagePatch, state: PageState,
              y_of: Callable[[QTextBlock], float]) -> bool:
        """Put `patch` in `doc`; False (nothing changed) if it was made for another page."""
        if self.state is None or patch.base is not self.state:
            return False
        first, removed = patch.first, patch.removed
        if removed:
            after = first + removed
            old_first = self._starts[first]
            old_number = old_first.blockNumber()
            start = old_first.position()
            # The new parts go in after the old segments, each in a block of its own (as
            # a whole page is built), then the old ones and the break after them go.
            # Block numbers, not blocks, are kept: splitting a block hands its identity
            # to the part after the split.
            cursor = QTextCursor(doc)
            cursor.setPosition(self._end_before(after, doc))
            # One edit block: Qt then updates the layout once, not after each step (each
            # step alone costs 1–2 ms in a 50,000-word page).
            cursor.beginEditBlock()
            numbers = [put_fragment(cursor, part.document, separate=True).blockNumber()
                       for part in patch.parts]
            cut = QTextCursor(doc)
            cut.setPosition(start)
            cut.setPosition(doc.findBlockByNumber(numbers[0]).position(),
                            QTextCursor.MoveMode.KeepAnchor)
            cut.removeSelectedText()
            gone = numbers[0] - old_number
            numbers = [number - gone for number in numbers]
            first_new = doc.findBlockByNumber(numbers[0])
            keep_own_format(first_new, patch.parts[0].document)
            # Re-formatting that block leaves its layout out of date (zero high) without
            # moving what follows: lay the new blocks out again, and only them.
            last_new = self._end_before(after, doc)
            cursor.endEditBlock()
            doc.markContentsDirty(first_new.position(), last_new - first_new.position())
            self.state = state  # the new segments' lines from here on (`_base`)
            starts: list[QTextBlock] = []
            anchors: list[list[tuple[int, QTextBlock]]] = []
            for index, (part, number) in enumerate(zip(patch.parts, numbers, strict=True)):
                base = self._base(first + index)
                starts.append(doc.findBlockByNumber(number))
                anchors.append([(at - base, doc.findBlockByNumber(number + k))
                                for at, k in part.anchors])
            self._starts[first:after] = starts
            self._anchors[first:after] = anchors
            if self._ys is not None:
                self._ys[first:after] = [[y_of(block) for _, block in items]
                                         for items in anchors]
                self._move_below(first + len(anchors), y_of)
        self.state = state
        return True

    def _move_below(self, index: int, y_of: Callable[[QTextBlock], float]) -> None:
        """The anchors of segments `index`… moved as much as the first of them did."""
        assert self._ys is not None
        for items, ys in zip(self._anchors[index:], self._ys[index:], strict=True):
            if items:
                shift = y_of(items[0][1]) - ys[0]
                break
        else:
            return
        if shift:
            self._ys[index:] = [[y + shift for y in ys] for ys in self._ys[index:]]

    def anchors(self, y_of: Callable[[QTextBlock], float]) -> list[tuple[int, float]]:
        """(source line, y) of every anchor, ascending, with the lines as they are now."""
        if self._ys is None:
            self._ys = [[y_of(block) for _, block in items] for items in self._anchors]
        out: list[tuple[int, float]] = []
        for index, (items, ys) in enumerate(zip(self._anchors, self._ys, strict=True)):
            base = self._base(index)
            out.extend((base + offset, y) for (offset, _), y in zip(items, ys, strict=True))
        return out
