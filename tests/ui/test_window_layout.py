"""The window keeps its shape: the find bar never squeezes the preview, and no message,
however long, widens the window (issue: the desk as writers find it, layout bugs)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from columnist.ui.find_replace import FindReplaceBar
from helpers.windows import window_on

COLUMN = "---\ntitle: Layout\n---\n\nA paragraph about a trust and its ratings.\n"


def _shown(qtbot, window, width: int, height: int):
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


@pytest.mark.parametrize("size", [(1200, 800), (1440, 900)])
def test_opening_and_closing_find_never_moves_the_splitter(qtbot, tmp_path, size):
    window = _shown(qtbot, window_on(qtbot, tmp_path, COLUMN), *size)
    before = window.splitter.sizes()
    for key in (Qt.Key.Key_F, Qt.Key.Key_H):
        qtbot.keyClick(window.editor, key, Qt.KeyboardModifier.ControlModifier)
        bar = window.findChild(FindReplaceBar)
        qtbot.waitUntil(lambda bar=bar: bar.isVisible())
        QApplication.processEvents()
        assert window.splitter.sizes() == before
        assert window.preview.width() > 400
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda bar=bar: not bar.isVisible())
        QApplication.processEvents()
        assert window.splitter.sizes() == before
    assert window.width() == size[0]


def test_a_narrow_editor_pane_gets_the_options_on_a_row_of_their_own(qtbot, tmp_path):
    window = _shown(qtbot, window_on(qtbot, tmp_path, COLUMN), 1200, 800)
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([420, total - 420])
    QApplication.processEvents()
    before = window.splitter.sizes()
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.findChild(FindReplaceBar)
    qtbot.waitUntil(bar.isVisible)
    QApplication.processEvents()
    assert window.splitter.sizes() == before
    # Every control is still on screen, inside the bar: the options wrapped below.
    for widget in (bar.find_field, bar.next_button, bar.case_box, bar.regex_box,
                   bar.replace_field, bar.replace_all_button, bar.close_button):
        assert widget.isVisible()
        assert widget.mapTo(bar, QPoint(widget.width(), 0)).x() <= bar.width()
    assert bar.case_box.mapTo(bar, QPoint(0, 0)).y() > bar.find_field.y()


def test_a_long_warning_never_widens_the_window_and_shows_whole_in_its_tooltip(
        qtbot, tmp_path):
    window = _shown(qtbot, window_on(qtbot, tmp_path, COLUMN), 1200, 800)
    message = ("The front matter could not be read: " + "a very long explanation " * 30
               + "(line 3).")
    window.status.set_warning(message)
    window.status.set_save_state("Not saved: " + "the folder is read-only " * 10)
    window.status.showMessage("Imported " + "a long file name " * 20, 5000)
    QApplication.processEvents()
    assert window.width() == 1200
    assert window.minimumSizeHint().width() < 1200
    assert window.status.warning.toolTip() == message
    shown = window.status.warning.shown_text()
    assert shown.endswith("…") and message.startswith(shown[:-1])
    assert window.status.toolTip().startswith("Imported a long file name")


def test_a_yaml_error_with_a_long_word_never_widens_the_window(qtbot, tmp_path):
    text = "---\ntitle: [unclosed " + "x" * 400 + "\n---\n\nBody.\n"
    window = _shown(qtbot, window_on(qtbot, tmp_path, text), 1200, 800)
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window), timeout=10000)
    QApplication.processEvents()
    assert window.width() == 1200
    assert window.minimumSizeHint().width() < 1200


def test_with_the_preview_hidden_the_text_sits_in_a_centred_readable_column(qtbot, tmp_path):
    from columnist.ui.editor import READING_MEASURE_CHARS

    window = _shown(qtbot, window_on(qtbot, tmp_path, COLUMN), 1440, 900)
    editor = window.editor
    shown = editor.viewport_rect()
    assert shown.left() < 20  # beside the preview, the pane is narrower than the measure
    window.actions_by_name["preview"].setChecked(False)
    QApplication.processEvents()
    text_area = editor.viewport_rect()
    measure = editor.fontMetrics().horizontalAdvance("n") * READING_MEASURE_CHARS
    assert measure <= text_area.width() <= measure + 80
    left, right = text_area.left(), editor.width() - text_area.right()
    assert left > 100 and abs(left - right) <= 2 + editor.verticalScrollBar().width()


def test_opening_another_file_never_shows_the_previous_document(qtbot, tmp_path):
    from columnist.ui.panels import MetadataPanel, OutlinePanel

    first = "---\ntitle: First column\n---\n\n## Old heading\n\nOld words.\n"
    window = _shown(qtbot, window_on(qtbot, tmp_path, first, "first.md"), 1200, 800)
    outline = window.feature(OutlinePanel).view
    form = window.feature(MetadataPanel).form
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 1
                    and outline.topLevelItem(0).text(0) == "Old heading", timeout=10000)
    second = tmp_path / "second.md"
    second.write_text("---\ntitle: [broken\n---\n\n## New heading\n\nNew words.\n",
                      encoding="utf-8")
    window.session.open_path(second, ask_to_save=False)
    # Until the new text's first render: updating, never the old document.
    assert outline.topLevelItem(0).text(0) == "Updating…"
    assert form._edits["title"].text() == ""
    assert window.status.words.text() == "Counting words…"
    assert "Old words" not in window.preview.toPlainText()
    qtbot.waitUntil(lambda: outline.topLevelItem(0).text(0) == "New heading", timeout=10000)
    assert form._edits["title"].text() == ""  # bad YAML: greyed, not the old title
    assert not form._edits["title"].isEnabled()
    assert window.banner.isVisibleTo(window)
    assert window.status.warning.text() == ""  # the banner says it, and goes when fixed
