"""View ▸ Review Panel (Ctrl+Shift+R): the marks listed, accept/reject one, all and by
reviewer to the exact text (one undo step each), malformed marks flagged, and sign-off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from columnist.ui.review_panel import ReviewPanel
from helpers.keys import press
from helpers.windows import shown_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FRONT = "---\ntitle: March\nstatus: in review\n---\n"
BODY = ("The {~~ward~>unit~~}{>>KB<<} was {++very ++}{>>CD<<}calm{--, mostly--}{>>KB<<}.\n\n"
        "{==Staff==}{>>CD: which staff?<<} smiled.\n")


def panel(qtbot, tmp_path, text=FRONT + BODY):
    window = shown_on(qtbot, tmp_path, text)
    press(window.editor, Qt.Key.Key_R, CTRL | SHIFT)
    feature = window.feature(ReviewPanel)
    assert feature.dock.isVisible()
    qtbot.waitUntil(lambda: feature.view.list.topLevelItemCount() > 0)
    return window, feature


def test_a_column_without_marks_says_so(qtbot, tmp_path):
    _window, feature = panel(qtbot, tmp_path, FRONT + "Calm.\n")
    assert rows(feature) == [["No review marks", "", "", ""]]
    assert not feature.view.accept_all.isEnabled()


def rows(feature) -> list[list[str]]:
    view = feature.view.list
    return [[view.topLevelItem(i).text(c) for c in range(4)]
            for i in range(view.topLevelItemCount())]


def choose(feature, row: int) -> None:
    feature.view.list.setCurrentItem(feature.view.list.topLevelItem(row))


def test_the_panel_lists_every_mark_and_the_status_bar_counts_them(qtbot, tmp_path):
    _window, feature = panel(qtbot, tmp_path)
    assert rows(feature) == [
        ["Replaced", "KB", "ward → unit", "5"],
        ["Added", "CD", "very", "5"],
        ["Deleted", "KB", ", mostly", "5"],
        ["Highlight", "CD", "Staff", "7"],
        ["Comment", "CD", "which staff?", "7"],
    ]
    assert feature.counts.text() == "3 suggestions, 1 comment"
    assert feature.view.status.currentData() == "in review"


def test_enter_on_a_mark_selects_it_in_the_text(qtbot, tmp_path):
    window, feature = panel(qtbot, tmp_path)
    choose(feature, 1)
    feature.view.list.setFocus()
    press(feature.view.list, Qt.Key.Key_Return)
    assert window.editor.textCursor().selectedText() == "{++very ++}{>>CD<<}"
    assert window.editor.hasFocus()


def test_accept_one_and_reject_one_each_one_undo_step(qtbot, tmp_path):
    window, feature = panel(qtbot, tmp_path)
    choose(feature, 1)
    feature.view.accept.click()
    assert window.editor.text() == FRONT + BODY.replace("{++very ++}{>>CD<<}", "very ")
    assert rows(feature)[1][0] == "Deleted"
    feature.view.reject.click()  # the next mark is chosen: the deletion
    assert window.editor.text() == FRONT + BODY.replace("{++very ++}{>>CD<<}", "very ").replace(
        "{--, mostly--}{>>KB<<}", ", mostly")
    window.editor.undo()
    window.editor.undo()
    assert window.editor.text() == FRONT + BODY


def test_accept_all_by_one_reviewer_then_reject_all(qtbot, tmp_path):
    window, feature = panel(qtbot, tmp_path)
    view = feature.view
    view.reviewer.setCurrentIndex(view.reviewer.findData("KB"))
    assert view.accept_all.text() == "Accept A&ll by KB"
    view.accept_all.click()
    assert window.editor.text() == FRONT + (
        "The unit was {++very ++}{>>CD<<}calm.\n\n{==Staff==}{>>CD: which staff?<<} smiled.\n")
    view.reviewer.setCurrentIndex(0)
    view.reject_all.click()
    assert window.editor.text() == FRONT + "The unit was calm.\n\nStaff smiled.\n"
    assert not feature.counts.isVisible()
    assert rows(feature) == [["No review marks", "", "", ""]]
    window.editor.undo()
    assert window.editor.text().startswith(FRONT + "The unit was {++very")


def test_malformed_marks_are_flagged_and_left_alone(qtbot, tmp_path):
    text = FRONT + "Fine {++new++} and {--half open.\n"
    window, feature = panel(qtbot, tmp_path, text)
    assert [r[0] for r in rows(feature)] == ["Added", "⚠ Deleted: never closed"]
    choose(feature, 1)
    assert not feature.view.accept.isEnabled()
    feature.view.accept_all.click()
    assert window.editor.text() == FRONT + "Fine new and {--half open.\n"
    assert feature.counts.text() == "1 malformed mark"


def test_approval_is_refused_while_marks_remain(qtbot, tmp_path):
    window, feature = panel(qtbot, tmp_path)
    window.settings.set("review/name", "Kate Bell")
    view = feature.view
    view.status.activated.emit(view.status.findData("approved"))
    qtbot.waitUntil(lambda: "cannot be approved" in view.message.text())
    assert "3 suggestions, 1 comment remain" in view.message.text()
    assert window.editor.text() == FRONT + BODY
    assert view.status.currentData() == "in review"


def test_approving_a_clean_column_records_who_and_when_in_one_undo_step(qtbot, tmp_path):
    text = FRONT + "The unit was calm.\n"
    window, feature = panel(qtbot, tmp_path, text)
    window.settings.set("review/name", "Kate Bell")
    view = feature.view
    view.status.activated.emit(view.status.findData("approved"))
    qtbot.waitUntil(lambda: "approved_by" in window.editor.text())
    today = dt.date.today().isoformat()
    press(window.editor, Qt.Key.Key_S, CTRL)
    assert (tmp_path / "column.md").read_text(encoding="utf-8") == (
        "---\ntitle: March\nstatus: approved\napproved_by: Kate Bell\n"
        f"approved_on: {today}\n---\nThe unit was calm.\n")
    view.status.activated.emit(view.status.findData("draft"))
    assert window.editor.text() == text.replace("in review", "draft")
    window.editor.undo()
    assert "approved_by: Kate Bell" in window.editor.text()


def test_next_mark_and_accept_at_cursor_from_the_keyboard(qtbot, tmp_path):
    window, _feature = panel(qtbot, tmp_path)
    window.move_cursor_to(4, 0)
    press(window.editor, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.editor.textCursor().selectedText() == "{~~ward~>unit~~}{>>KB<<}"
    press(window.editor, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.editor.textCursor().selectedText() == "{++very ++}{>>CD<<}"
    window.actions_by_name["reject_mark"].trigger()
    assert window.editor.text() == FRONT + BODY.replace("{++very ++}{>>CD<<}", "")
    press(window.editor, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.editor.textCursor().selectedText() == "{~~ward~>unit~~}{>>KB<<}"
