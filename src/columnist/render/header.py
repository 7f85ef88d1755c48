"""The story header (title, subtitle, author · date) built from the front matter.

The front matter is metadata, not prose: the preview hides the YAML and shows it the way
Medium shows a story's head, so the writer sees the piece as readers will. The values
come from the column model (`markdown.column`), which read the front matter.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any


def format_date(value: Any) -> str:
    """'2026-11-25' or a date -> '25 November 2026'; anything else as written."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value.strip()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def story_header_html(data: dict[str, Any]) -> str:
    """Escaped HTML for the header, or '' when the front matter has none of its fields."""
    title = _text(data.get("title"))
    subtitle = _text(data.get("subtitle"))
    # The date never starts a line of its own: "· 25 November 2026" keeps to the last word
    # of the author's name (no-break spaces).
    byline = "\u00a0·\u00a0".join(
        part.replace(" ", "\u00a0") if index else part
        for index, part in enumerate(
            p for p in (_text(data.get("author")), format_date(data.get("date"))) if p)
    )
    if not (title or subtitle or byline):
        return ""
    parts = ['<div class="story-header">']
    if title:
        parts.append(f'<h1 class="story-title">{html.escape(title)}</h1>')
    if subtitle:
        parts.append(f'<p class="story-subtitle">{html.escape(subtitle)}</p>')
    if byline:
        parts.append(f'<p class="story-byline">{html.escape(byline)}</p>')
    parts.append("</div>")
    return "\n".join(parts)
