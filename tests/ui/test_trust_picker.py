"""The trust picker in a real window on a real-data cache, driven by real key events:
Ctrl+T, a few letters, Enter, and the link is in the column at the cursor."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QToolBar

from columnist import paths
from columnist.ratings.search import rebuild_index
from columnist.ui.trust_picker import OPENING, TrustPicker, TrustPickerFeature, popup_position
from columnist.ui.trust_results import HIT_ROLE
from helpers.keys import press, type_text
from helpers.real_cache import build_real_cache
from helpers.windows import window_on

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
COLUMN = "---\ntitle: March\n---\n\nThis month  did well.\n"
AT = COLUMN.index(" did well")  # the cursor: after "This month "
MARSDEN = "[The Royal Marsden NHS Foundation Trust](https://www.cqc.org.uk/provider/RPY)"


@pytest.fixture
def real_cache(data_dir: Path, cqc_dir: Path) -> Path:
    """The window's rating cache, made from the real CQC and NHS England files."""
    path = paths.ratings_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    build_real_cache(db, cqc_dir)
    rebuild_index(db)
    db.conn.close()
    return path


def shown_window(qtbot, tmp_path: Path, text: str = COLUMN, wait_for_cache: bool = True):
    window = window_on(qtbot, tmp_path, text)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if wait_for_cache:
        qtbot.waitUntil(lambda: window.ratings.cache_path() is not None, timeout=15000)
    cursor = window.editor.textCursor()
    cursor.setPosition(AT)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    return window


def open_picker(qtbot, window) -> TrustPicker:
    press(window.editor, Qt.Key.Key_T, CTRL)
    picker = window.feature(TrustPickerFeature).picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible)
    return picker


def shown_rows(picker: TrustPicker) -> list[str]:
    model = picker.list.results
    return [model.index(row).data(HIT_ROLE).id for row in range(model.rowCount())]


def wait_for_results(qtbot, picker: TrustPicker, query: str) -> None:
    """Until the list has painted the rows for `query` (what the writer sees)."""
    qtbot.waitUntil(lambda: picker.list.painted_query == query, timeout=10000)


def details_text(picker: TrustPicker) -> str:
    return QTextDocumentFragment.fromHtml(picker.details.text()).toPlainText()


def test_ctrl_t_then_marsden_down_enter_puts_the_link_at_the_cursor(qtbot, tmp_path,
                                                                     real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    assert picker.search.hasFocus()
    type_text(picker.search, "marsden")
    wait_for_results(qtbot, picker, "marsden")
    assert shown_rows(picker) == ["RPY"]
    press(picker.search, Qt.Key.Key_Down)
    press(picker.search, Qt.Key.Key_Return)
    assert window.editor.text() == COLUMN[:AT] + MARSDEN + COLUMN[AT:]
    assert window.editor.textCursor().position() == AT + len(MARSDEN)
    assert not picker.isVisible()
    assert window.editor.hasFocus()


def test_down_chooses_the_next_result_and_its_details_follow(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "royal")
    wait_for_results(qtbot, picker, "royal")
    rows = shown_rows(picker)
    assert len(rows) > 3
    second = picker.list.results.hit(1)
    press(picker.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: second.name in details_text(picker))
    press(picker.search, Qt.Key.Key_Return)
    assert f"[{second.name}](https://www.cqc.org.uk/provider/{second.id})" in window.editor.text()


def test_the_details_show_the_five_key_questions_and_the_previous_rating(qtbot, tmp_path,
                                                                        real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "royal marsden")
    qtbot.waitUntil(lambda: "Previously" in details_text(picker), timeout=10000)
    text = details_text(picker)
    lines = [line.strip() for line in text.splitlines()]
    assert "The Royal Marsden NHS Foundation Trust" in text
    assert "Overall: Outstanding\nPublished 18 Sep 2018" in text
    for question, rating in (("Safe", "Good"), ("Effective", "Good"), ("Caring", "Outstanding"),
                             ("Responsive", "Outstanding"), ("Well-led", "Outstanding")):
        assert lines[lines.index(question) + 1] == rating  # a table: the question, its rating
    assert "Previously: Good, 19 Jan 2017" in text
    row = picker.list.results.index(0)
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "The Royal Marsden NHS Foundation Trust, NHS trust, London, code RPY, "
        "rated Outstanding in September 2018")


def test_selected_text_is_searched_for_and_becomes_the_link_text(qtbot, tmp_path, real_cache):
    text = "---\ntitle: March\n---\n\nAt the Marsden, care was good.\n"
    window = shown_window(qtbot, tmp_path, text)
    start = text.index("the Marsden")
    cursor = window.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("the Marsden"), QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    picker = open_picker(qtbot, window)
    assert picker.search.text() == "the Marsden"
    wait_for_results(qtbot, picker, "the Marsden")
    assert shown_rows(picker)[0] == "RPY"
    press(picker.search, Qt.Key.Key_Return)
    assert window.editor.text() == text.replace(
        "the Marsden", "[the Marsden](https://www.cqc.org.uk/provider/RPY)")


def test_alt_enter_adds_the_rating_and_the_month_it_was_published(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "marsden")
    wait_for_results(qtbot, picker, "marsden")
    press(picker.search, Qt.Key.Key_Return, ALT)
    phrase = MARSDEN + ", rated Outstanding in September 2018"
    assert window.editor.text() == COLUMN[:AT] + phrase + COLUMN[AT:]
    # Alt+Enter is also the platform's Full Screen key: inside the picker it is the picker's.
    assert not window.isFullScreen()


def test_esc_closes_and_returns_to_the_text_unchanged(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "marsden")
    wait_for_results(qtbot, picker, "marsden")
    press(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert window.editor.hasFocus()
    assert window.editor.text() == COLUMN
    assert window.editor.textCursor().position() == AT
    assert not window.editor.document().isModified()


def test_one_undo_takes_the_whole_insertion_away(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "marsden")
    wait_for_results(qtbot, picker, "marsden")
    press(picker.search, Qt.Key.Key_Return, ALT)
    assert window.editor.text() != COLUMN
    press(window.editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == COLUMN


def test_enter_typed_before_the_results_arrive_inserts_the_newest_first_result(
        qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "marsden")
    press(picker.search, Qt.Key.Key_Return)  # no wait: a fast typist
    qtbot.waitUntil(lambda: MARSDEN in window.editor.text(), timeout=10000)
    assert window.editor.text() == COLUMN[:AT] + MARSDEN + COLUMN[AT:]


def test_a_hospital_site_is_offered_and_linked_as_a_location(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "derriford")
    wait_for_results(qtbot, picker, "derriford")
    site = picker.list.results.hit(0)
    assert (site.id, site.category) == ("RK950", "NHS hospital")
    qtbot.waitUntil(lambda: "Part of University Hospitals Plymouth NHS Trust"
                    in details_text(picker), timeout=10000)
    press(picker.search, Qt.Key.Key_Return)
    assert "[Derriford Hospital](https://www.cqc.org.uk/location/RK950)" in window.editor.text()


def test_a_closed_trust_is_marked_closed_in_words(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "torbay")
    wait_for_results(qtbot, picker, "torbay")
    rows = shown_rows(picker)
    assert rows[0] == "RA9" and "R1G" in rows  # open trusts first
    model = picker.list.results
    closed = model.index(rows.index("R1G"))
    assert closed.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", not rated, closed")
    assert "closed" not in model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    picker.list.setCurrentIndex(closed)
    qtbot.waitUntil(lambda: "Closed: no longer registered" in details_text(picker))


def test_nothing_found_says_what_to_try(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    picker = open_picker(qtbot, window)
    type_text(picker.search, "qqqzzx")
    qtbot.waitUntil(lambda: "Nothing matches “qqqzzx”" in picker.status.text(), timeout=10000)
    press(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible() and window.editor.text() == COLUMN


def test_before_the_cache_is_open_the_picker_says_so_then_answers(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path, wait_for_cache=False)
    assert window.ratings.cache_path() is None
    picker = open_picker(qtbot, window)
    type_text(picker.search, "marsden")
    assert picker.status.text() == OPENING and picker.status.isVisible()
    assert shown_rows(picker) == []
    wait_for_results(qtbot, picker, "marsden")
    assert shown_rows(picker) == ["RPY"] and not picker.status.isVisible()


def test_insert_menu_toolbar_and_context_menu_open_the_picker(qtbot, tmp_path, real_cache):
    window = shown_window(qtbot, tmp_path)
    feature = window.feature(TrustPickerFeature)
    assert feature.action.text() == "&Trust…"
    assert feature.action.shortcut().toString() == "Ctrl+T"
    toolbar = window.findChild(QToolBar, "mainToolBar")
    button = toolbar.widgetForAction(feature.action)
    assert button.text() == "Insert Trust" and button.isVisible()
    button.click()
    picker = feature.picker
    qtbot.waitUntil(picker.isVisible)
    press(picker.search, Qt.Key.Key_Escape)

    menu = window.editor.context_menu(QPoint(5, 5))
    entry = next(a for a in menu.actions() if a.text() == "Insert &Trust Link…")
    entry.trigger()
    qtbot.waitUntil(picker.isVisible)
    assert picker.accessibleName() == "Trust picker"
    assert picker.search.accessibleName() == "Search for a trust or hospital"
    assert picker.list.accessibleName() == "Matching trusts and hospitals"
    assert picker.details.accessibleName() == "Details of the selected trust"
    press(picker.search, Qt.Key.Key_Escape)
    menu.deleteLater()


def test_the_popup_opens_at_the_cursor_and_stays_on_screen():
    screen = QRect(0, 0, 1440, 900)
    size = QSize(760, 380)
    assert popup_position(QRect(100, 200, 2, 18), size, screen) == QPoint(100, 218)
    # Near the right edge: moved left; near the bottom: above the cursor line.
    assert popup_position(QRect(1300, 200, 2, 18), size, screen) == QPoint(680, 218)
    assert popup_position(QRect(100, 700, 2, 18), size, screen) == QPoint(100, 320)
