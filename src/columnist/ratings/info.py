"""What is in the rating cache, where it came from and how current it is.

One summary for `columnist ratings info` and the GUI's "About the ratings" view: counts,
the imports made (source, edition date, when), the "as published up to" date with an age
warning, the last API sync and the attribution the Open Government Licence requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from columnist.markdown.cqc_urls import page_url
from columnist.ratings import provenance
from columnist.ratings.connection import CacheDb
from columnist.ratings.lookup import current_rating
from columnist.ratings.schema import KEY_QUESTIONS, OVERALL_SERVICE


@dataclass
class SourceInfo:
    """One row of `imports`."""

    id: int
    source: str
    file_name: str | None
    edition_date: str | None
    imported_at: str | None
    providers_added: int | None
    locations_added: int | None
    ratings_added: int | None
    ratings_flagged: int | None


@dataclass
class CacheInfo:
    """Counts, sources and currency of the cache."""

    providers: int
    nhs_trusts: int
    open_nhs_trusts: int
    locations: int
    ratings: int
    flagged_ratings: int
    as_of: str | None
    as_of_label: str
    age_warning: str | None
    last_api_sync: str | None
    attribution: str
    sources: list[SourceInfo] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _count(db: CacheDb, sql: str) -> int:
    try:
        row = db.conn.execute(sql).fetchone()
    except Exception:  # a table missing from an old or partial cache counts as empty
        return 0
    return int(row[0] or 0) if row else 0


def cache_info(db: CacheDb, today: dt.date | None = None) -> CacheInfo:
    """Summarise the cache (cheap: a handful of COUNTs)."""
    sources: list[SourceInfo] = []
    if "imports" in db.table_names():
        for row in db.conn.execute(
            "SELECT id, source, file_name, edition_date, imported_at, providers_added, "
            "locations_added, ratings_added, ratings_flagged FROM imports ORDER BY id"
        ):
            sources.append(SourceInfo(*row))
    last_sync = None
    if "sync_state" in db.table_names():
        row = db.conn.execute(
            "SELECT value FROM sync_state WHERE key = 'api_last_sync'"
        ).fetchone()
        last_sync = row[0] if row else None
    return CacheInfo(
        providers=_count(db, "SELECT COUNT(*) FROM providers"),
        nhs_trusts=_count(db, "SELECT COUNT(*) FROM providers WHERE is_nhs_trust = 1"),
        open_nhs_trusts=_count(
            db,
            "SELECT COUNT(*) FROM providers WHERE is_nhs_trust = 1 "
            "AND COALESCE(status, 'open') = 'open'",
        ),
        locations=_count(db, "SELECT COUNT(*) FROM locations"),
        ratings=_count(db, "SELECT COUNT(*) FROM ratings"),
        flagged_ratings=_count(db, "SELECT COUNT(*) FROM ratings WHERE flagged = 1"),
        as_of=provenance.as_of(db),
        as_of_label=provenance.as_of_label(db),
        age_warning=provenance.age_warning(db, today),
        last_api_sync=last_sync,
        attribution=provenance.ATTRIBUTION,
        sources=sources,
    )


@dataclass
class SubjectDetail:
    """A provider or location with its current ratings and full history (`ratings show`)."""

    kind: str
    id: str
    name: str | None
    type: str | None
    town: str | None
    postcode: str | None
    status: str | None
    url: str | None
    provider_id: str | None
    provider_name: str | None
    is_nhs_trust: bool
    also_known_as: str | None
    location_count: int
    current: list[dict]  # service "Overall": one per key question, newest
    services: list[dict]  # current rating per other service (Overall key question)
    history: list[dict]  # service "Overall", every key question, newest first

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def overall(self) -> dict | None:
        """The current overall rating (the one lookup's), or None when not rated."""
        return next((c for c in self.current if c["key_question"] == OVERALL_SERVICE), None)

    @property
    def key_questions(self) -> list[dict]:
        """The current rating of each of the five key questions that has one, in CQC's
        order (Safe, Effective, Caring, Responsive, Well-led)."""
        return [c for c in self.current if c["key_question"] != OVERALL_SERVICE]

    @property
    def previous_overall(self) -> dict | None:
        """The overall rating the current one replaced (the newest one published before
        it), or None when there is no earlier one in the cache."""
        now = self.overall
        if now is None:
            return None
        return next((h for h in self.history if h["key_question"] == OVERALL_SERVICE
                     and h["published"] < now["published"]), None)


def subject_detail(
    db: CacheDb, subject_id: str, kind: str | None = None
) -> SubjectDetail | None:
    """Look up a provider or location by CQC ID or ODS code (case-insensitive).

    `kind` ("provider" or "location", what a CQC link or a search hit says) looks only
    there; None looks at providers, then locations (`columnist ratings show ID`).
    """
    found = current_rating(db, kind, subject_id)
    if found is None:
        return None
    conn = db.conn
    order = {q: i for i, q in enumerate(KEY_QUESTIONS)}
    table = "providers" if found.kind == "provider" else "locations"
    row = conn.execute(
        f"SELECT url, also_known_as FROM {table} WHERE id = ?", (found.id,)
    ).fetchone()
    url, also_known_as = row
    rows = conn.execute(
        "SELECT service, key_question, rating, published, flagged, inherited FROM ratings "
        "WHERE subject_type = ? AND subject_id = ? ORDER BY published DESC",
        (found.kind, found.id),
    ).fetchall()
    # The overall rating is the lookup's, the one the badges and search show; the other
    # key questions are current by the same rule (newest first).
    current: dict[str, dict] = {}
    if found.published is not None:
        current[OVERALL_SERVICE] = {
            "service": OVERALL_SERVICE, "key_question": OVERALL_SERVICE,
            "rating": found.rating, "published": found.published,
            "flagged": found.flagged, "inherited": found.inherited,
        }
    services: dict[str, dict] = {}
    history: list[dict] = []
    for service, question, rating, published, flagged, inherited in rows:
        item = {"service": service, "key_question": question, "rating": rating,
                "published": published, "flagged": bool(flagged), "inherited": bool(inherited)}
        if service == OVERALL_SERVICE:
            history.append(item)
            current.setdefault(question, item)
        elif question == OVERALL_SERVICE:
            services.setdefault(service, item)
    provider_name = None
    if found.kind == "location" and found.provider_id:
        named = conn.execute(
            "SELECT name FROM providers WHERE id = ?", (found.provider_id,)
        ).fetchone()
        provider_name = named[0] if named else None
    location_count = 0
    if found.kind == "provider":
        location_count = int(conn.execute(
            "SELECT COUNT(*) FROM locations WHERE provider_id = ?", (found.id,)
        ).fetchone()[0])
    history.sort(key=lambda h: (h["published"], -order.get(h["key_question"], 99)),
                 reverse=True)
    return SubjectDetail(
        kind=found.kind,
        id=found.id,
        name=found.name,
        type=found.type,
        town=found.town,
        postcode=found.postcode,
        status=found.status,
        url=url or page_url(found.kind, found.id),
        provider_id=found.provider_id if found.kind == "location" else None,
        provider_name=provider_name,
        is_nhs_trust=found.is_nhs_trust,
        also_known_as=also_known_as,
        location_count=location_count,
        current=sorted(current.values(), key=lambda c: order.get(c["key_question"], 99)),
        services=sorted(services.values(), key=lambda s: s["service"]),
        history=history,
    )
