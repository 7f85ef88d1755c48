"""Saving the column to its own file when typing pauses (Preferences ▸ Saving).

Off by default: the recovery journal already keeps every unsaved word, and some writers
want the file on disk to change only when they say so. When `files/autosave` is on, a
column that has a file is saved AUTOSAVE_DELAY_MS after the last edit, through the same
controller save as File ▸ Save (atomic, the old version kept in the history). An
autosave never asks a question: a file changed by another program, or text its encoding
cannot hold, stops the autosave with a status-bar message, and File ▸ Save asks as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

AUTOSAVE_DELAY_MS = 3000
MESSAGE_MS = 8000


class AutosaveFeature:
    """The timer behind `files/autosave` (the setting is read when it fires, so turning
    it on or off in Preferences applies at once)."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """A single-shot timer restarted by every edit."""
        self._window = window
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        window.editor.textChanged.connect(self._on_edited)

    def _on_edited(self) -> None:
        if self._window.settings.get("files/autosave"):
            self.timer.start()

    def save_now(self) -> bool:
        """Save if autosave is on, the column has a file and changes; True if saved."""
        from columnist.document.text_file import SaveError

        window = self._window
        session = window.session
        if (not window.settings.get("files/autosave") or window.closing
                or session.controller.path is None or not session.is_modified()):
            return False
        try:
            session.controller.save(window.editor.text())
        except SaveError as exc:  # ConflictError is one: never saved over in silence
            window.status.showMessage(
                f"Not saved automatically: {exc.message} Use File ▸ Save.", MESSAGE_MS)
            return False
        return True
