"""Typing as a writer does: real key events that carry their text.

`qtbot.keyClicks` aborts the whole process on non-ASCII text (DESIGN.md), so each
character goes as a QKeyEvent whose text is the character; Enter is the Return key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def press(widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release one key (with modifiers) on `widget`."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget`, character by character ("\\n" presses Return)."""
    for char in text:
        if char == "\n":
            press(widget, Qt.Key.Key_Return)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
