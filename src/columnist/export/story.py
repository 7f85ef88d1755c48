"""The column as the reshaping exports (Medium-ready copy, plain text) start from it.

Both need the same three things: the story's title, subtitle and byline (the story header
the renderer makes from the front matter, or else the first heading), and the body as an
element tree (`export.html_tree`) without that header and without a first heading that
only repeats the title. What the renderer leaves out (a removed element, an image that may
not be shown) is a warning naming its line, as for the standalone HTML.

>>> story = read_story(Column("# Winter pressures\\n\\nText.\\n"))
>>> story.title, story.title_from_heading, [e.tag for e in story.body.elements]
('Winter pressures', True, ['p'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from columnist.export.base import Column
from columnist.export.html_tree import Element, parse_fragment

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Story:
    """`title` (never empty), `subtitle` and `byline` ('' when absent), `body` (a `root`
    element), `title_from_heading`: the title is the first heading (no front-matter
    title), `repeated_heading`: a first heading equal to the title was left out of the
    body; `warnings`: what the renderer left out, each at its line."""

    title: str
    subtitle: str
    byline: str
    body: Element
    title_from_heading: bool = False
    repeated_heading: bool = False
    warnings: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _header_part(header: Element, css_class: str) -> str:
    for element in header.elements:
        if css_class in element.classes():
            return _plain(element.text())
    return ""


def _first_element(body: Element) -> Element | None:
    return body.elements[0] if body.elements else None


def read_story(column: Column, source_dir: Path | None = None) -> Story:
    """Render `column` for export (images relative to `source_dir`, by default its
    folder) and split it into the story's parts."""
    from columnist.render.pipeline import Renderer

    folder = source_dir or column.source_dir
    rendered = Renderer(base_dir=folder, target="export").render_column(column.model)
    body = parse_fragment(rendered.html)
    title = subtitle = byline = ""
    first = _first_element(body)
    if first is not None and "story-header" in first.classes():
        title = _header_part(first, "story-title")
        subtitle = _header_part(first, "story-subtitle")
        byline = _header_part(first, "story-byline")
        body.children.remove(first)
    story = Story(title, subtitle, byline, body)
    story.warnings = [withheld.warning() for withheld in rendered.withheld]
    first = _first_element(body)
    if first is not None and first.tag in HEADINGS:
        heading = _plain(first.text())
        if not title:
            story.title, story.title_from_heading = heading, True
            body.children.remove(first)
        elif heading.casefold() == title.casefold():
            story.repeated_heading = True
            body.children.remove(first)
    if not story.title:
        story.title = column.fallback_title
    return story


def table_rows(table: Element) -> list[list[tuple[str, Element]]]:
    """Each row of `table` as (column header, cell) pairs; the header is '' when the
    table has no header row. The header row itself is not a row here."""
    headers: list[str] = []
    rows: list[list[tuple[str, Element]]] = []
    for row in (element for element in table.iter() if element.tag == "tr"):
        cells = [cell for cell in row.elements if cell.tag in ("td", "th")]
        if cells and all(cell.tag == "th" for cell in cells) and not headers and not rows:
            headers = [_plain(cell.text()) for cell in cells]
            continue
        rows.append([
            (headers[index] if index < len(headers) else "", cell)
            for index, cell in enumerate(cells)
        ])
    return rows


def footnote_number(element: Element) -> str | None:
    """'1' for a footnote reference (`<sup><a class="footnote-ref">1</a></sup>`)."""
    if element.tag != "sup":
        return None
    links = [child for child in element.elements if "footnote-ref" in child.classes()]
    return _plain(links[0].text()) if links else None


def footnotes(body: Element) -> list[tuple[str, Element]]:
    """The footnotes' (number, item) pairs, taken out of `body` (their section removed,
    each item's back link removed)."""
    notes: list[tuple[str, Element]] = []
    for section in [e for e in body.elements if "footnote" in e.classes()]:
        body.children.remove(section)
        items = [e for e in section.iter() if e.tag == "li"]
        for number, item in enumerate(items, start=1):
            for element in list(item.iter()):
                element.children = [
                    child for child in element.children
                    if not (isinstance(child, Element) and "footnote-backref" in child.classes())
                ]
            notes.append((str(number), item))
    return notes


def table_list(table: Element) -> Element:
    """A table as a list, one item per row: "first cell — Header: cell; Header: cell"
    (what Medium and plain text, which have no tables, show instead)."""
    items = Element("ul")
    for row in table_rows(table):
        item = Element("li")
        for index, (header, cell) in enumerate(row):
            if index:
                item.children.append(" — " if index == 1 else "; ")
                if header:
                    item.children.append(f"{header}: ")
            item.children.extend(cell.children)
        items.children.append(item)
    return items
