"""Ctrl+V with formatted clipboard HTML inserts Markdown; Ctrl+Shift+V the plain text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from helpers.keys import press
from helpers.windows import made_active, window_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CLIPBOARD = Path(__file__).resolve().parents[1] / "data" / "clipboard"


def shown(qtbot, tmp_path):
    return made_active(qtbot, window_on(qtbot, tmp_path, ""))


def put_on_clipboard(html: str, text: str) -> None:
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)


def test_ctrl_v_from_word_inserts_markdown_and_says_the_image_was_left_out(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    put_on_clipboard((CLIPBOARD / "word.html").read_text(encoding="utf-8"),
                     "Maternity services in the South West")
    press(window.editor, Qt.Key.Key_V, CTRL)
    text = window.editor.text()
    assert text.startswith("## Maternity services in the South West\n\nInspectors found that "
                           "**staffing had improved** at [University Hospitals Bristol")
    assert "\n1. Listen to women and families\n" in text
    assert "1 image was left out" in window.status.currentMessage()
    window.editor.undo()  # the paste is one undo step
    assert window.editor.text() == ""


def test_ctrl_shift_v_pastes_the_plain_text(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    put_on_clipboard("<p>Rated <b>Good</b></p>", "Rated Good")
    press(window.editor, Qt.Key.Key_V, CTRL | SHIFT)
    assert window.editor.text() == "Rated Good"
    press(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text() == "Rated GoodRated **Good**"


def test_plain_html_copied_from_the_editor_itself_pastes_exactly(qtbot, tmp_path):
    window = shown(qtbot, tmp_path)
    window.editor.set_text("Some **bold** and a_b")
    window.editor.selectAll()
    window.editor.copy()  # Qt offers text/html as well: it carries no formatting
    assert QApplication.clipboard().mimeData().hasHtml()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    press(window.editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text() == "Some **bold** and a_bSome **bold** and a_b"
