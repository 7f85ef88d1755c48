"""Standalone HTML export: one HTML5 file a browser opens offline, looking like the story.

The file carries its stylesheet inline (screen and print, the preview's type) and nothing
remote: no fonts, scripts or images fetched from elsewhere. Local images inside the
column's folder are copied beside the file (`export.images`), or written into it as data:
URLs (the `embed_images` option). The publish gate (`export.gate`) runs before any
exporter (`export.export_column`). What the page leaves out (an element removed with its
content, a remote image, an image outside the column's folder) is a warning naming its
line (`RenderResult.withheld`), never silent.

What a reader, a search engine and a screen reader get: `lang="en-GB"`, the title (front
matter, else the first heading, else the file name), a description from the subtitle,
author and date as meta tags and as the visible byline, an id on every heading (links to
a section), footnotes, trust links as ordinary links (optionally followed by the current
CQC rating, as text), and headings in order: a first heading that repeats the title is
not shown twice, and when the page's title is the h1, the body's headings step down one
level. The same column gives the same bytes.

    >>> _slug("Ratings that moved: 2024–25")
    'ratings-that-moved-2024-25'
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from columnist.export.base import (
    DRAFT_NOTE,
    Column,
    ExportOptions,
    ExportResult,
    write_output,
)
from columnist.export.format_options import value
from columnist.export.images import embed_images, localise_images
from columnist.render.css import export_css
from columnist.render.header import format_date
from columnist.render.pipeline import Renderer
from columnist.render.trust_links import TrustBadge, add_badges, rating_words

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")

DRAFT_BANNER = (f'<div class="draft-banner" role="note"><strong>{DRAFT_NOTE[0]}</strong> — '
                f"{DRAFT_NOTE[1]}</div>")


def _value(column: Column, key: str) -> str:
    value = column.model.front_matter.values.get(key)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def _title(column: Column) -> str:
    """The page title: front matter's title, else the first heading, else the file name."""
    title = _value(column, "title")
    if title:
        return title
    headings = column.model.headings
    return headings[0].text if headings else column.fallback_title


def _same_words(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return norm(a) == norm(b)


def without_repeated_title(column: Column) -> str:
    """The column's text with a first heading equal to the front matter's title blanked
    out (its lines kept, empty, so warnings still name the right lines): the story header
    already shows the title."""
    title = _value(column, "title")
    model = column.model
    if not title or not model.headings:
        return column.text
    first = model.headings[0]
    blocks_before = [b for b in model.blocks if b.line < first.line and b.source.strip()]
    if blocks_before or not _same_words(first.text, title):
        return column.text
    lines = column.text.split("\n")
    drop = [first.line]
    if first.line + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[first.line + 1]):
        drop.append(first.line + 1)
    for number in drop:
        lines[number] = ""
    return "\n".join(lines)


def _slug(text: str) -> str:
    """A heading's id: its words, lower case, joined by hyphens (letters of any script)."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    return "-".join(words).replace("_", "-") or "section"


def heading_ids(body: str, shift: int = 0) -> str:
    """Every heading in `body` with a unique id (from its text; a heading that has one
    keeps it), moved `shift` levels down (h1 → h2 when the page title is the h1)."""
    used: set[str] = set(re.findall(r'\sid="([^"]*)"', body))

    def replace(match: re.Match[str]) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2), match.group(3)
        if 'class="story-title"' in attrs:
            return match.group(0)
        level = min(level + shift, 6)
        if ' id="' not in attrs:
            base = _slug(html.unescape(_TAG.sub("", inner)))
            slug, n = base, 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            used.add(slug)
            attrs = f' id="{slug}"{attrs}'
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(replace, body)


def rating_text_html(badge: TrustBadge) -> str:
    """What follows a trust link in an export with ratings: plain text in brackets."""
    words = ", ".join(rating_words(badge))
    return f'<span class="trust-rating">(CQC rating: {html.escape(words)})</span>'


def with_ratings(body: str, cache_path: Path | None) -> str:
    """`body` with each trust link followed by its current rating (the one rating
    lookup, `ratings.lookup`), as text; unchanged without a cache."""
    if cache_path is None:
        return body
    from columnist.ratings.connection import connect_reader
    from columnist.ratings.lookup import current_rating

    db = connect_reader(cache_path)

    def lookup(kind: str, ident: str) -> TrustBadge | None:
        found = current_rating(db, kind, ident)
        if found is None or not found.rating:
            return None
        return TrustBadge(found.rating, found.published, found.name or "")

    try:
        return add_badges(body, lookup, rating_text_html)
    finally:
        db.conn.close()


def _iso_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{html.escape(content)}">\n' if content else ""


def build_html(
    body: str,
    title: str,
    lang: str = "en-GB",
    *,
    meta: dict[str, Any] | None = None,
    draft: bool = False,
) -> str:
    """The complete HTML5 document around an exported body fragment. `meta`: the front
    matter (description from the subtitle, author, date, keywords from the tags)."""
    values = meta or {}

    def text(key: str) -> str:
        value = values.get(key)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value).strip()

    iso = _iso_date(values.get("date"))
    heads = (
        _meta("description", text("subtitle"))
        + _meta("author", text("author"))
        + _meta("dcterms.date", iso or format_date(values.get("date")))
        + _meta("keywords", text("tags"))
        + (_meta("robots", "noindex") if draft else "")
    )
    page_title = f"Draft: {title}" if draft else title
    banner = DRAFT_BANNER + "\n" if draft else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Columnist">\n'
        f"{heads}<title>{html.escape(page_title)}</title>\n"
        f"<style>\n{export_css()}</style>\n</head>\n<body>\n<main>\n{banner}"
        f"<article>\n{body}\n</article>\n</main>\n</body>\n</html>\n"
    )


class HtmlExporter:
    """`--to html`: one standalone HTML5 file."""

    name = "html"
    label = "Standalone HTML"
    suffix = ".html"

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        out_path = options.out_path
        source_dir = column.source_dir or out_path.parent
        rendered = Renderer(base_dir=source_dir, target="export").render(
            without_repeated_title(column))
        result = ExportResult(out_path, _title(column))
        result.warnings.extend(withheld.warning() for withheld in rendered.withheld)
        body = rendered.html
        has_title = '<h1 class="story-title">' in body
        body_h1 = any(h.level == 1 for h in rendered.headings)
        body = heading_ids(body, shift=1 if has_title and body_h1 else 0)
        ratings = value(options.extra, "ratings")
        if ratings and options.cache_path is None:
            result.warnings.append("ratings after trust links were asked for, but there is "
                                   "no rating cache: the links are exported without them")
        elif ratings:
            body = with_ratings(body, options.cache_path)
        place: Callable[[str], str]
        if value(options.extra, "embed_images"):
            place = lambda b: embed_images(b, source_dir, result)  # noqa: E731
        else:
            place = lambda b: localise_images(b, source_dir, out_path.parent, result)  # noqa: E731
        body = place(body)
        page = build_html(body, result.title, meta=rendered.front_matter, draft=options.draft)
        write_output(out_path, page.encode("utf-8"), result)
        return result
