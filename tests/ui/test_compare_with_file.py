"""File ▸ Compare with File…: a reviewer's returned copy compared with the column, and its
changes turned into suggestions in the editor (one Ctrl+Z takes them out)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from columnist.ui.compare_feature import CompareFeature
from helpers.keys import press
from helpers.windows import window_on

COLUMN = (
    "---\ntitle: Winter pressures\n---\n\n"
    "The trust was rated good last year.\n\nStaff told us the wards were busy.\n"
)
RETURNED = (
    "---\ntitle: Winter pressures\n---\n\n"
    "The trust was rated outstanding last year.\n\nStaff told us that the wards were busy.\n"
)


def _open_compare(qtbot, window, path: Path):
    feature = window.feature(CompareFeature)
    feature.compare_with_file(str(path))
    dialog = feature.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_returned_copy_shows_the_changed_words(qtbot, tmp_path: Path):
    window = window_on(qtbot, tmp_path, COLUMN)
    returned = tmp_path / "column-KB.md"
    returned.write_text(RETURNED, encoding="utf-8")
    assert window.actions_by_name["compare_file"].text() == "Compare with &File…"
    dialog = _open_compare(qtbot, window, returned)
    shown = dialog.diff_view.toPlainText()
    assert "rated [\u2212good]" in shown and "rated [+outstanding]" in shown
    assert "told us[+ that] the" in shown
    assert "column-KB.md" in shown and "The column" in shown
    press(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.editor.text() == COLUMN


def test_differences_become_suggestions_and_one_undo_restores(qtbot, tmp_path: Path):
    window = window_on(qtbot, tmp_path, COLUMN)
    returned = tmp_path / "returned.txt"
    returned.write_text(RETURNED, encoding="utf-8")
    dialog = _open_compare(qtbot, window, returned)
    dialog.suggest_button.setFocus()
    press(dialog.suggest_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.editor.text() == (
        "---\ntitle: Winter pressures\n---\n\n"
        "The trust was rated {~~good~>outstanding~~} last year.\n\n"
        "Staff told us {++that ++}the wards were busy.\n"
    )
    assert "2 suggestions made from returned.txt" in window.status.currentMessage()
    window.editor.setFocus()
    press(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == COLUMN


def test_a_windows_1252_copy_is_read_after_asking(qtbot, tmp_path: Path, questions):
    window = window_on(qtbot, tmp_path, "The caf\u00e9 was rated good.\n")
    returned = tmp_path / "returned.txt"
    returned.write_bytes("The caf\u00e9 was rated good \u2013 at last.\n".encode("cp1252"))
    questions.answers.append("Read as Windows-1252")
    dialog = _open_compare(qtbot, window, returned)
    assert questions.questions[0][0] == "Not UTF-8 text"
    assert "rated [+good \u2013 at last.]" in dialog.diff_view.toPlainText()
    dialog.reject()


def test_a_binary_file_is_refused_with_a_message(qtbot, tmp_path: Path, questions):
    window = window_on(qtbot, tmp_path, "Text.\n")
    picture = tmp_path / "scan.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    window.feature(CompareFeature).compare_with_file(str(picture))
    assert questions.titles() == ["Cannot compare"]
    assert window.feature(CompareFeature).dialog is None
    assert window.editor.text() == "Text.\n"


def test_a_malformed_mark_in_the_copy_is_explained_and_nothing_changes(qtbot, tmp_path: Path):
    window = window_on(qtbot, tmp_path, COLUMN)
    returned = tmp_path / "returned.md"
    returned.write_text(RETURNED + "A broken {++ mark.\n", encoding="utf-8")
    dialog = _open_compare(qtbot, window, returned)
    dialog.suggest_button.click()
    assert dialog.isVisible()
    assert "an unclosed review mark on line 8" in dialog.note.text()
    dialog.reject()
    assert window.editor.text() == COLUMN
