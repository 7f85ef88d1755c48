"""Once the window is idle after heavy work, tidy memory where typing cannot feel it.

Two kinds of tidying wait until nothing has been typed, rendered or checked for `IDLE_MS`:

* **The cyclic collector's full pass.** Everything alive is taken out of the collector's
  view (`gc.freeze`), after one full collection over all of it. A full collection that
  Python starts by itself while the writer types then walks only what was made since
  (the renders and check runs of this burst of typing), not the pages, blocks and
  findings kept for the whole column, which took 4–10 ms with the GIL held at 50,000
  words: a stall the writer could feel. The idle pass unfreezes first, so garbage among
  what was frozen before is still collected (~20–40 ms, while nobody types). Python's
  own full passes are made ten times rarer (`FULL_PASS_EVERY`): the young generations
  are still collected as usual, and the idle pass does the rest.
* **The C heap.** A render of a long column, a run of the checks and the first page's
  layout allocate a few megabytes each that Python frees at once but the C heap keeps
  (`core.native_memory`). Giving the pages back costs under a millisecond, but doing it
  after every render would make the next one fault them in again.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from columnist.core.native_memory import release_free_memory

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

IDLE_MS = 3000
# Python starts a full collection after this many collections of the middle generation
# (its default is 10).
FULL_PASS_EVERY = 100


class IdleMemoryFeature:
    """Restarts a quiet-period timer on every edit, render and check result."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.problems import ProblemsPanel

        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self.release)
        self.released = 0  # how many idle passes ran (tests read it)
        young, middle, _full = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_PASS_EVERY)
        window.editor.textChanged.connect(self.timer.start)
        window.preview_controller.rendered.connect(self.timer.start)
        window.feature(ProblemsPanel).checks.changed.connect(self.timer.start)

    def release(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        release_free_memory()
        self.released += 1
