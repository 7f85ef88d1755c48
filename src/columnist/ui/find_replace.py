"""The find and replace bar shown under the editor (Ctrl+F / Ctrl+H).

A bar rather than a dialog, as in Ghostwriter and browsers: it never covers the text,
and Esc puts the writer straight back in the editor. Searching is done by the service
`columnist.document.text_search` on the exact text; here we only map offsets to Qt
positions and drive the widgets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from columnist.document.text_search import (
    FindOptions,
    SearchError,
    compile_query,
    expand,
    find_matches,
)
from columnist.settings import Settings
from columnist.ui.editor_text import OffsetMap

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.main_window import MainWindow

MAX_HIGHLIGHTS = 500  # matches marked at once (a screenful rarely holds more)
ERROR_STYLE = "color: #c62828;"


class FindReplaceBar(QWidget):
    """Find field, replace field, next/previous/replace/replace all, case/word/regex toggles.

    The three toggles persist in the declared settings (find/case_sensitive,
    find/whole_words, find/regex) of the app's `settings`.
    """

    closed = Signal()  # the bar was hidden (Esc or ×); the editor has focus again

    def __init__(
        self,
        editor: MarkdownEditor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._settings = settings
        self._cache_key: tuple | None = None
        self._matches: list[re.Match[str]] = []
        self._text = ""
        self._offsets = OffsetMap("")
        self._error: str | None = None

        self.find_field = QLineEdit(self)
        self.find_field.setPlaceholderText("Find")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(self)
        self.replace_field.setPlaceholderText("Replace with (\\1 or $1 for groups)")
        self.previous_button = QPushButton("Previous", self)
        self.next_button = QPushButton("Next", self)
        self.replace_button = QPushButton("Replace", self)
        self.replace_all_button = QPushButton("Replace all", self)
        self.case_box = QCheckBox("Match case", self)
        self.words_box = QCheckBox("Whole words", self)
        self.regex_box = QCheckBox("Regex", self)
        self.regex_box.setToolTip("Regular expression (Python syntax)")
        self.status = QLabel(self)
        self.status.setMinimumWidth(self.status.fontMetrics().horizontalAdvance("999 of 999"))
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip("Close (Esc)")
        self.close_button.setAutoRaise(True)
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button.setToolTip("Next match (Enter)")

        grid = self._grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        # The bar never dictates the editor pane's width (opening it must not move the
        # splitter): below the width of one row it puts the options on a row of their own.
        grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        grid.addWidget(self.find_field, 0, 0)
        grid.addWidget(self.previous_button, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.close_button, 0, 7)
        grid.addWidget(self.replace_field, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.setColumnStretch(0, 3)
        self.find_field.setMinimumWidth(120)
        self._options = QWidget(self)
        row = QHBoxLayout(self._options)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for widget in (self.case_box, self.words_box, self.regex_box, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        self._wide: bool | None = None
        self._arrange(wide=True)
        self._replace_widgets = (self.replace_field, self.replace_button, self.replace_all_button)

        self.case_box.setChecked(bool(settings.get("find/case_sensitive")))
        self.words_box.setChecked(bool(settings.get("find/whole_words")))
        self.regex_box.setChecked(bool(settings.get("find/regex")))

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self._refresh)
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(30)
        self._highlight_timer.timeout.connect(self._highlight_all)
        editor.verticalScrollBar().valueChanged.connect(self._on_scrolled)

        self.find_field.textEdited.connect(self._on_query_edited)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        for box in (self.case_box, self.words_box, self.regex_box):
            box.toggled.connect(self._on_option_toggled)
        self.find_field.installEventFilter(self)
        self.replace_field.installEventFilter(self)
        editor.installEventFilter(self)
        editor.document().contentsChanged.connect(self._on_text_changed)
        self.hide()

    # -- public API ---------------------------------------------------------------------

    def options(self) -> FindOptions:
        return FindOptions(
            case_sensitive=self.case_box.isChecked(),
            whole_words=self.words_box.isChecked(),
            regex=self.regex_box.isChecked(),
        )

    def _arrange(self, wide: bool) -> None:
        """Options beside the find field (wide) or on a row under it (narrow)."""
        if wide == self._wide:
            return
        self._wide = wide
        self._grid.removeWidget(self._options)
        if wide:
            self._grid.addWidget(self._options, 0, 3)
        else:
            self._grid.addWidget(self._options, 2, 0, 1, 8)
        self._grid.setColumnStretch(3, 1 if wide else 0)

    def _row_width(self, widgets: tuple[QWidget, ...]) -> int:
        """The width `widgets` need side by side in the grid: the find field at its least,
        the others at their natural size, with the grid's spacing and margins."""
        margins = self._grid.contentsMargins()
        return (sum(w.minimumSizeHint().width() if w is self.find_field else w.sizeHint().width()
                    for w in widgets)
                + self._grid.horizontalSpacing() * (len(widgets) - 1)
                + margins.left() + margins.right())

    def _one_row_width(self) -> int:
        """The width the find row needs with the options beside it."""
        return self._row_width((self.find_field, self.previous_button, self.next_button,
                                self._options, self.close_button))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the find row with the options wrapped under it."""
        width = self._row_width((self.find_field, self.previous_button, self.next_button,
                                 self.close_button))
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(wide=event.size().width() >= self._one_row_width())
        super().resizeEvent(event)

    def show_find(self) -> None:
        """Show the bar for finding, seeded with the editor's selection."""
        self._open(replace=False)

    def show_replace(self) -> None:
        """Show the bar with the replace row."""
        self._open(replace=True)

    def close_bar(self) -> None:
        """Hide the bar, drop the match highlights and give the editor its focus back."""
        self.hide()
        self.editor.set_selection_group("find", [])
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def match_count(self) -> int:
        self._update_matches()
        return len(self._matches)

    def status_text(self) -> str:
        return self.status.text()

    def find_next(self) -> bool:
        """Select the next match after the selection, wrapping to the top with a note."""
        if not self._usable():
            return False
        cursor = self.editor.textCursor()
        position = self._offsets.to_py(cursor.selectionEnd())
        starts = [m.start() for m in self._matches]
        index = bisect_left(starts, position)
        wrapped = index >= len(self._matches)
        if wrapped:
            index = 0
        self._select(index, note="Reached the end; continued from the top." if wrapped else "")
        return True

    def find_previous(self) -> bool:
        """Select the match before the selection, wrapping to the bottom with a note."""
        if not self._usable():
            return False
        cursor = self.editor.textCursor()
        position = self._offsets.to_py(cursor.selectionStart())
        starts = [m.start() for m in self._matches]
        index = bisect_left(starts, position) - 1
        wrapped = index < 0
        if wrapped:
            index = len(self._matches) - 1
        note = "Reached the top; continued from the end." if wrapped else ""
        self._select(index, note=note)
        return True

    def replace_one(self) -> bool:
        """Replace the selected match (if the selection is one) and go to the next."""
        if not self._usable():
            return False
        index = self._selected_match()
        if index is None:
            return self.find_next()
        match = self._matches[index]
        try:
            replacement = expand(match, self.replace_field.text(), self.options())
        except SearchError as exc:
            self._show_error(str(exc))
            return False
        self.editor.replace_range(match.start(), match.end(), replacement, text=self._text)
        self._update_matches()
        if self._matches:
            self.find_next()
        else:
            self._show_status("Replaced the last match.")
        return True

    def replace_all(self) -> int:
        """Replace every match as ONE undo step; returns (and shows) how many were replaced."""
        if not self._usable():
            return 0
        options = self.options()
        template = self.replace_field.text()
        try:
            replacements = [expand(m, template, options) for m in self._matches]
        except SearchError as exc:
            self._show_error(str(exc))
            return 0
        offsets = self._offsets
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        for match, replacement in zip(reversed(self._matches), reversed(replacements), strict=True):
            cursor.setPosition(offsets.to_qt(match.start()))
            cursor.setPosition(offsets.to_qt(match.end()), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        count = len(replacements)
        self._update_matches()
        self._highlight_all()
        self._show_status(f"Replaced {count} occurrence{'s' if count != 1 else ''}.")
        return count

    # -- internals ----------------------------------------------------------------------

    def _open(self, replace: bool) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 200:
            self.find_field.setText(selected)
        for widget in self._replace_widgets:
            widget.setVisible(replace)
        self.show()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()
        self._cache_key = None
        self._refresh()

    def _usable(self) -> bool:
        """Matches are up to date and there is at least one; else the status says why."""
        self._update_matches()
        if self._error:
            self._show_error(self._error)
            return False
        if not self.find_field.text():
            self._show_status("Type what to find.")
            return False
        if not self._matches:
            self._show_error("No matches.")
            return False
        return True

    def _update_matches(self) -> None:
        text = self.editor.text()
        key = (text, self.find_field.text(), self.options())
        if key == self._cache_key:
            return
        self._cache_key = key
        self._text = text
        self._offsets = OffsetMap(text)
        self._error = None
        self._matches = []
        query = self.find_field.text()
        if not query:
            return
        try:
            pattern = compile_query(query, self.options())
        except SearchError as exc:
            self._error = str(exc)
            return
        self._matches = find_matches(text, pattern)

    def _selected_match(self) -> int | None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.to_py(cursor.selectionStart())
        end = self._offsets.to_py(cursor.selectionEnd())
        starts = [m.start() for m in self._matches]
        index = bisect_left(starts, start)
        if index < len(self._matches) and self._matches[index].end() == end:
            return index
        return None

    def _select(self, index: int, note: str = "") -> None:
        match = self._matches[index]
        cursor = self.editor.textCursor()
        cursor.setPosition(self._offsets.to_qt(match.start()))
        cursor.setPosition(self._offsets.to_qt(match.end()), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        counter = f"{index + 1} of {len(self._matches)}"
        self._show_status(f"{counter} · {note}" if note else counter)
        self._highlight_all()

    def _refresh(self) -> None:
        """Recount and re-highlight (after typing in the field or editing the text)."""
        if not self.isVisible():
            return
        self._update_matches()
        self._highlight_all()
        if self._error:
            self._show_error(self._error)
        elif not self.find_field.text():
            self._show_status("")
        elif not self._matches:
            self._show_error("No matches.")
        else:
            index = self._selected_match()
            count = len(self._matches)
            label = f"{count} match{'es' if count != 1 else ''}"
            self._show_status(f"{index + 1} of {count}" if index is not None else label)

    def _highlight_all(self) -> None:
        """Mark the matches in view (only those: thousands of extra selections would make
        every keystroke repaint slowly); scrolling re-marks via `_highlight_timer`."""
        selections = []
        colour = QColor("#f5d76e") if not self.editor.highlighter.dark else QColor("#6b5a12")
        if self.isVisible() and self._matches:
            first, last = self._visible_range()
            starts = [m.start() for m in self._matches]
            begin = max(0, bisect_left(starts, first) - 1)
            end = min(len(starts), bisect_left(starts, last) + 1, begin + MAX_HIGHLIGHTS)
            for match in self._matches[begin:end]:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.editor.document())
                cursor.setPosition(self._offsets.to_qt(match.start()))
                cursor.setPosition(
                    self._offsets.to_qt(match.end()), QTextCursor.MoveMode.KeepAnchor
                )
                selection.cursor = cursor
                selection.format.setBackground(colour)
                selections.append(selection)
        self.editor.set_selection_group("find", selections)

    def _visible_range(self) -> tuple[int, int]:
        """Python indexes of the text shown in the editor (with a screenful either side)."""
        editor = self.editor
        viewport = editor.viewport()
        height = viewport.height()
        top = editor.cursorForPosition(viewport.rect().topLeft() - QPoint(0, height))
        bottom = editor.cursorForPosition(viewport.rect().bottomRight() + QPoint(0, height))
        end_block = bottom.block()
        return (
            self._offsets.to_py(top.block().position()),
            self._offsets.to_py(end_block.position() + end_block.length()),
        )

    def _on_scrolled(self, _value: int) -> None:
        if self.isVisible() and self._matches:
            self._highlight_timer.start()

    def _on_query_edited(self, _text: str) -> None:
        """Incremental search: jump to the first match at or after the selection start."""
        self._update_matches()
        if self._matches and not self._error:
            position = self._offsets.to_py(self.editor.textCursor().selectionStart())
            starts = [m.start() for m in self._matches]
            index = bisect_left(starts, position)
            self._select(index if index < len(starts) else 0)
        else:
            self._refresh()

    def _on_option_toggled(self, _checked: bool) -> None:
        options = self.options()
        self._settings.set("find/case_sensitive", options.case_sensitive)
        self._settings.set("find/whole_words", options.whole_words)
        self._settings.set("find/regex", options.regex)
        self._refresh()

    def _on_text_changed(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()

    def _show_status(self, message: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)
        self.status.setToolTip(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape and self.isVisible():
            self.close_bar()
            return True
        if watched is self.find_field and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return True
        if watched is self.replace_field and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.replace_one()
            return True
        return super().eventFilter(watched, event)


class FindFeature:
    """Find and replace as a window feature: the bar under the editor and Edit ▸ find."""

    bar: FindReplaceBar

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The bar (hidden until asked for) and its four actions."""
        from columnist.ui.actions import SK, make_action

        bar = self.bar = FindReplaceBar(window.editor, window.settings, window)
        bar.hide()
        window.add_below_editor(bar)
        for name, text, slot, shortcut, fallback in (
            ("find", "&Find…", bar.show_find, SK.Find, ""),
            ("replace", "R&eplace…", bar.show_replace, SK.Replace, "Ctrl+H"),
            ("find_next", "Find &Next", bar.find_next, SK.FindNext, ""),
            ("find_previous", "Find Pre&vious", bar.find_previous, SK.FindPrevious, ""),
        ):
            menus.add("edit/find", name,
                      make_action(window, text, slot, shortcut, fallback=fallback))
