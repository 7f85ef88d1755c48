"""Find and replace: what the writer sees selected, counted and replaced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from columnist.document.text_search import python_template
from columnist.settings import Settings
from columnist.ui.editor import MarkdownEditor
from columnist.ui.find_replace import FindReplaceBar
from helpers.keys import press


@pytest.fixture(autouse=True)
def _keep_hosts():
    """qtbot holds widgets weakly; keep each test's host window alive until it ends."""
    yield
    HOSTS.clear()


HOSTS: list[QWidget] = []


def make(qtbot, text: str):
    host = QWidget()
    layout = QVBoxLayout(host)
    editor = MarkdownEditor(host)
    bar = FindReplaceBar(editor, Settings(), host)
    layout.addWidget(editor)
    layout.addWidget(bar)
    qtbot.addWidget(host)
    editor.set_text(text)
    host.resize(900, 500)
    host.show()
    qtbot.waitExposed(host)
    HOSTS.append(host)  # qtbot only keeps a weak reference
    return editor, bar


def set_query(bar: FindReplaceBar, query: str) -> None:
    bar.find_field.setText(query)
    bar.find_field.textEdited.emit(query)


def selected(editor: MarkdownEditor) -> tuple[str, int]:
    """(selected text, Python index of its start in editor.text())."""
    cursor = editor.textCursor()
    before = editor.text()
    prefix_units = cursor.selectionStart()
    index = 0
    units = 0
    while units < prefix_units:
        units += 2 if ord(before[index]) > 0xFFFF else 1
        index += 1
    return cursor.selectedText(), index


def test_next_previous_and_wrap(qtbot):
    editor, bar = make(qtbot, "cat one\ncat two\ncat three")
    bar.show_find()
    set_query(bar, "cat")
    assert selected(editor) == ("cat", 0)
    assert bar.status_text() == "1 of 3"
    press(bar.find_field, Qt.Key.Key_Return)
    assert selected(editor) == ("cat", 8)
    assert bar.status_text() == "2 of 3"
    bar.find_next()
    bar.find_next()
    assert selected(editor) == ("cat", 0)
    assert "continued from the top" in bar.status_text()
    press(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selected(editor) == ("cat", 16)
    assert "continued from the end" in bar.status_text()


def test_case_whole_words_and_regex(qtbot):
    editor, bar = make(qtbot, "Care, care, careful CARE")
    bar.show_find()
    set_query(bar, "care")
    assert bar.match_count() == 4
    bar.case_box.setChecked(True)
    assert bar.match_count() == 2
    bar.words_box.setChecked(True)
    assert bar.match_count() == 1
    bar.case_box.setChecked(False)
    assert bar.match_count() == 3
    bar.words_box.setChecked(False)
    bar.regex_box.setChecked(True)
    set_query(bar, r"care\w+")
    assert bar.match_count() == 1
    assert selected(editor) == ("careful", 12)


def test_invalid_regex_is_a_message_not_an_exception(qtbot):
    editor, bar = make(qtbot, "text (here)")
    bar.show_find()
    bar.regex_box.setChecked(True)
    set_query(bar, "(here")
    assert bar.find_next() is False
    assert "Invalid regular expression" in bar.status_text()
    assert "c62828" in bar.status.styleSheet()
    assert editor.text() == "text (here)"


def test_replace_all_is_one_undo_step_and_reports_the_count(qtbot):
    editor, bar = make(qtbot, "NHS trust, nhs Trust, NHS trusts")
    bar.show_replace()
    set_query(bar, "trust")
    bar.words_box.setChecked(True)
    bar.replace_field.setText("Trust")
    assert bar.replace_all() == 2
    assert editor.text() == "NHS Trust, nhs Trust, NHS trusts"
    assert bar.status_text() == "Replaced 2 occurrences."
    editor.undo()
    assert editor.text() == "NHS trust, nhs Trust, NHS trusts"


def test_regex_replace_with_group_references(qtbot):
    editor, bar = make(qtbot, "Smith, Anna; Jones, Bob")
    bar.show_replace()
    bar.regex_box.setChecked(True)
    set_query(bar, r"(\w+), (\w+)")
    bar.replace_field.setText(r"\2 $1")
    assert bar.replace_all() == 2
    assert editor.text() == "Anna Smith; Bob Jones"
    assert python_template("${1}$$") == r"\g<1>$"


def test_bad_group_reference_is_a_message(qtbot):
    editor, bar = make(qtbot, "abc")
    bar.show_replace()
    bar.regex_box.setChecked(True)
    set_query(bar, "(b)")
    bar.replace_field.setText(r"\3")
    assert bar.replace_all() == 0
    assert "Invalid replacement" in bar.status_text()
    assert editor.text() == "abc"


def test_emoji_before_matches_keeps_offsets_right(qtbot):
    text = "😀 café 🏥 café 👩‍⚕️ end café"
    editor, bar = make(qtbot, text)
    bar.show_replace()
    bar.case_box.setChecked(True)
    set_query(bar, "café")
    bar.find_next()
    assert selected(editor) == ("café", text.index("café", 3))
    bar.replace_field.setText("CAFÉ")
    bar.replace_one()  # replaces the selected match, moves to the next
    assert editor.text() == "😀 café 🏥 CAFÉ 👩‍⚕️ end café"
    assert selected(editor)[0] == "café"
    assert bar.replace_all() == 2
    assert editor.text() == "😀 CAFÉ 🏥 CAFÉ 👩‍⚕️ end CAFÉ"


def test_escape_closes_and_returns_focus_to_the_editor(qtbot):
    editor, bar = make(qtbot, "text")
    bar.show_find()
    qtbot.waitUntil(bar.find_field.hasFocus)
    press(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(editor.hasFocus)
    assert editor.extraSelections() == []


def test_show_find_uses_the_selection_and_counts(qtbot):
    editor, bar = make(qtbot, "ward ward ward")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    bar.show_find()
    assert bar.find_field.text() == "ward"
    assert bar.status_text() == "1 of 3"
    assert not bar.replace_field.isVisible()
    assert len(editor.extraSelections()) == 3


def test_matches_in_view_are_marked_after_scrolling(qtbot):
    editor, bar = make(qtbot, "\n".join(f"ward {i}" for i in range(3000)))
    bar.show_find()
    set_query(bar, "ward")
    assert bar.status_text() == "1 of 3000"
    marked = {s.cursor.block().blockNumber() for s in editor.extraSelections()}
    assert 0 in marked and 2999 not in marked
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    qtbot.waitUntil(
        lambda: 2999 in {s.cursor.block().blockNumber() for s in editor.extraSelections()}
    )


def test_toggles_persist_in_settings(qtbot):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    bar = FindReplaceBar(editor, Settings())
    qtbot.addWidget(bar)
    bar.regex_box.setChecked(True)
    bar.case_box.setChecked(True)
    again = FindReplaceBar(editor, settings=Settings())
    qtbot.addWidget(again)
    assert again.regex_box.isChecked() and again.case_box.isChecked()
    assert not again.words_box.isChecked()
