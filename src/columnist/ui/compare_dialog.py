"""“Compare with a saved version”: pick an earlier save, read the differences, restore it.

The dialog only reads: restoring hands the chosen text back (`chosen_text()` after
`exec()` returns Accepted) and the window puts it in the editor as one undoable edit, so a
restore is never a one-way door.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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

VERSION_ROLE = Qt.ItemDataRole.UserRole


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


class CompareDialog(QDialog):
    """Lists the saved versions of `path` (newest first) and shows each one's diff against
    `current_text`."""

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
        self.diff_view = QTextBrowser(self)
        self.diff_view.setOpenLinks(False)
        self.diff_view.setAccessibleName("Differences")
        self.note = QLabel(self)
        self.note.setWordWrap(True)

        splitter = QSplitter(self)
        splitter.addWidget(self.versions)
        splitter.addWidget(self.diff_view)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 740])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("Restore this version", self)
        self.restore_button.setToolTip(
            "Put this version's text in the editor (Undo brings the current text back)"
        )
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        self.versions.currentItemChanged.connect(self._show_selected)
        found = history.versions(path) if path is not None else []
        for version in found:
            item = QListWidgetItem(version_label(version))
            item.setData(VERSION_ROLE, version)
            self.versions.addItem(item)
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
                "newest first. Left: the saved version; right: the text in the editor now."
            )
            self.versions.setCurrentRow(0)

    def chosen_text(self) -> str | None:
        """The text of the version the writer chose to restore (None if they closed)."""
        return self._chosen

    def selected_version(self) -> Version | None:
        item = self.versions.currentItem()
        return item.data(VERSION_ROLE) if item is not None else None

    def _empty(self, message: str) -> None:
        self.note.setText(message)
        self.restore_button.setEnabled(False)
        self.diff_view.setPlainText("")

    def _text_of(self, version: Version) -> str:
        if version.id not in self._texts:
            self._texts[version.id] = self._history.read_text(version)
        return self._texts[version.id]

    def _show_selected(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        version: Version = current.data(VERSION_ROLE)
        try:
            old = self._text_of(version)
        except OSError as exc:
            self.restore_button.setEnabled(False)
            self.diff_view.setPlainText(
                f"This version can no longer be read ({exc.strerror or exc}). "
                "It may have been removed from the history folder; choose another one."
            )
            return
        self.restore_button.setEnabled(True)
        label = f"Saved {version.saved_at.astimezone():%d %b %Y, %H:%M:%S}"
        self.diff_view.setHtml(diff_html(old, self._current, label, "Current text"))

    def _restore(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        try:
            self._chosen = self._text_of(version)
        except OSError:
            return
        self.accept()
