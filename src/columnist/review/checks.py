"""The checks a column goes through, in one list: what the editor underlines, the Problems
panel lists, `columnist check` prints and the export gate reads.

Each `Check` has a stable `key` (the setting `checks/<key>` switches it off), a label for
menus and Preferences, its own options (`checks/<key>/<name>` in the settings, handed to
`run` by name in `CheckContext.options`) and `run(column, context) -> findings`. A check
that needs the rating cache says so and is skipped, not failed, when there is no cache.
Adding a check is one entry in `CHECKS`; nobody else keeps a list: the settings declare
their options from it (`settings.OPTIONS`), so Preferences and View ▸ Checks show it.

This module is imported by `settings` on the way to the first window, so it stays light:
NamedTuples, not dataclasses, and each check imports its code only when it runs.

    >>> [check.key for check in CHECKS][:1]
    ['claims']
    >>> from columnist.markdown.column import parse_column
    >>> run_checks(parse_column("Nothing to check.\\n"), CheckContext(cache_path=None))
    []
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from columnist.markdown.column import ColumnModel
    from columnist.review.findings import Finding

_NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})

# Years after which a rating a sentence relies on is called old (a warning); the
# writer can change it in Preferences (`checks/claims/max_age_years`).
DEFAULT_MAX_AGE_YEARS = 3


class CheckContext(NamedTuple):
    """What a check may read besides the column: the rating cache's file (each check opens
    its own connection: checks run on a background lane), the check's options by name
    (`CheckOption.name`; a missing one takes its default), and the date standing in for a
    column without one."""

    cache_path: Path | None
    options: Mapping[str, Any] = _NO_OPTIONS
    today: dt.date | None = None


class CheckOption(NamedTuple):
    """One setting of a check, declared beside it: stored as `checks/<key>/<name>` and
    shown in Preferences with `label` (`choices` for a list, `limits` for a number)."""

    name: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()
    limits: tuple[int, int] = (0, 0)


class Check(NamedTuple):
    """One check: `run(column, context)` returns its findings in reading order."""

    key: str
    label: str
    run: Callable[[ColumnModel, CheckContext], list[Finding]]
    needs_ratings: bool = False
    options: tuple[CheckOption, ...] = ()
    on_by_default: bool = True

    def option(self, context: CheckContext, name: str) -> Any:
        """The value of this check's option `name` in `context`, or its default.

        >>> CHECKS[0].option(CheckContext(None), "max_age_years")
        3
        >>> CHECKS[0].option(CheckContext(None, {"max_age_years": 5}), "max_age_years")
        5
        """
        for declared in self.options:
            if declared.name == name:
                return context.options.get(name, declared.default)
        raise KeyError(f"check {self.key!r} has no option {name!r}")


def _rating_claims(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.rating_claims import check_rating_claims_at

    assert context.cache_path is not None  # needs_ratings: skipped without a cache
    years = float(check_by_key("claims").option(context, "max_age_years"))
    return check_rating_claims_at(column, context.cache_path, max_age_years=years,
                                  today=context.today)


def _spelling(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.spelling import check_spelling

    # The cache only adds words (trust names): without one the dictionary still checks.
    return check_spelling(column, cache_path=context.cache_path)


CHECKS: tuple[Check, ...] = (
    Check("claims", "Rating claims", _rating_claims, needs_ratings=True, options=(
        CheckOption("max_age_years", int, DEFAULT_MAX_AGE_YEARS,
                    "Warn when a rating is older than (years)", limits=(1, 10)),
    )),
    Check("spelling", "Spelling (British English)", _spelling),
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
