"""Where the front matter is, in the edge cases a writer produces."""

from __future__ import annotations

from columnist.markdown.column import parse_column
from columnist.markdown.front_matter import is_closing_line, is_opening_line, locate_front_matter


def test_block_lines_and_body_offset():
    text = "---\ntitle: T\nstatus: draft\n---\n# Body\n"
    block = locate_front_matter(text)
    assert block is not None
    assert block.source == "title: T\nstatus: draft\n"
    assert text[block.body_offset :] == "# Body\n" and block.body_line == 4


def test_dots_close_and_crlf_and_a_byte_order_mark_are_understood():
    block = locate_front_matter("\ufeff---\r\ntitle: T\r\n...\r\nBody")
    assert block is not None and block.start == 1 and block.source == "title: T\r\n"
    assert block.lines[-1] == "...\r\n"


def test_no_block_without_a_closing_line_or_not_at_the_top():
    assert locate_front_matter("---\ntitle: never closed\n") is None
    assert locate_front_matter("\n---\ntitle: T\n---\n") is None
    assert locate_front_matter("--- a rule with words\ntext\n---\n") is None


def test_the_last_line_of_the_file_may_close_the_block():
    block = locate_front_matter("---\ntitle: T\n---")
    assert block is not None and block.body_offset == len("---\ntitle: T\n---")


def test_line_predicates_used_by_the_highlighter():
    assert is_opening_line("---") and is_opening_line("---  ")
    assert not is_opening_line("----") and not is_opening_line("...")
    assert is_closing_line("...") and is_closing_line("---\r") and not is_closing_line("-- -")


def test_malformed_yaml_gives_the_error_and_its_line_and_keeps_the_body_apart():
    text = "---\ntitle: Fine\nsubtitle: [unclosed\n---\n# Heading\n"
    front = parse_column(text).front_matter
    assert front.present and front.values == {}
    assert front.error is not None and front.error.startswith(f"line {front.error_line}:")
    assert front.error_line in (3, 4)  # YAML notices the unclosed list at the next line
    assert text[front.body_offset :] == "# Heading\n" and front.body_line == 4


def test_yaml_that_is_not_key_value_lines_is_an_error_on_line_2():
    front = parse_column("---\n- just\n- a list\n---\nBody\n").front_matter
    assert front.error_line == 2 and "key: value" in (front.error or "")
