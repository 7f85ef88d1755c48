"""The Problems panel's widget: the live findings as rows, filtered by severity.

Each row is "line:column · severity · message", as a compiler's error list or VS Code's
Problems view shows them; the severity is a word, never a colour alone. Three toggle
buttons above the list count the errors, warnings and infos and filter by them; "Fix"
applies the selected row's first quick fix. A click selects the finding's words in the
editor (the panel keeps focus), Enter applies the row's first fix (or, when it has none,
goes to it in the editor), double-click goes to it; the context menu lists every fix of
the row.

The rows come from a table model that reads each finding's position only when Qt paints
its row: a 50,000-word column may have hundreds of findings, and a reset costs nothing
until then, so the list can follow every result without stalling the typing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from columnist.review.findings import SEVERITY_ORDER, Severity, count_phrase, severity_counts
from columnist.ui.finding_underlines import SEVERITY_WORDS

if TYPE_CHECKING:
    from columnist.review.findings import Fix
    from columnist.ui.live_checks import LiveFinding

COLUMNS = ("Line", "Severity", "Problem")
Index = QModelIndex | QPersistentModelIndex


def row_cells(position: tuple[int, int], live: LiveFinding) -> tuple[str, str, str]:
    """The three cells of a finding's row: "line:column", the severity in words, the
    message."""
    line, column = position
    return f"{line}:{column}", SEVERITY_WORDS[live.severity], live.message


class ProblemsModel(QAbstractTableModel):
    """The shown findings (those of the severities switched on), in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LiveFinding] = []

    def set_rows(self, rows: list[LiveFinding]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        live = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_cells(live.position(), live)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            fixes = live.usable_fixes()
            tip = f"{SEVERITY_WORDS[live.severity]}: {live.message}"
            if fixes:
                tip += "\nEnter: " + fixes[0].label
            return tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            line, column = live.position()
            return (f"{SEVERITY_WORDS[live.severity]}, line {line}, column {column}: "
                    f"{live.message}")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class ProblemsTable(QTableView):
    """The list; Enter is "apply the first fix" (`activated` stays the double-click)."""

    enterPressed = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ProblemsView(QWidget):
    """Filter buttons with counts, the list, the Fix button and a line saying what the
    checks did (not yet run, skipped for want of the rating cache, nothing found).

    Signals: `jumpRequested(live, focus_editor)`, `fixRequested(live, fix)`.
    """

    jumpRequested = Signal(object, bool)
    fixRequested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self._all: list[LiveFinding] = []
        self.filters: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for severity in SEVERITY_ORDER:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.toggled.connect(self._refilter)
            self.filters[severity] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.fix_button = QPushButton("&Fix", self)
        self.fix_button.setToolTip("Apply the selected problem's quick fix (Enter)")
        self.fix_button.clicked.connect(self._fix_current)
        bar.addWidget(self.fix_button)
        self.model = ProblemsModel(self)
        self.table = ProblemsTable(self)
        self.table.setAccessibleName("Problems list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(lambda index: self._jump(index.row(), False))
        self.table.activated.connect(lambda index: self._jump(index.row(), True))
        self.table.enterPressed.connect(self._enter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.state = QLabel("", self)
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        self.set_findings([], "")

    # -- content ----------------------------------------------------------------------

    def set_findings(self, findings: list[LiveFinding], state: str) -> None:
        """Show `findings` (the live ones, in reading order) and the `state` line."""
        self._all = findings
        counts = severity_counts(live.finding for live in findings)
        for severity, button in self.filters.items():
            phrase = count_phrase(counts[severity], severity)
            button.setText(phrase[0].upper() + phrase[1:])
            button.setAccessibleName(f"Show {phrase}")
            button.setToolTip(f"Show or hide the {SEVERITY_WORDS[severity].lower()} rows")
        self.state.setText(state)
        self.state.setVisible(bool(state))
        self._refilter()

    def shown(self) -> list[LiveFinding]:
        """The rows as listed now."""
        return list(self.model.rows)

    def _refilter(self) -> None:
        current = self.current()
        wanted = {s for s, button in self.filters.items() if button.isChecked()}
        self.model.set_rows([live for live in self._all if live.severity in wanted])
        if current is not None and current in self.model.rows:
            self.table.selectRow(self.model.rows.index(current))
        self._update_fix_button()

    def current(self) -> LiveFinding | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    # -- acting -----------------------------------------------------------------------

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_fix_button()

    def _update_fix_button(self) -> None:
        current = self.current()
        self.fix_button.setEnabled(current is not None and bool(current.usable_fixes()))

    def _jump(self, row: int, focus_editor: bool) -> None:
        if 0 <= row < len(self.model.rows):
            self.jumpRequested.emit(self.model.rows[row], focus_editor)

    def _enter(self, row: int) -> None:
        live = self.model.rows[row]
        fixes = live.usable_fixes()
        if fixes:
            self.fixRequested.emit(live, fixes[0])
        else:
            self.jumpRequested.emit(live, True)

    def _fix_current(self) -> None:
        current = self.current()
        if current is not None and current.usable_fixes():
            self.fixRequested.emit(current, current.usable_fixes()[0])

    def context_menu_for(self, live: LiveFinding) -> QMenu:
        """The row's menu: each usable fix, then "Go to Problem"."""
        menu = QMenu(self)
        for fix in live.usable_fixes():
            menu.addAction(fix.label).triggered.connect(
                lambda _c=False, f=fix: self._emit_fix(live, f))
        if menu.actions():
            menu.addSeparator()
        menu.addAction("&Go to Problem").triggered.connect(
            lambda _c=False: self.jumpRequested.emit(live, True))
        return menu

    def _emit_fix(self, live: LiveFinding, fix: Fix) -> None:
        self.fixRequested.emit(live, fix)

    def _context_menu(self, point: object) -> None:
        index = self.table.indexAt(point)  # type: ignore[arg-type]
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        live = self.model.rows[index.row()]
        self.context_menu_for(live).exec(self.table.viewport().mapToGlobal(point))  # type: ignore[arg-type]
