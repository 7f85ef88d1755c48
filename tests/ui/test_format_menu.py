"""Format ▸ …: real shortcuts on the editor's selection; each toggles and is one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from helpers.keys import press
from helpers.windows import made_active, window_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
BODY = "Intro line.\n\nThe trust improved 😀 quickly.\n"


def shown(qtbot, tmp_path, text=BODY):
    return made_active(qtbot, window_on(qtbot, tmp_path, text))


def select(window, start: int, end: int) -> None:
    """Select Python offsets [start, end) (the text's emoji counts as two Qt positions)."""
    text = window.editor.text()
    extra = lambda i: sum(1 for c in text[:i] if ord(c) > 0xFFFF)  # noqa: E731
    cursor = window.editor.textCursor()
    cursor.setPosition(start + extra(start))
    cursor.setPosition(end + extra(end), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)


def test_ctrl_b_bolds_the_selection_and_again_removes_it_each_one_undo_step(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    start = BODY.index("quickly")
    select(window, start, start + len("quickly"))
    press(window.editor, Qt.Key.Key_B, CTRL)
    assert window.editor.text() == BODY.replace("quickly", "**quickly**")
    assert window.editor.textCursor().selectedText() == "quickly"
    press(window.editor, Qt.Key.Key_B, CTRL)
    assert window.editor.text() == BODY
    window.editor.undo()
    assert window.editor.text() == BODY.replace("quickly", "**quickly**")
    window.editor.undo()
    assert window.editor.text() == BODY


def test_ctrl_i_on_the_word_at_the_cursor_after_an_emoji(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    at = BODY.index("quickly") + 3
    select(window, at, at)
    press(window.editor, Qt.Key.Key_I, CTRL)
    assert "😀 *quickly*." in window.editor.text()


def test_ctrl_k_makes_the_selection_a_link_to_the_url_on_the_clipboard(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    QApplication.clipboard().setText("https://www.cqc.org.uk/provider/RA7")
    start = BODY.index("The trust")
    select(window, start, start + len("The trust"))
    press(window.editor, Qt.Key.Key_K, CTRL)
    assert "[The trust](https://www.cqc.org.uk/provider/RA7) improved" in window.editor.text()
    # The target is selected, so typing replaces it.
    assert window.editor.textCursor().selectedText() == "https://www.cqc.org.uk/provider/RA7"
    press(window.editor, Qt.Key.Key_K, CTRL)  # inside the link: unlink
    assert window.editor.text() == BODY


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5, 6])
def test_ctrl_digit_makes_a_heading_and_toggles_back(qtbot, tmp_path, level):
    window = shown(qtbot, tmp_path)
    select(window, 2, 2)
    key = getattr(Qt.Key, f"Key_{level}")
    press(window.editor, key, CTRL)
    assert window.editor.text().split("\n")[0] == "#" * level + " Intro line."
    press(window.editor, key, CTRL)
    assert window.editor.text() == BODY


def test_body_text_shortcut_removes_a_heading(qtbot, tmp_path):
    window = shown(qtbot, tmp_path, "### Findings\n")
    press(window.editor, Qt.Key.Key_0, CTRL | SHIFT)
    assert window.editor.text() == "Findings\n"


def test_lists_quote_code_block_and_rule_from_the_menu(qtbot, tmp_path):
    text = "Three things:\none\ntwo\n"
    window = shown(qtbot, tmp_path, text)
    select(window, text.index("one"), len(text) - 1)
    press(window.editor, Qt.Key.Key_8, CTRL | SHIFT)
    assert window.editor.text() == "Three things:\n\n- one\n- two\n"
    press(window.editor, Qt.Key.Key_7, CTRL | SHIFT)  # bullets become numbers
    assert window.editor.text() == "Three things:\n\n1. one\n2. two\n"
    window.actions_by_name["quote"].trigger()
    assert window.editor.text() == "Three things:\n\n> 1. one\n> 2. two\n"
    window.actions_by_name["quote"].trigger()
    assert window.editor.text() == "Three things:\n\n1. one\n2. two\n"
    window.editor.undo()
    window.editor.undo()
    window.editor.undo()
    window.editor.undo()
    assert window.editor.text() == text


def test_code_block_and_rule(qtbot, tmp_path):
    window = shown(qtbot, tmp_path, "Run this:\nls -l\nDone.\n")
    select(window, 11, 11)
    press(window.editor, Qt.Key.Key_K, CTRL | SHIFT)
    assert window.editor.text() == "Run this:\n\n```\nls -l\n```\n\nDone.\n"
    press(window.editor, Qt.Key.Key_K, CTRL | SHIFT)
    assert window.editor.text() == "Run this:\n\nls -l\n\nDone.\n"
    select(window, 0, 0)
    window.actions_by_name["rule"].trigger()
    assert window.editor.text().startswith("Run this:\n\n---\n\n")


def test_the_format_menu_lists_its_entries_with_their_shortcuts(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "F&ormat")
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Bold", "Italic", "Inline Code", "Link…"]
    assert "Heading 1" in texts and "Body Text" in texts and "Horizontal Rule" in texts
    assert window.actions_by_name["link"].shortcut().toString() == "Ctrl+K"
