"""How a rating is said in a column: "rated Good in March 2019", and dates in English.

The trust picker writes the phrase after a trust's name (Alt+Enter), and the changes
panel and the claim checker say ratings the same way, so the wording lives here once.
A column is written in English whatever the desktop's language: Qt sets the C library's
locale from the desktop, so `strftime("%B")` could write "März"; months are named here.

>>> rating_phrase("Good", "2019-03-05")
'rated Good in March 2019'
>>> with_rating("The Royal Marsden NHS Foundation Trust", "Outstanding", "2018-09-18")
'The Royal Marsden NHS Foundation Trust, rated Outstanding in September 2018'
>>> rating_phrase("Inspected but not rated", "2019-03-05") is None  # not a grade: no claim
True
>>> month_year("2018-11-06"), short_month_year("2018-11-06"), day_month_year("2018-11-06")
('November 2018', 'Nov 2018', '6 Nov 2018')
"""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _day(iso_date: str | dt.date) -> dt.date | None:
    if isinstance(iso_date, dt.datetime):
        return iso_date.date()
    if isinstance(iso_date, dt.date):
        return iso_date
    try:
        return dt.date.fromisoformat(str(iso_date).strip()[:10])
    except ValueError:
        return None


def month_year(iso_date: str | dt.date) -> str:
    """'2019-03-05' → 'March 2019' ('' when it is not a date)."""
    day = _day(iso_date)
    return f"{MONTHS[day.month - 1]} {day.year}" if day else ""


def short_month_year(iso_date: str | dt.date) -> str:
    """'2019-03-05' → 'Mar 2019' (badges; '' when it is not a date)."""
    day = _day(iso_date)
    return f"{MONTHS[day.month - 1][:3]} {day.year}" if day else ""


def day_month_year(iso_date: str | dt.date) -> str:
    """'2019-03-05' → '5 Mar 2019' (details; '' when it is not a date)."""
    day = _day(iso_date)
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}" if day else ""


def rating_phrase(rating: str | None, published: str | dt.date | None) -> str | None:
    """'rated Good in March 2019'; None when there is no grade or no date to say.

    Only CQC's four grades make a claim a reader can check; "Inspected but not rated" or
    an unknown word gives None, and the caller writes the name alone.
    """
    from columnist.ratings.schema import RATING_WORDS  # (sqlite-utils: not at start-up)

    word = (rating or "").strip()
    when = month_year(published) if published else ""
    if word not in RATING_WORDS or not when:
        return None
    return f"rated {word} in {when}"


def with_rating(name: str, rating: str | None, published: str | dt.date | None) -> str:
    """`name`, then ', rated … in …' when there is a rating to say; else `name` alone."""
    phrase = rating_phrase(rating, published)
    return f"{name}, {phrase}" if phrase else name
