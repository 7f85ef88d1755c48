"""How current the cached ratings are, and the attribution the licence requires.

Every place that shows or uses a rating says how old it is ("CQC ratings as published up
to March 2019") and carries the Open Government Licence attribution; these helpers give
one wording for the GUI, the CLI and exports.
"""

from __future__ import annotations

import datetime as dt
import re

from columnist.ratings.connection import CacheDb
from columnist.ratings.phrases import month_year

ATTRIBUTION = (
    "Contains CQC data © Care Quality Commission. Contains NHS England ODS data. "
    "Open Government Licence v3.0."
)

# Imports whose edition date says how current the *ratings* are (an ODS trust list or the
# CQC directory carries names and addresses only, so it does not make ratings newer).
RATING_SOURCES = ("nhs-ratings-snapshot", "cqc-latest-ratings", "cqc-api")

STALE_AFTER_DAYS = 183  # about six months


def as_of(db: CacheDb) -> str | None:
    """ISO date the cached ratings are "as published up to": the latest rating edition.

    Falls back to the newest publication date in `ratings` when no import recorded an
    edition date; None when the cache holds no ratings at all.
    """
    if "imports" not in db.table_names():
        return None
    marks = ",".join("?" for _ in RATING_SOURCES)
    row = db.execute(
        f"SELECT MAX(edition_date) FROM imports WHERE source IN ({marks}) "
        "AND edition_date IS NOT NULL",
        RATING_SOURCES,
    ).fetchone()
    if row and row[0]:
        return str(row[0])[:10]
    if "ratings" in db.table_names():
        row = db.execute("SELECT MAX(published) FROM ratings").fetchone()
        if row and row[0]:
            return str(row[0])[:10]
    return None


def month_label(iso_date: str) -> str:
    """'2019-03-01' → 'March 2019' (in English whatever the desktop's language)."""
    return month_year(iso_date)


def as_of_label(db: CacheDb) -> str:
    """One line for the status bar / CLI: 'CQC ratings as published up to March 2019'."""
    date = as_of(db)
    if date is None:
        return "No CQC ratings in the cache yet"
    return f"CQC ratings as published up to {month_label(date)}"


def age_warning(db: CacheDb, today: dt.date | None = None) -> str | None:
    """A warning when the ratings are over six months old (or missing); None when fresh."""
    today = today or dt.date.today()
    date = as_of(db)
    if date is None:
        return (
            "No CQC ratings in the cache yet; import CQC's Latest ratings file with "
            "`columnist ratings import FILE` or run `columnist ratings sync`."
        )
    age = (today - dt.date.fromisoformat(date[:10])).days
    if age <= STALE_AFTER_DAYS:
        return None
    months = age * 12 // 365
    span = f"over {months // 12} years old" if months >= 24 else f"over {max(months, 6)} months old"
    return (
        f"CQC ratings as published up to {month_label(date)} — {span}; refresh with "
        "`columnist ratings import` or sync."
    )


def age_phrase(warning: str | None) -> str | None:
    """'over 7 years old' out of `age_warning`'s sentence (None when fresh).

    Beside `age_warning` so the phrase and the sentence it is cut from change together.
    """
    if not warning:
        return None
    match = re.search(r"— (over [^;]+old)", warning)
    return match.group(1) if match else warning
