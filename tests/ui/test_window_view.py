"""The writing desk as a writer sees it: live preview, outline, metadata, toggles, status."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from columnist.settings import Settings
from columnist.ui.panels import MetadataPanel, OutlinePanel
from columnist.ui.preview import PreviewDocument
from columnist.ui.scroll_sync import ScrollSyncFeature
from columnist.ui.theme import ThemeMenu
from helpers.windows import open_window, window_on

COLUMN = """---
title: Improving ratings despite the pressure
author: Chief Inspector of Hospitals
custom: kept
---

Intro paragraph about the month.

## First heading

Some text here.

## Second heading

More text.

### A smaller one

The end.
"""


@pytest.fixture
def window(qtbot, tmp_path, questions):
    made = window_on(qtbot, tmp_path, COLUMN)
    # The first render of a window shares two CI cores with the cache opening.
    qtbot.waitUntil(lambda: "First heading" in made.preview.toPlainText(), timeout=20000)
    return made


def test_typing_reaches_the_preview(window, qtbot):
    editor = window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "A freshly typed sentence about Bristol.")
    qtbot.waitUntil(lambda: "freshly typed sentence about Bristol" in window.preview.toPlainText())
    # The story header comes from the front matter, as on Medium.
    assert "Improving ratings despite the pressure" in window.preview.toPlainText()


def test_status_bar_counts_words_and_reading_time(window, qtbot):
    qtbot.waitUntil(lambda: window.status.words.text().endswith("words"))
    words = int(window.status.words.text().split()[0])
    assert 15 <= words <= 30
    assert window.status.reading.text() == "1 min read"
    window.move_cursor_to(8, 4)
    assert window.status.position.text() == "Ln 9, Col 5"


def test_outline_lists_headings_and_a_click_moves_the_cursor(window, qtbot):
    outline = window.feature(OutlinePanel).view
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 2)
    second = outline.topLevelItem(1)
    assert second.text(0) == "Second heading"
    outline.itemClicked.emit(second, 0)
    cursor = window.editor.textCursor()
    assert cursor.block().text() == "## Second heading"
    assert cursor.blockNumber() == 12


def test_metadata_edit_is_one_undoable_change_that_keeps_other_keys(window, qtbot):
    window.feature(MetadataPanel).set_visible(True)
    window.feature(MetadataPanel).form.fieldsEdited.emit({"status": "in review"})
    text = window.editor.text()
    assert "status: in review\n" in text
    assert "custom: kept\n" in text
    assert text.endswith("The end.\n")
    window.editor.undo()
    assert window.editor.text() == COLUMN


def test_view_toggles_persist_in_a_new_window(window, qtbot):
    window.actions_by_name["preview"].setChecked(False)
    window.actions_by_name["outline"].setChecked(False)
    window.actions_by_name["scroll_sync"].setChecked(False)
    window.zoom_by(2)
    assert not window.preview.isVisibleTo(window)
    window.close()
    settings = Settings()
    assert settings.get("view/preview_visible") is False
    again = open_window(qtbot)
    assert not again.preview.isVisibleTo(again)
    assert not again.feature(OutlinePanel).dock.isVisibleTo(again)
    assert not again.actions_by_name["scroll_sync"].isChecked()
    assert again.editor.zoom == 2


def test_theme_choice_dark_reaches_editor_and_preview(window, qtbot):
    window.feature(ThemeMenu).set_theme("dark")
    assert window.actions_by_name["theme_dark"].isChecked()
    assert window.editor.highlighter.dark
    qtbot.waitUntil(lambda: window.preview_controller.last_output is not None
                    and window.preview_controller.last_output.dark)
    assert Settings().get("view/theme") == "dark"
    window.feature(ThemeMenu).set_theme("light")
    assert not window.editor.highlighter.dark


def test_preview_never_loads_remote_resources(tmp_path):
    image = tmp_path / "local.png"
    from PySide6.QtGui import QImage

    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    picture.save(str(image))
    doc = PreviewDocument(tmp_path)
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert doc.loadResource(kind, QUrl("https://example.org/tracker.png")) is None
    assert doc.loadResource(kind, QUrl("http://example.org/x.png")) is None
    assert doc.loadResource(kind, QUrl("local.png")) is not None


def test_links_open_only_when_clicked_and_only_safe_schemes(window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        "columnist.ui.main_window.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    window.preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.preview.anchorClicked.emit(QUrl("https://www.cqc.org.uk/provider/RA7"))
    assert opened == ["https://www.cqc.org.uk/provider/RA7"]


def test_scroll_sync_follows_the_editor(qtbot, tmp_path, questions):
    long_text = "".join(f"## Part {i}\n\n" + "Words in a paragraph. " * 40 + "\n\n"
                        for i in range(60))
    window = window_on(qtbot, tmp_path, long_text, "long.md")
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: "Part 59" in window.preview.toPlainText(), timeout=20000)
    line = next(i for i, t in enumerate(long_text.split("\n")) if t == "## Part 30")
    window.editor.go_to_line(line)
    window.feature(ScrollSyncFeature).sync.sync_preview()
    bar = window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    assert abs(window.preview.line_at_top() - window.editor.first_visible_line()) < 6
    # And back: scrolling the preview moves the editor.
    bar.setValue(bar.maximum() // 4)
    assert abs(window.editor.first_visible_line() - window.preview.line_at_top()) < 6


def test_preview_built_in_chunks_matches_one_set_html(qapp):
    """The worker builds long previews in short steps; the result must be the same page."""
    from columnist.core.tasks import Ticket
    from columnist.render.css import document_html
    from columnist.render.pipeline import Renderer
    from columnist.ui import preview as preview_module

    text = "".join(
        f"## Part {i}\n\nA paragraph with *emphasis* and a [link](https://example.org).\n\n"
        f"- item one\n- item two\n\n> A quote {i}.\n\n" + "Plain words. " * 60 + "\n\n"
        for i in range(40)
    )
    page = document_html(Renderer().render(text))
    job = Ticket(preview_module.RenderJob(text, False, 600.0, qapp.font(), None), 0)
    whole = QTextDocument()
    whole.setDefaultFont(qapp.font())
    whole.setTextWidth(600)
    whole.setHtml(page)
    chunked = QTextDocument()
    chunked.setDefaultFont(qapp.font())
    chunked.setTextWidth(600)
    assert len(preview_module._chunks(page[page.index("<body"):])) > 3
    preview_module._fill_in_chunks(chunked, page, job)
    assert chunked.toPlainText() == whole.toPlainText()
    assert chunked.blockCount() == whole.blockCount()
    assert abs(chunked.size().height() - whole.size().height()) < 1
