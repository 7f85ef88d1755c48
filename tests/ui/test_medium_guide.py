"""File ▸ Publish to Medium…: each button puts exactly its part on the clipboard, and ticks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from columnist.ui import publishing
from columnist.ui.publishing import PublishingFeature
from helpers.keys import press
from helpers.windows import window_on

PNG = b"\x89PNG board"  # the bytes are copied, never decoded
COLUMN = """\
---
title: Winter pressures
subtitle: What trusts told us
---

## Beds

![A full ward at night](ward.png "The night shift at Leeds")

Staff kept every patient safe.
"""


def open_guide(qtbot, tmp_path, text: str = COLUMN):
    (tmp_path / "ward.png").write_bytes(PNG)
    window = window_on(qtbot, tmp_path, text)
    window.show()
    qtbot.waitExposed(window)
    window.actions_by_name["publish_medium"].trigger()
    feature = window.feature(PublishingFeature)
    qtbot.waitUntil(lambda: feature.guide is not None and feature.guide.isVisible(),
                    timeout=10000)
    return window, feature.guide


def click_with_space(button) -> None:
    button.setFocus()
    press(button, Qt.Key.Key_Space)


def clipboard_text() -> str:
    mime = QApplication.clipboard().mimeData()
    return mime.text() if mime is not None else ""


def test_each_step_copies_its_part_and_ticks(qtbot, tmp_path, questions, monkeypatch) -> None:
    _window, guide = open_guide(qtbot, tmp_path)
    assert list(guide.buttons) == ["title", "subtitle", "body", "alt:ward.png",
                                   "caption:ward.png"]
    assert guide.done_steps() == []

    click_with_space(guide.buttons["title"])
    assert clipboard_text() == "Winter pressures"
    assert not QApplication.clipboard().mimeData().hasHtml()  # the title alone, no body
    assert guide.done_steps() == ["title"]

    click_with_space(guide.buttons["subtitle"])
    assert clipboard_text() == "What trusts told us"

    click_with_space(guide.buttons["body"])
    mime = QApplication.clipboard().mimeData()
    assert mime.html().startswith("<h3>Beds</h3>\n<p><strong>[Image to upload: ward.png]")
    assert "Winter pressures" not in mime.html()
    assert mime.text().endswith("Staff kept every patient safe.\n")

    click_with_space(guide.buttons["alt:ward.png"])
    assert clipboard_text() == "A full ward at night"
    click_with_space(guide.buttons["caption:ward.png"])
    assert clipboard_text() == "The night shift at Leeds"
    assert guide.done_steps() == list(guide.buttons)
    assert guide.ticks["body"].accessibleName() == "Done"

    opened = []
    monkeypatch.setattr(publishing.QDesktopServices, "openUrl", opened.append)
    publishing.show_in_folder(tmp_path / "ward.png")
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_the_guide_says_why_the_title_goes_on_its_own(qtbot, tmp_path, questions) -> None:
    _window, guide = open_guide(qtbot, tmp_path)
    labels = " ".join(label.text() for label in guide.findChildren(type(guide.ticks["title"])))
    assert "merges a body pasted into its title field into the title" in labels
    assert "Upload ward.png where “[Image to upload: ward.png]” is" in labels


def test_no_guide_for_a_column_with_review_marks(qtbot, tmp_path, questions) -> None:
    window = window_on(qtbot, tmp_path, "# T\n\n{>>KB: check<<} Words.\n")
    window.actions_by_name["publish_medium"].trigger()
    assert questions.titles() == ["Not ready for Medium"]
    assert window.feature(PublishingFeature).guide is None
