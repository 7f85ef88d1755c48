"""File ▸ Compare with File…: the column against the reviewer's copy that came back.

The copy is read as the editor reads a column (`document.text_file.load_text`: UTF-8 with
or without a BOM, UTF-16, and Windows-1252 or Latin-1 when the writer says so), Markdown
or plain text. The differences show in `ReturnedCopyDialog`; "Turn the Differences into
Suggestions" puts the column with the changes marked into the editor as one undoable
edit (Ctrl+Z takes every mark out again) and says in the status bar what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.compare_dialog import ReturnedCopyDialog
    from columnist.ui.main_window import MainWindow

TEXT_FILTER = "Markdown or text (*.md *.markdown *.txt *.text);;All files (*)"


class CompareFeature:
    """File ▸ Compare with File…"""

    dialog: ReturnedCopyDialog | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.actions import make_action

        self._window = window
        action = make_action(
            window, "Compare with &File…", self.compare_with_file,
            tip="Compare the column with a copy that came back from a reviewer, and turn "
            "the differences into suggestions",
        )
        self.action = menus.add("file/compare", "compare_file", action)

    def choose_file(self) -> str | None:
        """The returned copy to compare with (None: cancelled)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self._window, "Compare with File", self._window.session.dialog_directory(),
            TEXT_FILTER,
        )
        return path or None

    def read_returned(self, path: str) -> str | None:
        """The text of the returned copy, asking for an encoding if it is not UTF-8; None
        (after saying why) when it cannot be read."""
        from columnist.document.text_file import NotUtf8Error, OpenError, encoding_label

        window = self._window
        try:
            from columnist.document.text_file import load_text

            return load_text(path).text
        except NotUtf8Error as exc:
            suggestions = exc.suggested_encodings or ["cp1252"]
            choices = [f"Read as {encoding_label(e)}" for e in suggestions]
            answer = window.ask("Not UTF-8 text", exc.message, [*choices, "Cancel"],
                                default=choices[0], icon="warning")
            if answer not in choices:
                return None
            try:
                return load_text(path, suggestions[choices.index(answer)]).text
            except OpenError as again:
                window.inform("Cannot compare", again.message)
                return None
        except OpenError as exc:
            window.inform("Cannot compare", exc.message)
            return None

    def compare_with_file(self, path: str | None = None) -> None:
        """Compare the column with `path` (asked for when None) in a window-modal dialog."""
        from columnist.ui.compare_dialog import ReturnedCopyDialog

        path = path or self.choose_file()
        if not path:
            return
        returned = self.read_returned(path)
        if returned is None:
            return
        editor = self._window.editor
        dialog = self.dialog = ReturnedCopyDialog(editor.text(), returned, Path(path).name,
                                                  self._window)
        dialog.accepted.connect(lambda: self._apply(dialog, Path(path).name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _apply(self, dialog: ReturnedCopyDialog, name: str) -> None:
        result = dialog.suggestions()
        if result is None:
            return
        self._window.editor.replace_text(result.text)
        message = (
            f"{result.marks} suggestion{'s' if result.marks != 1 else ''} made from {name}"
        )
        if result.notes:
            count = len(result.notes)
            message += (
                f"; {count} change{'s' if count != 1 else ''} could not be marked and "
                f"{'are' if count != 1 else 'is'} described in a comment at the end"
            )
        self._window.status.showMessage(message + ". Undo (Ctrl+Z) takes them out.", 12000)
