"""The Format menu at work, Preferences, and the searchable Keyboard Shortcuts list."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def _select(window, phrase: str, above: int = 3) -> None:
    from PySide6.QtGui import QTextCursor

    editor = window.editor
    found = editor.document().find(phrase)
    editor.setTextCursor(found)
    top = QTextCursor(found)
    editor.verticalScrollBar().setValue(max(0, top.blockNumber() - above))


def format_menu(window, stage) -> None:
    """"real change" made bold with Ctrl+B, then the Format menu opened from the menu bar."""
    window.editor.setFocus()
    _select(window, "real change", above=14)
    stage.key(window.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    stage.wait(900)
    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text() == "F&ormat")
    menu = action.menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
    stage.wait_until(menu.isVisible)
    menu.setActiveAction(menu.actions()[0])
    stage.wait(400)


def preferences(window, stage) -> None:
    """Edit ▸ Preferences… (Ctrl+,), with initials filled in."""
    from columnist.ui.preferences import PreferencesFeature

    window.editor.setFocus()
    stage.key(window.editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.feature(PreferencesFeature).dialog
    stage.wait_until(lambda: dialog is not None and dialog.isVisible())
    stage.type(dialog.fields["review/name"], "Kate Brown")
    stage.type(dialog.fields["review/initials"], "KB")
    dialog.adjustSize()
    dialog.move(window.mapToGlobal(QPoint(360, 120)))
    stage.wait(500)


def shortcuts(window, stage) -> None:
    """Help ▸ Keyboard Shortcuts (Ctrl+/), narrowed by typing "list"."""
    from columnist.ui.help_menu import HelpMenu

    window.editor.setFocus()
    stage.key(window.editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.feature(HelpMenu).shortcuts
    stage.wait_until(lambda: dialog is not None and dialog.isVisible())
    dialog.resize(620, 560)
    dialog.move(window.mapToGlobal(QPoint(290, 110)))
    stage.type(dialog.search, "ctrl+shift")
    stage.wait(500)


SCENES = {"format": format_menu, "preferences": preferences, "shortcuts": shortcuts}
