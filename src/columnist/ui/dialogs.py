"""Blocking dialogs in one place, so the window's logic can be tested without them.

The window calls its own `ask` / `inform` / `choose_*` methods, which delegate here;
tests replace those methods and answer instead of a person. Every question names the
file, says what happened and what each answer does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

MARKDOWN_FILTER = "Markdown (*.md *.markdown *.txt);;All files (*)"
CANCEL_WORDS = ("Cancel", "Later", "Not Now", "Close")

_ICONS = {
    "question": QMessageBox.Icon.Question,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
    "info": QMessageBox.Icon.Information,
}


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Sequence[str],
    default: str | None = None,
    icon: str = "question",
    details: str = "",
) -> str | None:
    """Show a question with the given button labels; returns the label chosen (None: Esc)."""
    box = QMessageBox(parent)
    box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Question))
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    made: dict[object, str] = {}
    for label in buttons:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if label in CANCEL_WORDS
            else QMessageBox.ButtonRole.DestructiveRole
            if label.startswith(("Don't", "Discard", "Reload"))
            else QMessageBox.ButtonRole.AcceptRole
        )
        button = box.addButton(label, role)
        made[button] = label
        if label == default:
            box.setDefaultButton(button)
        if label in CANCEL_WORDS:
            box.setEscapeButton(button)
    box.exec()
    return made.get(box.clickedButton())


def inform(
    parent: QWidget | None, title: str, text: str, icon: str = "warning", details: str = ""
) -> None:
    """Tell the writer something that needs no decision."""
    box = QMessageBox(parent)
    box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Warning))
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.exec()


def open_path(parent: QWidget | None, directory: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open Column", directory, MARKDOWN_FILTER)
    return path or None


def save_path(
    parent: QWidget | None, suggested: str, encodings: Sequence[str] = ("utf-8",)
) -> tuple[str, str] | None:
    """The Save As dialog: a path and an encoding, chosen from the file-type list
    ("Markdown, UTF-8", "Markdown, Windows-1252", …) as Notepad and TextEdit offer it."""
    from columnist.document.text_file import encoding_label

    filters = {f"Markdown, {encoding_label(e)} (*.md *.markdown *.txt)": e for e in encodings}
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Save Column As", suggested, ";;".join(filters)
    )
    if not path:
        return None
    if not Path(path).suffix:
        path += ".md"
    return path, filters.get(chosen_filter, encodings[0])


def show_html(parent: QWidget | None, title: str, html: str) -> None:
    """A read-only window with HTML (e.g. the differences between disk and editor)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(900, 600)
    view = QTextBrowser(dialog)
    view.setOpenLinks(False)
    view.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    dialog.exec()


def entry_label(entry: object) -> str:
    """ "/path/column.md — 25 Nov 2026 18:40 — 812 words" for a JournalEntry."""
    path = getattr(entry, "path", None)
    saved_at: datetime = getattr(entry, "saved_at")  # noqa: B009
    words = getattr(entry, "words", 0)
    where = str(path) if path is not None else "Untitled"
    when = saved_at.astimezone().strftime("%d %b %Y %H:%M")
    return f"{where} — {when} — {words:,} word{'s' if words != 1 else ''}"


class RecoveryDialog(QDialog):
    """Offers texts left by a crash: Restore / Discard / Later."""

    def __init__(self, entries: Sequence[object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved text")
        self.choice = "later"
        self._entries = list(entries)
        intro = QLabel(
            "Columnist closed without saving some text (a crash, or the computer lost "
            "power). Restore it to keep working on it, discard it if you no longer need it, "
            "or decide later (it stays safe; `columnist recover --list` shows it too).",
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for entry in self._entries:
            item = QListWidgetItem(entry_label(entry))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(self)
        restore = QPushButton("Restore", self)
        discard = QPushButton("Discard", self)
        later = QPushButton("Later", self)
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        restore.clicked.connect(lambda: self._done("restore"))
        discard.clicked.connect(lambda: self._done("discard"))
        later.clicked.connect(lambda: self._done("later"))
        restore.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "later" else self.reject()

    def selected(self) -> list[object]:
        return [
            entry
            for index, entry in enumerate(self._entries)
            if self.list.item(index).checkState() == Qt.CheckState.Checked
        ]


def choose_recovery(parent: QWidget | None, entries: Sequence[object]) -> tuple[str, list]:
    """("restore" | "discard" | "later", the entries ticked)."""
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.choice, dialog.selected()
