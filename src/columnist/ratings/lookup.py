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

from dataclasses import asdict, dataclass

import sqlite_utils

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

    def as_dict(self) -> dict:
        """JSON-friendly form."""
        return asdict(self)


def _subject_row(db: sqlite_utils.Database, kind: str, ident: str) -> dict | None:
    table = _TABLES[kind]
    cols = ", ".join(_SUBJECT_COLS) + (
        ", is_nhs_trust, id AS provider_id" if kind == "provider" else ", 0, provider_id"
    )
    conn = db.conn
    # The exact ID first: it uses the primary key (a search result's ID always matches
    # here); only a typed ODS code or a different case scans the table.
    row = conn.execute(f"SELECT {cols} FROM {table} WHERE id = ?", (ident,)).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT {cols} FROM {table} WHERE id = ? COLLATE NOCASE "
            "OR ods_code = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1",
            (ident, ident, ident),
        ).fetchone()
    if row is None:
        return None
    return dict(zip((*_SUBJECT_COLS, "is_nhs_trust", "provider_id"), row, strict=True))


def current_rating(
    db: sqlite_utils.Database, kind: str | None, ident: str
) -> CurrentRating | None:
    """The subject `ident` (CQC ID or ODS code) and its current overall rating.

    `kind` is "provider" or "location" (what a CQC link says); None looks at providers,
    then locations (`columnist ratings show RA7`). None when the cache has no such subject.
    """
    wanted = (ident or "").strip()
    if not wanted:
        return None
    for each in (kind,) if kind is not None else KINDS:
        subject = _subject_row(db, each, wanted)
        if subject is not None:
            break
    else:
        return None
    newest = db.conn.execute(
        "SELECT rating, published, flagged, inherited FROM ratings "
        "WHERE subject_type = ? AND subject_id = ? AND service = ? AND key_question = ? "
        "ORDER BY published DESC LIMIT 1",
        (each, subject["id"], OVERALL_SERVICE, OVERALL_SERVICE),
    ).fetchone()
    rating, published, flagged, inherited = newest or (None, None, 0, 0)
    return CurrentRating(
        kind=each,
        id=subject["id"],
        name=subject["name"],
        type=subject["type"],
        town=subject["town"],
        postcode=subject["postcode"],
        status=subject["status"],
        is_nhs_trust=bool(subject["is_nhs_trust"]),
        provider_id=subject["provider_id"],
        rating=rating,
        published=published,
        flagged=bool(flagged),
        inherited=bool(inherited),
    )
