"""The editor: what the writer types is exactly what text() gives back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from columnist.ui.editor import MarkdownEditor, continuation_prefix
from helpers.keys import press, type_text


def make_editor(qtbot, text: str = "") -> MarkdownEditor:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.resize(700, 500)
    editor.set_text(text)
    return editor


def test_typed_non_ascii_text_reaches_text(qtbot):
    editor = make_editor(qtbot)
    type_text(editor, "café – naïve 😀 ok")
    assert editor.text() == "café – naïve 😀 ok"


def test_no_break_spaces_and_line_separators_survive(qtbot):
    original = "---\ntitle: Ça va\n---\n10\u00a0000 patients\u2028kept\n\ttab\n"
    editor = make_editor(qtbot, original)
    assert editor.text() == original
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor, "\u00a0fin")
    assert editor.text() == original + "\u00a0fin"


def test_set_text_clears_undo_and_modified(qtbot):
    editor = make_editor(qtbot, "first")
    type_text(editor, "x")
    assert editor.document().isModified()
    editor.set_text("second")
    assert not editor.document().isModified()
    assert not editor.document().isUndoAvailable()
    assert editor.text() == "second"


def test_enter_continues_bullets_numbers_and_quotes(qtbot):
    editor = make_editor(qtbot)
    type_text(editor, "- one\ntwo\n")
    assert editor.text() == "- one\n- two\n- "
    editor.set_text("")
    type_text(editor, "9. nine\nten\n")
    assert editor.text() == "9. nine\n10. ten\n11. "
    editor.set_text("")
    type_text(editor, "> quoted\nmore")
    assert editor.text() == "> quoted\n> more"


def test_enter_on_empty_item_ends_the_list(qtbot):
    editor = make_editor(qtbot)
    type_text(editor, "- one\n\nafter")
    assert editor.text() == "- one\n\nafter"


def test_enter_inside_an_item_splits_it_into_two_items(qtbot):
    editor = make_editor(qtbot, "- one two")
    cursor = editor.textCursor()
    cursor.setPosition(len("- one"))
    editor.setTextCursor(cursor)
    press(editor, Qt.Key.Key_Return)
    assert editor.text() == "- one\n- two"


def test_tab_with_a_selection_indents_and_unindents_the_lines(qtbot):
    editor = make_editor(qtbot, "- a\n- b\nc")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("- a\n- b"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    press(editor, Qt.Key.Key_Tab)
    assert editor.text() == "    - a\n    - b\nc"
    press(editor, Qt.Key.Key_Backtab)
    assert editor.text() == "- a\n- b\nc"
    editor.undo()
    assert editor.text() == "    - a\n    - b\nc"


def test_task_items_continue_unticked(qtbot):
    assert continuation_prefix("  - [x] done") == ("  - [ ] ", False)
    assert continuation_prefix("plain") is None


def test_shift_enter_is_a_plain_newline_not_a_line_separator(qtbot):
    editor = make_editor(qtbot)
    type_text(editor, "- a")
    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "b")
    assert editor.text() == "- a\nb"


def test_tab_inserts_spaces_and_indents_list_items(qtbot):
    editor = make_editor(qtbot)
    type_text(editor, "ab")
    press(editor, Qt.Key.Key_Tab)
    type_text(editor, "c")
    assert editor.text() == "ab  c"
    editor.set_text("- item")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    press(editor, Qt.Key.Key_Tab)
    assert editor.text() == "    - item"
    press(editor, Qt.Key.Key_Backtab)
    assert editor.text() == "- item"


def test_replace_text_is_one_undo_step(qtbot):
    editor = make_editor(qtbot, "---\ntitle: Old\n---\nBody stays\n")
    editor.replace_text("---\ntitle: New 😀\nstatus: draft\n---\nBody stays\n")
    assert editor.text() == "---\ntitle: New 😀\nstatus: draft\n---\nBody stays\n"
    editor.undo()
    assert editor.text() == "---\ntitle: Old\n---\nBody stays\n"


def test_replace_range_after_emoji_uses_python_offsets(qtbot):
    editor = make_editor(qtbot, "😀😀 word end")
    start = editor.text().index("word")
    editor.replace_range(start, start + 4, "WORD")
    assert editor.text() == "😀😀 WORD end"


def test_signals_cursor_line_and_top_line(qtbot):
    text = "\n".join(f"line {i}" for i in range(300))
    editor = make_editor(qtbot, text)
    editor.show()
    qtbot.waitExposed(editor)
    with qtbot.waitSignal(editor.cursorLineChanged) as cursor_signal:
        editor.go_to_line(120)
    assert cursor_signal.args == [120]
    assert editor.textCursor().blockNumber() == 120
    top = editor.first_visible_line()
    assert 0 < top <= 120
    with qtbot.waitSignal(editor.topLineChanged) as top_signal:
        editor.verticalScrollBar().setValue(200)
    assert top_signal.args == [editor.first_visible_line()]
    # scroll_to_line moves the view only, and stays quiet (no scroll-sync ping-pong).
    with qtbot.assertNotEmitted(editor.topLineChanged):
        editor.scroll_to_line(50)
    assert editor.first_visible_line() == 50
    assert editor.textCursor().blockNumber() == 120


def test_zoom_changes_font_size(qtbot):
    editor = make_editor(qtbot)
    base = editor.font().pointSizeF()
    editor.set_zoom(3)
    assert editor.font().pointSizeF() == base + 3
    editor.set_zoom(0)
    assert editor.font().pointSizeF() == base


def test_focus_mode_centres_the_measure_and_dims_other_paragraphs(qtbot):
    editor = make_editor(qtbot, "First paragraph.\n\nSecond paragraph\nstill second.\n\nThird.")
    editor.resize(1600, 600)
    editor.show()
    qtbot.waitExposed(editor)
    cursor = editor.textCursor()
    cursor.setPosition(editor.text().index("still"))
    editor.setTextCursor(cursor)
    editor.set_focus_mode(True)
    text_width = editor.viewport_rect().width()
    assert text_width < 1600 * 0.75
    assert abs(editor.viewport_rect().left() - (1600 - editor.viewport_rect().right())) < 30
    qtbot.waitUntil(lambda: len(editor.extraSelections()) == 2)
    dimmed = [s.cursor.selectedText() for s in editor.extraSelections()]
    assert "First paragraph." in dimmed[0]
    assert "Third." in dimmed[1]
    assert all("still second" not in d for d in dimmed)
    editor.set_focus_mode(False)
    assert editor.extraSelections() == []
    assert editor.viewport_rect().width() > text_width


def test_void_qt_calls_do_not_corrupt_none_refcount():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call, and the
    editor aborts ("deallocating None") after a few thousand highlighted lines."""
    if sys.version_info >= (3, 12):  # None is immortal from 3.12
        return
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100


def test_features_add_their_entries_to_the_context_menu_after_qts_own(qtbot):
    editor = make_editor(qtbot, "Some text")
    seen = []

    def provider(menu, position):
        seen.append(position)
        menu.addAction("Look Up Here")

    editor.add_context_menu_provider(provider)
    menu = editor.context_menu(QPoint(12, 8))
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries[-1] == "Look Up Here"
    assert any("Copy" in text for text in entries[:-1])  # Qt's own entries come first
    assert menu.actions()[-2].isSeparator()
    assert seen == [QPoint(12, 8)]
    menu.deleteLater()
