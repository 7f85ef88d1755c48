"""Compare with a saved version: the diff shown, and restoring a version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from columnist.document.history import History
from columnist.ui.compare_dialog import CompareDialog


def test_shows_the_diff_of_saved_versions_and_restores_one(qtbot, tmp_path: Path):
    history = History(tmp_path / "history")
    doc = tmp_path / "column.md"
    doc.write_text("First draft about the ward.\n", encoding="utf-8")
    history.record(doc, doc.read_bytes())
    doc.write_text("Second draft about the busy ward.\n", encoding="utf-8")
    history.record(doc, doc.read_bytes())
    current = "Final text about the busy ward.\n"

    dialog = CompareDialog(history, doc, current)
    qtbot.addWidget(dialog)
    assert dialog.versions.count() == 2
    assert "bytes" in dialog.versions.item(0).text()
    # Newest first: the second draft, compared with the current text.
    shown = dialog.diff_view.toPlainText()
    assert "Second" in shown and "Final" in shown and "Current text" in shown
    dialog.versions.setCurrentRow(1)
    assert "First" in dialog.diff_view.toPlainText()
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_text() == "First draft about the ward.\n"


def test_no_versions_says_so(qtbot, tmp_path: Path):
    dialog = CompareDialog(History(tmp_path / "h"), tmp_path / "new.md", "text")
    qtbot.addWidget(dialog)
    assert "No earlier versions" in dialog.note.text()
    assert not dialog.restore_button.isEnabled()
    assert dialog.chosen_text() is None
    untitled = CompareDialog(History(tmp_path / "h"), None, "text")
    qtbot.addWidget(untitled)
    assert "not been saved" in untitled.note.text()
