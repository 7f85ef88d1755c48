"""Compare with a saved version: the diff shown (two versions, side by side or inline),
and restoring a version."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from columnist.document.history import History
from columnist.ui.compare_dialog import CompareDialog
from helpers.keys import press


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


def _two_saved_versions(tmp_path: Path) -> tuple[History, Path]:
    history = History(tmp_path / "history")
    doc = tmp_path / "column.md"
    doc.write_text("The trust was rated good.\n\nStaff were busy.\n", encoding="utf-8")
    history.record(doc, doc.read_bytes())
    doc.write_text("The trust was rated outstanding.\n\nStaff were busy.\n", encoding="utf-8")
    history.record(doc, doc.read_bytes())
    return history, doc


def test_compares_any_two_saved_versions_word_by_word(qtbot, tmp_path: Path):
    history, doc = _two_saved_versions(tmp_path)
    dialog = CompareDialog(history, doc, "Unrelated text in the editor.\n")
    qtbot.addWidget(dialog)
    # Left: the older version; "Compare with": the newer one (not the editor's text).
    dialog.versions.setCurrentRow(1)
    dialog.against.setFocus()
    press(dialog.against, Qt.Key.Key_Down)
    assert dialog.against.currentText().startswith("Saved ")
    shown = dialog.diff_view.toPlainText()
    assert "rated [\u2212good.]" in shown and "rated [+outstanding.]" in shown
    assert "Unrelated" not in shown
    assert "1 change." in shown


def test_the_inline_toggle_shows_one_column_with_both_words(qtbot, tmp_path: Path):
    history, doc = _two_saved_versions(tmp_path)
    dialog = CompareDialog(history, doc, "The trust was rated inadequate.\n\nStaff were busy.\n")
    qtbot.addWidget(dialog)
    side_by_side = dialog.diff_view.toPlainText()
    assert side_by_side.count("Staff were busy.") == 2  # once on each side
    dialog.pane.inline.setFocus()
    press(dialog.pane.inline, Qt.Key.Key_Space)
    assert dialog.pane.inline.isChecked()
    inline = dialog.diff_view.toPlainText()
    assert inline.count("Staff were busy.") == 1
    assert "rated [\u2212outstanding.][+inadequate.]" in inline


def test_changes_since_a_version_become_suggestions(qtbot, tmp_path: Path):
    history, doc = _two_saved_versions(tmp_path)
    current = "The trust was rated outstanding.\n\nStaff were very busy.\n"
    dialog = CompareDialog(history, doc, current)
    qtbot.addWidget(dialog)
    assert dialog.suggest_button.isEnabled()
    dialog.versions.setCurrentRow(1)  # the older version: rated good
    dialog.suggest_button.setFocus()
    press(dialog.suggest_button, Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_text() == (
        "The trust was rated {~~good.~>outstanding.~~}\n\nStaff were {++very ++}busy.\n"
    )
    # Against another saved version there is no editor text to mark.
    other = CompareDialog(history, doc, current)
    qtbot.addWidget(other)
    other.against.setCurrentIndex(2)
    assert not other.suggest_button.isEnabled()


def test_in_the_window_the_marks_arrive_as_one_undoable_edit(qtbot, tmp_path: Path,
                                                              monkeypatch):
    from helpers.keys import type_text
    from helpers.windows import window_on

    window = window_on(qtbot, tmp_path, "The ward was busy.\n")
    window.editor.setFocus()
    press(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(window.editor, "It was calm.\n")
    window.actions_by_name["save"].trigger()  # the history keeps the first text
    assert (tmp_path / "column.md").read_text(encoding="utf-8") == (
        "The ward was busy.\nIt was calm.\n")
    type_text(window.editor, "Staff smiled.\n")
    typed = window.editor.text()

    def choose_suggestions(dialog: CompareDialog) -> int:
        assert dialog.selected_version() is not None
        dialog.suggest_button.click()
        return dialog.result()

    monkeypatch.setattr(CompareDialog, "exec", choose_suggestions)
    window.actions_by_name["compare"].trigger()
    assert window.editor.text() == (
        "The ward was busy.\n{++It was calm.\nStaff smiled.\n++}"
    )
    press(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == typed


def test_coloured_changes_keep_dark_text_in_the_dark_theme(qtbot, tmp_path: Path):
    """Each change has its own light background and dark text, so a dark palette's light
    text never lands on it."""
    from PySide6.QtGui import QPalette

    history, doc = _two_saved_versions(tmp_path)
    dialog = CompareDialog(history, doc, "The trust was rated inadequate.\n")
    qtbot.addWidget(dialog)
    palette = dialog.diff_view.palette()
    palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.white)
    palette.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.black)
    dialog.diff_view.setPalette(palette)
    checked = 0
    block = dialog.diff_view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            if fmt.background().style() == Qt.BrushStyle.NoBrush:
                continue
            checked += 1
            assert fmt.foreground().color().lightness() < 100, fragment.text()
            assert fmt.background().color().lightness() > 180, fragment.text()
        block = block.next()
    assert checked >= 2  # "[−outstanding.]" and "[+inadequate.]" at least
