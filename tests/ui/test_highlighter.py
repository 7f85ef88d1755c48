"""The highlighter: the colours and weights the writer sees at given places."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from columnist.ui.editor import MarkdownEditor
from columnist.ui.highlighter import DARK, LIGHT, block_formats

SAMPLE = """---
title: Improving ratings
status: draft  # comment
---
# A heading
Setext heading
==============

Some **bold** and *italic* and `co*de*` with [a link](https://example.org) <https://x.org>.

- item
> quoted **strong**

```python
# not a heading
```
After {++added++} and {--gone--} and {~~old~>new~~} and {>>KB: note<<} and {==mark==}.
Multi {++line
insertion++} done
***
Text <!-- a private note --> more.
"""


def format_at(editor: MarkdownEditor, line: int, column: int) -> QTextCharFormat | None:
    block = editor.document().findBlockByNumber(line)
    found = None
    for start, length, fmt in block_formats(block):
        if start <= column < start + length:
            found = fmt
    return found


def fg(fmt: QTextCharFormat | None) -> str:
    assert fmt is not None
    return fmt.foreground().color().name()


def col(editor: MarkdownEditor, line: int, needle: str) -> int:
    return editor.document().findBlockByNumber(line).text().index(needle)


def make(qtbot, text: str = SAMPLE) -> MarkdownEditor:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.set_text(text)
    return editor


def test_front_matter_keys_and_values(qtbot):
    editor = make(qtbot)
    assert fg(format_at(editor, 1, 0)) == QColor(LIGHT.fm_key).name()
    assert fg(format_at(editor, 1, col(editor, 1, "Improving"))) == QColor(LIGHT.fm_value).name()
    assert fg(format_at(editor, 2, col(editor, 2, "comment"))) == QColor(LIGHT.muted).name()


def test_headings_are_bold(qtbot):
    editor = make(qtbot)
    atx = format_at(editor, 4, 3)
    assert atx.fontWeight() == QFont.Weight.Bold
    assert fg(atx) == QColor(LIGHT.heading).name()
    setext = format_at(editor, 5, 2)
    assert setext is not None and setext.fontWeight() == QFont.Weight.Bold


def test_emphasis_code_and_links(qtbot):
    editor = make(qtbot)
    line = 8
    assert format_at(editor, line, col(editor, line, "bold")).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, line, col(editor, line, "italic")).fontItalic()
    code = format_at(editor, line, col(editor, line, "de*"))
    assert fg(code) == QColor(LIGHT.code).name() and not code.fontItalic()
    assert fg(format_at(editor, line, col(editor, line, "a link"))) == QColor(LIGHT.link).name()
    assert (
        fg(format_at(editor, line, col(editor, line, "example.org"))) == QColor(LIGHT.muted).name()
    )
    assert fg(format_at(editor, line, col(editor, line, "x.org"))) == QColor(LIGHT.link).name()


def test_list_marker_and_quote(qtbot):
    editor = make(qtbot)
    assert format_at(editor, 10, 0).fontWeight() == QFont.Weight.Bold
    quote = format_at(editor, 11, col(editor, 11, "quoted"))
    assert quote.fontItalic() and fg(quote) == QColor(LIGHT.quote).name()
    strong = format_at(editor, 11, col(editor, 11, "strong"))
    assert strong.fontItalic() and strong.fontWeight() == QFont.Weight.Bold


def test_fenced_code_is_not_markdown(qtbot):
    editor = make(qtbot)
    inside = format_at(editor, 14, 2)
    assert inside.fontWeight() != QFont.Weight.Bold
    assert inside.background().color().name() == QColor(LIGHT.code_bg).name()
    after = format_at(editor, 16, col(editor, 16, "After"))
    assert after is None


def test_critic_markup_colours(qtbot):
    editor = make(qtbot)
    line = 16
    added = format_at(editor, line, col(editor, line, "added"))
    assert fg(added) == QColor(LIGHT.add).name() and added.fontUnderline()
    gone = format_at(editor, line, col(editor, line, "gone"))
    assert fg(gone) == QColor(LIGHT.delete).name() and gone.fontStrikeOut()
    assert format_at(editor, line, col(editor, line, "old")).fontStrikeOut()
    assert fg(format_at(editor, line, col(editor, line, "new"))) == QColor(LIGHT.add).name()
    note = format_at(editor, line, col(editor, line, "KB: note"))
    assert note.background().color().name() == QColor(LIGHT.comment_bg).name()
    mark = format_at(editor, line, col(editor, line, "mark"))
    assert mark.background().color().name() == QColor(LIGHT.mark_bg).name()
    # A mark spanning two lines colours both.
    assert fg(format_at(editor, 17, col(editor, 17, "line"))) == QColor(LIGHT.add).name()
    assert fg(format_at(editor, 18, 0)) == QColor(LIGHT.add).name()
    assert format_at(editor, 18, col(editor, 18, "done")) is None
    assert format_at(editor, 19, 0) is not None  # horizontal rule
    assert format_at(editor, 20, col(editor, 20, "private")).fontItalic()  # HTML comment
    assert format_at(editor, 20, col(editor, 20, "more")) is None


def test_dark_palette(qtbot):
    editor = make(qtbot)
    editor.set_dark(True)
    assert fg(format_at(editor, 4, 3)) == QColor(DARK.heading).name()


def test_typing_an_underline_makes_the_line_above_a_heading(qtbot):
    editor = make(qtbot, "Title\n\nbody")
    assert format_at(editor, 0, 0) is None
    cursor = editor.textCursor()
    cursor.setPosition(len("Title"))
    cursor.insertText("\n---")
    qtbot.waitUntil(lambda: format_at(editor, 0, 0) is not None)
    assert format_at(editor, 0, 0).fontWeight() == QFont.Weight.Bold
    # Breaking the underline turns the heading back into text.
    cursor.insertText("x")
    qtbot.waitUntil(lambda: format_at(editor, 0, 0) is None)


def test_closing_a_fence_ends_the_code_state(qtbot):
    editor = make(qtbot, "```\ncode\n\n# heading")
    assert format_at(editor, 3, 2).fontWeight() != QFont.Weight.Bold
    cursor = editor.textCursor()
    cursor.setPosition(len("```\ncode\n"))
    cursor.insertText("```")
    assert format_at(editor, 3, 2).fontWeight() == QFont.Weight.Bold


def test_a_50000_word_column_loads_exactly_and_is_highlighted_to_the_end(qtbot):
    paragraph = " ".join(["care", "*quality*", "[trust](https://www.cqc.org.uk/provider/RA7)"] * 30)
    sections = [f"## Section {i}\n\n{paragraph}\n\n{paragraph}\n" for i in range(280)]
    text = "---\ntitle: Long\n---\n" + "\n".join(sections)
    assert len(text.split()) > 50_000
    editor = make(qtbot, text)
    assert editor.text() == text
    line = text.split("\n").index("## Section 279")
    last_heading = editor.document().findBlockByNumber(line)
    assert last_heading.text() == "## Section 279"
    assert format_at(editor, last_heading.blockNumber(), 4).fontWeight() == QFont.Weight.Bold
