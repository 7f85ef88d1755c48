"""File ▸ Export Review Copy (PDF)…: the column as a reviewer reads it on paper.

The PDF is `export.review_copy`'s (the same as `columnist review-copy`), made from the text
in the editor, saved or not, with its review marks shown. It is painted on the GUI thread:
QTextDocument and QPainter belong to it, and a column's few pages take a fraction of a
second; the cursor says it is busy meanwhile. A failure is told in a message and writes
nothing (the write is atomic).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

PDF_FILTER = "PDF (*.pdf)"


class ReviewCopyMenu:
    """File ▸ Export Review Copy (PDF)…"""

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.actions import make_action

        self._window = window
        action = make_action(
            window, "Export Review Cop&y (PDF)…", self.export,
            tip="A printable PDF of the column with its suggestions shown and its comments "
            "as numbered notes",
        )
        self.action = menus.add("file/export", "review_copy", action)

    def suggested_path(self) -> str:
        """Beside the column, with its name and .pdf ("Untitled.pdf" for a new one)."""
        from columnist.export.review_copy import SUFFIX

        path = self._window.session.controller.path
        if path is not None:
            return str(path.with_suffix(SUFFIX))
        return str(Path(self._window.session.dialog_directory()) / f"Untitled{SUFFIX}")

    def choose_output(self) -> str | None:
        """Where to write the PDF (None: cancelled); the dialog confirms an overwrite."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self._window, "Export Review Copy", self.suggested_path(), PDF_FILTER
        )
        if path and not Path(path).suffix:
            path += ".pdf"
        return path or None

    def export(self, out: str | None = None) -> Path | None:
        """Write the review copy to `out` (asked for when None); the path written, or None."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        from columnist.export.base import Column, ExportError
        from columnist.export.review_copy import export_review_copy

        window = self._window
        out = out or self.choose_output()
        if not out:
            return None
        column = Column(window.editor.text(), window.session.controller.path)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_review_copy(column, Path(out))
        except ExportError as exc:
            window.inform("Review copy not written", exc.message)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        message = f"Review copy written to {result.out_path}"
        if result.warnings:
            message += " (" + "; ".join(result.warnings) + ")"
        window.status.showMessage(message, 12000)
        return result.out_path
