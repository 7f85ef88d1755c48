"""The writing desk: editor | preview, outline and metadata docks, menus, status bar.

The window holds no document rules of its own: `DocumentController` opens, saves,
journals and watches the file; `PreviewController` renders off the GUI thread. The
window wires their signals to widgets and turns every failure into a clear question or
message. All blocking dialogs go through `ask` / `inform` / `choose_*`, which tests
replace, so no test ever waits on a QMessageBox.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from columnist.settings import Settings
from columnist.ui import theme
from columnist.ui.editor import MarkdownEditor
from columnist.ui.status import StatusPanel

if TYPE_CHECKING:
    # Annotations only; each Qt class costs its first use ~0.3 ms, kept off the cold start.
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from columnist.document.text_file import LoadedText, SaveError
    from columnist.ui.preview import RenderOutput

# Imported on first use, not at start-up (cold start is a measured target): the document
# layer (YAML, difflib), the preview, find/replace, outline and dialogs.

APP_NAME = "Columnist"
OPENABLE_SUFFIXES = (".md", ".markdown", ".txt")
BANNER_STYLE = (
    "QLabel { background: #fff3cd; color: #5c4400; padding: 6px 10px; "
    "border-bottom: 1px solid #e0c97a; }"
)

# Answers to the questions the window asks (tests answer with these labels).
SAVE, DONT_SAVE, CANCEL = "Save", "Don't Save", "Cancel"
RELOAD, KEEP_MINE, COMPARE = "Reload from Disk", "Keep My Version", "Compare"
RECREATE, SAVE_AS, NOT_NOW = "Save to Re-create It", "Save As…", "Not Now"
SAVE_OVER = "Save Over It"
RATINGS_OPEN_DELAY_MS = 200  # after the first paint and the first preview have started


def _is_openable(path: str) -> bool:
    return path.lower().endswith(OPENABLE_SUFFIXES)


class MainWindow(QMainWindow):
    """One column in one window. Attributes: editor, preview, outline, controller,
    find_bar, metadata_form, status."""

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        deferred: bool = False,
    ) -> None:
        """`deferred=True` (the app's cold start) builds only what the first paint needs
        (editor, status bar); `finish_setup()` adds the rest right after it is shown."""
        super().__init__(parent)
        self.settings = settings or Settings()
        self._untitled_name = "Untitled"
        self._force_next_save = False
        self._dark = False
        self._focus_saved: dict[str, bool] | None = None
        self._front_matter_error: str | None = None
        self._closing_done = False
        self._restoring = False
        self._ready = False

        # --- central area: [banner / editor / find bar] | preview -------------------
        self.editor = MarkdownEditor(self)
        left = QWidget(self)
        self._column = QVBoxLayout(left)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.editor, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.status = StatusPanel(self)
        self.setStatusBar(self.status)
        if deferred:
            geometry = self.settings.get("window/geometry")
            if geometry:
                self.restoreGeometry(QByteArray(geometry))
            else:
                self.resize(1200, 800)
            self.setWindowTitle(f"{self._untitled_name}[*] — {APP_NAME}")
            # What changes the look of the text is applied before the first paint too.
            if theme.resolve_dark(str(self.settings.get("view/theme"))):
                theme.apply_palette(True)
                self.editor.set_dark(True)
            zoom = int(self.settings.get("editor/zoom"))
            if zoom:
                self.editor.set_zoom(zoom)
        else:
            self.finish_setup()

    def finish_setup(self) -> None:
        """Controller, preview, docks, menus and settings (after the first paint at start)."""
        if self._ready:
            return
        from PySide6.QtWidgets import QDockWidget

        from columnist.document.controller import DocumentController
        from columnist.ui.find_replace import FindReplaceBar
        from columnist.ui.outline import OutlineView
        from columnist.ui.preview import PreviewController, PreviewView
        from columnist.ui.recent_files import RecentFiles
        from columnist.ui.scroll_sync import ScrollSync

        self.recent = RecentFiles(self.settings)
        self.controller = DocumentController(parent=self)
        self.find_bar = FindReplaceBar(self.editor, self)
        self.find_bar.hide()
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self._column.insertWidget(0, self.banner)
        self._column.addWidget(self.find_bar)

        from columnist.ratings.service import RatingsService

        # The rating cache opens in a worker shortly after the window is shown.
        self.ratings = RatingsService(self)
        self.preview = PreviewView(self)
        self.preview_controller = PreviewController(
            self.preview, self.editor.text, self.ratings.lookup_factory(), parent=self
        )
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        # --- docks ---------------------------------------------------------------------
        self.outline = OutlineView(self)
        self.outline_dock = QDockWidget("Outline", self)
        self.outline_dock.setObjectName("outlineDock")
        self.outline_dock.setWidget(self.outline)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.outline_dock)
        self.metadata_dock = QDockWidget("Metadata", self)
        self.metadata_dock.setObjectName("metadataDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.metadata_dock)
        self._metadata_form: Any = None  # made on first show (keeps cold start short)
        self.scroll_sync = ScrollSync(self.editor, self.preview, self)

        from columnist.ui.actions import build_menus

        self.actions_by_name = build_menus(self)
        from columnist.ui.ratings_dialogs import RatingsUi

        self.ratings_ui = RatingsUi(self, self.ratings)
        QTimer.singleShot(RATINGS_OPEN_DELAY_MS, self.ratings.start)
        self.setAcceptDrops(True)
        self.editor.viewport().installEventFilter(self)
        self.editor.setAcceptDrops(True)

        self._ready = True
        self._wire()
        self._restore_settings()
        # A new editor can report itself modified (its set-up touches the document); an
        # empty, untouched window must not ask "Save changes?".
        self.editor.document().setModified(False)
        self._update_title()

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        editor, ctl = self.editor, self.controller
        editor.textChanged.connect(self._on_text_changed)
        editor.document().modificationChanged.connect(self._on_modification_changed)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.cursorLineChanged.connect(self.outline.set_current_line)
        editor.zoomChanged.connect(self._on_editor_zoomed)
        self.outline.headingActivated.connect(editor.go_to_line)
        ctl.opened.connect(self._on_opened)
        ctl.pathChanged.connect(self._on_path_changed)
        ctl.saved.connect(self._on_saved)
        ctl.externallyModified.connect(self._on_externally_modified)
        ctl.externallyDeleted.connect(self._on_externally_deleted)
        ctl.journalFailed.connect(self._on_journal_failed)
        ctl.journalWritten.connect(self._on_journal_written)
        self.preview_controller.rendered.connect(self._on_rendered)
        self.preview_controller.failed.connect(
            lambda message: self.status.showMessage(f"Preview failed: {message}", 8000)
        )
        self.preview.anchorClicked.connect(self._on_link_clicked)
        self.metadata_dock.visibilityChanged.connect(self._on_metadata_dock_visibility)
        self.outline_dock.visibilityChanged.connect(self._on_outline_dock_visibility)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._on_app_state)

    # ------------------------------------------------------------------ dialogs (tests replace)

    def ask(
        self,
        title: str,
        text: str,
        buttons: Sequence[str],
        default: str | None = None,
        icon: str = "question",
        details: str = "",
    ) -> str | None:
        """Ask a question; returns the chosen button label (None if dismissed)."""
        from columnist.ui import dialogs

        return dialogs.ask(self, title, text, buttons, default, icon, details)

    def inform(self, title: str, text: str, icon: str = "warning", details: str = "") -> None:
        """Tell the writer something (no decision needed)."""
        from columnist.ui import dialogs

        dialogs.inform(self, title, text, icon, details)

    def choose_open_path(self) -> str | None:
        from columnist.ui import dialogs

        return dialogs.open_path(self, self._dialog_directory())

    def choose_save_path(self, suggested: str) -> str | None:
        from columnist.ui import dialogs

        return dialogs.save_path(self, suggested)

    def choose_recovery(self, entries: Sequence[Any]) -> tuple[str, list[Any]]:
        from columnist.ui import dialogs

        return dialogs.choose_recovery(self, entries)

    def show_differences(self, title: str, html: str) -> None:
        from columnist.ui import dialogs

        dialogs.show_html(self, title, html)

    # ------------------------------------------------------------------ metadata form (lazy)

    @property
    def metadata_form(self) -> Any:
        """The front-matter form, created on first use."""
        if self._metadata_form is None:
            from columnist.ui.metadata_form import MetadataForm

            form = MetadataForm(self)
            form.fieldsEdited.connect(self._on_fields_edited)
            self.metadata_dock.setWidget(form)
            last = self.preview_controller.last_output
            if last is not None:
                form.set_column(last.column)
            self._metadata_form = form
        return self._metadata_form

    def _on_metadata_dock_visibility(self, visible: bool) -> None:
        last = self.preview_controller.last_output
        if visible and last is not None:
            self.metadata_form.set_column(last.column)
        if not self._closing_done and not self.isFullScreen() and self._focus_saved is None:
            self.actions_by_name["metadata"].setChecked(not self.metadata_dock.isHidden())

    def _on_outline_dock_visibility(self, _visible: bool) -> None:
        if not self._closing_done and self._focus_saved is None:
            self.actions_by_name["outline"].setChecked(not self.outline_dock.isHidden())

    def _on_fields_edited(self, changes: dict[str, Any]) -> None:
        """Apply the form's edits to the text as ONE undo step (cursor and scroll kept)."""
        from columnist.document.front_matter import set_fields

        old = self.editor.text()
        new = set_fields(old, changes)
        if new != old:
            self.editor.replace_text(new)

    # ------------------------------------------------------------------ text and status

    def _on_text_changed(self) -> None:
        self.controller.text_edited(self.editor.text)
        self.preview_controller.request()

    def _on_modification_changed(self, modified: bool) -> None:
        self.setWindowModified(modified)
        if modified:
            self.status.set_save_state("Unsaved changes")
        elif self.controller.path is not None:
            self.status.set_save_state("Saved")
        else:
            self.status.set_save_state("")

    def _on_journal_written(self, _key: str) -> None:
        if self.editor.document().isModified():
            self.status.set_save_state("Unsaved changes (backed up)")

    def _on_cursor_moved(self) -> None:
        cursor = self.editor.textCursor()
        self.status.set_position(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    def _on_rendered(self, out: RenderOutput) -> None:
        """Hand the column model the worker read with this render to everyone showing it."""
        from columnist.markdown.word_count import reading_time_minutes

        column = out.column
        self.status.set_counts(column.word_count, reading_time_minutes(column.word_count))
        self.outline.set_headings(column.headings)
        self._set_front_matter_error(column.front_matter.error)
        form = self._metadata_form
        # A model of older text (the form's own edit already applied) would undo that edit
        # in the fields: wait for the render of the current text.
        if (
            form is not None
            and self.metadata_dock.isVisible()
            and column.text == self.editor.text()
        ):
            form.set_column(column)

    def _set_front_matter_error(self, error: str | None) -> None:
        if error == self._front_matter_error:
            return
        self._front_matter_error = error
        if error:
            self.banner.setText(
                f"The front matter (between the --- lines at the top) is not valid YAML: "
                f"{error}. Your text is kept as it is; fix it here or in the Metadata panel."
            )
        self.banner.setVisible(bool(error))

    def _on_link_clicked(self, url: QUrl) -> None:
        """Links open in the system browser only when clicked, and only safe kinds."""
        if url.scheme().lower() in ("http", "https", "mailto", "file"):
            QDesktopServices.openUrl(url)

    # ------------------------------------------------------------------ title

    def display_name(self) -> str:
        path = self.controller.path
        return path.name if path is not None else self._untitled_name

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.display_name()}[*] — {APP_NAME}")
        path = self.controller.path
        self.setWindowFilePath(str(path) if path is not None else "")

    def _on_path_changed(self, path: Path | None) -> None:
        self._update_title()
        self.preview_controller.base_dir = path.parent if path is not None else None
        if path is not None:
            self.recent.add(str(path))

    # ------------------------------------------------------------------ documents

    def _on_opened(self, loaded: LoadedText) -> None:
        self._force_next_save = False
        self.preview_controller.new_document(loaded.path.parent)
        if self.editor.text() != loaded.text:
            self.editor.set_text(loaded.text)
        else:  # already shown (cold start shows the text before the controller exists)
            self.editor.document().clearUndoRedoStacks()
            self.editor.document().setModified(False)
        self._on_modification_changed(False)
        self._update_title()
        warning = " ".join(loaded.warnings) if loaded.warnings else None
        self.status.set_warning(warning)

    def maybe_save_changes(self, action: str = "closing") -> bool:
        """Ask Save / Don't Save / Cancel if there are unsaved changes; True to go on."""
        if not self.editor.document().isModified():
            return True
        answer = self.ask(
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
            self.editor.document().setModified(False)
            return True
        return False

    def new_document(self) -> bool:
        if not self.maybe_save_changes("starting a new column"):
            return False
        self.controller.new()
        self._untitled_name = "Untitled"
        self.preview_controller.new_document(None)
        self.editor.set_text("")
        self.status.set_warning(None)
        self._update_title()
        return True

    def new_from_text(self, text: str, name: str = "Untitled") -> None:
        """An untitled buffer holding `text` (the sample column): Save asks where to save."""
        self.controller.new()
        self._untitled_name = name
        self.preview_controller.new_document(None)
        self.editor.set_text(text)
        self._update_title()

    def open_dialog(self) -> bool:
        if not self.maybe_save_changes("opening another column"):
            return False
        path = self.choose_open_path()
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
            if path in self.recent.paths():
                self.recent.remove(path)
            self.inform(
                "File not found",
                f"“{path}” does not exist any more (moved, renamed or deleted). "
                "It has been removed from Open Recent.",
            )
            return False
        if ask_to_save and not self.maybe_save_changes("opening another column"):
            return False
        from columnist.resources import sample_column_path

        try:
            is_sample = Path(path).resolve() == sample_column_path().resolve()
        except (OSError, FileNotFoundError):
            is_sample = False
        if is_sample:  # never write to the bundled file: an untitled copy instead
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.inform(
                    "Cannot open the sample column",
                    f"The sample column bundled with Columnist could not be read ({exc}). "
                    "Reinstall Columnist to get it back; your own columns are not affected.",
                )
                return False
            self.new_from_text(text, "sample-column.md")
            return True
        try:
            self.controller.open(path, encoding)
        except NotUtf8Error as exc:
            suggestions = exc.suggested_encodings or ["cp1252"]
            choices = [f"Open as {encoding_label(e)}" for e in suggestions]
            answer = self.ask(
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
            self.inform("Not a text file", exc.message)
            return False
        except OpenError as exc:
            self.inform("Cannot open the file", exc.message)
            return False
        return True

    def reload_from_disk(self) -> bool:
        if self.controller.path is None:
            self.inform("Nothing to reload", "This column has not been saved yet.", "info")
            return False
        if self.editor.document().isModified():
            answer = self.ask(
                "Reload from disk",
                f"Reload “{self.display_name()}” from disk and lose your unsaved changes?",
                [RELOAD, CANCEL],
                default=CANCEL,
            )
            if answer != RELOAD:
                return False
        return self._reload_discarding()

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Save to the current file (Save As for an untitled column); True if saved."""
        from columnist.document.text_file import ConflictError, SaveError

        if self.controller.path is None:
            return self.save_as()
        text = self.editor.text()
        try:
            self.controller.save(text, force=self._force_next_save)
        except ConflictError as exc:
            answer = self.ask(
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

    def _save_failed(self, exc: SaveError) -> bool:
        """Explain; offer Save As where choosing another place helps. The buffer stays."""
        if exc.offer_save_as:
            answer = self.ask(
                "Could not save",
                exc.message,
                [SAVE_AS, CANCEL],
                default=SAVE_AS,
                icon="warning",
                details="Your text is still here in the editor; nothing has been lost.",
            )
            if answer == SAVE_AS:
                return self.save_as()
            return False
        self.inform(
            "Could not save", exc.message,
            details="Your text is still here in the editor; nothing has been lost.",
        )
        return False

    def save_as(self) -> bool:
        from columnist.document.text_file import SaveError

        path = self.controller.path
        suggested = str(path) if path is not None else os.path.join(
            self._dialog_directory(), self._untitled_name if self._untitled_name.endswith(
                ".md") else "untitled.md")
        chosen = self.choose_save_path(suggested)
        if not chosen:
            return False
        try:
            self.controller.save_as(chosen, self.editor.text())
        except SaveError as exc:
            return self._save_failed(exc)
        self.settings.set("files/last_directory", os.path.dirname(chosen))
        return True

    def _on_saved(self, path: Path) -> None:
        self._force_next_save = False
        self.editor.document().setModified(False)
        self._on_modification_changed(False)
        self._update_title()
        self.status.showMessage(f"Saved {path}", 4000)

    def _dialog_directory(self) -> str:
        if self.controller.path is not None:
            return str(self.controller.path.parent)
        return self.settings.get("files/last_directory") or str(Path.home())

    # ------------------------------------------------------------------ external changes

    def _on_externally_modified(self, path: Path) -> None:
        answer = self.ask(
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
            self._force_next_save = True
            self.editor.document().setModified(True)

    def _on_externally_modified_again(self, path: Path) -> None:
        answer = self.ask(
            "Changed by another program",
            f"Keep your version of “{path.name}”, or reload the one on disk?",
            [RELOAD, KEEP_MINE],
            default=KEEP_MINE,
        )
        if answer == RELOAD:
            self._reload_discarding()
        else:
            self._force_next_save = True
            self.editor.document().setModified(True)

    def _reload_discarding(self) -> bool:
        from columnist.document.text_file import OpenError

        try:
            self.controller.reload()
        except OpenError as exc:
            self.inform("Cannot reload", exc.message)
            return False
        return True

    def _compare_with_disk(self) -> None:
        from columnist.document.history import diff_html
        from columnist.document.text_file import OpenError, load_text

        path = self.controller.path
        if path is None:
            return
        try:
            disk = load_text(path, None if self.controller.format.encoding == "utf-8"
                             else self.controller.format.encoding).text
        except OpenError as exc:
            self.inform("Cannot compare", exc.message)
            return
        html = diff_html(disk, self.editor.text(), "On disk", "In the editor")
        self.show_differences(f"{path.name}: on disk vs. in the editor", html)

    def _on_externally_deleted(self, path: Path) -> None:
        self.editor.document().setModified(True)
        answer = self.ask(
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

    def _on_journal_failed(self, message: str) -> None:
        self.status.set_warning(message)
        self.inform("Recovery journal", message)

    # ------------------------------------------------------------------ compare

    def compare_versions(self) -> None:
        from columnist.ui.compare_dialog import CompareDialog

        dialog = CompareDialog(self.controller.history, self.controller.path,
                               self.editor.text(), self)
        dialog.exec()
        chosen = dialog.chosen_text()
        if chosen is not None:
            self.editor.replace_text(chosen)

    # ------------------------------------------------------------------ recovery

    def restore_entry(self, entry: Any) -> None:
        """Continue a recovered text in this window (unsaved, journal entry kept)."""
        self.controller.adopt_recovered(entry)
        self._untitled_name = "Recovered"
        self.preview_controller.new_document(entry.path.parent if entry.path else None)
        self.editor.set_text(entry.text)
        self.editor.document().setModified(True)
        self._update_title()
        self.status.set_save_state("Recovered — not saved yet")

    def offer_recovery(self) -> list[MainWindow]:
        """Offer texts left by a crash; returns the windows now showing restored texts."""
        from columnist.document.journal import Journal

        journal = Journal()
        try:
            entries = journal.entries()
        except OSError as exc:
            self.inform("Recovery journal", f"The recovery journal could not be read: {exc}.")
            return []
        if journal.corrupt_files:
            folder = journal.corrupt_files[0].parent
            self.inform(
                "Damaged recovery file",
                f"{len(journal.corrupt_files)} recovery file(s) could not be read and were "
                f"moved aside to {folder}. Other recoverable texts are not affected.",
            )
        if journal.unreadable_files:
            names = ", ".join(str(f) for f in journal.unreadable_files)
            self.inform(
                "Recovery file not readable",
                f"Columnist cannot read {names}. It may hold unsaved text, so it was left "
                "where it is: check its permissions and start Columnist again.",
            )
        entries = [e for e in entries if e.key != self.controller.key]
        if not entries:
            return []
        choice, chosen = self.choose_recovery(entries)
        if choice == "discard":
            kept = []
            for entry in chosen:
                try:
                    journal.remove(entry.key)
                except OSError as exc:
                    kept.append(f"{entry.label} ({exc.strerror or exc})")
            if kept:
                self.inform(
                    "Recovery journal",
                    f"These unsaved texts could not be discarded and will be offered again "
                    f"next time: {'; '.join(kept)}. They are in {journal.directory}.",
                )
            return []
        if choice != "restore" or not chosen:
            return []
        windows: list[MainWindow] = []
        for entry in chosen:
            target: MainWindow = self
            if windows or self.editor.document().isModified():
                from columnist.ui.app import new_window

                target = new_window()
            target.restore_entry(entry)
            windows.append(target)
        return windows

    # ------------------------------------------------------------------ view toggles

    def _save_setting(self, name: str, value: Any) -> None:
        if self._restoring:  # applying stored values: nothing to write (faster start)
            return
        self.settings.set(name, value)
        self.settings.sync()

    def set_preview_visible(self, on: bool) -> None:
        self.preview.setVisible(on)
        self.preview_controller.visible = on
        if on:
            self.preview_controller.refresh_soon()
        if self._focus_saved is None:
            self._save_setting("view/preview_visible", on)

    def set_outline_visible(self, on: bool) -> None:
        self.outline_dock.setVisible(on)
        if self._focus_saved is None:
            self._save_setting("view/outline_visible", on)

    def set_metadata_visible(self, on: bool) -> None:
        if on:
            _ = self.metadata_form
        self.metadata_dock.setVisible(on)
        if self._focus_saved is None:
            self._save_setting("view/metadata_visible", on)

    def set_scroll_sync(self, on: bool) -> None:
        self.scroll_sync.set_enabled(on)
        self._save_setting("view/scroll_sync", on)

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(int(self.settings.get("editor/zoom")) + steps)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def set_zoom(self, steps: int) -> None:
        steps = max(-8, min(20, steps))
        self.editor.set_zoom(steps)
        self.preview.set_zoom(steps)
        self._save_setting("editor/zoom", steps)

    def _on_editor_zoomed(self, steps: int) -> None:
        self.preview.set_zoom(steps)
        self._save_setting("editor/zoom", steps)

    def set_focus_mode(self, on: bool) -> None:
        """Only the text: side panels hidden, the editor's centred measure and dimming."""
        self.editor.set_focus_mode(on)
        if on and self._focus_saved is None:
            self._focus_saved = {
                "preview": self.preview.isVisible(),
                "outline": self.outline_dock.isVisible(),
                "metadata": self.metadata_dock.isVisible(),
            }
            self.preview.hide()
            self.preview_controller.visible = False
            self.outline_dock.hide()
            self.metadata_dock.hide()
        elif not on and self._focus_saved is not None:
            saved, self._focus_saved = self._focus_saved, None
            self.preview.setVisible(saved["preview"])
            self.preview_controller.visible = saved["preview"]
            self.outline_dock.setVisible(saved["outline"])
            self.metadata_dock.setVisible(saved["metadata"])
            if saved["preview"]:
                self.preview_controller.refresh_soon()
        self.editor.setFocus()

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def set_theme(self, choice: str) -> None:
        self._save_setting("view/theme", choice)
        self.apply_theme()

    def apply_theme(self) -> None:
        """Apply `view/theme` (following the system when it says so)."""
        choice = self.settings.get("view/theme")
        if choice not in theme.THEMES:
            choice = "system"
        self.actions_by_name[f"theme_{choice}"].setChecked(True)
        dark = theme.resolve_dark(choice)
        theme.apply_palette(dark)
        self._dark = dark
        self.editor.set_dark(dark)
        self.preview.set_colours(*theme.page_colours(dark))
        if self.preview_controller.dark != dark:
            self.preview_controller.dark = dark
            self.preview_controller.refresh_soon()

    # ------------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        self._restoring = True
        try:
            self._apply_stored_settings()
        finally:
            self._restoring = False

    def _apply_stored_settings(self) -> None:
        s = self.settings
        geometry = s.get("window/geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1200, 800)
        state = s.get("window/state")
        if state:
            self.restoreState(QByteArray(state))
        splitter = s.get("window/splitter")
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))
        a = self.actions_by_name
        for name, key in (("preview", "view/preview_visible"), ("outline", "view/outline_visible"),
                          ("metadata", "view/metadata_visible"),
                          ("scroll_sync", "view/scroll_sync")):
            on = bool(s.get(key))
            a[name].setChecked(on)
            getattr(self, {"preview": "set_preview_visible", "outline": "set_outline_visible",
                           "metadata": "set_metadata_visible",
                           "scroll_sync": "set_scroll_sync"}[name])(on)
        zoom = int(s.get("editor/zoom"))
        if zoom:
            self.editor.set_zoom(zoom)
            self.preview.set_zoom(zoom)
        size = int(s.get("editor/font_size"))
        if size > 0:
            self.editor.set_base_point_size(size)
        self.apply_theme()

    def save_window_settings(self) -> None:
        s = self.settings
        # QByteArray, not bytes: QSettings would pickle a Python bytes object.
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/splitter", self.splitter.saveState())
        s.sync()

    # ------------------------------------------------------------------ events

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.flush_journal()
        else:
            self.controller.check_disk()

    def flush_journal(self) -> None:
        """Write unsaved text to the recovery journal now (focus loss, quit)."""
        if self._ready and self.editor.document().isModified():
            self.controller.flush_journal(self.editor.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.flush_journal()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ready:  # closed before start-up finished: nothing edited yet
            event.accept()
            return
        self.flush_journal()
        if not self.maybe_save_changes("closing"):
            event.ignore()
            return
        self.save_window_settings()
        self._closing_done = True
        self.preview_controller.stop()
        event.accept()

    def quit_app(self) -> None:
        QApplication.closeAllWindows()

    def report_missing_recent(self, missing: list[str]) -> None:
        names = ", ".join(os.path.basename(p) for p in missing)
        self.status.showMessage(
            f"Removed from Open Recent because they no longer exist: {names}", 8000
        )

    def _dropped_path(self, mime: Any) -> str | None:
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and _is_openable(url.toLocalFile()):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self._dropped_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_path(event.mimeData())
        if not path:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop finishes: a dialog inside a drop handler confuses some platforms.
        QTimer.singleShot(0, lambda: self.open_path(path))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A file dragged onto the editor opens it instead of inserting its path."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            path = self._dropped_path(event.mimeData())  # type: ignore[attr-defined]
            if path:
                if kind == QEvent.Type.Drop:
                    self.dropEvent(event)  # type: ignore[arg-type]
                else:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        return super().eventFilter(watched, event)

    def move_cursor_to(self, line: int, column: int = 0) -> None:
        """Put the cursor at 0-based (line, column) — for tests and 'go to'."""
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
        self.editor.setTextCursor(cursor)
