"""Trust references in the rendered HTML: classed, and given their rating badge.

`[Name](https://www.cqc.org.uk/provider/RA7)` keeps the file portable and the exported
link right; the preview shows the current rating beside these links (never in the
Markdown). Finding them in the source is `markdown.trust_links` (the column model).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from columnist.markdown.cqc_urls import parse_cqc_url

RatingLookup = Callable[[str, str], "TrustBadge | None"]


@dataclass(frozen=True)
class TrustBadge:
    """What the preview shows after a trust link: the rating word ("Good"), when CQC
    published it, and the organisation's name in the cache (for the tooltip/title)."""

    rating: str
    published: dt.date | str | None = None
    name: str = ""


_HTML_LINK = re.compile(r'<a href="(?P<href>[^"]+)"(?P<rest>[^>]*)>(?P<body>.*?)</a>', re.DOTALL)


def mark_trust_links(fragment: str) -> str:
    """Give each link to a CQC page class="trust-ref" (sanitised HTML in, same out)."""
    if "cqc.org.uk" not in fragment:
        return fragment

    def replace(match: re.Match[str]) -> str:
        if not parse_cqc_url(html.unescape(match.group("href"))):
            return match.group(0)
        rest = re.sub(r'\sclass="[^"]*"', "", match.group("rest"))
        return f'<a href="{match.group("href")}" class="trust-ref"{rest}>{match.group("body")}</a>'

    return _HTML_LINK.sub(replace, fragment)


_TRUST_REF = re.compile(r'<a href="(?P<href>[^"]+)" class="trust-ref"[^>]*>.*?</a>', re.DOTALL)

_RATING_CLASS = {
    "outstanding": "rating-outstanding",
    "good": "rating-good",
    "requires improvement": "rating-requires-improvement",
    "inadequate": "rating-inadequate",
}


def _published_text(value: dt.date | str | None) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value.strip()
    if isinstance(value, dt.date):
        return f"{value:%b %Y}"
    return ""


def rating_words(badge: TrustBadge) -> list[str]:
    """The rating and when it was published, as a badge or a text says them.

    >>> rating_words(TrustBadge("Good", "2024-03-07"))
    ['Good', 'Mar 2024']
    """
    words = [badge.rating.strip()]
    published = _published_text(badge.published)
    if published:
        words.append(published)
    return words


def badge_html(badge: TrustBadge) -> str:
    """The small rating badge shown after a trust link in the preview."""
    css = _RATING_CLASS.get(badge.rating.strip().lower(), "rating-other")
    title = f' title="{html.escape(badge.name)}"' if badge.name else ""
    # No-break spaces: a badge wraps as a whole, never as "Requires improvement ·" / "Nov 2018".
    text = html.escape(" · ".join(rating_words(badge))).replace(" ", "\u00a0")
    return f'<span class="trust-badge {css}"{title}>\u00a0{text}\u00a0</span>'


def add_badges(
    fragment: str, lookup: RatingLookup | None,
    show: Callable[[TrustBadge], str] = badge_html,
) -> str:
    """Append a rating badge (`show(badge)`: the preview's badge, or an export's plain
    text) after each trust-ref link whose rating `lookup` knows.

    Lookups (and the badge HTML) are memoised per call and any failure in them only drops
    the badge: a broken cache must never blank the preview.
    """
    if lookup is None or 'class="trust-ref"' not in fragment:
        return fragment
    memo: dict[tuple[str, str], str] = {}  # subject -> " <badge>" or ""

    def replace(match: re.Match[str]) -> str:
        parsed = _parse_href(match.group("href"))
        if parsed is None:
            return match.group(0)
        after = memo.get(parsed)
        if after is None:
            after = memo[parsed] = _after_link(lookup, parsed, show)
        return match.group(0) + after

    return _TRUST_REF.sub(replace, fragment)


def _after_link(
    lookup: RatingLookup, subject: tuple[str, str], show: Callable[[TrustBadge], str]
) -> str:
    """What follows the link: a space and the badge, or "" (no rating known, or the
    lookup failed)."""
    try:
        badge = lookup(*subject)
    except Exception:
        return ""
    if not isinstance(badge, TrustBadge) or not badge.rating:
        return ""
    return " " + show(badge)


@functools.lru_cache(maxsize=4096)
def _parse_href(href: str) -> tuple[str, str] | None:
    """The subject of an escaped href (a column links the same trusts again and again)."""
    return parse_cqc_url(html.unescape(href))
