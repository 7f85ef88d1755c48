"""Review ▸ Comment (Ctrl+Alt+M) and Reply, driven with real keys: the saved file's bytes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from columnist.ui.comments import CommentsFeature
from helpers.keys import press, type_text
from helpers.windows import select, shown_on

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TEXT = "---\ntitle: March\n---\nThe ward was calm.\n"


def shown(qtbot, tmp_path, text=TEXT):
    return shown_on(qtbot, tmp_path, text)


def comment_dialog(qtbot, window):
    press(window.editor, Qt.Key.Key_M, CTRL | ALT)
    dialog = window.feature(CommentsFeature).dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_comment_asks_the_initials_once_and_saves_exact_bytes(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    at = TEXT.index("ward")
    select(window, at, at + 4)
    dialog = comment_dialog(qtbot, window)
    assert dialog.initials is not None  # not set yet: asked here
    dialog.initials.setFocus()
    type_text(dialog.initials, "AB")
    dialog.body.setFocus()
    type_text(dialog.body, "Which ward?")
    press(dialog.body, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    press(window.editor, Qt.Key.Key_S, CTRL)
    assert (tmp_path / "column.md").read_bytes() == (
        b"---\ntitle: March\n---\nThe {==ward==}{>>AB: Which ward?<<} was calm.\n")
    assert window.settings.get("review/initials") == "AB"

    # Asked once: the next comment is signed without asking.
    at = window.editor.text().index("calm")
    select(window, at, at + 4)
    dialog = comment_dialog(qtbot, window)
    assert dialog.initials is None
    type_text(dialog.body, "Says who?")
    press(dialog.body, Qt.Key.Key_Return)
    assert window.editor.text().endswith("was {==calm==}{>>AB: Says who?<<}.\n")
    window.editor.undo()  # one undo step
    assert window.editor.text() == TEXT.replace("ward", "{==ward==}{>>AB: Which ward?<<}")


def test_escape_cancels_and_changes_nothing(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    select(window, TEXT.index("ward"), TEXT.index("ward") + 4)
    dialog = comment_dialog(qtbot, window)
    type_text(dialog.body, "Never mind")
    press(dialog.body, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.editor.text() == TEXT
    assert not window.editor.document().isUndoAvailable()


def test_a_refused_comment_keeps_the_dialog_and_the_typing(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    window.settings.set("review/initials", "AB")
    dialog = comment_dialog(qtbot, window)
    type_text(dialog.body, "see <<} here")
    press(dialog.body, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "cannot contain" in dialog.problem.text()
    assert dialog.body.text() == "see <<} here"
    assert window.editor.text() == TEXT


def test_reply_follows_the_thread(qtbot, tmp_path):
    text = "---\ntitle: March\n---\nThe {==ward==}{>>AB: Which ward?<<} was calm.\n"
    window = shown(qtbot, tmp_path, text)
    window.settings.set("review/initials", "CD")
    select(window, text.index("Which"), text.index("Which"))
    window.actions_by_name["reply"].trigger()
    dialog = window.feature(CommentsFeature).dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(dialog.body, "Ward 4")
    press(dialog.body, Qt.Key.Key_Return)
    assert window.editor.text() == text.replace("?<<}", "?<<}{>>CD: Ward 4<<}")


def test_reply_outside_a_comment_says_where_to_put_the_cursor(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    window.actions_by_name["reply"].trigger()
    assert "Put the cursor in a comment" in window.status.currentMessage()
