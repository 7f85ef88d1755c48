"""The writing desk as it opens, in light and dark, and find and replace."""

from __future__ import annotations

from PySide6.QtCore import Qt


def desk(window, stage) -> None:
    """The sample column: editor, preview with rating badges, outline and status bar."""
    window.editor.setFocus()


def desk_dark(window, stage) -> None:
    """The same in the dark theme (View ▸ Theme ▸ Dark)."""
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    stage.wait(800)


def find(window, stage) -> None:
    """Find and replace under the editor, with its match count."""
    window.editor.setFocus()
    stage.key(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    stage.type(window.focusWidget(), "trust")
    stage.wait(300)


SCENES = {"desk": desk, "desk-dark": desk_dark, "find": find}
