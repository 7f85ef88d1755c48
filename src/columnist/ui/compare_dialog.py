"""Comparing texts: two saved versions, a version and the editor, or the column and a
copy that came back from a reviewer.

Both dialogs only read. `CompareDialog` (File ▸ Compare with a Saved Version…) lists the
saved versions on the left and compares the chosen one with the editor's text or with any
other saved version; restoring hands the chosen text back (`chosen_text()`), and the
window puts it in the editor as one undoable edit, so a restore is never a one-way door.
`ReturnedCopyDialog` (File ▸ Compare with File…) compares the column with a returned
copy and can turn the differences into suggestions (`review.compare`); the window puts
those in the editor, again as one undoable edit.

Both show the differences through `DiffPane`: side by side or inline (a toggle), word by
word, each change coloured *and* struck through or underlined *and* marked `[−…]`/`[+…]`
(`document.history.diff_html`), so it reads without colour and in a dark theme.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from columnist.document.history import History, Version, diff_html
from columnist.review.compare import CompareError, Suggestions, suggest_changes
from columnist.ui.find_replace import ERROR_STYLE

VERSION_ROLE = Qt.ItemDataRole.UserRole
EDITOR_TEXT = "The text in the editor now"


def human_size(size: int) -> str:
    """1234 → "1.2 KB" (sizes as people read them)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1_000_000:.1f} MB"


def version_label(version: Version) -> str:
    """ "Wed 25 Nov 2026, 18:20:31 · 4.2 KB" in local time."""
    local: datetime = version.saved_at.astimezone()
    return f"{local:%a %d %b %Y, %H:%M:%S} · {human_size(version.size)}"


def _lay_out(
    dialog: CompareDialog | ReturnedCopyDialog, middle: QWidget, action: str, tip: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """Note on top, `middle` filling the dialog, Close and the dialog's one action below."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    button = QPushButton(action, dialog)
    button.setToolTip(tip)
    buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(dialog.note)
    layout.addWidget(middle, 1)
    layout.addWidget(buttons)
    return buttons, button


class DiffPane(QWidget):
    """The differences between two texts, with the side-by-side / inline toggle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inline = QCheckBox("Show &inline (one column)", self)
        self.inline.setToolTip(
            "One column with removed words struck through and added words underlined, "
            "instead of the two texts side by side"
        )
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName("Differences")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inline)
        layout.addWidget(self.view, 1)
        self._texts: tuple[str, str, str, str] | None = None
        self.inline.toggled.connect(lambda _on: self._render())

    def compare(self, old: str, new: str, old_label: str, new_label: str) -> None:
        """Show how `new` differs from `old`."""
        self._texts = (old, new, old_label, new_label)
        self._render()

    def message(self, text: str) -> None:
        """Show a sentence instead of differences (nothing to compare)."""
        self._texts = None
        self.view.setPlainText(text)

    def _render(self) -> None:
        if self._texts is None:
            return
        old, new, old_label, new_label = self._texts
        scroll = self.view.verticalScrollBar().value()
        self.view.setHtml(diff_html(old, new, old_label, new_label, self.inline.isChecked()))
        self.view.verticalScrollBar().setValue(scroll)


class CompareDialog(QDialog):
    """Lists the saved versions of `path` (newest first) and shows each one's differences
    from `current_text`, or from another saved version chosen in "Compare with"."""

    def __init__(
        self,
        history: History,
        path: Path | None,
        current_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare with a saved version")
        self.resize(1000, 650)
        self._history = history
        self._current = current_text
        self._chosen: str | None = None
        self._texts: dict[str, str] = {}

        self.versions = QListWidget(self)
        self.versions.setAccessibleName("Saved versions")
        self.against = QComboBox(self)
        self.against.setAccessibleName("Compare with")
        against_label = QLabel("Compare &with:", self)
        against_label.setBuddy(self.against)
        self.pane = DiffPane(self)
        self.diff_view = self.pane.view
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(against_label)
        row.addWidget(self.against, 1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.pane, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.versions)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 740])

        self.buttons, self.restore_button = _lay_out(
            self, splitter, "&Restore this version",
            "Put this version's text in the editor (Undo brings the current text back)",
        )
        self.restore_button.clicked.connect(self._restore)
        self.suggest_button = QPushButton("Mark the Changes as &Suggestions", self)
        self.suggest_button.setToolTip(
            "Keep the text in the editor, with every change since this version marked as a "
            "suggestion to accept or reject (Undo takes the marks out)"
        )
        self.buttons.addButton(self.suggest_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.suggest_button.clicked.connect(self._suggest)

        found = history.versions(path) if path is not None else []
        self.against.addItem(EDITOR_TEXT, None)
        for version in found:
            item = QListWidgetItem(version_label(version))
            item.setData(VERSION_ROLE, version)
            self.versions.addItem(item)
            self.against.addItem(f"Saved {version_label(version)}", version)
        self.versions.currentItemChanged.connect(lambda *_: self._show_selected())
        self.against.currentIndexChanged.connect(lambda _index: self._show_selected())
        if path is None:
            self._empty("This column has not been saved yet, so there are no earlier versions.")
        elif not found:
            self._empty(
                f"No earlier versions of {path.name} yet: each save keeps the version it "
                "replaces, so they will appear here after the next save."
            )
        else:
            self.note.setText(
                f"{len(found)} saved version{'s' if len(found) != 1 else ''} of {path.name}, "
                "newest first. The differences show how the version chosen in “Compare "
                "with” differs from the one chosen in the list."
            )
            self.versions.setCurrentRow(0)

    def chosen_text(self) -> str | None:
        """The text to put in the editor (None if they closed): the version chosen to
        restore, or the editor's text with the changes since that version marked."""
        return self._chosen

    def selected_version(self) -> Version | None:
        item = self.versions.currentItem()
        return item.data(VERSION_ROLE) if item is not None else None

    def _empty(self, message: str) -> None:
        self.note.setText(message)
        self.restore_button.setEnabled(False)
        self.suggest_button.setEnabled(False)
        self.against.setEnabled(False)
        self.pane.message("")

    def _text_of(self, version: Version) -> str:
        if version.id not in self._texts:
            self._texts[version.id] = self._history.read_text(version)
        return self._texts[version.id]

    @staticmethod
    def _label(version: Version) -> str:
        return f"Saved {version.saved_at.astimezone():%d %b %Y, %H:%M:%S}"

    def _show_selected(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        other: Version | None = self.against.currentData()
        try:
            old = self._text_of(version)
            new = self._current if other is None else self._text_of(other)
        except OSError as exc:
            self.restore_button.setEnabled(False)
            self.suggest_button.setEnabled(False)
            self.pane.message(
                f"This version can no longer be read ({exc.strerror or exc}). "
                "It may have been removed from the history folder; choose another one."
            )
            return
        self.restore_button.setEnabled(True)
        # Suggestions go into the editor's text, so only against the editor's text.
        self.suggest_button.setEnabled(other is None and old != self._current)
        new_label = "Current text" if other is None else self._label(other)
        self.pane.compare(old, new, self._label(version), new_label)

    def _restore(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        try:
            self._chosen = self._text_of(version)
        except OSError:
            return
        self.accept()

    def _suggest(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        try:
            self._chosen = suggest_changes(self._text_of(version), self._current).text
        except (OSError, CompareError) as exc:
            message = exc.message if isinstance(exc, CompareError) else str(exc)
            self.note.setText(message)
            self.note.setStyleSheet(ERROR_STYLE)
            return
        self.accept()


class ReturnedCopyDialog(QDialog):
    """The column (left) against a copy that came back (right); "Turn the Differences into
    Suggestions" accepts with `suggestions()` set to the column with the changes marked."""

    def __init__(
        self,
        column_text: str,
        returned_text: str,
        returned_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {returned_name}")
        self.resize(1000, 650)
        self._column = column_text
        self._returned = returned_text
        self._suggestions: Suggestions | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.pane = DiffPane(self)
        self.diff_view = self.pane.view

        self.buttons, self.suggest_button = _lay_out(
            self, self.pane, "Turn the Differences into &Suggestions",
            "Mark each change in the editor as a suggestion to accept or reject "
            "(Undo takes them all out again)",
        )
        self.suggest_button.clicked.connect(self._suggest)

        if column_text == returned_text:
            self.note.setText(f"{returned_name} is the same as the column: nothing to suggest.")
            self.suggest_button.setEnabled(False)
        else:
            self.note.setText(
                f"How {returned_name} differs from the column in the editor. Turning the "
                "differences into suggestions marks them in the column, for you to accept "
                "or reject one by one."
            )
        self.pane.compare(column_text, returned_text, "The column", returned_name)
        self.suggest_button.setDefault(True)

    def suggestions(self) -> Suggestions | None:
        """The column with the differences marked (None unless the writer asked for it)."""
        return self._suggestions

    def _suggest(self) -> None:
        try:
            self._suggestions = suggest_changes(self._column, self._returned)
        except CompareError as exc:
            self.note.setText(exc.message)
            self.note.setStyleSheet(ERROR_STYLE)
            self.suggest_button.setEnabled(False)
            return
        self.accept()
