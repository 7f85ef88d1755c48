"""Malformed review marks are flagged in place in the preview, in light and dark, and the
text around them is all still there."""

from __future__ import annotations

import pytest

from columnist.render.pipeline import Renderer

TEXT = "Fine {++new++} and {--half open.\n\nAlso {==outer {>>inner<<}==} here.\n"


def test_unclosed_and_nested_marks_are_flagged_and_keep_their_text():
    html = Renderer().render(TEXT).html
    assert ('<span class="critic-malformed" title="Review mark never closed">⚠{--</span>'
            "half open.") in html
    assert ('<mark class="critic">outer <span class="critic-malformed" title="Review mark '
            'inside another mark">⚠{&gt;&gt;</span>inner&lt;&lt;}</mark>') in html
    assert '<ins class="critic">new</ins>' in html


def test_a_token_typed_by_the_writer_is_left_as_written():
    html = Renderer().render("We wrote columnistmalformed0z here.\n").html
    assert "columnistmalformed0z" in html and "critic-malformed" not in html


@pytest.mark.parametrize("dark", [False, True])
def test_the_flag_is_coloured_in_both_themes(dark):
    from columnist.render.css import preview_css

    css = preview_css(dark=dark)
    rule = css.split(".critic-malformed", 1)[1].split("}", 1)[0]
    assert "color: #" in rule and "background-color: #" in rule
