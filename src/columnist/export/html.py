"""Standalone HTML export: one file a browser opens offline, looking like the story.

The file carries its stylesheet inline and nothing remote (no fonts, scripts or images
fetched from elsewhere). Local images inside the column's folder are referenced relatively
and copied beside the file when it goes to another folder (`export.images`); the
review-mark gate runs before any exporter (`export.export_column`). What the page leaves
out (an element removed with its content, a remote image, an image outside the column's
folder) is a warning naming its line (`RenderResult.withheld`), never silent.
"""

from __future__ import annotations

import html

from columnist.export.base import Column, ExportOptions, ExportResult, write_output
from columnist.export.images import localise_images
from columnist.render.css import export_css
from columnist.render.pipeline import Renderer


def _title(column: Column) -> str:
    """The page title: front matter's title, else the first heading, else the file name."""
    model = column.model
    title = model.front_matter.values.get("title")
    if title and str(title).strip():
        return str(title).strip()
    return model.headings[0].text if model.headings else column.fallback_title


def build_html(body: str, title: str, lang: str = "en-GB") -> str:
    """The complete HTML5 document around an exported body fragment."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Columnist">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{export_css()}</style>\n</head>\n<body>\n<article>\n{body}\n</article>\n"
        "</body>\n</html>\n"
    )


class HtmlExporter:
    """`--format html`: one standalone HTML5 file."""

    name = "html"
    label = "Standalone HTML"
    suffix = ".html"

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        out_path = options.out_path
        source_dir = column.source_dir or out_path.parent
        rendered = Renderer(base_dir=source_dir, target="export").render_column(column.model)
        result = ExportResult(out_path, _title(column))
        result.warnings.extend(withheld.warning() for withheld in rendered.withheld)
        body = localise_images(rendered.html, source_dir, out_path.parent, result)
        write_output(out_path, build_html(body, result.title).encode("utf-8"), result)
        return result
