"""Exact text access and Python/Qt offset mapping for the editor.

Python indexes strings by code point, Qt's QTextCursor by UTF-16 code unit: every character
outside the Basic Multilingual Plane (emoji, some CJK) is one Python index but two Qt
positions. Find/replace and programmatic edits run Python's `re` over `editor.text()` and
must translate offsets both ways, or a replacement after an emoji lands one character off.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtGui import QTextDocument

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
PARAGRAPH_SEPARATOR = "\u2029"


def document_text(document: QTextDocument) -> str:
    """The document's text exactly as typed, with "\\n" between blocks.

    `toPlainText()` would turn no-break spaces (U+00A0) into plain spaces and line
    separators (U+2028) into newlines, silently changing the saved file; `toRawText()`
    keeps every character, so only the block separator (U+2029) needs mapping.
    """
    return document.toRawText().replace(PARAGRAPH_SEPARATOR, "\n")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (what Qt counts)."""
    return len(text) + len(_ASTRAL.findall(text))


class OffsetMap:
    """Translate between Python indexes and Qt positions for one snapshot of the text.

    >>> m = OffsetMap("a😀b")
    >>> m.to_qt(2), m.to_py(3)
    (3, 2)
    """

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Qt position just after each astral character (its two code units).
        self._astral_ends = [p + k + 2 for k, p in enumerate(self._astral)]

    @property
    def identity(self) -> bool:
        """True when the text has no astral characters (offsets coincide)."""
        return not self._astral

    def to_qt(self, index: int) -> int:
        """Qt position of the Python index `index`."""
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """Python index of the Qt position `position` (rounded down inside a surrogate pair)."""
        if not self._astral:
            return position
        before = bisect_right(self._astral_ends, position)
        index = position - before
        # Inside a surrogate pair: position - before lands one past the character.
        if before < len(self._astral) and self._astral[before] < index:
            index = self._astral[before]
        return index
