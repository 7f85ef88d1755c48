"""Format ▸ … as text operations: what the column reads after each, and back again."""

from __future__ import annotations

import pytest

from columnist.markdown.formatting import (
    apply,
    set_heading,
    toggle_bold,
    toggle_bullets,
    toggle_code,
    toggle_code_block,
    toggle_italic,
    toggle_link,
    toggle_numbers,
    toggle_quote,
    toggle_rule,
)


def test_bold_over_paragraphs_wraps_each_line_and_comes_off_again():
    text = "one\ntwo\n\n- three"
    bold = apply(toggle_bold, text, 0, len(text))
    assert bold == "**one**\n**two**\n\n- **three**"
    assert apply(toggle_bold, bold, 0, len(bold)) == text


def test_a_selection_with_spaces_at_its_ends_keeps_them_outside_the_markers():
    assert apply(toggle_bold, "the word here", 3, 9) == "the **word** here"


@pytest.mark.parametrize(("operation", "text", "at", "expected"), [
    (toggle_italic, "a **bold** b", (4, 8), "a ***bold*** b"),
    (toggle_bold, "a ***both*** b", (5, 9), "a *both* b"),
    (toggle_code, "a `b` c", (3, 3), "a b c"),
    (toggle_bold, "in **two words** here", (10, 10), "in two words here"),
])
def test_toggles_inside_existing_markup(operation, text, at, expected):
    assert apply(operation, text, *at) == expected


def test_lists_swap_kinds_keep_task_boxes_and_leave_blank_lines_alone():
    text = "- [ ] call\n- [x] write"
    assert apply(toggle_numbers, text, 0, len(text)) == "1. [ ] call\n2. [x] write"
    assert apply(toggle_bullets, text, 0, len(text)) == "call\nwrite"


def test_a_list_or_quote_after_a_paragraph_line_gets_its_blank_line():
    assert apply(toggle_numbers, "Intro\nstep", 6, 6) == "Intro\n\n1. step"
    assert apply(toggle_quote, "Said:\nwords\nafter", 6, 11) == "Said:\n\n> words\n\nafter"


def test_headings_replace_each_other_and_toggle_off():
    assert apply(set_heading, "### Old", 0, 0, 1) == "# Old"
    assert apply(set_heading, "# Old", 0, 0, 1) == "Old"
    assert apply(set_heading, "", 0, 0, 2) == ""  # an empty line stays empty


def test_link_on_a_word_without_a_url_on_the_clipboard_leaves_the_target_to_type():
    edit = toggle_link("see the report", 9, 9, "")
    assert edit.apply("see the report") == "see the [report]()"
    assert edit.selection == (17, 17)  # the cursor inside the target's brackets: "(|)"


def test_code_block_on_an_empty_line_puts_the_cursor_inside():
    edit = toggle_code_block("Before\n\nAfter", 7, 7)
    assert edit.apply("Before\n\nAfter") == "Before\n\n```\n\n```\n\nAfter"
    at = edit.selection[0]
    assert edit.apply("Before\n\nAfter")[at - 4 : at + 1] == "```\n\n"


def test_rule_is_a_block_of_its_own_and_comes_off_again():
    text = "First.\nSecond."
    ruled = apply(toggle_rule, text, 0, 0)
    assert ruled == "First.\n\n---\n\nSecond."
    assert apply(toggle_rule, ruled, ruled.index("---"), ruled.index("---")) == \
        "First.\n\nSecond."
