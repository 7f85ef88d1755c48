"""The preview reads like the published page: the same font sizes and line heights as the
exported HTML's stylesheet computes (the preview pane is as wide as Medium's narrow story
page, so the title takes the export's narrow size)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextDocument

from columnist.render.css import document_html, export_css
from columnist.render.pipeline import Renderer

COLUMN = """---
title: What re-inspection tells us about improvement
subtitle: Monthly column for providers and professionals working in healthcare
author: Chief Inspector of Hospitals
date: 2026-11-25
---

A first paragraph long enough to wrap over several lines in the preview pane, so that the
distance between two of its lines can be measured the way a reader sees it on the page.

# A first-level heading

## A second-level heading

### A third-level heading

- a list item long enough to wrap onto a second line in a preview pane of this width here
"""


def _export_rules(css: str) -> dict[str, dict[str, str]]:
    """selector → declarations of the export stylesheet outside @media blocks."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (name.strip(), value.strip())
            for name, _, value in (part.partition(":") for part in body.split(";"))
            if value.strip()
        )
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(declarations)
    return rules


def _narrow_title_em(css: str) -> float:
    match = re.search(r"@media \(max-width: \d+px\) \{ \.story-title \{ font-size: ([\d.]+)em",
                      css)
    assert match, "the export has a narrow-page title size"
    return float(match.group(1))


def _px(value: str, base: float) -> float:
    if value.endswith("em"):
        return float(value[:-2]) * base
    if value.endswith("px"):
        return float(value[:-2])
    return float(value) * base  # a unitless line height


@pytest.fixture(scope="module")
def page(qapp) -> QTextDocument:
    doc = QTextDocument()
    doc.setTextWidth(640)
    doc.setHtml(document_html(Renderer(None).render(COLUMN)))
    doc.size()  # lay it out
    return doc


def _block(doc: QTextDocument, starts: str):
    block = doc.begin()
    while block.isValid():
        if block.text().startswith(starts):
            return block
        block = block.next()
    raise AssertionError(f"no block starting {starts!r}")


def _pixel_size(block) -> float:
    it = block.begin()
    return it.fragment().charFormat().font().pixelSize()


def _line_distance(block) -> float:
    layout = block.layout()
    assert layout.lineCount() >= 2, block.text()
    return layout.lineAt(1).y() - layout.lineAt(0).y()


def test_body_text_and_lists_have_the_exports_size_and_line_height(page):
    rules = _export_rules(export_css())
    base = _px(rules["body"]["font-size"], 0)
    line = _px(rules["body"]["line-height"], base)
    paragraph = _block(page, "A first paragraph")
    assert _pixel_size(paragraph) == base
    assert _line_distance(paragraph) == pytest.approx(line, abs=0.5)
    item = _block(page, "a list item")
    assert _line_distance(item) == pytest.approx(line, abs=0.5)


@pytest.mark.parametrize(("tag", "text"), [("h1", "A first-level"), ("h2", "A second-level"),
                                           ("h3", "A third-level")])
def test_headings_have_the_exports_sizes(page, tag, text):
    rules = _export_rules(export_css())
    base = _px(rules["body"]["font-size"], 0)
    assert _pixel_size(_block(page, text)) == pytest.approx(_px(rules[tag]["font-size"], base),
                                                            abs=0.5)


def test_the_story_header_has_the_exports_sizes(page):
    css = export_css()
    rules = _export_rules(css)
    base = _px(rules["body"]["font-size"], 0)
    title = _block(page, "What re-inspection")
    assert _pixel_size(title) == pytest.approx(_narrow_title_em(css) * base, abs=0.5)
    assert title.layout().lineCount() <= 3  # not four lines in a 640-pixel pane
    subtitle = _block(page, "Monthly column")
    assert _pixel_size(subtitle) == pytest.approx(
        _px(rules[".story-subtitle"]["font-size"], base), abs=0.5)
    byline = _block(page, "Chief Inspector")
    assert _pixel_size(byline) == pytest.approx(_px(rules[".story-byline"]["font-size"], base),
                                                abs=0.5)


def test_the_byline_never_leaves_the_date_alone_on_a_line(qapp):
    doc = QTextDocument()
    doc.setTextWidth(330)  # narrower than the whole byline
    doc.setHtml(document_html(Renderer(None).render(COLUMN)))
    doc.size()
    byline = _block(doc, "Chief Inspector")
    layout = byline.layout()
    lines = [byline.text()[layout.lineAt(i).textStart():][: layout.lineAt(i).textLength()]
             for i in range(layout.lineCount())]
    assert len(lines) >= 2
    assert not any(line.lstrip().startswith(("·", "25")) for line in lines)
    assert "Hospitals\u00a0·\u00a025\u00a0November\u00a02026" in byline.text()


def test_links_are_underlined_text_colour_not_blue(page):
    css = document_html(Renderer(None).render("See [a trust](https://www.cqc.org.uk/provider/RA7)"
                                              " and [a page](https://example.org).\n"))
    doc = QTextDocument()
    doc.setHtml(css)
    block = _block(doc, "See")
    colours = set()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isAnchor() and fmt.anchorHref():
            assert fmt.fontUnderline()
            colours.add(fmt.foreground().color().name())
        it += 1
    text_colour = re.search(r"body \{[^}]*?\scolor: (#[0-9a-f]{6})", css).group(1)
    assert colours == {text_colour}
