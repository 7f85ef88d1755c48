"""The writing desk as it opens, in light and dark, and find and replace."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _at_the_ratings(window, stage) -> None:
    """Scroll to the column's list of trusts (scroll sync brings the preview along)."""
    from PySide6.QtGui import QTextCursor

    editor = window.editor
    editor.setFocus()
    found = editor.document().find("## Ratings that moved")
    cursor = QTextCursor(found)
    cursor.clearSelection()
    editor.setTextCursor(cursor)
    editor.verticalScrollBar().setValue(found.blockNumber())  # the heading at the top
    stage.wait(1200)


def desk(window, stage) -> None:
    """The sample column: editor, preview with rating badges, outline and status bar."""
    _at_the_ratings(window, stage)


def desk_dark(window, stage) -> None:
    """The same in the dark theme (View ▸ Theme ▸ Dark)."""
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    stage.wait(800)
    _at_the_ratings(window, stage)


def find(window, stage) -> None:
    """Find and replace under the editor, with its match count."""
    window.editor.setFocus()
    stage.key(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    stage.type(window.focusWidget(), "trust")
    stage.wait(300)


SCENES = {"desk": desk, "desk-dark": desk_dark, "find": find}
