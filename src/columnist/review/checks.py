"""The checks a column goes through, in one list: what the editor underlines, the Problems
panel lists, `columnist check` prints and the export gate reads.

Each `Check` has a stable `key` (the setting `checks/<key>` switches it off), a label for
menus and Preferences, its own options (`checks/<key>/<name>` in the settings, handed to
`run` in `CheckContext.options` under `"<key>/<name>"`, so two checks may both have a
`max_…` option) and `run(column, context) -> findings`. A check
that needs the rating cache says so and is skipped, not failed, when there is no cache.
Adding a check is one entry in `CHECKS`; nobody else keeps a list: the settings declare
their options from it (`settings.OPTIONS`), so Preferences and View ▸ Checks show it.

This module is imported by `settings` on the way to the first window, so it stays light:
NamedTuples, not dataclasses, and each check imports its code only when it runs.

    >>> [check.key for check in CHECKS]
    ['claims', 'spelling', 'plain_english', 'house_style', 'links_images']
    >>> from columnist.markdown.column import parse_column
    >>> run_checks(parse_column("Nothing to check.\\n"), CheckContext(cache_path=None))
    []
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

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
    its own connection: checks run on a background lane), every check's options keyed
    `"<check key>/<option name>"` (a missing one takes its default; `Check.option` reads
    them), the date standing in for a column without one, and `stop`: True once the run
    is no longer wanted (the writer typed again), checked between checks and inside the
    long ones (`stoppable`)."""

    cache_path: Path | None
    options: Mapping[str, Any] = _NO_OPTIONS
    today: dt.date | None = None
    stop: Callable[[], bool] | None = None


class ChecksStopped(Exception):
    """`CheckContext.stop` said the run is no longer wanted."""


_T = TypeVar("_T")
_STOP_EVERY = 64  # items between two looks at `stop` (a look is a few microseconds)


def stoppable(items: Iterable[_T], stop: Callable[[], bool] | None,
              every: int = _STOP_EVERY) -> Iterator[_T]:
    """`items`, raising ChecksStopped once `stop()` is True (looked at before every
    `every`-th item).

    >>> list(stoppable(range(3), None))
    [0, 1, 2]
    >>> list(stoppable(range(100), lambda: True))
    Traceback (most recent call last):
    ...
    columnist.review.checks.ChecksStopped
    """
    for n, item in enumerate(items):
        if stop is not None and n % every == 0 and stop():
            raise ChecksStopped
        yield item


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
        >>> CHECKS[0].option(CheckContext(None, {"claims/max_age_years": 5}), "max_age_years")
        5
        """
        for declared in self.options:
            if declared.name == name:
                return context.options.get(f"{self.key}/{name}", declared.default)
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
    return check_spelling(column, cache_path=context.cache_path, stop=context.stop)


def _plain_english(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.plain_english import check_plain_english

    check = check_by_key("plain_english")
    return check_plain_english(
        column, max_sentence_words=int(check.option(context, "max_sentence_words")),
        max_reading_age=int(check.option(context, "max_reading_age")), stop=context.stop)


def _house_style(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.house_style import check_house_style

    case = str(check_by_key("house_style").option(context, "rating_case"))
    return check_house_style(column, rating_case=case, stop=context.stop)


def _links_images(column: ColumnModel, context: CheckContext) -> list[Finding]:
    from columnist.review.links_images import check_links_images

    return check_links_images(column)


# Written out here rather than imported: importing the checks' modules would cost the
# first window their regular expressions and word lists (tests keep the two in step).
DEFAULT_MAX_SENTENCE_WORDS = 25
DEFAULT_MAX_READING_AGE = 14
RATING_CASES = ("Capitalised", "lower case")

CHECKS: tuple[Check, ...] = (
    Check("claims", "Rating claims", _rating_claims, needs_ratings=True, options=(
        CheckOption("max_age_years", int, DEFAULT_MAX_AGE_YEARS,
                    "Warn when a rating is older than (years)", limits=(1, 10)),
    )),
    Check("spelling", "Spelling (British English)", _spelling),
    Check("plain_english", "Plain English", _plain_english, options=(
        CheckOption("max_sentence_words", int, DEFAULT_MAX_SENTENCE_WORDS,
                    "Warn when a sentence is longer than (words)", limits=(10, 60)),
        CheckOption("max_reading_age", int, DEFAULT_MAX_READING_AGE,
                    "Suggest simpler writing above a reading age of", limits=(9, 21)),
    )),
    Check("house_style", "House style", _house_style, options=(
        CheckOption("rating_case", str, RATING_CASES[0], "Rating words (“rated Good”)",
                    choices=RATING_CASES),
    )),
    Check("links_images", "Links and images", _links_images),
)

# The writing checks: advice on the words (warnings and suggestions), beside the claims.
WRITING_CHECKS = ("spelling", "plain_english", "house_style", "links_images")


def check_by_key(key: str) -> Check:
    """The check called `key` (KeyError names the known ones)."""
    for check in CHECKS:
        if check.key == key:
            return check
    raise KeyError(f"no check {key!r}; known: {', '.join(c.key for c in CHECKS)}")


def reading_age(column: ColumnModel, context: CheckContext) -> int:
    """The column's reading age for the status bar (0 with no sentence), read with the
    plain-English check's sentence limit so it shares that check's remembered blocks,
    whether or not that check is on."""
    from columnist.review.plain_english import column_reading_age

    limit = int(check_by_key("plain_english").option(context, "max_sentence_words"))
    return column_reading_age(column, max_sentence_words=limit, stop=context.stop)


def run_checks(
    column: ColumnModel,
    context: CheckContext,
    enabled: Collection[str] | None = None,
) -> list[Finding]:
    """The findings of every enabled check (all when `enabled` is None), by position.
    Raises ChecksStopped when `context.stop` says so."""
    found: list[Finding] = []
    for check in stoppable(CHECKS, context.stop, every=1):
        if enabled is not None and check.key not in enabled:
            continue
        if check.needs_ratings and context.cache_path is None:
            continue
        found.extend(check.run(column, context))
    found.sort(key=lambda f: (f.start, f.end))
    return found
