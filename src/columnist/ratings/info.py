"""What is in the rating cache, where it came from and how current it is.

One summary for `columnist ratings info` and the GUI's "About the ratings" view: counts,
the imports made (source, edition date, when), the "as published up to" date with an age
warning, the last API sync and the attribution the Open Government Licence requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import sqlite_utils

from columnist.ratings import provenance
from columnist.ratings.cqc_urls import page_url


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


def _count(db: sqlite_utils.Database, sql: str) -> int:
    try:
        row = db.conn.execute(sql).fetchone()
    except Exception:  # a table missing from an old or partial cache counts as empty
        return 0
    return int(row[0] or 0) if row else 0


def cache_info(db: sqlite_utils.Database, today: dt.date | None = None) -> CacheInfo:
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


def subject_detail(db: sqlite_utils.Database, subject_id: str) -> SubjectDetail | None:
    """Look up a provider or location by CQC ID or ODS code (case-insensitive)."""
    wanted = subject_id.strip()
    conn = db.conn
    for kind, table in (("provider", "providers"), ("location", "locations")):
        row = conn.execute(
            f"SELECT * FROM {table} WHERE id = ? COLLATE NOCASE "
            "OR ods_code = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1",
            (wanted, wanted, wanted),
        ).fetchone()
        if row is None:
            continue
        cols = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        rec = dict(zip(cols, row, strict=True))
        return _detail(db, kind, rec)
    return None


def _detail(db: sqlite_utils.Database, kind: str, rec: dict) -> SubjectDetail:
    conn = db.conn
    order = {q: i for i, q in enumerate(("Overall", "Safe", "Effective", "Caring",
                                         "Responsive", "Well-led"))}
    rows = conn.execute(
        "SELECT service, key_question, rating, published, flagged, inherited FROM ratings "
        "WHERE subject_type = ? AND subject_id = ? ORDER BY published DESC",
        (kind, rec["id"]),
    ).fetchall()
    current: dict[str, dict] = {}
    services: dict[str, dict] = {}
    history: list[dict] = []
    for service, question, rating, published, flagged, inherited in rows:
        item = {"service": service, "key_question": question, "rating": rating,
                "published": published, "flagged": bool(flagged), "inherited": bool(inherited)}
        if service == "Overall":
            history.append(item)
            current.setdefault(question, item)
        elif question == "Overall":
            services.setdefault(service, item)
    provider_name = None
    if kind == "location" and rec.get("provider_id"):
        found = conn.execute(
            "SELECT name FROM providers WHERE id = ?", (rec["provider_id"],)
        ).fetchone()
        provider_name = found[0] if found else None
    location_count = 0
    if kind == "provider":
        location_count = int(conn.execute(
            "SELECT COUNT(*) FROM locations WHERE provider_id = ?", (rec["id"],)
        ).fetchone()[0])
    history.sort(key=lambda h: (h["published"], -order.get(h["key_question"], 99)),
                 reverse=True)
    return SubjectDetail(
        kind=kind,
        id=rec["id"],
        name=rec.get("name"),
        type=rec.get("type"),
        town=rec.get("town"),
        postcode=rec.get("postcode"),
        status=rec.get("status"),
        url=rec.get("url") or page_url(kind, rec["id"]),
        provider_id=rec.get("provider_id") if kind == "location" else None,
        provider_name=provider_name,
        is_nhs_trust=bool(rec.get("is_nhs_trust")),
        also_known_as=rec.get("also_known_as"),
        location_count=location_count,
        current=sorted(current.values(), key=lambda c: order.get(c["key_question"], 99)),
        services=sorted(services.values(), key=lambda s: s["service"]),
        history=history,
    )
