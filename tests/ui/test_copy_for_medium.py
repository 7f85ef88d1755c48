"""Edit ▸ Copy for Medium (Ctrl+Shift+C): rich text and plain text on the clipboard at once,
and a rich text editor given the HTML shows the structure."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QTextEdit

from helpers.keys import press
from helpers.windows import shown_on

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
COLUMN = """\
---
title: Winter pressures
subtitle: What trusts told us
---

## Beds

Read [the report](https://www.cqc.org.uk/publications).

- Staffing
    - Nights
- Flow

| Trust | Rating |
|---|---|
| Leeds | Good |
"""


def has_html() -> bool:
    mime = QApplication.clipboard().mimeData()
    return mime is not None and mime.hasHtml()


def blocks(document: QTextDocument) -> list[tuple[str, int, bool]]:
    """(text, heading level, in a list) of each block a rich text editor shows."""
    out = []
    block = document.begin()
    while block.isValid():
        out.append((block.text(), block.blockFormat().headingLevel(), block.textList() is not None))
        block = block.next()
    return out


def test_ctrl_shift_c_puts_html_and_text_on_the_clipboard_together(qtbot, tmp_path, questions):
    window = shown_on(qtbot, tmp_path, COLUMN)
    QApplication.clipboard().clear()
    press(window.editor, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(lambda: has_html(), timeout=10000)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasText()
    assert mime.text() == ("Beds\n\nRead the report (https://www.cqc.org.uk/publications).\n\n"
                           "- Staffing\n- – Nights\n- Flow\n\n- Leeds — Rating: Good\n")
    assert "Winter pressures" not in mime.html()  # the title goes in Medium's title field

    pasted = QTextEdit()
    pasted.setHtml(mime.html())
    shown_blocks = blocks(pasted.document())
    assert shown_blocks[0] == ("Beds", 3, False)
    assert ("Staffing", 0, True) in shown_blocks and ("– Nights", 0, True) in shown_blocks
    assert ("Leeds — Rating: Good", 0, True) in shown_blocks
    cursor = pasted.document().find("the report")
    assert cursor.charFormat().anchorHref() == "https://www.cqc.org.uk/publications"
    assert "Body copied for Medium (2 changes for Medium)" in window.status.currentMessage()


def test_a_column_with_review_marks_is_not_copied_and_the_writer_is_told_where(
    qtbot, tmp_path, questions
) -> None:
    window = shown_on(qtbot, tmp_path, "# T\n\nGood {++care++}.\n")
    QApplication.clipboard().clear()
    press(window.editor, Qt.Key.Key_C, CTRL_SHIFT)
    assert questions.titles() == ["Not copied"]
    assert "not ready to publish: 1 problem" in questions.text_of("Not copied")
    assert questions.details[0].startswith("line 3, column 6: ")
    assert "insertion “care”" in questions.details[0]
    assert not has_html()
