"""Trust references: ordinary Markdown links to a trust's (or site's) CQC page.

`[Name](https://www.cqc.org.uk/provider/RA7)` keeps the file portable and the exported
link right; the app recognises these links to show the current rating beside them in the
preview (never in the Markdown) and, through `find_trust_links`, to let the checker
compare what the text claims with the rating cache.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from columnist.ratings.cqc_urls import parse_cqc_url

RatingLookup = Callable[[str, str], "TrustBadge | None"]


@dataclass(frozen=True)
class TrustBadge:
    """What the preview shows after a trust link: the rating word ("Good"), when CQC
    published it, and the organisation's name in the cache (for the tooltip/title)."""

    rating: str
    published: dt.date | str | None = None
    name: str = ""


@dataclass(frozen=True)
class TrustLink:
    """A trust reference in the Markdown source. `line` is 0-based; `start`/`end` are
    character offsets of the whole link markup (end exclusive); `label` is the link text
    as written."""

    kind: str  # "provider" | "location"
    id: str
    label: str
    line: int
    start: int
    end: int


# --- finding links in Markdown source -------------------------------------------------

_LABEL = r"\[(?P<label>(?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]"
_INLINE = re.compile(
    _LABEL + r"\(\s*<?(?P<url>[^\s()<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REFERENCE_USE = re.compile(_LABEL + r"\[(?P<ref>[^\]\n]*)\]")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^\s<>]+)>")
_REF_DEF = re.compile(
    r"^ {0,3}\[(?P<ref>[^\[\]\n]+)\]:[ \t]*<?(?P<url>\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE
)
_FENCE = re.compile(r"^(`{3,}|~{3,}).*?\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def _code_ranges(text: str) -> list[tuple[int, int]]:
    ranges = [m.span() for m in _FENCE.finditer(text)]
    ranges += [m.span() for m in _CODE_SPAN.finditer(text)]
    ranges.sort()
    return ranges


def find_trust_links(text: str) -> list[TrustLink]:
    """Every link to a CQC provider/location page in `text`, in order.

    Recognises inline links, `<https://…>` autolinks and reference links whose definition
    points to a CQC page; links inside code are ignored.

    >>> find_trust_links("See [Bristol](https://www.cqc.org.uk/provider/RA7).")[0].id
    'RA7'
    """
    code = _code_ranges(text) if "`" in text else []
    code_starts = [s for s, _ in code]

    def in_code(offset: int) -> bool:
        i = bisect.bisect_right(code_starts, offset) - 1
        return i >= 0 and code[i][0] <= offset < code[i][1]

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    definitions: dict[str, tuple[str, str]] = {}
    def_spans: list[tuple[int, int]] = []
    for match in _REF_DEF.finditer(text):
        parsed = parse_cqc_url(match.group("url"))
        def_spans.append(match.span())
        if parsed and not in_code(match.start()):
            definitions[match.group("ref").strip().lower()] = parsed

    found: list[TrustLink] = []
    taken: list[tuple[int, int]] = []

    def add(kind_id: tuple[str, str], label: str, start: int, end: int) -> None:
        if in_code(start) or any(s <= start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(TrustLink(kind_id[0], kind_id[1], label, line_of(start), start, end))

    for match in _INLINE.finditer(text):
        parsed = parse_cqc_url(match.group("url"))
        if parsed:
            add(parsed, match.group("label"), match.start(), match.end())
    for match in _AUTOLINK.finditer(text):
        parsed = parse_cqc_url(match.group("url"))
        if parsed:
            add(parsed, match.group("url"), match.start(), match.end())
    if definitions:
        for match in _REFERENCE_USE.finditer(text):
            key = (match.group("ref") or match.group("label")).strip().lower()
            if key in definitions and not any(s <= match.start() < e for s, e in def_spans):
                add(definitions[key], match.group("label"), match.start(), match.end())
    found.sort(key=lambda link: link.start)
    return found


# --- decorating rendered HTML -----------------------------------------------------------

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


def badge_html(badge: TrustBadge) -> str:
    """The small rating badge shown after a trust link in the preview."""
    css = _RATING_CLASS.get(badge.rating.strip().lower(), "rating-other")
    words = [badge.rating.strip()]
    published = _published_text(badge.published)
    if published:
        words.append(published)
    title = f' title="{html.escape(badge.name)}"' if badge.name else ""
    # No-break spaces: a badge wraps as a whole, never as "Requires improvement ·" / "Nov 2018".
    text = html.escape(" · ".join(words)).replace(" ", "\u00a0")
    return f'<span class="trust-badge {css}"{title}>\u00a0{text}\u00a0</span>'


def add_badges(fragment: str, lookup: RatingLookup | None) -> str:
    """Append a rating badge after each trust-ref link whose rating `lookup` knows.

    Lookups are memoised per call and any failure in them only drops the badge: a broken
    cache must never blank the preview.
    """
    if lookup is None or 'class="trust-ref"' not in fragment:
        return fragment
    memo: dict[tuple[str, str], TrustBadge | None] = {}

    def replace(match: re.Match[str]) -> str:
        parsed = parse_cqc_url(html.unescape(match.group("href")))
        if parsed is None:
            return match.group(0)
        if parsed not in memo:
            try:
                memo[parsed] = lookup(*parsed)
            except Exception:
                memo[parsed] = None
        badge = memo[parsed]
        if not isinstance(badge, TrustBadge) or not badge.rating:
            return match.group(0)
        return match.group(0) + " " + badge_html(badge)

    return _TRUST_REF.sub(replace, fragment)
