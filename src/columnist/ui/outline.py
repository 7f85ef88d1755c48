"""The outline: the column's headings as a tree; click one to jump to it.

Fed with the headings (level, text, 0-based line) of the column model that comes with
each render (`markdown.column`), so it never parses Markdown itself. Rebuilding is skipped
when the headings are unchanged, which is the common case while the writer types a
paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

LINE_ROLE = Qt.ItemDataRole.UserRole


class HeadingLike(Protocol):
    """What the outline needs of a heading (markdown.headings.Heading has these)."""

    level: int
    text: str
    line: int


class OutlineView(QTreeWidget):
    """Nested headings; `headingActivated(line)` on click or Enter."""

    headingActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(14)
        self.setAccessibleName("Outline")
        self._signature: tuple[tuple[int, str, int], ...] | None = None
        self._lines: list[int] = []
        self._items: list[QTreeWidgetItem] = []
        self.itemClicked.connect(self._on_item_activated)
        self.itemActivated.connect(self._on_item_activated)  # Enter, double-click

    def show_updating(self) -> None:
        """Another document is being read: one greyed "Updating…" row until its headings."""
        self._signature = None
        self.blockSignals(True)
        try:
            self.clear()
            self._lines = []
            self._items = []
            item = QTreeWidgetItem(self, ["Updating…"])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        finally:
            self.blockSignals(False)

    def set_headings(self, headings: Sequence[HeadingLike]) -> None:
        """Show `headings` (in document order), nested by level."""
        signature = tuple((h.level, h.text, h.line) for h in headings)
        if signature == self._signature:
            return
        current = self.currentItem()
        current_line = current.data(0, LINE_ROLE) if current is not None else None
        self._signature = signature
        self.blockSignals(True)
        try:
            self.clear()
            self._lines = []
            self._items = []
            stack: list[tuple[int, QTreeWidgetItem]] = []
            for level, text, line in signature:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = stack[-1][1] if stack else None
                item = QTreeWidgetItem([text.strip() or "(untitled heading)"])
                item.setData(0, LINE_ROLE, line)
                item.setToolTip(0, f"{text.strip()}  (line {line + 1})")
                if parent is None:
                    self.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                stack.append((level, item))
                self._lines.append(line)
                self._items.append(item)
            self.expandAll()
            if current_line is not None:
                self.set_current_line(current_line)
        finally:
            self.blockSignals(False)

    def set_current_line(self, line: int) -> None:
        """Highlight the heading of the section that contains `line` (the cursor's line)."""
        index = bisect_right(self._lines, line) - 1
        if index < 0:
            self.clearSelection()
            self.setCurrentItem(None)
            return
        item = self._items[index]
        if item is not self.currentItem():
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line = item.data(0, LINE_ROLE)
        if line is not None:
            self.headingActivated.emit(int(line))
