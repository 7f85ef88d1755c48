"""The Rating Changes panel: this month's changes from the cache, inserted as Markdown.

A dock (View ▸ Rating Changes, and Insert ▸ This Month's Rating Changes…) listing the
ratings published since a chosen date, grouped as the column talks about them (improved,
kept Outstanding, declined, first rated, kept another rating), with filters for trusts
only, a region and a kind. Two buttons insert the same Markdown that `columnist ratings
changes --markdown` prints (`ratings.changes_text`), as a list or as a sentence in the
column's style, at the editor's cursor as one undoable edit.

The "since" date starts a month before the newest rating in the cache, not today: the
bundled ratings end in February 2019, and the panel says which period it shows. Queries
run on a lane of their own (`core.tasks.LatestRunner`: the newest filters win), each on a
connection opened in the worker from the window's `RatingsService`; until the service has
opened the cache the panel says so. The view is made the first time the dock is shown, so
the cold start does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from columnist.core.tasks import LatestRunner, Ticket

if TYPE_CHECKING:
    from columnist.ratings.changes_text import ChangesDigest
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

LANE = "rating-changes"
OPENING = "The ratings cache is opening…"
ATTRIBUTION = "Contains CQC data © Care Quality Commission. Contains NHS England ODS data."
ISO = Qt.DateFormat.ISODate
NAME_ROLE = Qt.ItemDataRole.UserRole  # a change's row: the trust's name …
MOVE_ROLE = Qt.ItemDataRole.UserRole + 1  # … and "Good → Outstanding (date)" under it

# (label, groups) for the Kind box; None = every kind. Group names: ratings.changes_text.
KIND_ENTRIES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("All kinds", None),
    ("Improved or kept Outstanding", ("improved", "kept-outstanding")),
    ("Improved", ("improved",)),
    ("Kept Outstanding", ("kept-outstanding",)),
    ("Declined", ("declined",)),
    ("First rated", ("first",)),
    ("Kept another rating", ("kept-other",)),
    ("Changed (not a grade)", ("changed",)),
)


@dataclass(frozen=True)
class ChangesRequest:
    """What to ask the cache: `since` None means "a month before its newest rating"."""

    path: Path
    since: str | None
    trusts_only: bool
    region: str | None
    groups: tuple[str, ...] | None


def read_digest(request: ChangesRequest) -> ChangesDigest:
    """On the worker: the digest, over a connection of its own (closed after)."""
    from columnist.ratings.changes_text import changes_digest
    from columnist.ratings.connection import connect_reader

    db = connect_reader(request.path)
    try:
        return changes_digest(db, request.since, trusts_only=request.trusts_only,
                              region=request.region, groups=request.groups)
    finally:
        db.conn.close()


def insert_block(editor: QPlainTextEdit, text: str) -> None:
    """Insert `text` (a Markdown list) as a block of its own at the cursor, one undo step.

    A blank line is added before and after where the surrounding text needs one, so the
    list never runs into a paragraph; a selection is replaced.
    """
    cursor = editor.textCursor()
    block = cursor.block()
    start = min(cursor.position(), cursor.anchor())
    end = max(cursor.position(), cursor.anchor())
    before = block.text()[: start - block.position()]
    end_block = editor.document().findBlock(end)
    after = end_block.text()[end - end_block.position():]
    previous, following = block.previous(), end_block.next()
    if before.strip():
        prefix = "\n\n"
    elif previous.isValid() and previous.text().strip():
        prefix = "\n"
    else:
        prefix = ""
    if after.strip():
        suffix = "\n\n"
    elif following.isValid() and following.text().strip():
        suffix = "\n"
    else:
        suffix = ""
    _insert(editor, cursor, prefix + text + suffix)


def insert_inline(editor: QPlainTextEdit, text: str) -> None:
    """Insert `text` (a sentence) at the cursor, spaced from the words around it."""
    cursor = editor.textCursor()
    document = editor.document()
    start = min(cursor.position(), cursor.anchor())
    end = max(cursor.position(), cursor.anchor())
    char_before = document.characterAt(start - 1) if start > 0 else "\u2029"
    char_after = document.characterAt(end)
    prefix = "" if char_before in ("", "\x00") or char_before.isspace() else " "
    suffix = "" if char_after in ("", "\x00") or char_after.isspace() or char_after in ".,;:" \
        else " "
    _insert(editor, cursor, prefix + text + suffix)


def _insert(editor: QPlainTextEdit, cursor: QTextCursor, text: str) -> None:
    cursor.beginEditBlock()
    cursor.insertText(text)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


class ChangeRowDelegate(QStyledItemDelegate):
    """Draws a change's row as two lines: the name, then its move in the quieter
    placeholder colour (both from the palette, so light and dark themes alike). The item's
    own text holds both lines, for screen readers."""

    PADDING = 6

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        move = index.data(MOVE_ROLE)
        if move is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(0, self.PADDING // 2, 0, 0)
        metrics = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = opt.palette.currentColorGroup()
        first = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        second = (QPalette.ColorRole.HighlightedText if selected
                  else QPalette.ColorRole.PlaceholderText)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.save()
        for role, text, top in ((first, str(index.data(NAME_ROLE)), 0),
                                (second, str(move), metrics.lineSpacing())):
            painter.setPen(opt.palette.color(group, role))
            line = rect.adjusted(0, top, 0, 0)
            painter.drawText(line, align,
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(MOVE_ROLE) is None:
            return size
        return QSize(size.width(), 2 * option.fontMetrics.lineSpacing() + self.PADDING)


class ChangesView(QWidget):
    """The panel's widgets. `insertRequested(markdown, as_block)` when a button is pressed;
    `filtersChanged()` when the writer changes the date or a filter."""

    insertRequested = Signal(str, bool)
    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Rating changes")
        self._digest: ChangesDigest | None = None
        self._focus_wanted = False  # focus the date once it can take focus

        self.status = QLabel(OPENING, self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Period shown")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setMinimumDate(QDate(2013, 1, 1))
        self.since.setAccessibleName("Changes since")
        self.since.setToolTip("Ratings published after this day are listed")
        self.trusts_only = QCheckBox("NHS &trusts only", self)
        self.trusts_only.setChecked(True)
        self.trusts_only.setAccessibleName("NHS trusts only")
        self.region = QComboBox(self)
        self.region.addItem("All regions", None)
        self.region.setAccessibleName("Region")
        self.region.setToolTip(
            "NHS England's regions, as the ODS trust list records them (today's regions, "
            "not those of the rating's date). A trust with no region recorded is listed "
            "under All regions only.")
        self.kind = QComboBox(self)
        for label, groups in KIND_ENTRIES:
            self.kind.addItem(label, groups)
        self.kind.setAccessibleName("Kind of change")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_buddy("&Changes since", self.since, self), self.since)
        form.addRow(_buddy("Re&gion", self.region, self), self.region)
        form.addRow(_buddy("&Kind", self.kind, self), self.kind)
        form.addRow("", self.trusts_only)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setIndentation(12)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # full name in the tooltip
        self.tree.setMinimumHeight(160)
        self.tree.setItemDelegate(ChangeRowDelegate(self.tree))
        self.tree.setAccessibleName("Rating changes by kind")

        self.insert_list = QPushButton("Insert as &list", self)
        self.insert_list.setAccessibleName("Insert as list")
        self.insert_list.setToolTip("A Markdown list of the trusts, linked, with their change")
        self.insert_sentence = QPushButton("Insert as se&ntence", self)
        self.insert_sentence.setAccessibleName("Insert as sentence")
        self.insert_sentence.setToolTip("A sentence in the column's style, names linked")
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_list)
        buttons.addWidget(self.insert_sentence)

        credit = QLabel(ATTRIBUTION, self)
        credit.setWordWrap(True)
        credit.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = QFont(credit.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        credit.setFont(small)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(credit)
        self.setTabOrder(self.since, self.region)
        self.setTabOrder(self.region, self.kind)
        self.setTabOrder(self.kind, self.trusts_only)
        self.setTabOrder(self.trusts_only, self.tree)
        self.setTabOrder(self.tree, self.insert_list)
        self.setTabOrder(self.insert_list, self.insert_sentence)

        self.since.dateChanged.connect(lambda _d: self.filtersChanged.emit())
        self.trusts_only.toggled.connect(lambda _on: self.filtersChanged.emit())
        self.region.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self.kind.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self.insert_list.clicked.connect(self._insert_list)
        self.insert_sentence.clicked.connect(self._insert_sentence)
        self.set_message(OPENING)

    # ------------------------------------------------------------------ state

    @property
    def digest(self) -> ChangesDigest | None:
        """The changes shown (None before the first answer)."""
        return self._digest

    def chosen_since(self) -> str:
        return self.since.date().toString(ISO)

    def chosen_region(self) -> str | None:
        return self.region.currentData()

    def chosen_groups(self) -> tuple[str, ...] | None:
        return self.kind.currentData()

    def focus_since(self) -> None:
        """Put the focus on the date (now, or when the first changes arrive)."""
        if self.since.isEnabled():
            self.since.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self._focus_wanted = True

    def set_message(self, text: str) -> None:
        """Nothing to list (the cache is opening, or could not be read): say so."""
        self._digest = None
        self.status.setText(text)
        self.tree.clear()
        for widget in (self.since, self.region, self.kind, self.trusts_only):
            widget.setEnabled(False)
        self._set_enabled(False)

    def _set_enabled(self, have_changes: bool) -> None:
        self.insert_list.setEnabled(have_changes)
        self.insert_sentence.setEnabled(have_changes)

    def show_digest(self, digest: ChangesDigest) -> None:
        """Show `digest`: the period in words, the date and regions, the grouped rows."""
        from columnist.ratings.changes_text import GROUP_TITLES, display_name, move_text

        self._digest = digest
        self.status.setText(digest.label)
        widgets = (self.since, self.region)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if digest.until:
                self.since.setMaximumDate(QDate.fromString(digest.until, ISO))
            if digest.since and digest.since != self.chosen_since():
                self.since.setDate(QDate.fromString(digest.since, ISO))
            self._set_regions(digest.regions)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

        self.tree.clear()
        groups = digest.groups
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group, items in groups.items():
            head = QTreeWidgetItem([f"{GROUP_TITLES[group]} ({len(items)})"])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for change in items:
                name, move = display_name(change), move_text(change)
                row = QTreeWidgetItem([f"{name}\n{move}"])
                row.setData(0, NAME_ROLE, name)
                row.setData(0, MOVE_ROLE, move)
                row.setToolTip(0, f"{name} ({change.subject_id}): {move}")
                head.addChild(row)
        if not groups:
            empty = QTreeWidgetItem(["No rating changes match these filters."])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        self.tree.expandAll()
        for widget in (self.since, self.region, self.kind, self.trusts_only):
            widget.setEnabled(True)
        self._set_enabled(bool(groups))
        if self._focus_wanted:
            self._focus_wanted = False
            self.since.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_regions(self, regions: tuple[str, ...]) -> None:
        current = self.chosen_region()
        known = [self.region.itemData(i) for i in range(1, self.region.count())]
        if list(regions) != known:
            while self.region.count() > 1:
                self.region.removeItem(1)
            for region in regions:
                self.region.addItem(region, region)
        index = self.region.findData(current) if current else 0
        self.region.setCurrentIndex(max(index, 0))

    def row_texts(self) -> list[str]:
        """Every line of the tree as shown (group headings, then their rows)."""
        found: list[str] = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            found.append(head.text(0))
            found.extend(head.child(j).text(0) for j in range(head.childCount()))
        return found

    # ------------------------------------------------------------------ insert

    def _insert_list(self) -> None:
        if self._digest is not None and self._digest.changes:
            self.insertRequested.emit(self._digest.as_list(), True)

    def _insert_sentence(self) -> None:
        if self._digest is not None and self._digest.changes:
            self.insertRequested.emit(self._digest.as_sentence(), False)


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


class ChangesPanel:
    """The Rating Changes dock, its View toggle and Insert ▸ This Month's Rating Changes…."""

    dock: QDockWidget

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Dock, actions and wiring to the window's ratings service."""
        from columnist.ui.actions import make_action
        from columnist.ui.panels import add_dock, follow_dock

        self._window = window
        self._view: ChangesView | None = None
        self._runner: LatestRunner[ChangesRequest, Any] | None = None
        self._failure: str | None = None
        self.dock = add_dock(window, "Rating Changes", "ratingChangesDock")
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.toggle = menus.add_toggle("view/panels", "changes_panel", "Rating &Changes",
                                       "view/changes_visible", self.set_visible)
        follow_dock(window, self.dock, self.toggle, ignore_full_screen=True)
        menus.add("insert/changes", "insert_changes", make_action(
            window, "This Month's Rating &Changes…", self.open_panel,
            tip="List the ratings published since a date and insert them as Markdown"))
        ratings = window.ratings
        ratings.opened.connect(self.refresh)
        ratings.changed.connect(self.refresh)
        ratings.openFailed.connect(self._on_open_failed)

    @property
    def view(self) -> ChangesView:
        """The panel's widgets (made on first use)."""
        if self._view is None:
            view = ChangesView(self.dock)
            view.filtersChanged.connect(self.refresh)
            view.insertRequested.connect(self._insert)
            self.dock.setWidget(view)
            self._view = view
            self._runner = LatestRunner(lambda ticket: read_digest(ticket.payload),
                                        self._on_digest, self._on_failed,
                                        lane_name=LANE, parent=self.dock)
            self.refresh()
        return self._view

    def set_visible(self, on: bool) -> None:
        """Show or hide the dock (making the view first)."""
        if on:
            _ = self.view
        self.dock.setVisible(on)

    def open_panel(self) -> None:
        """Insert ▸ This Month's Rating Changes…: show the panel, focus its date."""
        self.toggle.setChecked(True)
        self.set_visible(True)
        self.dock.raise_()
        self.view.focus_since()

    def refresh(self) -> None:
        """Ask the cache again (filters changed, the cache opened or was refreshed)."""
        view, runner = self._view, self._runner
        if view is None or runner is None:
            return
        path = self._window.ratings.cache_path()
        if path is None:
            view.set_message(self._failure or OPENING)
            return
        since = view.chosen_since() if view.digest is not None else None
        runner.request(ChangesRequest(path, since, view.trusts_only.isChecked(),
                                      view.chosen_region(), view.chosen_groups()))

    def _on_visibility(self, visible: bool) -> None:
        if visible:
            _ = self.view

    def _on_digest(self, digest: ChangesDigest, _ticket: Ticket[ChangesRequest]) -> None:
        if self._view is not None:
            self._view.show_digest(digest)

    def _on_failed(self, error: BaseException, _ticket: Ticket[ChangesRequest]) -> None:
        if self._view is not None:
            self._view.set_message(
                f"The rating changes could not be read from the cache ({error}). "
                "Ratings ▸ Ratings Data… says what the cache holds.")

    def _on_open_failed(self, message: str) -> None:
        self._failure = f"The ratings cache could not be opened: {message}"
        if self._view is not None:
            self._view.set_message(self._failure)

    def _insert(self, markdown: str, as_block: bool) -> None:
        editor = self._window.editor
        if as_block:
            insert_block(editor, markdown)
        else:
            insert_inline(editor, markdown)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
