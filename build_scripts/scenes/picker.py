"""The trust picker (Ctrl+T) open at the cursor, in light and dark."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _open_picker(window, stage, query: str) -> None:
    from columnist.ui.trust_picker import TrustPickerFeature

    line = 24  # "Moving from Inadequate …": the writer adds a sentence at its end
    text = window.editor.document().findBlockByNumber(line).text()
    window.move_cursor_to(line, len(text))
    window.editor.setFocus()
    stage.type(window.editor, " Look at ")
    stage.key(window.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    picker = window.feature(TrustPickerFeature).picker
    stage.type(picker.search, query)
    stage.wait_until(lambda: picker.list.painted_query == query)
    stage.key(picker.search, Qt.Key.Key_Down)
    stage.wait_until(lambda: "Previously" in picker.details.text())


def picker(window, stage) -> None:
    """Typing "royal": trusts with their ratings, the second chosen, its details beside."""
    _open_picker(window, stage, "royal")


def picker_dark(window, stage) -> None:
    """The same in the dark theme."""
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    stage.wait(800)
    _open_picker(window, stage, "royal")


SCENES = {"picker": picker, "picker-dark": picker_dark}
