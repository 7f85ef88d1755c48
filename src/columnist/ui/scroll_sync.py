"""Scroll sync both ways between the editor and the preview.

The preview knows where each source line's block sits (anchors measured by the render
worker), so editor → preview interpolates the editor's top line between anchors, and
preview → editor maps the preview's top back to a line. Feedback loops are cut twice:
the editor's `scroll_to_line` does not emit `topLineChanged`, the preview's
`scroll_to_line` does not emit `userScrolled`, and a guard ignores anything that arrives
while we are moving the other side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from columnist.ui.editor import MarkdownEditor
from columnist.ui.preview import PreviewView

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow


class ScrollSync(QObject):
    """Keeps `editor` and `preview` showing the same part of the column when enabled."""

    def __init__(self, editor: MarkdownEditor, preview: PreviewView, parent: QObject | None = None):
        super().__init__(parent)
        self._editor = editor
        self._preview = preview
        self._guard = False
        self.enabled = True
        editor.topLineChanged.connect(self._editor_scrolled)
        preview.userScrolled.connect(self._preview_scrolled)
        preview.textChanged.connect(self.sync_preview)

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        if on:
            self.sync_preview()

    def sync_preview(self) -> None:
        """Bring the preview to the editor's position (after a refresh, or on enabling)."""
        if self.enabled and self._preview.isVisible():
            self._editor_scrolled(self._editor.first_visible_line())

    def _editor_scrolled(self, line: int) -> None:
        if not self.enabled or self._guard or not self._preview.isVisible():
            return
        self._guard = True
        try:
            self._preview.scroll_to_line(line)
        finally:
            self._guard = False

    def _preview_scrolled(self) -> None:
        if not self.enabled or self._guard:
            return
        self._guard = True
        try:
            self._editor.scroll_to_line(round(self._preview.line_at_top()))
        finally:
            self._guard = False


class ScrollSyncFeature:
    """Scroll sync as a window feature: View ▸ Scroll Sync (remembered) over `ScrollSync`."""

    sync: ScrollSync

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Link the window's editor and preview; the toggle follows the panels' toggles."""
        self.sync = ScrollSync(window.editor, window.preview, window)
        menus.add_toggle("view/panels", "scroll_sync", "&Scroll Sync", "view/scroll_sync",
                         self.sync.set_enabled)
