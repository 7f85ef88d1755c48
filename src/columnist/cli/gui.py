"""Start the window, or explain in one line why it cannot be shown.

Without a display Qt aborts with a long trace about xcb plugins; a writer deserves one
sentence that says what is wrong and how to run it instead.
"""

from __future__ import annotations

import os
import sys


def display_problem() -> str | None:
    """A one-line explanation if no display can be used, else None."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        return (
            "columnist: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it in a "
            "desktop session, or under a virtual display with `xvfb-run columnist`, or "
            "headless with `QT_QPA_PLATFORM=offscreen columnist`."
        )
    return None


def launch(file: str | None) -> int:
    """Open the main window (optionally on `file`) and run the event loop."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from columnist.ui.app import run_app

    return run_app(file)
