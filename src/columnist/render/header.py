"""The story header (title, subtitle, author · date) built from the front matter.

The front matter is metadata, not prose: the preview hides the YAML and shows it the way
Medium shows a story's head, so the writer sees the piece as readers will.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass
class FrontMatterInfo:
    """What the renderer needs from the front matter. `body_line`: 0-based line where the
    body starts; `body`: the text after the closing fence (or the whole text)."""

    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    present: bool = False


def _own_split(text: str) -> FrontMatterInfo:
    """Minimal front-matter split, used when the document layer's is unavailable."""
    if not (text.startswith("---\n") or text.rstrip("\n") == "---" or text.startswith("---\r")):
        return FrontMatterInfo(body=text)
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if _FM_CLOSE.match(lines[index].rstrip("\r")):
            import yaml

            raw = "\n".join(lines[1:index])
            try:
                data = yaml.safe_load(raw)
            except yaml.YAMLError:
                data = None
            return FrontMatterInfo(
                data=data if isinstance(data, dict) else {},
                body="\n".join(lines[index + 1 :]),
                body_line=index + 1,
                present=True,
            )
    return FrontMatterInfo(body=text)


def split_front_matter(text: str) -> FrontMatterInfo:
    """Front matter and body of `text`, agreeing with `columnist.document.front_matter`
    (the metadata form's parser)."""
    from columnist.document.front_matter import split_front_matter as doc_split

    try:
        front, body = doc_split(text)
    except Exception:  # a parser bug must not blank the preview
        return _own_split(text)
    if front is None:
        return FrontMatterInfo(body=text)
    return FrontMatterInfo(
        data=dict(front.data or {}),
        body=body,
        body_line=front.end_line + 1,
        present=True,
    )


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
    byline = " · ".join(
        part for part in (_text(data.get("author")), format_date(data.get("date"))) if part
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
