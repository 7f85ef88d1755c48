"""Once the window is idle after heavy work, hand freed C memory back to the system.

A render of a long column, a run of the checks and the first page's layout allocate a
few megabytes each that Python frees at once but the C heap keeps (`core.native_memory`).
Giving the pages back costs under a millisecond, but doing it after every render would
make the next one fault them in again, so it waits until nothing has been typed,
rendered or checked for `IDLE_MS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from columnist.core.native_memory import release_free_memory

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

IDLE_MS = 3000


class IdleMemoryFeature:
    """Restarts a quiet-period timer on every edit, render and check result."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.problems import ProblemsPanel

        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self.release)
        self.released = 0  # how many times memory was handed back (tests read it)
        window.editor.textChanged.connect(self.timer.start)
        window.preview_controller.rendered.connect(self.timer.start)
        window.feature(ProblemsPanel).checks.changed.connect(self.timer.start)

    def release(self) -> None:
        release_free_memory()
        self.released += 1
