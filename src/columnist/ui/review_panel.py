"""View ▸ Review Panel (Ctrl+Shift+R): every review mark, accept or reject, and sign-off.

The dock lists each mark of the column model (`markdown.column` → `review.marks`) with
its kind, reviewer, text and the words around it; a click shows it in the text, Enter
goes there. Accept / Reject act on the chosen mark; Accept All / Reject All on every mark,
or on one reviewer's when the Reviewer list names one. Each is one undo step. Malformed
marks (never closed, or with a mark inside) are listed with a warning and left alone.

The Status list sets the front matter's `status` (`review.sign_off`): approving runs the
checks first (off the GUI thread) and is refused, with the reason shown in the panel,
while marks or errors remain; it records `approved_by` (your name, else your initials,
from Preferences) and `approved_on`. The status bar counts the marks ("3 suggestions, 2
comments").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from columnist.review.marks import (
    ReviewError,
    ReviewMark,
    authors,
    counts_label,
    find_marks,
    resolve,
    resolve_all,
    review_marks,
)
from columnist.review.sign_off import STATUSES, current_status, set_status
from columnist.ui.check_settings import check_context

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow
    from columnist.ui.preview import RenderOutput

EVERYONE = "Everyone"
KIND_LABELS = {"insertion": "Added", "deletion": "Deleted", "substitution": "Replaced",
               "comment": "Comment", "highlight": "Highlight"}
PROBLEM_LABELS = {"unclosed": "never closed", "nested": "mark inside a mark"}
MARK_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_MS = 8000


def kind_label(item: ReviewMark) -> str:
    """What the panel's first column says ("⚠ Deleted: never closed" when malformed)."""
    label = KIND_LABELS.get(item.kind, item.kind)
    if item.problem:
        return f"⚠ {label}: {PROBLEM_LABELS.get(item.problem, item.problem)}"
    return label


class ReviewView(QWidget):
    """The panel's widgets; the feature does the work (signals below)."""

    jumpRequested = Signal(int, int, bool)  # start, end, focus the text
    resolveRequested = Signal(bool, bool)  # accept, all
    statusChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Review")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        grid = QGridLayout()
        layout.addLayout(grid)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Review status")
        for status in STATUSES:
            self.status.addItem(status.capitalize(), status)
        status_label = QLabel("&Status:", self)
        status_label.setBuddy(self.status)
        grid.addWidget(status_label, 0, 0)
        grid.addWidget(self.status, 0, 1)
        self.reviewer = QComboBox(self)
        self.reviewer.setAccessibleName("Reviewer")
        self.reviewer.addItem(EVERYONE, "")
        reviewer_label = QLabel("Re&viewer:", self)
        reviewer_label.setBuddy(self.reviewer)
        grid.addWidget(reviewer_label, 1, 0)
        grid.addWidget(self.reviewer, 1, 1)
        grid.setColumnStretch(1, 1)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Review message")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        layout.addWidget(self.message)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName("Review marks")
        self.list.setHeaderLabels(["Mark", "By", "Text", "Line"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.detail = QLabel("", self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Chosen mark")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        buttons = QGridLayout()
        layout.addLayout(buttons)
        self.accept = QPushButton("&Accept", self)
        self.reject = QPushButton("&Reject", self)
        self.accept_all = QPushButton("Accept A&ll", self)
        self.reject_all = QPushButton("Re&ject All", self)
        for i, button in enumerate((self.accept, self.reject, self.accept_all, self.reject_all)):
            buttons.addWidget(button, i // 2, i % 2)
        self.accept.clicked.connect(lambda: self.resolveRequested.emit(True, False))
        self.reject.clicked.connect(lambda: self.resolveRequested.emit(False, False))
        self.accept_all.clicked.connect(lambda: self.resolveRequested.emit(True, True))
        self.reject_all.clicked.connect(lambda: self.resolveRequested.emit(False, True))
        self.reviewer.currentIndexChanged.connect(self._on_reviewer)
        self.status.activated.connect(lambda i: self.statusChosen.emit(self.status.itemData(i)))
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(lambda item, _c: self._jump(item, True))
        self.list.itemClicked.connect(lambda item, _c: self._jump(item, False))
        self._marks: list[ReviewMark] = []
        self._update_buttons()

    @property
    def marks(self) -> list[ReviewMark]:
        return self._marks

    def author(self) -> str | None:
        """The reviewer chosen (None: everyone)."""
        return self.reviewer.currentData() or None

    def current_mark(self) -> ReviewMark | None:
        item = self.list.currentItem()
        index = None if item is None else item.data(0, MARK_ROLE)
        return None if index is None else self._marks[int(index)]

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def set_marks(self, marks: list[ReviewMark], status: str) -> None:
        """Show `marks` (kept selection on the same place) and the column's status."""
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        previous = self.current_mark()
        keep = (previous.start, previous.kind) if previous is not None else None
        self._marks = marks
        chosen = self.author()
        self.reviewer.blockSignals(True)
        self.reviewer.clear()
        self.reviewer.addItem(EVERYONE, "")
        for initials in authors(marks):
            self.reviewer.addItem(initials, initials)
        self.reviewer.setCurrentIndex(max(0, self.reviewer.findData(chosen or "")))
        self.reviewer.blockSignals(False)
        self.list.blockSignals(True)
        self.list.clear()
        warn = QBrush(QColor("#b3261e"))
        current = None
        for i, mark in enumerate(marks):
            text = " ".join(mark.text.split())
            item = QTreeWidgetItem([kind_label(mark), mark.author, text, str(mark.line + 1)])
            item.setData(0, MARK_ROLE, i)
            item.setToolTip(0, mark.context)
            item.setToolTip(2, mark.context)
            if mark.problem:
                for column in range(4):
                    item.setForeground(column, warn)
            self.list.addTopLevelItem(item)
            if keep == (mark.start, mark.kind) or (keep and current is None
                                                   and mark.start >= keep[0]):
                current = item
        if not marks:
            empty = QTreeWidgetItem(["No review marks", "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(empty)
        if current is not None:
            self.list.setCurrentItem(current)
        self.list.blockSignals(False)
        for column in (0, 1, 3):
            self.list.resizeColumnToContents(column)
        self._update_buttons()

    def _on_reviewer(self, _index: int) -> None:
        self._update_buttons()

    def _on_current(self, _item: QTreeWidgetItem | None, _old: QTreeWidgetItem | None) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        mark = self.current_mark()
        self.detail.setText(self._describe(mark))
        one = mark is not None and not mark.problem
        self.accept.setEnabled(one)
        self.reject.setEnabled(one)
        who = self.author()
        resolvable = [m for m in self._marks if not m.problem and (who is None or m.author == who)]
        self.accept_all.setEnabled(bool(resolvable))
        self.reject_all.setEnabled(bool(resolvable))
        self.accept_all.setText(f"Accept A&ll by {who}" if who else "Accept A&ll")
        self.reject_all.setText(f"Re&ject All by {who}" if who else "Re&ject All")

    @staticmethod
    def _describe(mark: ReviewMark | None) -> str:
        """The chosen mark in full, and the words around it, under the list."""
        if mark is None:
            return ""
        who = f" by {mark.author}" if mark.author else ""
        lines = [f"{kind_label(mark)}{who}, line {mark.line + 1}: {' '.join(mark.text.split())}",
                 mark.context]
        if mark.problem:
            lines.append("Fix this mark by hand: it cannot be accepted or rejected as it is.")
        return "\n".join(lines)

    def _jump(self, item: QTreeWidgetItem, focus: bool) -> None:
        index = item.data(0, MARK_ROLE)
        if index is None:
            return
        mark = self._marks[int(index)]
        self.jumpRequested.emit(mark.mark.start, mark.end, focus)


class ReviewPanel:
    """The Review dock, its View toggle, the status-bar counts and the sign-off."""

    view: ReviewView
    dock: QDockWidget

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Dock, toggle and wiring (see the module docstring)."""
        from columnist.ui.panels import add_dock, follow_dock

        self._window = window
        self._status = "draft"
        # What the list shows next, kept while the dock is hidden (rebuilding the list of
        # a long column after every render is milliseconds of the GUI thread's time).
        self._pending: tuple[list[ReviewMark], str] | None = None
        self.view = ReviewView(window)
        self.dock = add_dock(window, "Review", "reviewDock", self.view)
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.counts = QLabel("", window.status)
        self.counts.setAccessibleName("Review marks")
        self.counts.setContentsMargins(8, 0, 8, 0)
        self.counts.hide()
        window.status.addPermanentWidget(self.counts)
        self.view.jumpRequested.connect(self._jump)
        self.view.resolveRequested.connect(self.resolve)
        self.view.statusChosen.connect(self.set_status)
        window.preview_controller.rendered.connect(self._on_rendered)
        action = menus.add_toggle("view/panels", "review_panel", "Re&view Panel",
                                  "view/review_visible", self.dock.setVisible, "Ctrl+Shift+R")
        follow_dock(window, self.dock, action)
        from columnist.ui.actions import make_action

        for name, text, slot, keys in (
            ("next_mark", "&Next Mark", lambda: self.step(+1), "Ctrl+Alt+N"),
            ("previous_mark", "Pre&vious Mark", lambda: self.step(-1), "Ctrl+Alt+P"),
            ("accept_mark", "&Accept Mark at Cursor", lambda: self.resolve_at_cursor(True), ""),
            ("reject_mark", "Re&ject Mark at Cursor", lambda: self.resolve_at_cursor(False), ""),
        ):
            menus.add("review/marks", name, make_action(window, text, slot, keys or None))

    # -- showing ------------------------------------------------------------------------

    def _on_rendered(self, out: RenderOutput) -> None:
        column = out.column
        if column is None:
            return
        if (not column.review_marks and self._pending is not None and not self._pending[0]
                and self.dock.isHidden()):
            # Hidden, no marks before or now: only the status can change (not the text).
            self._pending = ([], current_status(column.front_matter.values))
            self._status = self._pending[1]
            return
        if column.text != self._window.editor.text():
            return  # an older text: the render of the current one follows
        self._show(column.text, review_marks(column.text, column.review_marks),
                   current_status(column.front_matter.values))

    def refresh(self) -> None:
        """Read the editor's text now (after the panel's own edits)."""
        from columnist.markdown.front_matter_values import split_front_matter

        text = self._window.editor.text()
        front, _body = split_front_matter(text)
        values = dict(front.data) if front is not None and not front.error else {}
        self._show(text, review_marks(text), current_status(values))

    def _show(self, text: str, marks: list[ReviewMark], status: str) -> None:
        self._status = status
        if self.dock.isHidden():
            self._pending = (marks, status)
        else:
            self._pending = None
            self.view.set_marks(marks, status)
        self.counts.setText(counts_label(marks))
        self.counts.setVisible(bool(marks))

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._pending is not None:
            marks, status = self._pending
            self._pending = None
            self.view.set_marks(marks, status)

    def _jump(self, start: int, end: int, focus: bool) -> None:
        from columnist.ui.editor_text import OffsetMap

        editor = self._window.editor
        offsets = OffsetMap(editor.text())
        cursor = editor.textCursor()
        cursor.setPosition(offsets.to_qt(min(end, len(editor.text()))))
        cursor.setPosition(offsets.to_qt(start), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        if focus:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- acting -------------------------------------------------------------------------

    def resolve(self, accept: bool, everything: bool) -> None:
        """Accept or reject the chosen mark, or all (of the chosen reviewer): one undo step."""

        def resolved(text: str) -> str:
            if everything:
                return resolve_all(text, accept, self.view.author())
            mark = self.view.current_mark()
            if mark is None:
                raise ReviewError("Choose a mark in the list first.")
            return resolve(text, mark, accept)

        self._change(resolved)

    def _change(self, make: Callable[[str], str]) -> bool:
        """Replace the text with `make(text)` as one undo step; a ReviewError it raises is
        shown in the panel and the status bar instead. True when the text was changed."""
        editor = self._window.editor
        try:
            new = make(editor.text())
        except ReviewError as exc:
            self._tell(str(exc))
            self.refresh()
            return False
        self.view.show_message("")
        editor.replace_text(new)
        self.refresh()
        return True

    def _cursor(self) -> tuple[str, int]:
        from columnist.ui.editor_text import OffsetMap

        text = self._window.editor.text()
        cursor = self._window.editor.textCursor()
        return text, OffsetMap(text).to_py(cursor.selectionStart())

    def step(self, direction: int) -> None:
        """Select the next (or previous) mark after the cursor, wrapping at the ends."""
        text, at = self._cursor()
        marks = find_marks(text)
        if not marks:
            self._window.status.showMessage("No review marks in this column.", MESSAGE_MS)
            return
        if direction > 0:
            chosen = next((m for m in marks if m.start > at), None) or marks[0]
        else:
            chosen = next((m for m in reversed(marks) if m.start < at), None) or marks[-1]
        self._jump(chosen.mark.start, chosen.end, True)
        self._window.status.showMessage(chosen.describe(), MESSAGE_MS)

    def resolve_at_cursor(self, accept: bool) -> None:
        """Accept or reject the mark the cursor is in (one undo step)."""
        _text, at = self._cursor()

        def resolved(text: str) -> str:
            mark = next((m for m in find_marks(text) if m.start <= at <= m.end), None)
            if mark is None:
                raise ReviewError("Put the cursor in a review mark (Review ▸ Next Mark).")
            return resolve(text, mark, accept)

        self._change(resolved)

    def set_status(self, status: str) -> None:
        """Set the column's status; approving first runs the checks (off the GUI thread)."""
        if status == self._status:
            return
        if status != "approved":
            self._write_status(status, [])
            return
        from columnist.core.tasks import run_task

        text = self._window.editor.text()
        context = check_context(self._window.settings, self._window.ratings.cache_path())
        self.view.show_message("Checking the column before approval…")
        self.view.status.setEnabled(False)

        def errors() -> list[str]:
            from columnist.markdown.column import parse_column
            from columnist.review.checks import run_checks

            findings = run_checks(parse_column(text), context)
            return [f"line {f.line}: {f.message}" for f in findings if f.is_error]

        def done(found: Any, error: BaseException | None) -> None:
            self.view.status.setEnabled(True)
            if error is not None:
                self._tell(f"The checks could not run ({error}); the column was not approved.")
                self.refresh()
                return
            if self._window.editor.text() != text:
                self._tell("The text changed while it was checked; choose Approved again.")
                self.refresh()
                return
            self._write_status("approved", list(found))

        run_task(errors, done, lane_name="review-sign-off", receiver=self.view)

    def _write_status(self, status: str, errors: list[str]) -> None:
        settings = self._window.settings
        approver = str(settings.get("review/name")).strip() or str(
            settings.get("review/initials")).strip()
        if self._change(lambda text: set_status(text, status, approver, dt.date.today(),
                                                errors, current=self._status)):
            self._window.status.showMessage(f"Status: {status}.", MESSAGE_MS)

    def _tell(self, text: str) -> None:
        self.view.show_message(text)
        self._window.status.showMessage(text, MESSAGE_MS)
