"""Findings underlined in the editor: a wavy line in the severity's colour, the message
on hover.

Only what is on screen is decorated (DESIGN.md: "only the visible blocks are
decorated"): a 50,000-word column can have 500 findings, and `setExtraSelections` costs
in proportion to how many it is given (Qt repaints the old and new rectangle of each one,
laying out the blocks they are in). So after each scroll, resize or edit, once per
event-loop turn (and at once when the checks bring a result, so the underline does not
wait behind the preview's layout of the same render), the findings that meet the visible
blocks are looked up in `LiveChecks` (a binary search: spans keep their order under edits)
and only those become `ExtraSelection`s, in the editor's "findings" group beside find
matches and focus dimming. A finding whose words were edited is not drawn (`LiveFinding.alive`).

The colours are the severity's, in a light and a dark shade chosen for contrast with the
page (the editor's base colour says which), and the severity is always said in words too
(the tooltip, the Problems panel), never by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip

from columnist.review.findings import Severity

if TYPE_CHECKING:
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.live_checks import LiveChecks, LiveFinding

GROUP = "findings"
# (light page, dark page): each at least 3:1 against its page, as a non-text mark needs.
COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("#c62828", "#ff7b72"),
    Severity.WARNING: ("#b35c00", "#f0b44c"),
    Severity.INFO: ("#1f5fbf", "#79b8ff"),
}
SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}


def severity_colour(severity: Severity, dark: bool) -> QColor:
    """The underline's colour for `severity` on a light or dark page.

    >>> severity_colour(Severity.ERROR, False).name(), severity_colour(Severity.INFO, True).name()
    ('#c62828', '#79b8ff')
    """
    return QColor(COLOURS[severity][1 if dark else 0])


def tooltip_text(findings: list[LiveFinding]) -> str:
    """What hovering over underlined words shows: each finding's severity and message,
    and the fix keys when there is one."""
    lines = []
    for live in findings:
        lines.append(f"{SEVERITY_WORDS[live.severity]}: {live.message}")
    if any(live.usable_fixes() for live in findings):
        lines.append("Quick fix: Ctrl+. (or right-click)")
    return "\n".join(lines)


class FindingUnderlines(QObject):
    """Keeps the editor's "findings" extra selections to the visible findings."""

    def __init__(self, editor: MarkdownEditor, checks: LiveChecks) -> None:
        super().__init__(editor)
        self._editor = editor
        self._checks = checks
        self.shown: list[LiveFinding] = []  # what is underlined now (tests read it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        checks.changed.connect(self.refresh)  # once per result or sweep: at once
        editor.verticalScrollBar().valueChanged.connect(self._timer.start)
        editor.textChanged.connect(self._timer.start)
        editor.viewport().installEventFilter(self)
        editor.installEventFilter(self)

    def _dark(self) -> bool:
        return self._editor.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def visible_range(self) -> tuple[int, int]:
        """Qt positions from the first to the last block on screen."""
        editor = self._editor
        block = editor.firstVisibleBlock()
        start = block.position()
        end = start
        offset = editor.contentOffset()
        height = editor.viewport().height()
        while block.isValid():
            end = block.position() + block.length()
            if editor.blockBoundingGeometry(block).translated(offset).bottom() >= height:
                break
            block = block.next()
        return start, end

    def refresh(self) -> None:
        """Underline the visible findings (once per turn of the event loop)."""
        start, end = self.visible_range()
        dark = self._dark()
        shown = [live for live in self._checks.between(start, end) if live.alive()]
        selections = []
        for live in shown:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(live.span.cursor)
            text_format = QTextCharFormat()
            text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            text_format.setUnderlineColor(severity_colour(live.severity, dark))
            selection.format = text_format
            selections.append(selection)
        if not selections and not self.shown:
            return  # nothing drawn before or now: leave the other groups be
        self.shown = shown
        self._editor.set_selection_group(GROUP, selections)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and watched is self._editor.viewport():
            assert isinstance(event, QHelpEvent)
            position = self._editor.cursorForPosition(event.pos()).position()
            found = self._checks.at(position)
            if found:
                QToolTip.showText(event.globalPos(), tooltip_text(found), self._editor.viewport())
                return True
            QToolTip.hideText()
        elif kind in (QEvent.Type.Resize, QEvent.Type.PaletteChange):
            self._timer.start()
        return False
