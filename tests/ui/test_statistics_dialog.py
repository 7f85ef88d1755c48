"""View ▸ Statistics and Word Count in a real window: the column's figures, counted off the
GUI thread, and the words added since the column was opened."""

from __future__ import annotations

from helpers.keys import type_text
from helpers.windows import select, shown_on


def test_view_statistics_shows_the_columns_figures_and_the_words_added(qtbot, tmp_path):
    from columnist.ui.statistics_dialog import StatisticsFeature

    text = "---\ntitle: March\n---\n\nWe visited the ward. Staff were kind.\n"
    window = shown_on(qtbot, tmp_path, text)
    qtbot.waitUntil(lambda: window.preview_controller.last_output is not None)
    select(window, len(text) - 1)
    type_text(window.editor, " Thank you")
    dialog = window.feature(StatisticsFeature).show()
    qtbot.waitUntil(lambda: "Words" in dialog.values, timeout=10000)
    assert dialog.values["Words"].text() == "9"
    assert dialog.values["Sentences"].text() == "3"  # "Thank you" is one
    assert dialog.values["Words this session"].text() == "+2"
    assert dialog.values["Longest sentence"].text() == "4 words, line 5"
    dialog.close()


def test_the_status_bar_shows_the_reading_age_view_statistics_gives(qtbot, tmp_path):
    from columnist.markdown.column import parse_column
    from columnist.review.statistics import column_statistics

    easy = "We visited the ward. Staff were kind. The food was good.\n"
    window = shown_on(qtbot, tmp_path, easy)
    label = window.status.reading_age
    expected = column_statistics(parse_column(easy)).reading_age
    qtbot.waitUntil(lambda: label.text() == f"Reading age {expected}", timeout=15000)
    hard = ("\nOrganisational accountability necessitates comprehensive, interdisciplinary "
            "consideration of institutional governance arrangements.\n")
    select(window, len(easy))
    type_text(window.editor, hard)
    harder = column_statistics(parse_column(window.editor.text())).reading_age
    assert harder > expected
    qtbot.waitUntil(lambda: label.text() == f"Reading age {harder}", timeout=15000)
