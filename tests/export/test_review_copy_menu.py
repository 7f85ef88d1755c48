"""File ▸ Export Review Copy (PDF)… in the window: the PDF of the editor's text (unsaved
edits included), and a clear message when it cannot be written."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from columnist.ui.review_copy_menu import ReviewCopyMenu
from helpers.keys import type_text
from helpers.windows import window_on


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_menu_writes_the_editors_text_with_its_notes(qtbot, tmp_path: Path, questions):
    window = window_on(qtbot, tmp_path, "---\ntitle: March\n---\n\nThe ward was busy.\n")
    feature = window.feature(ReviewCopyMenu)
    assert feature.suggested_path() == str(tmp_path / "column.pdf")
    window.editor.setFocus()
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "{>>KB: Which ward?<<}")
    out = tmp_path / "for-review.pdf"
    feature.choose_output = lambda: str(out)
    window.actions_by_name["review_copy"].trigger()
    text = _text(out)
    assert "March" in text and "Status: draft" in text
    assert "The ward was busy. [1]" in text and "[1] KB: Which ward?" in text
    assert window.status.currentMessage() == f"Review copy written to {out}"
    assert questions.informed == []


def test_a_failure_is_told_and_writes_nothing(qtbot, tmp_path: Path, questions):
    window = window_on(qtbot, tmp_path, "Text.\n")
    assert window.feature(ReviewCopyMenu).export(str(tmp_path / "column.md")) is None
    assert questions.titles() == ["Review copy not written"]
    assert "overwrite the column itself" in questions.text_of("Review copy not written")
    assert (tmp_path / "column.md").read_text(encoding="utf-8") == "Text.\n"
