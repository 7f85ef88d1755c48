"""PyInstaller's entry script: the bundled `columnist` is exactly the `columnist` command.

A separate file (not `columnist/__main__.py`) so the bundle's top-level script is not a
module of the package, which would then be imported twice under two names.

It also carries the start-up probe the benchmarks use to time "process start → window
shown" the same way for the venv app, the bundled app and the bare PySide6 reference:
with `COLUMNIST_STARTUP_PROBE=<launch time as time.time()>` in the environment, the first
finished paint of a top-level window prints `columnist-startup-probe: <seconds>
qapp=<seconds>` (painted; QApplication created) and ends the process. Without the
variable nothing changes.
"""

from __future__ import annotations

import os
import sys

PROBE_ENV = "COLUMNIST_STARTUP_PROBE"
PROBE_PREFIX = "columnist-startup-probe:"


def install_startup_probe(launched_at: float) -> None:
    """Make every QApplication created from now on report its first painted window."""
    import time

    from PySide6 import QtWidgets
    from PySide6.QtCore import QEvent, QObject, QTimer

    created: list[float] = []  # when the QApplication existed (seconds since launch)

    def report() -> None:
        shown = time.time() - launched_at
        print(f"{PROBE_PREFIX} {shown:.4f} qapp={created[0] if created else 0:.4f}", flush=True)
        os._exit(0)

    class FirstPaint(QObject):
        """Waits for the first Paint of a top-level widget, then reports once it is done."""

        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QtWidgets.QWidget)
                and watched.isWindow()
            ):
                self.done = True
                QTimer.singleShot(0, report)  # after this paint has been carried out
            return False

    base = QtWidgets.QApplication

    class ProbedApplication(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object) -> None:
            super().__init__(*args)
            created.append(time.time() - launched_at)
            self._first_paint = FirstPaint()
            self.installEventFilter(self._first_paint)

    QtWidgets.QApplication = ProbedApplication  # type: ignore[misc]


def run() -> int:
    launched = os.environ.pop(PROBE_ENV, None)
    if launched:
        install_startup_probe(float(launched))
    from columnist.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
