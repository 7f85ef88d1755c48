"""Fences, list items and quotes: one rule each for the editor, highlighter and splitter."""

from __future__ import annotations

from columnist.markdown.blocks import split_blocks
from columnist.markdown.fences import closes_fence, fenced_spans, opening_fence
from columnist.markdown.lines import LineIndex
from columnist.markdown.lists import match_list_item, match_quote, opens_list_item, opens_quote


def test_fences_follow_python_markdown():
    assert opening_fence("~~~~ text") == "~~~~"
    assert opening_fence("   ```") is None  # indented: not a fence for Python-Markdown
    assert opening_fence("```js`x") is None  # a backtick in the info string: inline code
    assert closes_fence("~~~~   ", "~~~~") and not closes_fence("~~~", "~~~~")


def test_an_unclosed_fence_is_ordinary_text():
    text = "```\nnot closed\n\n# Heading\n"
    assert fenced_spans(text) == []
    assert [b.text for b in split_blocks(text)] == ["```\nnot closed", "# Heading"]


def test_raw_html_never_closed_is_ordinary_text():
    text = "<div>\nopen\n\n## Heading\n\n  <math> x\n\nAfter\n"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == ["<div>\nopen", "## Heading", "  <math> x", "After"]
    assert [b.source for b in blocks] == ["&lt;div>\nopen", "## Heading", "  &lt;math> x",
                                          "After"]


def test_raw_html_closed_later_stays_one_block():
    text = "<div>\nopen\n\nstill inside\n</div>\n\nAfter\n"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == ["<div>\nopen\n\nstill inside\n</div>", "After"]
    assert blocks[0].source == blocks[0].text


def test_a_fence_with_blank_lines_stays_one_block():
    text = "Intro\n\n```\na\n\nb\n```\n\nAfter\n"
    assert [b.text for b in split_blocks(text)] == ["Intro", "```\na\n\nb\n```", "After"]
    assert fenced_spans(text) == [(7, text.index("```\n\nAfter") + 3)]


def test_list_items_with_numbers_bullets_and_task_boxes():
    item = match_list_item("    - [ ] write the column")
    assert item is not None
    assert (item["indent"], item["marker"], item["task"]) == ("    ", "-", "[ ] ")
    numbered = match_list_item("12) twelve")
    assert numbered is not None and (numbered["number"], numbered["delimiter"]) == ("12", ")")
    assert match_list_item("-5 degrees") is None and match_list_item("2026. A year") is not None


def test_the_splitter_reads_only_top_level_items_and_quotes():
    assert opens_list_item("   * three spaces") and not opens_list_item("\t* tab")
    assert opens_quote("> said") and not opens_quote("    > code")
    quote = match_quote(" > > nested")
    assert quote is not None and quote.group() == " > > "


def test_consecutive_items_across_a_blank_line_render_together():
    blocks = split_blocks("- one\n\n- two\n\nPara\n", first_line=5, first_offset=100)
    assert [(b.line, b.start, b.text) for b in blocks] == [
        (5, 100, "- one\n\n- two"),
        (9, 114, "Para"),
    ]


def test_line_index_positions():
    index = LineIndex("a\n\nbc\n")
    assert index.position(3) == (2, 0) and index.position(4) == (2, 1)
    assert index.line_of(1) == 0 and index.starts == [0, 2, 3, 6]
