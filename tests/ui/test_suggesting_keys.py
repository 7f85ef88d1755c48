"""Review ▸ Suggest Changes (Ctrl+Shift+E) driven with real keys: the exact marks in the
saved file, undo, paste and cut, and a window whose editor is gone harms no other."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from columnist.ui.suggesting import SuggestingFeature
from helpers.keys import press, type_text
from helpers.windows import select, shown_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TEXT = "---\ntitle: March\n---\nThe ward was calm.\n"
BODY = TEXT.index("The")


def suggesting(qtbot, tmp_path, text=TEXT):
    window = shown_on(qtbot, tmp_path, text)
    window.settings.set("review/initials", "KB")
    press(window.editor, Qt.Key.Key_E, CTRL | SHIFT)
    assert window.actions_by_name["suggest"].isChecked()
    return window


put = select  # the cursor (or a selection) at Python offsets


def saved(window, tmp_path) -> bytes:
    press(window.editor, Qt.Key.Key_S, CTRL)
    return (tmp_path / "column.md").read_bytes()


def test_the_status_bar_says_suggesting_and_ctrl_shift_e_turns_it_off(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    label = window.feature(SuggestingFeature).label
    assert label.isVisible() and label.text() == "Suggesting"
    press(window.editor, Qt.Key.Key_E, CTRL | SHIFT)
    assert not label.isVisible()
    put(window, BODY + 8)
    type_text(window.editor, "s")
    assert window.editor.text() == TEXT.replace("ward", "wards")


def test_typing_records_an_addition_that_grows_and_undoes_in_one_step(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + len("The ward"))
    type_text(window.editor, " on level 4")
    assert saved(window, tmp_path) == (
        b"---\ntitle: March\n---\nThe ward{++ on level 4++}{>>KB<<} was calm.\n")
    window.editor.undo()
    assert window.editor.text() == TEXT


def test_backspace_and_delete_record_deletions_and_retyping_a_substitution(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + len("The ward"))
    for _ in range(4):
        press(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.text() == TEXT.replace("ward", "{--ward--}{>>KB<<}")
    type_text(window.editor, "unit")
    at = window.editor.text().index(" was")
    put(window, at)
    press(window.editor, Qt.Key.Key_Delete)
    press(window.editor, Qt.Key.Key_Delete)
    press(window.editor, Qt.Key.Key_Delete)
    press(window.editor, Qt.Key.Key_Delete)
    assert saved(window, tmp_path) == (
        b"---\ntitle: March\n---\nThe {~~ward~>unit~~}{>>KB<<}{-- was--}{>>KB<<} calm.\n")


def test_typing_over_a_selection_records_a_substitution(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + 4, BODY + 8)
    type_text(window.editor, "unit")
    assert window.editor.text() == TEXT.replace("ward", "{~~ward~>unit~~}{>>KB<<}")


def test_backspace_inside_your_addition_only_removes_characters(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + len("The ward was calm"))
    type_text(window.editor, "er")
    press(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.text() == TEXT.replace("calm.", "calm{++e++}{>>KB<<}.")
    press(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.text() == TEXT


def test_paste_and_cut_are_suggestions(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    QApplication.clipboard().setText(" very")
    put(window, BODY + len("The ward was"))
    press(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text() == TEXT.replace("was", "was{++ very++}{>>KB<<}")
    start = window.editor.text().index("The")
    put(window, start, start + 4)
    press(window.editor, Qt.Key.Key_X, CTRL)
    assert QApplication.clipboard().text() == "The "
    assert window.editor.text() == TEXT.replace("The ", "{--The --}{>>KB<<}").replace(
        "was", "was{++ very++}{>>KB<<}")
    QApplication.clipboard().setText("A ")
    window.actions_by_name["paste"].trigger()  # the Edit menu too; beside the deletion
    assert window.editor.text() == TEXT.replace("The ", "{~~The ~>A ~~}{>>KB<<}").replace(
        "was", "was{++ very++}{>>KB<<}")


def test_marks_syntax_typed_is_refused_with_a_message(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + 3)
    type_text(window.editor, "++")
    text = window.editor.text()
    type_text(window.editor, "}")
    assert window.editor.text() == text
    assert "cannot be recorded as a suggestion" in window.status.currentMessage()


def test_a_closed_window_leaves_no_filter_behind(qtbot, tmp_path):
    from columnist.ui.app import create_main_window

    (tmp_path / "first.md").write_text(TEXT, encoding="utf-8")
    first = create_main_window(str(tmp_path / "first.md"), offer_recovery=False)
    feature = first.feature(SuggestingFeature)
    assert feature.filter.parent() is first.editor  # it goes with its editor
    feature.set_active(True)
    first.editor.document().setModified(False)
    first.close()
    first.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))
    gc.collect()
    assert not shiboken6.isValid(feature.filter)  # deleted with the editor, not left over
    second = suggesting(qtbot, tmp_path)
    put(second, BODY + len("The ward"))
    type_text(second.editor, "s")
    press(second.editor, Qt.Key.Key_Backspace)
    QApplication.processEvents()
    assert second.editor.text() == TEXT


def test_a_format_command_while_suggesting_becomes_a_suggestion(qtbot, tmp_path):
    window = suggesting(qtbot, tmp_path)
    put(window, BODY + 13, BODY + 17)
    press(window.editor, Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(lambda: "{~~" in window.editor.text())
    assert window.editor.text() == TEXT.replace("calm", "{~~calm~>**calm**~~}{>>KB<<}")
    window.editor.undo()
    assert window.editor.text() == TEXT


def test_the_front_matter_is_edited_directly_and_comments_stay_comments(qtbot, tmp_path):
    from columnist.ui.comments import CommentsFeature

    window = suggesting(qtbot, tmp_path)
    put(window, TEXT.index("March") + 5)
    type_text(window.editor, "!")
    assert window.editor.text() == TEXT.replace("March", "March!")
    start = window.editor.text().index("ward")
    put(window, start, start + 4)
    press(window.editor, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    dialog = window.feature(CommentsFeature).dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(dialog.body, "Which?")
    press(dialog.body, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.editor.text() == TEXT.replace("March", "March!").replace(
        "ward", "{==ward==}{>>KB: Which?<<}")


def test_an_emoji_before_the_edit_keeps_the_marks_in_place(qtbot, tmp_path):
    text = TEXT.replace("The ward", "The 😀 ward")
    window = suggesting(qtbot, tmp_path, text)
    put(window, text.index("ward") + 4)
    type_text(window.editor, "s")
    press(window.editor, Qt.Key.Key_Backspace)  # inside the addition: it goes
    press(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.text() == text.replace("ward", "war{--d--}{>>KB<<}")
    type_text(window.editor, "é")
    assert window.editor.text() == text.replace("ward", "war{~~d~>é~~}{>>KB<<}")
