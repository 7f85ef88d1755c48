"""The document session: every question about the column's file, asked in one place.

`DocumentController` knows the rules (atomic saves, conflicts, journal, watching the disk)
and raises or signals when something needs the writer's decision; this session turns each
of those moments into a clear question and acts on the answer: open (not UTF-8, not text,
missing, the bundled sample), save and Save As (refused by the disk, changed on disk
meanwhile), reload, a file changed or deleted by another program, unsaved changes before
closing or opening another column, a recovered text taken up again. As Ghostwriter's
DocumentManager does, it asks through its host's `ask` / `inform` / `choose_*` (the
window's dialogs, which tests replace), so no test ever waits on a QMessageBox.

The session also keeps what the window shows about the document: its title (name and
modified marker) and the save state in the status bar.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from columnist.ui.main_window import window_title

if TYPE_CHECKING:
    from columnist.document.controller import DocumentController
    from columnist.document.journal import JournalEntry
    from columnist.document.text_file import LoadedText, SaveError
    from columnist.ui.main_window import MainWindow

# The answers the session offers (tests answer with these labels).
SAVE, DONT_SAVE, CANCEL = "Save", "Don't Save", "Cancel"
RELOAD, KEEP_MINE, COMPARE = "Reload from Disk", "Keep My Version", "Compare"
RECREATE, SAVE_AS, NOT_NOW = "Save to Re-create It", "Save As…", "Not Now"
SAVE_OVER, SAVE_AS_UTF8 = "Save Over It", "Save as UTF-8"
NOTHING_LOST = "Your text is still here in the editor; nothing has been lost."


class DocumentSession(QObject):
    """Open/save/reload/conflict/deleted-on-disk questions for the column in `window`.

    Reads the text from `window.editor`, asks through `window.ask` / `window.inform` /
    `window.choose_open_path` / `window.choose_save_path` / `window.show_differences`,
    and keeps `window`'s title and save state up to date.
    """

    def __init__(self, window: MainWindow, controller: DocumentController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.untitled_name = "Untitled"
        self._force_next_save = False  # the writer chose to replace the version on disk
        editor = window.editor
        editor.textChanged.connect(lambda: controller.text_edited(editor.text))
        editor.document().modificationChanged.connect(self._on_modification_changed)
        controller.opened.connect(self._on_opened)
        controller.pathChanged.connect(self._on_path_changed)
        controller.saved.connect(self._on_saved)
        controller.externallyModified.connect(self._on_externally_modified)
        controller.externallyDeleted.connect(self._on_externally_deleted)
        controller.replacedByFolder.connect(self._on_replaced_by_folder)
        controller.journalFailed.connect(self._on_journal_failed)
        controller.journalWritten.connect(self._on_journal_written)

    # ------------------------------------------------------------------ state shown

    def is_modified(self) -> bool:
        """The editor holds changes that are not saved."""
        return self.window.editor.document().isModified()

    def display_name(self) -> str:
        """The file's name, or the untitled buffer's name ("Untitled", "Recovered", …)."""
        path = self.controller.path
        return path.name if path is not None else self.untitled_name

    def update_title(self) -> None:
        """`name[*] — Columnist`, and the file path for the platform's proxy icon."""
        self.window.setWindowTitle(window_title(self.display_name()))
        path = self.controller.path
        self.window.setWindowFilePath(str(path) if path is not None else "")

    def _on_modification_changed(self, modified: bool) -> None:
        self.window.setWindowModified(modified)
        if modified:
            self.window.status.set_save_state("Unsaved changes")
        elif self.controller.path is not None:
            self.window.status.set_save_state("Saved")
        else:
            self.window.status.set_save_state("")

    def _on_journal_written(self, _key: str) -> None:
        if self.is_modified():
            self.window.status.set_save_state("Unsaved changes (backed up)")

    def _on_journal_failed(self, message: str) -> None:
        self.window.status.set_warning(message)
        self.window.inform("Recovery journal", message)

    def _on_path_changed(self, path: Path | None) -> None:
        self.update_title()
        self.window.preview_controller.base_dir = path.parent if path is not None else None
        if path is not None:
            self.window.recent.add(str(path))

    def flush_journal(self) -> None:
        """Write unsaved text to the recovery journal now (focus loss, quit)."""
        if self.is_modified():
            self.controller.flush_journal(self.window.editor.text())

    # ------------------------------------------------------------------ new and open

    def _show_text(self, text: str, base_dir: Path | None, name: str = "Untitled") -> None:
        self.untitled_name = name
        window = self.window
        if window.take_first_screen(text) and window.editor.text() == text:
            window.preview_controller.new_document(base_dir, first_screen_shown=True)
            return  # already shown (cold start, as the sample column at first start)
        window.begin_new_document(base_dir)
        window.editor.set_text(text)

    def maybe_save_changes(self, action: str = "closing") -> bool:
        """Ask Save / Don't Save / Cancel if there are unsaved changes; True to go on."""
        if not self.is_modified():
            return True
        answer = self.window.ask(
            "Unsaved changes",
            f"Save the changes to “{self.display_name()}” before {action}?",
            [SAVE, DONT_SAVE, CANCEL],
            default=SAVE,
            details="If you don't save, your changes since the last save are lost.",
        )
        if answer == SAVE:
            return self.save()
        if answer == DONT_SAVE:
            self.controller.discard_journal()
            self.window.editor.document().setModified(False)
            return True
        return False

    def new_document(self) -> bool:
        """An empty untitled column (after asking about unsaved changes)."""
        if not self.maybe_save_changes("starting a new column"):
            return False
        self.controller.new()
        self._show_text("", None)
        self.window.status.set_warning(None)
        self.update_title()
        return True

    def new_from_text(self, text: str, name: str = "Untitled") -> None:
        """An untitled buffer holding `text` (the sample column): Save asks where to save."""
        self.controller.new(starting_text=text)
        self._show_text(text, None, name)
        self.update_title()

    def open_dialog(self) -> bool:
        """Ask about unsaved changes, then which file to open."""
        if not self.maybe_save_changes("opening another column"):
            return False
        path = self.window.choose_open_path(self.dialog_directory())
        if not path:
            return False
        return self.open_path(path, ask_to_save=False)

    def open_path(self, path: str | os.PathLike[str], ask_to_save: bool = True,
                  encoding: str | None = None) -> bool:
        """Open `path` in this window, explaining any problem; False if not opened."""
        from columnist.document.text_file import (
            BinaryFileError,
            NotUtf8Error,
            OpenError,
            encoding_label,
        )

        path = str(path)
        if not os.path.exists(path):
            if path in self.window.recent.paths():
                self.window.recent.remove(path)
            self.window.inform(
                "File not found",
                f"“{path}” does not exist any more (moved, renamed or deleted). "
                "It has been removed from Open Recent.",
            )
            return False
        if ask_to_save and not self.maybe_save_changes("opening another column"):
            return False
        if _is_bundled_sample(path):
            return self._open_sample(path)
        try:
            self.controller.open(path, encoding)
        except NotUtf8Error as exc:
            suggestions = exc.suggested_encodings or ["cp1252"]
            choices = [f"Open as {encoding_label(e)}" for e in suggestions]
            answer = self.window.ask(
                "Not UTF-8 text",
                exc.message,
                [*choices, CANCEL],
                default=choices[0],
                icon="warning",
                details="Opening it in another encoding shows the text; saving keeps that "
                "encoding.",
            )
            if answer in choices:
                return self.open_path(path, False, suggestions[choices.index(answer)])
            return False
        except BinaryFileError as exc:
            self.window.inform("Not a text file", exc.message)
            return False
        except OpenError as exc:
            self.window.inform("Cannot open the file", exc.message)
            return False
        return True

    def _open_sample(self, path: str) -> bool:
        """Never write to the bundled file: an untitled copy instead."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.window.inform(
                "Cannot open the sample column",
                f"The sample column bundled with Columnist could not be read ({exc}). "
                "Reinstall Columnist to get it back; your own columns are not affected.",
            )
            return False
        self.new_from_text(text)
        return True

    def _on_opened(self, loaded: LoadedText) -> None:
        self._force_next_save = False
        editor = self.window.editor
        if editor.text() != loaded.text:
            self.window.begin_new_document(loaded.path.parent)
            editor.set_text(loaded.text)
        else:  # already shown (cold start shows the text before the controller exists)
            self.window.preview_controller.new_document(
                loaded.path.parent, first_screen_shown=self.window.take_first_screen(loaded.text))
            editor.document().clearUndoRedoStacks()
            editor.document().setModified(False)
        self._on_modification_changed(False)
        self.update_title()
        self.window.status.set_warning(" ".join(loaded.warnings) if loaded.warnings else None)

    def report_missing_recent(self, missing: list[str]) -> None:
        """Open Recent dropped files that no longer exist: say which."""
        names = ", ".join(os.path.basename(p) for p in missing)
        self.window.status.showMessage(
            f"Removed from Open Recent because they no longer exist: {names}", 8000
        )

    def dialog_directory(self) -> str:
        """Where open and save dialogs start: the column's folder, else the last one used."""
        if self.controller.path is not None:
            return str(self.controller.path.parent)
        return self.window.settings.get("files/last_directory") or str(Path.home())

    # ------------------------------------------------------------------ reload and compare

    def reload_from_disk(self) -> bool:
        """Read the file again, asking first if that loses unsaved changes."""
        if self.controller.path is None:
            self.window.inform("Nothing to reload", "This column has not been saved yet.",
                               "info")
            return False
        if self.is_modified():
            answer = self.window.ask(
                "Reload from disk",
                f"Reload “{self.display_name()}” from disk and lose your unsaved changes?",
                [RELOAD, CANCEL],
                default=CANCEL,
            )
            if answer != RELOAD:
                return False
        return self._reload_discarding()

    def _reload_discarding(self) -> bool:
        from columnist.document.text_file import OpenError

        try:
            self.controller.reload()
        except OpenError as exc:
            self.window.inform("Cannot reload", exc.message)
            return False
        return True

    def _compare_with_disk(self) -> None:
        from columnist.document.history import diff_html
        from columnist.document.text_file import OpenError, load_text

        path = self.controller.path
        if path is None:
            return
        encoding = self.controller.format.encoding
        try:
            disk = load_text(path, None if encoding == "utf-8" else encoding).text
        except OpenError as exc:
            self.window.inform("Cannot compare", exc.message)
            return
        html = diff_html(disk, self.window.editor.text(), "On disk", "In the editor")
        self.window.show_differences(f"{path.name}: on disk vs. in the editor", html)

    def compare_versions(self) -> None:
        """Compare with a version kept in the history; the chosen one replaces the text."""
        from columnist.ui.compare_dialog import CompareDialog

        editor = self.window.editor
        dialog = CompareDialog(self.controller.history, self.controller.path, editor.text(),
                               self.window)
        dialog.exec()
        chosen = dialog.chosen_text()
        if chosen is not None:
            editor.replace_text(chosen)

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save to the current file (Save As for an untitled column); True if saved."""
        from columnist.document.text_file import ConflictError, SaveError

        if self.controller.path is None:
            return self.save_as()
        try:
            self.controller.save(self.window.editor.text(), force=self._force_next_save)
        except ConflictError as exc:
            answer = self.window.ask(
                "Changed on disk",
                exc.message,
                [SAVE_OVER, RELOAD, COMPARE, CANCEL],
                default=CANCEL,
                icon="warning",
            )
            if answer == SAVE_OVER:
                self._force_next_save = True
                return self.save()
            if answer == RELOAD:
                return self._reload_discarding()
            if answer == COMPARE:
                self._compare_with_disk()
            return False
        except SaveError as exc:
            return self._save_failed(exc)
        return True

    def save_as(self) -> bool:
        """Ask where, then save there (the column continues under the new name)."""

        from columnist.document.text_file import SAVE_ENCODINGS, saved_encoding

        path = self.controller.path
        if path is not None:
            suggested = str(path)
        else:
            suggested = os.path.join(self.dialog_directory(), self._suggested_name())
        current = saved_encoding(self.controller.format)
        encodings = [current, *(e for e in SAVE_ENCODINGS if e != current)]
        chosen = self.window.choose_save_path(suggested, encodings)
        if not chosen:
            return False
        target, encoding = chosen
        return self._save_as(target, encoding)

    def save_as_utf8(self) -> bool:
        """Save the current file again as UTF-8 (the way out when its encoding cannot hold
        a character); an untitled column goes through Save As."""
        if self.controller.path is None:
            return self.save_as()
        return self._save_as(str(self.controller.path), "utf-8")

    def _save_as(self, target: str, encoding: str) -> bool:
        from columnist.document.text_file import SaveError

        try:
            self.controller.save_as(target, self.window.editor.text(), encoding)
        except SaveError as exc:
            return self._save_failed(exc)
        self.window.settings.set("files/last_directory", os.path.dirname(target))
        return True

    def _suggested_name(self) -> str:
        """A file name from the column's title ("improvement-is-hard-won.md"), read from
        the column model when it is of the current text (a Save As is rare: reading the
        front matter here, when the model is behind, costs a few milliseconds once)."""
        from columnist.document.file_names import file_name_for_title

        text = self.window.editor.text()
        last = self.window.preview_controller.last_output
        if last is not None and last.column is not None and last.column.text == text:
            values = last.column.front_matter.values
        else:
            from columnist.markdown.column import parse_column

            values = parse_column(text).front_matter.values
        return file_name_for_title(values.get("title"))

    def _save_failed(self, exc: SaveError) -> bool:
        """Explain; offer Save As where choosing another place helps. The buffer stays."""
        if exc.offer_save_as:
            answer = self.window.ask(
                "Could not save",
                exc.message,
                [SAVE_AS, CANCEL],
                default=SAVE_AS,
                icon="warning",
                details=NOTHING_LOST,
            )
            if answer == SAVE_AS:
                return self.save_as()
            return False
        if exc.unencodable:
            answer = self.window.ask(
                "Could not save",
                exc.message,
                [SAVE_AS_UTF8, SAVE_AS, CANCEL],
                default=SAVE_AS_UTF8,
                icon="warning",
                details=NOTHING_LOST + " The previous version of the file is kept in File ▸ "
                "Compare with a Saved Version.",
            )
            if answer == SAVE_AS_UTF8:
                return self.save_as_utf8()
            if answer == SAVE_AS:
                return self.save_as()
            return False
        self.window.inform("Could not save", exc.message, details=NOTHING_LOST)
        return False

    def _on_saved(self, path: Path) -> None:
        self._force_next_save = False
        self.window.editor.document().setModified(False)
        self._on_modification_changed(False)
        self.update_title()
        self.window.status.showMessage(f"Saved {path}", 4000)

    # ------------------------------------------------------------------ other programs

    def _keep_mine(self) -> None:
        """The writer keeps their text: the next save replaces the one on disk."""
        self._force_next_save = True
        self.window.editor.document().setModified(True)

    def _on_externally_modified(self, path: Path) -> None:
        answer = self.window.ask(
            "Changed by another program",
            f"“{path.name}” was changed on disk by another program.",
            [RELOAD, KEEP_MINE, COMPARE],
            default=KEEP_MINE,
            icon="warning",
            details="Reload from Disk shows their version (your unsaved edits are lost). "
            "Keep My Version leaves your text here; saving will replace theirs. "
            "Compare shows the differences first.",
        )
        if answer == RELOAD:
            self._reload_discarding()
        elif answer == COMPARE:
            self._compare_with_disk()
            self._on_externally_modified_again(path)
        else:
            self._keep_mine()

    def _on_externally_modified_again(self, path: Path) -> None:
        answer = self.window.ask(
            "Changed by another program",
            f"Keep your version of “{path.name}”, or reload the one on disk?",
            [RELOAD, KEEP_MINE],
            default=KEEP_MINE,
        )
        if answer == RELOAD:
            self._reload_discarding()
        else:
            self._keep_mine()

    def _on_externally_deleted(self, path: Path) -> None:
        self.window.editor.document().setModified(True)
        answer = self.window.ask(
            "File deleted or moved",
            f"“{path.name}” was deleted or moved by another program. Your text is still "
            "here.",
            [RECREATE, SAVE_AS, NOT_NOW],
            default=RECREATE,
            icon="warning",
            details=f"Save to Re-create It writes it again at {path}.",
        )
        if answer == RECREATE:
            self.save()
        elif answer == SAVE_AS:
            self.save_as()

    def _on_replaced_by_folder(self, path: Path) -> None:
        self.window.editor.document().setModified(True)
        answer = self.window.ask(
            "File replaced by a folder",
            f"“{path.name}” is now a folder: another program replaced the file with a folder "
            "of the same name. Your text is still here; save it under another name.",
            [SAVE_AS, NOT_NOW],
            default=SAVE_AS,
            icon="warning",
            details=f"The folder is {path}.",
        )
        if answer == SAVE_AS:
            self.save_as()

    # ------------------------------------------------------------------ recovery

    def restore(self, entry: JournalEntry) -> None:
        """Continue a recovered text here (unsaved; its journal entry stays until saved)."""
        self.controller.adopt_recovered(entry)
        self._show_text(entry.text, entry.path.parent if entry.path else None, "Recovered")
        self.window.editor.document().setModified(True)
        self.update_title()
        self.window.status.set_save_state("Recovered — not saved yet")


def _is_bundled_sample(path: str) -> bool:
    from columnist.resources import sample_column_path

    try:
        return Path(path).resolve() == sample_column_path().resolve()
    except (OSError, FileNotFoundError):
        return False

