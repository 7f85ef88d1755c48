"""Where each line starts: offsets in a text <-> 0-based (line, column) positions.

The review marks, trust links and block splitter all report editor positions for spans
they found by character offset; one index, built once per text, answers all of them.

    >>> index = LineIndex("one\\ntwo\\n")
    >>> index.position(5), index.line_of(3)
    ((1, 1), 0)
"""

from __future__ import annotations

import bisect


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (always starts with 0).

    >>> line_starts("a\\nbc\\n")
    [0, 2, 5]
    """
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


class LineIndex:
    """Line starts of one text, for repeated offset -> line look-ups (binary search)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        """0-based line that holds the character at `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of `offset`."""
        line = self.line_of(offset)
        return line, offset - self.starts[line]
