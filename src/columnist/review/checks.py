"""The checks a column goes through, in one list: what the editor underlines, the Problems
panel lists, `columnist check` prints and the export gate reads.

Each `Check` has a stable `key` (the setting `checks/<key>` switches it off), a label for
menus and Preferences, and `run(column, context) -> findings`. A check that needs the
rating cache says so and is skipped, not failed, when there is no cache. Adding a check is
one entry in `CHECKS`; nobody else keeps a list.

    >>> [check.key for check in CHECKS][:1]
    ['claims']
    >>> from columnist.markdown.column import parse_column
    >>> run_checks(parse_column("Nothing to check.\\n"), CheckContext(cache_path=None))
    []
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from columnist.review.findings import Finding

if TYPE_CHECKING:
    from columnist.markdown.column import ColumnModel


@dataclass(frozen=True)
class CheckContext:
    """What a check may read besides the column: the rating cache's file (each check opens
    its own connection: checks run on a background lane), the user's options by name, and
    the date standing in for a column without one."""

    cache_path: Path | None
    options: Mapping[str, Any] = field(default_factory=dict)
    today: dt.date | None = None


@dataclass(frozen=True)
class Check:
    """One check: `run(column, context)` returns its findings in reading order."""

    key: str
    label: str
    run: Callable[[ColumnModel, CheckContext], list[Finding]]
    needs_ratings: bool = False


def _rating_claims(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.rating_claims import DEFAULT_MAX_AGE_YEARS, check_rating_claims_at

    assert context.cache_path is not None  # needs_ratings: skipped without a cache
    years = float(context.options.get("max_age_years", DEFAULT_MAX_AGE_YEARS))
    return check_rating_claims_at(column, context.cache_path, max_age_years=years,
                                  today=context.today)


CHECKS: tuple[Check, ...] = (
    Check("claims", "Rating claims", _rating_claims, needs_ratings=True),
)


def check_by_key(key: str) -> Check:
    """The check called `key` (KeyError names the known ones)."""
    for check in CHECKS:
        if check.key == key:
            return check
    raise KeyError(f"no check {key!r}; known: {', '.join(c.key for c in CHECKS)}")


def run_checks(
    column: ColumnModel,
    context: CheckContext,
    enabled: Collection[str] | None = None,
) -> list[Finding]:
    """The findings of every enabled check (all when `enabled` is None), by position."""
    found: list[Finding] = []
    for check in CHECKS:
        if enabled is not None and check.key not in enabled:
            continue
        if check.needs_ratings and context.cache_path is None:
            continue
        found.extend(check.run(column, context))
    found.sort(key=lambda f: (f.start, f.end))
    return found
