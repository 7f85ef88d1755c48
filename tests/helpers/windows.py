"""A real main window on a column, as the app makes it (no recovery offer)."""

from __future__ import annotations

import os
from pathlib import Path

from columnist.ui.app import create_main_window
from columnist.ui.main_window import MainWindow


def open_window(qtbot, file: str | os.PathLike[str] | None = None) -> MainWindow:
    """A window on `file` (or an empty one), closed without questions when the test ends."""
    window = create_main_window(str(file) if file else None, offer_recovery=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    return window


def window_on(qtbot, folder: Path, text: str, name: str = "column.md") -> MainWindow:
    """Write `text` to `folder/name` and open a window on it."""
    column = folder / name
    column.write_text(text, encoding="utf-8")
    return open_window(qtbot, column)
