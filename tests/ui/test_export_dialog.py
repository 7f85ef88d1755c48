"""File ▸ Export… driven from the keyboard: format, options, preview, problems, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from columnist.ui.publishing import PublishingFeature
from helpers.keys import press
from helpers.windows import shown_on

ALT = Qt.KeyboardModifier.AltModifier
LONG_LINE = ("Beds were full in [Leeds](https://www.cqc.org.uk/provider/RR8) and staff kept "
             "every patient safe through the longest week of the year.")
COLUMN = f"""\
---
title: Winter pressures
status: approved
---

{LONG_LINE}

| Trust | Rating |
|---|---|
| Leeds | Good |
"""


def open_dialog(qtbot, tmp_path: Path, text: str = COLUMN):
    window = shown_on(qtbot, tmp_path, text)
    press(window.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File ▸ Export…
    dialog = window.feature(PublishingFeature).dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: "Preparing" not in dialog.preview.toPlainText(), timeout=10000)
    return window, dialog


def choose_format(qtbot, dialog, label: str) -> None:
    """Alt+F to the format list, then Down until `label` is chosen."""
    press(dialog, Qt.Key.Key_F, ALT)
    assert dialog.format.hasFocus()
    for _ in range(dialog.format.count()):
        if dialog.format.currentText() == label:
            break
        press(dialog.format, Qt.Key.Key_Down)
    assert dialog.format.currentText() == label
    qtbot.waitUntil(lambda: "Preparing" not in dialog.preview.toPlainText(), timeout=10000)


def test_plain_text_exported_from_the_keyboard(qtbot, tmp_path, questions) -> None:
    _window, dialog = open_dialog(qtbot, tmp_path)
    assert [dialog.format.itemText(i) for i in range(dialog.format.count())] == [
        "Standalone HTML", "Medium-ready copy", "Plain text"]
    choose_format(qtbot, dialog, "Plain text")
    assert dialog.destination.text() == str(tmp_path / "column.txt")
    assert dialog.preview.toPlainText().startswith("Winter pressures\n================\n")
    press(dialog, Qt.Key.Key_W, ALT)  # the option: wrap lines (on by default) → off
    qtbot.waitUntil(lambda: not dialog.extra()["wrap"])  # a mnemonic clicks after a moment
    qtbot.waitUntil(lambda: "Preparing" not in dialog.preview.toPlainText(), timeout=10000)
    press(dialog, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Exported"), timeout=10000)
    assert (tmp_path / "column.txt").read_text("utf-8") == (
        "Winter pressures\n================\n\n"
        "Beds were full in Leeds (https://www.cqc.org.uk/provider/RR8) and staff kept every "
        "patient safe through the longest week of the year.\n\n- Leeds — Rating: Good\n")
    assert dialog.message.text() == f"Exported to {tmp_path / 'column.txt'}."
    assert dialog.show_folder.isVisible()


def test_medium_shows_its_rendered_preview_and_the_changes_it_makes(
    qtbot, tmp_path, questions
) -> None:
    _window, dialog = open_dialog(qtbot, tmp_path)
    choose_format(qtbot, dialog, "Medium-ready copy")
    assert dialog.destination.text() == str(tmp_path / "column.medium.html")
    assert "Leeds — Rating: Good" in dialog.preview.toPlainText()
    assert "<li>" not in dialog.preview.toPlainText()  # rendered, not shown as tags
    changes = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert changes == ["A table (Trust, Rating) became a list, one item per row: Medium has "
                       "no tables."]
    assert dialog.tabs.tabText(1) == "C&hanges (1)"
    assert dialog.guide.isVisible()
    press(dialog, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Exported"), timeout=10000)
    assert (tmp_path / "column.medium.html").read_text("utf-8").startswith("<p>Beds were full")
    assert (tmp_path / "column.medium.txt").is_file()
    assert dialog.message.text() == (
        f"Exported to {tmp_path / 'column.medium.html'} and 1 more file.")


def test_problems_are_listed_at_their_line_and_enter_goes_there(
    qtbot, tmp_path, questions
) -> None:
    window, dialog = open_dialog(qtbot, tmp_path, "# T\n\nSome words.\nGood {++care++}.\n")
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    row = next(i for i, text in enumerate(listed) if text.startswith("line 4, column 6: "))
    assert "insertion “care”" in listed[row]
    assert dialog.tabs.tabText(2) == f"&Problems ({len(listed)})"
    assert dialog.draft.isVisible()
    press(dialog, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not exported"), timeout=10000)
    assert dialog.tabs.currentWidget() is dialog.problems
    assert not (tmp_path / "column.html").exists()
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    row = next(i for i, text in enumerate(listed) if text.startswith("line 4, column 6: "))
    dialog.problems.setFocus()
    dialog.problems.setCurrentRow(row)
    press(dialog.problems, Qt.Key.Key_Return)
    cursor = window.editor.textCursor()
    assert (cursor.blockNumber(), cursor.positionInBlock()) == (3, 5)

    for _ in range(len("{++care++}")):  # the writer rejects the suggestion by hand
        press(window.editor, Qt.Key.Key_Delete)
    assert window.editor.text().endswith("Good .\n")
    dialog.activateWindow()  # and comes back to the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: not any(
        "care" in dialog.problems.item(i).text() for i in range(dialog.problems.count())),
        timeout=10000)
    assert not dialog.draft.isVisible()


def test_a_clean_column_lists_only_the_unchecked_claims_and_needs_no_draft(
    qtbot, tmp_path, questions
) -> None:
    _window, dialog = open_dialog(qtbot, tmp_path)  # the test's data folder has no cache
    assert [dialog.problems.item(i).text() for i in range(dialog.problems.count())] == [
        "line 1, column 1: rating claims were not checked: no rating cache"]
    assert dialog.tabs.tabText(2) == "&Problems (1)"
    assert not dialog.draft.isVisible()  # a warning: nothing stops the export


def test_html_options_embed_the_images_from_the_keyboard(qtbot, tmp_path, questions) -> None:
    from PySide6.QtGui import QColor, QImage

    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    assert picture.save(str(tmp_path / "ward.png"))
    _window, dialog = open_dialog(qtbot, tmp_path, COLUMN + "\n![The ward at night](ward.png)\n")
    assert dialog.format.currentText() == "Standalone HTML"
    assert dialog.extra() == {"embed_images": False, "ratings": False}
    press(dialog, Qt.Key.Key_I, ALT)  # Embed the &images in the page
    qtbot.waitUntil(lambda: dialog.extra()["embed_images"])
    qtbot.waitUntil(lambda: "Preparing" not in dialog.preview.toPlainText(), timeout=10000)
    press(dialog, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Exported"), timeout=10000)
    page = (tmp_path / "column.html").read_text("utf-8")
    assert 'src="data:image/png;base64,' in page and 'alt="The ward at night"' in page
    assert 'src="ward.png"' not in page  # inside the page, not referenced beside it


def test_export_anyway_as_draft_marks_the_file(qtbot, tmp_path, questions) -> None:
    _window, dialog = open_dialog(qtbot, tmp_path, "# T\n\nGood {++care++}.\n")
    assert dialog.draft.isVisible()
    press(dialog, Qt.Key.Key_D, ALT)  # Export Anyway as &Draft
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Exported"), timeout=10000)
    assert "as a draft" in dialog.message.text()
    page = (tmp_path / "column.html").read_text("utf-8")
    assert "<title>Draft: T</title>" in page
    assert ('<strong>Draft</strong> — not approved for publication. Exported anyway; do not '
            "publish this copy.") in page
