"""The one rating lookup: a provider's or location's current overall CQC rating, with its date.

Everything that shows or checks "the current rating of this trust" asks here: the
preview's badges (`ratings.badges`), search results (`ratings.search`), `ratings show`
(`ratings.info`), and next the claim checker and the trust picker. So a rating word, its
date and the rule for "current" are decided once:

* the subject is found by CQC ID, else by ODS code (case-insensitive; an exact ID wins);
* its current overall rating is the newest row with service and key question "Overall"
  (one row per date: the ratings table's unique index guarantees it).

    >>> import sqlite_utils
    >>> from columnist.ratings.schema import ensure_schema
    >>> db = sqlite_utils.Database(memory=True)
    >>> ensure_schema(db)
    >>> _ = db["providers"].insert({"id": "RJ1", "name": "Guy's", "ods_code": "RJ1"})
    >>> _ = db["ratings"].insert_all([
    ...     {"subject_type": "provider", "subject_id": "RJ1", "service": "Overall",
    ...      "key_question": "Overall", "rating": word, "published": day}
    ...     for word, day in (("Requires improvement", "2014-06-01"), ("Good", "2016-03-24"))])
    >>> found = current_rating(db, "provider", "rj1")
    >>> found.rating, found.published, found.name, found.is_open
    ('Good', '2016-03-24', "Guy's", True)
    >>> current_rating(db, "location", "RJ1") is None
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from columnist.ratings.connection import CacheDb
from columnist.ratings.schema import OVERALL_SERVICE

KINDS = ("provider", "location")
_TABLES = {"provider": "providers", "location": "locations"}
_CLOSED = ("closed", "deregistered", "inactive")
_SUBJECT_COLS = ("id", "name", "type", "town", "postcode", "status")


def is_open(status: str | None) -> bool:
    """Whether a cached status means the subject is still registered (no status: open).

    >>> is_open(None), is_open("Open"), is_open("Deregistered")
    (True, True, False)
    """
    return (status or "open").strip().lower() not in _CLOSED


@dataclass(frozen=True)
class CurrentRating:
    """A subject in the cache and its current overall rating (`rating` None: not rated)."""

    kind: str  # provider | location
    id: str
    name: str | None
    type: str | None
    town: str | None
    postcode: str | None
    status: str | None  # as cached: "open", "closed" (None: the source gave none, open)
    is_nhs_trust: bool
    provider_id: str | None  # a location's provider; a provider's own ID
    rating: str | None  # "Good", "Requires improvement", … as cached
    published: str | None  # ISO date CQC published that rating
    flagged: bool  # the rating word is not one CQC normally uses
    inherited: bool  # the rating was inherited from a previous registration

    @property
    def is_open(self) -> bool:
        """Open (registered) rather than closed; the trust picker lists closed ones last."""
        return is_open(self.status)


def _select(kind: str, where: str) -> str:
    """Subjects of `kind` matching `where`, each with its newest overall rating row."""
    table = _TABLES[kind]
    extra = "s.is_nhs_trust, s.id" if kind == "provider" else "0, s.provider_id"
    return (
        f"SELECT {', '.join('s.' + c for c in _SUBJECT_COLS)}, {extra}, "
        f"r.rating, r.published, r.flagged, r.inherited FROM {table} s "
        "LEFT JOIN ratings r ON r.rowid = ("
        "SELECT rowid FROM ratings WHERE subject_type = ? AND subject_id = s.id "
        f"AND service = '{OVERALL_SERVICE}' AND key_question = '{OVERALL_SERVICE}' "
        f"ORDER BY published DESC LIMIT 1) WHERE {where}"
    )


def _current(kind: str, row: tuple) -> CurrentRating:
    (id_, name, type_, town, postcode, status, trust, provider_id,
     rating, published, flagged, inherited) = row
    return CurrentRating(
        kind=kind, id=id_, name=name, type=type_, town=town, postcode=postcode,
        status=status, is_nhs_trust=bool(trust), provider_id=provider_id, rating=rating,
        published=published, flagged=bool(flagged), inherited=bool(inherited),
    )


def current_ratings(
    db: CacheDb, kind: str, ids: Iterable[str]
) -> dict[str, CurrentRating]:
    """`current_rating` for many exact IDs of one kind at once (one query: a page of
    search results); IDs not in the cache are left out."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = db.conn.execute(_select(kind, f"s.id IN ({marks})"), (kind, *wanted)).fetchall()
    return {row[0]: _current(kind, row) for row in rows}


def current_rating(
    db: CacheDb, kind: str | None, ident: str
) -> CurrentRating | None:
    """The subject `ident` (CQC ID or ODS code) and its current overall rating.

    `kind` is "provider" or "location" (what a CQC link says); None looks at providers,
    then locations (`columnist ratings show RA7`). None when the cache has no such subject.
    """
    wanted = (ident or "").strip()
    if not wanted:
        return None
    conn = db.conn
    for each in (kind,) if kind is not None else KINDS:
        # The exact ID first: it uses the primary key; only a typed ODS code or another
        # case scans the table.
        row = conn.execute(_select(each, "s.id = ?"), (each, wanted)).fetchone()
        if row is None:
            row = conn.execute(
                _select(each, "s.id = ? COLLATE NOCASE OR s.ods_code = ? COLLATE NOCASE "
                        "ORDER BY s.id = ? DESC LIMIT 1"),
                (each, wanted, wanted, wanted),
            ).fetchone()
        if row is not None:
            return _current(each, row)
    return None
