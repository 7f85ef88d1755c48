"""What the preview shows for each Markdown construct, and where its anchors point."""

from __future__ import annotations

import re

from columnist.markdown.headings import Heading
from columnist.render.css import document_html, preview_css
from columnist.render.pipeline import Renderer

FRONT = """---
title: Improving ratings despite the pressure
subtitle: Monthly column for providers
author: Chief Inspector of Hospitals
date: 2026-11-25
status: draft
tags: [NHS]
---
"""


def anchors(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a name="L(\d+)"></a>', html)]


def test_front_matter_becomes_story_header_not_body_text():
    result = Renderer().render(FRONT + "\nFirst paragraph.\n")
    html = result.html
    assert '<h1 class="story-title">' in html
    assert "Improving ratings despite the pressure</h1>" in html
    assert '<p class="story-subtitle">Monthly column for providers</p>' in html
    # The date keeps to the author (no-break spaces): never a lone "· date" line.
    assert "Chief Inspector of Hospitals&nbsp;·&nbsp;25&nbsp;November&nbsp;2026" in html
    assert "status" not in html and "tags" not in html and "---" not in html
    assert result.front_matter["title"] == "Improving ratings despite the pressure"


def test_anchor_lines_count_front_matter_lines():
    text = FRONT + "\n# Heading\n\nPara one\ncontinues.\n\n- a\n- b\n\nLast.\n"
    result = Renderer().render(text)
    lines = text.split("\n")
    # 0 = the story header; then each block's first line in the full text.
    assert result.block_lines == [0, 9, 11, 14, 17]
    assert anchors(result.html) == result.block_lines
    assert lines[9] == "# Heading" and lines[14] == "- a" and lines[17] == "Last."
    assert '<h1><a name="L9"></a>Heading</h1>' in result.html
    assert '<li><a name="L14"></a>a</li>' in result.html


def test_text_without_front_matter_anchors_from_line_zero():
    result = Renderer().render("Hello\n\nWorld\n")
    assert result.block_lines == [0, 2]
    assert "story-header" not in result.html


def test_headings_for_the_outline_with_full_text_lines():
    text = FRONT + "\n# One\n\nText\n\n## Two *em*\n\nSetext\n------\n\n```\n# not a heading\n```\n"
    result = Renderer().render(text)
    assert result.headings == [
        Heading(1, "One", 9),
        Heading(2, "Two em", 13),
        Heading(2, "Setext", 15),
    ]


def test_constructs_render():
    text = (
        'Some *em*, **strong**, `code` and "quotes" -- dash.\n\n'
        "1. first\n2. second\n\n"
        "> a quote\n\n"
        "```python\nx = 1\n\ny = 2\n```\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "Note[^1].\n\n[^1]: The note.\n\n"
        "---\n"
    )
    html = Renderer().render(text).html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<code>code</code>" in html
    assert "&ldquo;quotes&rdquo;" in html or "\u201cquotes\u201d" in html  # smarty
    assert "&ndash;" in html or "\u2013" in html
    assert "<ol>" in html and '<li><a name="L2"></a>first</li>' in html
    assert '<blockquote>\n<p><a name="L5"></a>a quote</p>\n</blockquote>' in html
    assert '<code class="language-python">x = 1\n\ny = 2\n</code>' in html
    assert '<th style="text-align:left">' in html and "<td" in html
    assert 'class="footnote"' in html and "The note." in html
    assert "<hr>" in html


def test_critic_marks_are_standard_html_in_the_result():
    text = "Keep {++added++} {--removed--} {>>KB: check<<} {==look==}.\n"
    html = Renderer().render(text).html
    assert '<ins class="critic">added</ins> <del class="critic">removed</del>' in html
    assert '<span class="critic comment">KB: check</span> <mark class="critic">look</mark>' in html


def test_critic_marks_are_styled_in_preview():
    text = "Keep {++added++} {--removed--} {~~old~>new~~} {>>KB: check<<} {==look==}.\n"
    html = document_html(Renderer().render(text))
    assert '<span class="critic-ins">added</span>' in html
    assert '<span class="critic-del">removed</span>' in html
    assert '<span class="critic-del">old</span><span class="critic-ins">new</span>' in html
    assert '<span class="critic-comment">KB: check</span>' in html
    assert '<span class="critic-mark">look</span>' in html
    assert "{++" not in html


def test_block_insertion_spanning_paragraphs_stays_one_mark():
    text = "Before.\n\n{++\n\nA new paragraph.\n\nAnd another.\n\n++}\n\nAfter.\n"
    html = document_html(Renderer().render(text))
    match = re.search(r'<div class="critic-ins critic-block">(.*?)</div>', html, re.S)
    assert match and "A new paragraph." in match.group(1) and "And another." in match.group(1)
    assert "After." not in match.group(1)


def test_reference_links_work_across_blocks():
    text = "See [the trust][t].\n\nOther text.\n\n[t]: https://example.org/t\n"
    html = Renderer().render(text).html
    assert '<a href="https://example.org/t">the trust</a>' in html


def test_preview_html_loads_in_qt_with_anchors_and_marks(qapp):
    from PySide6.QtGui import QTextDocument

    result = Renderer().render(FRONT + "\nIntro {--gone--} text.\n\n## Part\n\nBody.\n")
    doc = QTextDocument()
    doc.setHtml(document_html(result, dark=False))
    plain = doc.toPlainText()
    assert "Improving ratings despite the pressure" in plain
    assert "title:" not in plain
    # Every anchor made it into the Qt document (scroll sync can find it).
    names = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            names.update(fmt.anchorNames())
            if it.fragment().text() == "gone":
                assert fmt.fontStrikeOut()
            it += 1
        block = block.next()
    assert {f"L{n}" for n in result.block_lines} <= names


def test_preview_css_light_and_dark_differ_and_have_no_tokens():
    light, dark = preview_css(False), preview_css(True)
    assert light != dark
    assert not re.search(r"@[a-z_]+@", light) and not re.search(r"@[a-z_]+@", dark)
    assert "Georgia" in light and "font-size: 20px" in light


def test_preview_adapts_headings_and_quotes_for_qt():
    result = Renderer().render(FRONT + "\n## Part\n\n> Said well.\n")
    html = document_html(result)
    assert '<p class="h1 story-title"><a name="L0"></a>Improving' in html
    assert '<p class="h2"><a name="L9"></a>Part</p>' in html
    assert '<td class="quote-rule" width="3"></td><td class="quote-body">' in html
    assert "<h2>" in result.html and "<blockquote>" in result.html  # result stays standard


def test_preview_heading_sizes_apply_in_qt(qapp):
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(document_html(Renderer().render("## Part\n\nBody.\n")))
    sizes = {}
    block = doc.begin()
    while block.isValid():
        sizes[block.text()] = block.begin().fragment().charFormat().font().pixelSize()
        block = block.next()
    assert sizes == {"Part": 27, "Body.": 20}  # h2: the export's 1.35em of 20px


def test_footnotes_number_across_the_document_and_blocks_stay_anchored():
    text = "# Notes\n\nFirst[^a] claim.\n\nSecond[^b] claim.\n\n[^a]: Alpha.\n\n[^b]: Beta.\n"
    result = Renderer().render(text)
    assert result.block_lines[:3] == [0, 2, 4]
    assert 'href="#fn:a"' in result.html and 'href="#fn:b"' in result.html
    assert result.html.index("Alpha.") < result.html.index("Beta.")
    assert result.headings == [Heading(1, "Notes", 0)]
