"""A month's rating changes as Markdown for the column: a list, or a sentence in its style.

The changes come from `ratings.changes.rating_changes`; this module groups them the way
the column talks about them and writes them out, so the changes panel, Insert ▸ This
Month's Rating Changes… and `columnist ratings changes --markdown` give the same text.

The groups a column names: improved, kept Outstanding, kept another rating, declined,
first rated, and "changed" (to or from a word that is not a grade). Every name is a trust
reference (`markdown.trust_links.trust_reference`), written as the cache stores it, and
within a group names are in alphabetical order, so the same data always gives the same
text.

The sentence follows the published column: numbers in words, spaced em-dashes around a
short list of names, "kept their Outstanding ratings", "improved on re-inspection",
"moved from Good to Outstanding"; British English (no serial comma)::

    In the past month, two trusts — [A](…) and [B](…) — kept their Outstanding ratings,
    and five others improved on re-inspection: [C](…) and [D](…) moved from Requires
    improvement to Good; …

>>> number_words(2), number_words(21), number_words(140)
('two', 'twenty-one', '140')
>>> join_names(["A", "B", "C"])
'A, B and C'
>>> period_phrase("2019-01-28", "2019-02-28")
'In the past month'
>>> period_phrase("2018-08-31", "2019-02-28")
'Between 1 September 2018 and 28 February 2019'
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from columnist.markdown.trust_links import trust_reference
from columnist.ratings import changes as engine
from columnist.ratings.changes import RatingChange
from columnist.ratings.connection import CacheDb
from columnist.ratings.schema import RATING_ORDER

IMPROVED = "improved"
KEPT_OUTSTANDING = "kept-outstanding"
KEPT_OTHER = "kept-other"
DECLINED = "declined"
FIRST = "first"
CHANGED = "changed"

# In the order the panel, the list and the sentence give them: the news first.
GROUPS = (IMPROVED, KEPT_OUTSTANDING, DECLINED, FIRST, KEPT_OTHER, CHANGED)
GROUP_TITLES = {
    IMPROVED: "Improved",
    KEPT_OUTSTANDING: "Kept Outstanding",
    KEPT_OTHER: "Kept another rating",
    DECLINED: "Declined",
    FIRST: "First rated",
    CHANGED: "Changed (not a grade)",
}
# What `--kind` accepts: each group's own name, and "kept" for both kept groups.
KIND_CHOICES: dict[str, tuple[str, ...]] = {
    **{group: (group,) for group in GROUPS},
    "kept": (KEPT_OUTSTANDING, KEPT_OTHER),
}

_NUMBERS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
DASH = " — "  # a spaced em-dash, as the published column sets it


# ------------------------------------------------------------------ grouping and filters


def group_of(change: RatingChange) -> str | None:
    """The column's group for a change (None when only key questions were re-rated)."""
    overall = change.overall
    if overall is None:
        return None
    if overall.kind == engine.KEPT:
        return KEPT_OUTSTANDING if overall.rating == "Outstanding" else KEPT_OTHER
    return {
        engine.IMPROVED: IMPROVED,
        engine.DECLINED: DECLINED,
        engine.FIRST: FIRST,
    }.get(overall.kind, CHANGED)


def parse_kinds(names: Iterable[str]) -> tuple[str, ...]:
    """The groups named by `--kind` values (each may be a comma-separated list).

    >>> parse_kinds(["improved", "kept"])
    ('improved', 'kept-outstanding', 'kept-other')
    >>> parse_kinds(["better"])
    Traceback (most recent call last):
    ...
    ValueError: unknown kind 'better': use improved, kept-outstanding, declined, first, \
kept-other, changed or kept
    """
    found: list[str] = []
    for value in names:
        for name in (part.strip().lower() for part in value.split(",")):
            if not name:
                continue
            if name not in KIND_CHOICES:
                raise ValueError(
                    f"unknown kind {name!r}: use {join_names(list(KIND_CHOICES), 'or')}")
            found.extend(g for g in KIND_CHOICES[name] if g not in found)
    return tuple(g for g in GROUPS if g in found)


def select(
    changes: Iterable[RatingChange],
    *,
    trusts_only: bool = False,
    region: str | None = None,
    groups: Sequence[str] | None = None,
) -> list[RatingChange]:
    """The changes that pass the filters, in their order.

    `region` is matched without regard to case against the region the cache records
    (`changes.known_regions`); a subject with none recorded is in no region. `groups`
    (from GROUPS) leaves out changes where only key questions were re-rated.
    """
    wanted_region = region.casefold() if region else None
    kept: list[RatingChange] = []
    for change in changes:
        if trusts_only and not change.is_nhs_trust:
            continue
        if wanted_region is not None and (change.region or "").casefold() != wanted_region:
            continue
        if groups is not None and group_of(change) not in groups:
            continue
        kept.append(change)
    return kept


def display_name(change: RatingChange) -> str:
    """The name as the cache stores it (an unnamed provider is shown by its CQC ID)."""
    return change.name or f"CQC {change.subject_type} {change.subject_id}"


def _name_key(change: RatingChange) -> tuple[str, str]:
    return display_name(change).casefold(), change.subject_id


def by_group(changes: Iterable[RatingChange]) -> dict[str, list[RatingChange]]:
    """Changes per group, groups in GROUPS order (empty ones left out), names sorted."""
    found: dict[str, list[RatingChange]] = {}
    for change in changes:
        group = group_of(change)
        if group is not None:
            found.setdefault(group, []).append(change)
    return {g: sorted(found[g], key=_name_key) for g in GROUPS if g in found}


# ------------------------------------------------------------------ words


def number_words(n: int) -> str:
    """Zero to ninety-nine in words ('no' for zero), larger numbers in figures."""
    if n < 20:
        return _NUMBERS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_NUMBERS[units]}" if units else "")
    return str(n)


def join_names(names: Sequence[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (no serial comma, as the column writes)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%B %Y}"


def short_date(iso: str) -> str:
    """'2019-02-07' → '7 Feb 2019'."""
    day = dt.date.fromisoformat(iso[:10])
    return f"{day.day} {day:%b %Y}"


def period_phrase(since: str | None, until: str | None) -> str:
    """How the sentence opens: 'In the past month' for a window of about a month.

    `since` is exclusive, `until` inclusive (as in `rating_changes`); None for `since`
    means "what the last import brought".
    """
    if since is None:
        return "In the latest ratings"
    start = dt.date.fromisoformat(since[:10])
    if until is None:
        return f"Since {_long_date((start + dt.timedelta(days=1)).isoformat())}"
    end = dt.date.fromisoformat(until[:10])
    if 28 <= (end - start).days <= 31:
        return "In the past month"
    first = (start + dt.timedelta(days=1)).isoformat()
    return f"Between {_long_date(first)} and {_long_date(until)}"


def window_label(since: str, until: str, latest: str | None = None) -> str:
    """The panel's account of the period shown.

    >>> window_label("2019-01-28", "2019-02-28", "2019-02-28")
    'Ratings published after 28 January 2019 up to 28 February 2019 (the newest rating \
in the cache), each compared with the rating it replaced.'
    """
    newest = " (the newest rating in the cache)" if until == latest else ""
    return (
        f"Ratings published after {_long_date(since)} up to {_long_date(until)}{newest}, "
        "each compared with the rating it replaced."
    )


def move_text(change: RatingChange) -> str:
    """Old → new overall rating, with its date, for the panel's rows.

    'Requires improvement → Good (7 Feb 2019)'; 'first rating: Good (…)'.
    """
    overall = change.overall
    if overall is None:
        return "key questions re-rated"
    when = short_date(overall.published)
    if overall.previous_rating is None:
        return f"first rating: {overall.rating} ({when})"
    return f"{overall.previous_rating} → {overall.rating} ({when})"


def _link(change: RatingChange) -> str:
    return trust_reference(display_name(change), change.subject_type, change.subject_id)


def _nouns(changes: Sequence[RatingChange]) -> tuple[str, str]:
    if changes and changes[0].subject_type == "location":
        return "location", "locations"
    if all(c.is_nhs_trust for c in changes):
        return "trust", "trusts"
    return "provider", "providers"


def _count(n: int, nouns: tuple[str, str]) -> str:
    return f"{number_words(n)} {nouns[0] if n == 1 else nouns[1]}"


# ------------------------------------------------------------------ the list


def _list_change(change: RatingChange) -> str:
    overall = change.overall
    assert overall is not None  # by_group keeps only overall changes
    if overall.kind == engine.KEPT:
        return f"kept its {overall.rating} rating"
    if overall.previous_rating is None:
        return f"was rated {overall.rating} for the first time"
    return f"moved from {overall.previous_rating} to {overall.rating}"


def markdown_list(changes: Iterable[RatingChange]) -> str:
    """One list item per change, group by group: '- [Name](…) moved from Good to
    Outstanding.' ('' when there are none)."""
    return "\n".join(
        f"- {_link(change)} {_list_change(change)}."
        for items in by_group(changes).values()
        for change in items
    )


# ------------------------------------------------------------------ the sentence


def _moves(changes: Sequence[RatingChange], verb: str = "moved") -> str:
    """'[A] and [B] moved from Requires improvement to Good; and [C] from Good to
    Outstanding': one clause per move, the highest new rating first."""
    moves: dict[tuple[str, str], list[RatingChange]] = {}
    for change in changes:
        overall = change.overall
        assert overall is not None and overall.previous_rating is not None
        moves.setdefault((overall.previous_rating, overall.rating), []).append(change)
    order = sorted(
        moves,
        key=lambda m: (-RATING_ORDER.get(m[1], -1), -RATING_ORDER.get(m[0], -1), m),
    )
    clauses = [
        f"{join_names([_link(c) for c in moves[m]])}{f' {verb}' if i == 0 else ''} "
        f"from {m[0]} to {m[1]}"
        for i, m in enumerate(order)
    ]
    return _join_clauses(clauses, any(len(moves[m]) > 1 for m in order))


def _by_rating(changes: Sequence[RatingChange]) -> str:
    """'Good for [A] and [B]; and Requires improvement for [C]' (highest rating first)."""
    ratings: dict[str, list[RatingChange]] = {}
    for change in changes:
        assert change.overall is not None
        ratings.setdefault(change.overall.rating, []).append(change)
    order = sorted(ratings, key=lambda r: (-RATING_ORDER.get(r, -1), r))
    clauses = [f"{r} for {join_names([_link(c) for c in ratings[r]])}" for r in order]
    return _join_clauses(clauses, any(len(ratings[r]) > 1 for r in order))


def _join_clauses(clauses: list[str], semicolons: bool) -> str:
    if not semicolons or len(clauses) < 2:
        return join_names(clauses)
    return "; ".join(clauses[:-1]) + "; and " + clauses[-1]


def _dashed(items: Sequence[RatingChange], nouns: tuple[str, str]) -> str:
    """'two trusts — [A] and [B] —' (the column's way of naming a few)."""
    return f"{_count(len(items), nouns)}{DASH}{join_names([_link(c) for c in items])}{DASH}"


def _good_news(kept: Sequence[RatingChange], improved: Sequence[RatingChange],
               nouns: tuple[str, str]) -> str:
    """The opening clause: Outstanding ratings kept, then improvements."""
    parts: list[str] = []
    if len(kept) == 1:
        parts.append(f"{_link(kept[0])} kept its Outstanding rating")
    elif kept:
        parts.append(f"{_dashed(kept, nouns)}kept their Outstanding ratings")
    if len(improved) == 1:
        overall = improved[0].overall
        assert overall is not None
        parts.append(
            f"{_link(improved[0])} improved on re-inspection, moving from "
            f"{overall.previous_rating} to {overall.rating}")
    elif improved:
        who = (f"{number_words(len(improved))} others" if kept
               else _count(len(improved), nouns))
        parts.append(f"{who} improved on re-inspection: {_moves(improved)}")
    return ", and ".join(parts)


def _declined(items: Sequence[RatingChange], nouns: tuple[str, str]) -> str:
    if len(items) == 1:
        overall = items[0].overall
        assert overall is not None
        return (f"{_link(items[0])} was rated lower on re-inspection, moving from "
                f"{overall.previous_rating} to {overall.rating}")
    return f"{_count(len(items), nouns)} were rated lower on re-inspection: {_moves(items)}"


def _kept_other(items: Sequence[RatingChange], nouns: tuple[str, str]) -> str:
    if len(items) == 1:
        overall = items[0].overall
        assert overall is not None
        return f"{_link(items[0])} kept its {overall.rating} rating on re-inspection"
    return f"{_count(len(items), nouns)} kept their ratings on re-inspection: " + _by_rating(
        items)


def _first(items: Sequence[RatingChange], nouns: tuple[str, str]) -> str:
    if len(items) == 1:
        overall = items[0].overall
        assert overall is not None
        return f"{_link(items[0])} was rated {overall.rating} for the first time"
    return f"{_count(len(items), nouns)} were rated for the first time: " + _by_rating(items)


def _changed(items: Sequence[RatingChange], nouns: tuple[str, str]) -> str:
    if len(items) == 1:
        overall = items[0].overall
        assert overall is not None
        return (f"the rating of {_link(items[0])} changed from {overall.previous_rating} "
                f"to {overall.rating}")
    return f"the ratings of {_count(len(items), nouns)} changed: {_moves(items)}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def markdown_sentence(changes: Iterable[RatingChange], period: str) -> str:
    """The changes as a paragraph in the column's style ('' when there are none).

    `period` opens the first sentence ('In the past month', see `period_phrase`). The
    good news comes first (Outstanding kept, then improvements), then ratings that fell,
    ratings kept at another grade, first ratings and changes to or from a non-grade word.
    """
    groups = by_group(changes)
    everyone = [c for items in groups.values() for c in items]
    if not everyone:
        return ""
    nouns = _nouns(everyone)
    sentences: list[str] = []
    kept, improved = groups.get(KEPT_OUTSTANDING, []), groups.get(IMPROVED, [])
    if kept or improved:
        sentences.append(_good_news(kept, improved, nouns))
    for group, write in ((DECLINED, _declined), (FIRST, _first), (KEPT_OTHER, _kept_other),
                         (CHANGED, _changed)):
        if group in groups:
            sentences.append(write(groups[group], nouns))
    first, rest = sentences[0], sentences[1:]
    return " ".join([f"{period}, {first}.", *(f"{_capitalise(s)}." for s in rest)])


# ------------------------------------------------------------------ the panel's digest


def month_before(iso: str) -> str:
    """The same day a month earlier (clamped to the month's end).

    >>> month_before("2019-02-28"), month_before("2019-03-31"), month_before("2019-01-15")
    ('2019-01-28', '2019-02-28', '2018-12-15')
    """
    day = dt.date.fromisoformat(iso[:10])
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()


@dataclass(frozen=True)
class ChangesDigest:
    """Rating changes since a date, filtered, with what the panel needs to show them.

    `since` is exclusive; `until` is the newest publication date in the cache (None, as
    `since`, when the cache holds no ratings); `regions` are the ones it records.
    """

    since: str | None
    until: str | None
    regions: tuple[str, ...]
    changes: tuple[RatingChange, ...]

    @property
    def groups(self) -> dict[str, list[RatingChange]]:
        return by_group(self.changes)

    @property
    def label(self) -> str:
        """What period is shown, in words (see `window_label`)."""
        if self.until is None or self.since is None:
            return "The rating cache holds no ratings yet."
        if self.since >= self.until:
            return (f"No rating in the cache was published after {_long_date(self.since)}: "
                    f"the newest is from {_long_date(self.until)}.")
        return window_label(self.since, self.until, self.until)

    def as_list(self) -> str:
        return markdown_list(self.changes)

    def as_sentence(self) -> str:
        if self.since is None:
            return ""
        return markdown_sentence(self.changes, period_phrase(self.since, self.until))


def changes_digest(
    db: CacheDb,
    since: str | None = None,
    *,
    trusts_only: bool = True,
    region: str | None = None,
    groups: Sequence[str] | None = None,
) -> ChangesDigest:
    """The providers' rating changes since `since` (default: a month before the newest
    rating in the cache, so a cache whose data stops in 2019 still shows its last month),
    up to the newest rating, filtered as `select` does."""
    latest = engine.latest_published(db)
    regions = tuple(engine.known_regions(db))
    if latest is None:
        return ChangesDigest(None, None, regions, ())
    since = since or month_before(latest)
    found = engine.rating_changes(db, since, latest)
    chosen = select(found, trusts_only=trusts_only, region=region, groups=groups)
    return ChangesDigest(since, latest, regions, tuple(c for c in chosen if group_of(c)))
