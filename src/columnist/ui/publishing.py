"""Publishing from the window: File ▸ Export…, Edit ▸ Copy for Medium, File ▸ Publish to
Medium….

The work is the export services' (`columnist.export`: the same functions the command
line runs); this module only gathers the editor's text, runs them off the GUI thread
(`core.tasks.run_task`) and puts the results on the clipboard or in a dialog. A column
the publish gate refuses (unresolved review marks, first of all) is never copied for
Medium: the writer is told what and where, as the export would.

Export… is Ctrl+E (Format ▸ Inline Code is Ctrl+Shift+`, as in Typora).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # the export services load on first use, not at the window's start
    from columnist.export import Column, ExportOptions
    from columnist.export.gate import Problem
    from columnist.export.medium import MediumCopy
    from columnist.ui.actions import Menus
    from columnist.ui.export_dialog import ExportDialog
    from columnist.ui.main_window import MainWindow
    from columnist.ui.medium_guide import MediumGuide

EXPORT_SHORTCUT = "Ctrl+E"
COPY_SHORTCUT = "Ctrl+Shift+C"


@dataclass(frozen=True)
class ListedProblem:
    """One thing the publish gate found, as the window lists it: the sentence, its 1-based
    line and column (0 when it names no place), and whether it stops publishing."""

    text: str
    line: int = 0
    column: int = 0
    error: bool = True

    @classmethod
    def of(cls, problem: Problem) -> ListedProblem:
        """From a problem the gate found (`export.gate.Problem`).

        >>> from columnist.export.gate import Problem
        >>> ListedProblem.of(Problem(3, 7, "error", "export.review-mark", "comment “KB: check”"))
        ListedProblem(text='line 3, column 7: comment “KB: check”', line=3, column=7, error=True)
        """
        return cls(problem.describe(), problem.line, problem.column, problem.is_error)


def gate_problems(column: Column, cache_path: Path | None = None) -> list[ListedProblem]:
    """What the publish gate finds in `column`, without exporting it: the gate's own list
    (`export.publish_problems`: errors and warnings, rating claims checked against the
    cache at `cache_path`)."""
    from columnist.export import publish_problems

    return [ListedProblem.of(problem) for problem in publish_problems(column, cache_path)]


@dataclass
class ExportPreview:
    """What an export of the column would give: `html` (rendered in the preview) or
    `text` (shown as it is), the changes it would make, its warnings, and the gate's
    problems."""

    html: str = ""
    text: str = ""
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[ListedProblem] = field(default_factory=list)


def preview_export(
    name: str, column: Column, extra: dict[str, Any], cache_path: Path | None = None
) -> ExportPreview:
    """Export `column` as `name` into a scratch folder and read back what it wrote; the
    gate's problems are listed beside it, not raised (the format's exporter runs without
    the gate). Runs on a worker thread."""
    from columnist.export import EXPORTERS, ExportOptions

    exporter = EXPORTERS[name]
    stem = column.source_path.stem if column.source_path is not None else "column"
    with tempfile.TemporaryDirectory(prefix="columnist-preview-") as scratch:
        out = Path(scratch) / f"{stem}{exporter.suffix}"
        result = exporter.export(column, ExportOptions(out, extra))
        written = out.read_text("utf-8")
    preview = ExportPreview(changes=list(result.changes), warnings=list(result.warnings),
                            problems=gate_problems(column, cache_path))
    if exporter.suffix.endswith(".txt"):
        preview.text = written
    else:
        preview.html = written
    return preview


def export_options(
    out: Path, extra: dict[str, Any], draft: bool, cache_path: Path | None
) -> ExportOptions:
    """The options for one export, with the rating cache the gate checks claims against."""
    from columnist.export import ExportOptions

    return ExportOptions(out, extra, draft=draft, cache_path=cache_path)


def changes_note(copy: MediumCopy) -> str:
    """" (2 changes for Medium)", or '' when the copy is the column as it is."""
    count = len(copy.changes)
    return f" ({count} change{'s' if count != 1 else ''} for Medium)" if count else ""


def medium_mime(copy: MediumCopy) -> QMimeData:
    """The body for Medium's editor: its HTML and its plain text, together (a rich editor
    takes the HTML, a plain one the text)."""
    mime = QMimeData()
    mime.setHtml(copy.html)
    mime.setText(copy.text)
    return mime


def text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def show_in_folder(path: Path) -> None:
    """Open the folder holding `path` in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if path.is_file() else path)))


class PublishingFeature:
    """Export…, Copy for Medium and the Publish to Medium guide, in the File and Edit menus."""

    dialog: ExportDialog | None = None
    guide: MediumGuide | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.actions import make_action

        self._window = window
        menus.add("file/export", "export", make_action(
            window, "&Export…", self.open_export, EXPORT_SHORTCUT,
            tip="Export the column as standalone HTML, Medium-ready copy or plain text"))
        menus.add("file/export", "publish_medium", make_action(
            window, "Publish to &Medium…", self.open_guide,
            tip="Copy the title, subtitle, body and images for Medium, one step at a time"))
        menus.add("edit/clipboard", "copy_for_medium", make_action(
            window, "Copy for &Medium", self.copy_for_medium, COPY_SHORTCUT,
            tip="Put the body on the clipboard as rich text and plain text for Medium"))

    def column(self) -> Column:
        """The editor's text as a column, at the file it was opened from (or unsaved)."""
        from columnist.export import Column

        return Column(self._window.editor.text(), self._window.session.controller.path)

    def cache_path(self) -> Path | None:
        """The rating cache the gate checks rating claims against (None: not built yet)."""
        found = self._window.ratings.cache_path()
        return Path(found) if found else None

    def _refused(self, column: Column, what: str) -> bool:
        """Tell the writer, and say True, when the gate's errors stop `what`."""
        errors = [p for p in gate_problems(column, self.cache_path()) if p.error]
        if not errors:
            return False
        count = len(errors)
        self._window.inform(
            f"Not {what}", f"The column is not ready to publish: {count} "
            f"problem{'s' if count != 1 else ''} to fix first (File ▸ Export… lists them too; "
            "double-click one to go there).",
            details="\n".join(problem.text for problem in errors))
        return True

    def _with_medium_copy(self, then: Any) -> None:
        """Make the Medium copy off the GUI thread, then `then(copy)` (errors are said)."""
        from columnist.core.tasks import run_task
        from columnist.export.medium import medium_copy

        column = self.column()
        self._window.status.showMessage("Preparing the Medium copy…", 4000)

        def done(copy: MediumCopy | None, error: BaseException | None) -> None:
            self._window.status.clearMessage()
            if error is not None or copy is None:
                self._window.inform("Not copied", f"The Medium copy could not be made: {error}")
                return
            then(copy)

        run_task(lambda: medium_copy(column), done, receiver=self._window)

    def copy_for_medium(self) -> None:
        """Edit ▸ Copy for Medium: the body as HTML and text together on the clipboard."""
        if self._refused(self.column(), "copied"):
            return

        def put(copy: MediumCopy) -> None:
            QApplication.clipboard().setMimeData(medium_mime(copy))
            changed = changes_note(copy)
            self._window.status.showMessage(
                f"Body copied for Medium{changed}. Title and subtitle go in their own "
                "fields: File ▸ Publish to Medium… takes you through it.", 10000)

        self._with_medium_copy(put)

    def open_guide(self) -> None:
        """File ▸ Publish to Medium…: the step-by-step guide."""
        if self._refused(self.column(), "ready for Medium"):
            return

        def show(copy: MediumCopy) -> None:
            from columnist.ui.medium_guide import MediumGuide

            if self.guide is not None:  # a fresh guide for the text as it is now
                self.guide.close()
                self.guide.deleteLater()
            self.guide = MediumGuide(copy, self._window)
            self.guide.show()
            self.guide.raise_()

        self._with_medium_copy(show)

    def open_export(self) -> None:
        """File ▸ Export…: the dialog (one per window, brought back if open)."""
        from columnist.ui.export_dialog import ExportDialog

        if self.dialog is None:
            self.dialog = ExportDialog(self, self._window)
        self.dialog.start(self.column())
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def sync_dialog(self) -> None:
        """Give the Export dialog the editor's text as it is now."""
        if self.dialog is not None:
            self.dialog.update_column(self.column())

    def go_to(self, problem: ListedProblem) -> None:
        """Put the editor's cursor where `problem` is."""
        if problem.line:
            self._window.move_cursor_to(problem.line - 1, max(0, problem.column - 1))
            self._window.editor.setFocus()
            self._window.activateWindow()
