"""The Rating Changes panel in a real window, on the bundled 2018 → 2019 ratings.

The window's ratings service makes the cache from the bundled data; the panel opens on
the last month of it (ratings published after 28 January 2019 up to 28 February 2019).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from columnist.ui.changes_panel import OPENING, ChangesPanel
from helpers.keys import press
from helpers.windows import window_on

TRUST = "https://www.cqc.org.uk/provider/"
COLUMN = """---
title: March
---

This month I want to mark the trusts that moved.

Until next month.
"""


def open_panel(qtbot, tmp_path: Path):
    window = window_on(qtbot, tmp_path, COLUMN)
    window.show()
    qtbot.waitExposed(window)
    panel = window.feature(ChangesPanel)
    window.actions_by_name["insert_changes"].trigger()
    view = panel.view
    qtbot.waitUntil(lambda: view.digest is not None, timeout=20000)
    return window, panel, view


def put_cursor_after(window, text: str) -> None:
    """The cursor just after `text` (a whole line of the column)."""
    line = COLUMN.splitlines().index(text)
    window.move_cursor_to(line, len(text))


def test_insert_menu_opens_the_panel_on_the_last_month_of_the_data(qtbot, tmp_path):
    window, panel, view = open_panel(qtbot, tmp_path)
    insert_menu = window.menuBar().actions()[2]
    assert insert_menu.text() == "&Insert"
    assert "This Month's Rating &Changes…" in [a.text() for a in insert_menu.menu().actions()]
    assert panel.dock.isVisible() and window.actions_by_name["changes_panel"].isChecked()
    assert view.since.hasFocus()
    assert view.since.date() == QDate(2019, 1, 28)
    assert view.status.text() == (
        "Ratings published after 28 January 2019 up to 28 February 2019 (the newest rating "
        "in the cache), each compared with the rating it replaced.")
    rows = view.row_texts()
    assert rows[:3] == [
        "Improved (4)",
        "Gloucestershire Hospitals NHS Foundation Trust\n"
        "Requires improvement → Good (7 Feb 2019)",
        "Royal Brompton & Harefield NHS Foundation Trust\n"
        "Requires improvement → Good (22 Feb 2019)",
    ]
    assert "Declined (1)" in rows and "Kept another rating (11)" in rows
    assert ("Mid Essex Hospital Services NHS Trust\nGood → Requires improvement "
            "(30 Jan 2019)") in rows
    assert view.region.itemText(0) == "All regions" and view.region.findText("London") > 0


def test_insert_as_list_at_the_cursor_and_undo_in_one_step(qtbot, tmp_path):
    window, _panel, view = open_panel(qtbot, tmp_path)
    view.kind.setCurrentIndex(view.kind.findText("Improved"))
    qtbot.waitUntil(lambda: view.row_texts()[:1] == ["Improved (4)"] and len(
        view.row_texts()) == 5)
    put_cursor_after(window, "This month I want to mark the trusts that moved.")
    view.insert_list.click()
    listed = (
        f"- [Gloucestershire Hospitals NHS Foundation Trust]({TRUST}RTE) moved from "
        "Requires improvement to Good.\n"
        f"- [Royal Brompton & Harefield NHS Foundation Trust]({TRUST}RT3) moved from "
        "Requires improvement to Good.\n"
        f"- [Solent NHS Trust]({TRUST}R1C) moved from Requires improvement to Good.\n"
        "- [The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust]"
        f"({TRUST}RL1) moved from Requires improvement to Good."
    )
    # A list of its own: a blank line after the paragraph, and before the next one.
    assert window.editor.text() == COLUMN.replace(
        "moved.\n", f"moved.\n\n{listed}\n", 1)
    assert window.editor.hasFocus()
    window.editor.undo()
    assert window.editor.text() == COLUMN


def test_insert_as_sentence_with_region_filter(qtbot, tmp_path):
    window, _panel, view = open_panel(qtbot, tmp_path)
    view.since.setDate(QDate(2018, 8, 31))  # everything the March 2019 edition brought
    view.region.setCurrentIndex(view.region.findText("North West"))
    view.kind.setCurrentIndex(view.kind.findText("Improved or kept Outstanding"))
    qtbot.waitUntil(lambda: view.row_texts() == [
        "Improved (1)",
        "North West Ambulance Service NHS Trust\nRequires improvement → Good (27 Nov 2018)",
        "Kept Outstanding (1)",
        "The Christie NHS Foundation Trust\nOutstanding → Outstanding (12 Oct 2018)",
    ])
    assert view.status.text().startswith(
        "Ratings published after 31 August 2018 up to 28 February 2019")
    put_cursor_after(window, "This month I want to mark the trusts that moved.")
    view.insert_sentence.click()
    sentence = (
        "Between 1 September 2018 and 28 February 2019, "
        f"[The Christie NHS Foundation Trust]({TRUST}RBV) kept its Outstanding rating, and "
        f"[North West Ambulance Service NHS Trust]({TRUST}RX7) improved on re-inspection, "
        "moving from Requires improvement to Good."
    )
    assert window.editor.text() == COLUMN.replace("moved.\n", f"moved. {sentence}\n", 1)
    window.editor.undo()
    assert window.editor.text() == COLUMN


def test_nothing_matching_disables_the_buttons_and_says_so(qtbot, tmp_path):
    _window, _panel, view = open_panel(qtbot, tmp_path)
    view.kind.setCurrentIndex(view.kind.findText("First rated"))
    qtbot.waitUntil(lambda: view.row_texts() == ["No rating changes match these filters."])
    assert not view.insert_list.isEnabled() and not view.insert_sentence.isEnabled()


def test_keyboard_reaches_every_control_with_a_name(qtbot, tmp_path):
    _window, _panel, _view = open_panel(qtbot, tmp_path)
    seen: list[str] = []
    for _ in range(12):
        widget = QApplication.focusWidget()
        # The date's own line edit answers for the date box; Tab walks its day, month and
        # year before leaving it (Qt's date editing).
        name = widget.accessibleName() or widget.parent().accessibleName()
        if not seen or seen[-1] != name:
            seen.append(name)
        press(widget, Qt.Key.Key_Tab)
    assert seen[:7] == ["Changes since", "Region", "Kind of change", "NHS trusts only",
                        "Rating changes by kind", "Insert as list", "Insert as sentence"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_readable_in_both_palettes(qtbot, tmp_path, theme):
    from columnist.ui.theme import ThemeMenu

    window, _panel, view = open_panel(qtbot, tmp_path)
    themes = window.feature(ThemeMenu)
    themes.set_theme(theme)
    try:
        # The panel draws with the palette's roles only: it follows the theme.
        qtbot.waitUntil(lambda: (view.tree.palette().base().color().lightness() < 128)
                        == (theme == "dark"))
        for widget in (view.tree, view.status, view.since):
            palette = widget.palette()
            text = palette.text() if widget is not view.status else palette.windowText()
            ground = palette.base() if widget is not view.status else palette.window()
            assert abs(text.color().lightness() - ground.color().lightness()) > 100
    finally:
        themes.set_theme("light")


def test_before_the_cache_opens_the_panel_says_so(qtbot, tmp_path, monkeypatch):
    from columnist.ratings.service import RatingsService

    monkeypatch.setattr(RatingsService, "start", lambda self: None)  # never opens
    window = window_on(qtbot, tmp_path, COLUMN)
    panel = window.feature(ChangesPanel)
    panel.open_panel()
    assert panel.view.status.text() == OPENING == "The ratings cache is opening…"
    assert not panel.view.insert_list.isEnabled()


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # On the blank line between two paragraphs: blank lines kept either side.
        ("One.\n\n", "\nTwo.\n", "One.\n\n- a\n- b\n\nTwo.\n"),
        # In the middle of a paragraph: the paragraph is split around the list.
        ("One. ", "Two.\n", "One. \n\n- a\n- b\n\nTwo.\n"),
        # At the very end of a text with no final newline.
        ("One.", "", "One.\n\n- a\n- b"),
        # In an empty column.
        ("", "", "- a\n- b"),
    ],
)
def test_a_list_is_inserted_as_a_block_of_its_own(qtbot, before, after, expected):
    from columnist.ui.changes_panel import insert_block
    from columnist.ui.editor import MarkdownEditor

    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(before + after)
    cursor = editor.textCursor()
    cursor.setPosition(len(before))
    editor.setTextCursor(cursor)
    insert_block(editor, "- a\n- b")
    assert editor.text() == expected
    editor.undo()
    assert editor.text() == before + after


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("Well done.", "\n", "Well done. S.\n"),
        ("Well done. ", "Next.", "Well done. S. Next."),
        ("", "Next.", "S. Next."),
    ],
)
def test_a_sentence_is_spaced_from_the_words_around_it(qtbot, before, after, expected):
    from columnist.ui.changes_panel import insert_inline
    from columnist.ui.editor import MarkdownEditor

    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(before + after)
    cursor = editor.textCursor()
    cursor.setPosition(len(before))
    editor.setTextCursor(cursor)
    insert_inline(editor, "S.")
    assert editor.text() == expected
