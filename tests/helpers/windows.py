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


def shown_on(qtbot, folder: Path, text: str, name: str = "column.md") -> MainWindow:
    """`window_on`, shown and active with the editor focused (so shortcuts reach it)."""
    return made_active(qtbot, window_on(qtbot, folder, text, name))


def made_active(qtbot, window: MainWindow) -> MainWindow:
    """`window` shown and active with the editor focused (so shortcuts reach it)."""
    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.setFocus()
    return window


def select(window: MainWindow, start: int, end: int | None = None) -> None:
    """Select Python offsets [start, end) of the editor's text (the cursor at `start` when
    `end` is None); astral characters count as one, as in Python."""
    from PySide6.QtGui import QTextCursor

    from columnist.ui.editor_text import OffsetMap

    offsets = OffsetMap(window.editor.text())
    cursor = window.editor.textCursor()
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(start if end is None else end),
                       QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
