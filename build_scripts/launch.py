"""PyInstaller's entry script: the bundled `columnist` is exactly the `columnist` command.

A separate file (not `columnist/__main__.py`) so the bundle's top-level script is not a
module of the package, which would then be imported twice under two names.

It also carries the start-up probe the benchmarks use to time "process start → window
shown" the same way for the venv app, the bundled app and the bare PySide6 reference:
with `COLUMNIST_STARTUP_PROBE=<launch time as time.time()>` in the environment, the first
finished paint of a top-level window prints `columnist-startup-probe: <seconds>
qapp=<seconds>` (painted; QApplication created) and ends the process. With
`COLUMNIST_STARTUP_PROBE_UNTIL=preview` as well, it waits on until the preview (the
scroll area named "Preview") has painted the column (a rendered page), and adds
`preview=<seconds>`: the writer sees the column in both panes. Without the variables
nothing changes.
"""

from __future__ import annotations

import os
import sys

PROBE_ENV = "COLUMNIST_STARTUP_PROBE"
PROBE_PREFIX = "columnist-startup-probe:"
PROBE_UNTIL_ENV = "COLUMNIST_STARTUP_PROBE_UNTIL"
PREVIEW_NAME = "Preview"  # the accessible name of the preview, in the app and the floor


def _is_preview_with_text(widget: object) -> bool:
    """`widget` is the viewport of the preview, and the preview shows the column: a
    document that is not empty and, in Columnist, a rendered page (not the "Updating…"
    note a pane shows while the first render of a text is on its way)."""
    parent = widget.parentWidget() if hasattr(widget, "parentWidget") else None
    if parent is None or parent.accessibleName() != PREVIEW_NAME:
        return False
    document = getattr(parent, "document", None)
    if document is None or document().isEmpty():
        return False
    page_state = getattr(parent, "page_state", None)
    return page_state is None or page_state() is not None


def install_startup_probe(launched_at: float, until_preview: bool = False) -> None:
    """Make every QApplication created from now on report its first painted window (and,
    `until_preview`, its first painted preview with text)."""
    import time

    from PySide6 import QtWidgets
    from PySide6.QtCore import QEvent, QObject, QTimer

    created: list[float] = []  # when the QApplication existed (seconds since launch)
    shown: list[float] = []
    painted: list[float] = []  # when the preview had painted the column

    def report() -> None:
        now = time.time() - launched_at
        window = shown[0] if shown else now
        extra = f" preview={painted[0] if painted else now:.4f}" if until_preview else ""
        print(f"{PROBE_PREFIX} {window:.4f} qapp={created[0] if created else 0:.4f}{extra}",
              flush=True)
        os._exit(0)

    class FirstPaint(QObject):
        """Waits for the first Paint of a top-level widget (then, `until_preview`, of the
        preview with text), then reports once it is done."""

        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.done or event.type() != QEvent.Type.Paint:
                return False
            if not isinstance(watched, QtWidgets.QWidget):
                return False
            if not shown and watched.isWindow():
                shown.append(time.time() - launched_at)  # corrected after the paint below
                QTimer.singleShot(0, lambda: shown.__setitem__(0, time.time() - launched_at))
                if not until_preview:
                    self.done = True
                    QTimer.singleShot(0, report)  # after this paint has been carried out
            elif until_preview and shown and _is_preview_with_text(watched):
                # Paint it here, to time the end of this paint: the app may keep the GUI
                # thread busy right after (its pixels are on screen by then), so a timer
                # would time that work too.
                self.done = True
                QtWidgets.QApplication.sendEvent(watched, event)
                painted.append(time.time() - launched_at)
                QTimer.singleShot(0, report)
                return True
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
        until = os.environ.pop(PROBE_UNTIL_ENV, "") == "preview"
        install_startup_probe(float(launched), until_preview=until)
    from columnist.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
