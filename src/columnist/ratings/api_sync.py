"""Refresh the rating cache from CQC's API: fetch everything first, apply it all at once.

A sync runs in two phases so that it never half-applies:

1. **Fetch** (slow, may fail or be cancelled): list the providers (a full sync) or the
   providers changed since the last sync (`/changes/provider`), fetch each one kept
   (NHS trusts and independent hospitals by default, `scope="all"` for everyone) and its
   locations, with their current and historic ratings. Every answer is appended to a
   staging file beside the cache (`ratings.db.sync/`), never to the cache itself.
2. **Apply** (fast, one transaction of the cache writer, `ratings.writer`): map the
   staged answers into providers, locations and ratings rows (the writer's change-only
   upsert; a value the API leaves out keeps the cached one), record the import and the
   sync time, rebuild the search index, commit. Any error rolls the whole thing back.

If the fetch phase stops (no network, HTTP 500 on one provider, Ctrl+C), the cache is
exactly as it was and the staging file keeps what was fetched: the next sync with the
same settings continues where this one stopped instead of starting again.

Usage::

    client = CqcApiClient(api_base_url(configured_url), resolve_api_key())
    report = sync(db, client, progress=lambda done, total, msg: print(done, total, msg))
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from columnist.document.atomic import atomic_write_bytes
from columnist.markdown.cqc_urls import location_url, provider_url
from columnist.ratings.api_client import (
    CqcApiClient,
    CqcApiError,
    CqcCancelled,
    CqcNotFound,
)
from columnist.ratings.schema import ensure_schema
from columnist.ratings.search import rebuild_index
from columnist.ratings.vocabulary import normalise_key_question, normalise_rating
from columnist.ratings.writer import (
    LOCATION_COLS,
    PROVIDER_COLS,
    RATING_COLS,
    insert_sql,
    transaction,
    upsert,
    upsert_sql,
)

Progress = Callable[[int, int, str], None]

NHS_TYPE = "NHS Healthcare Organisation"
INDEPENDENT_TYPE = "Independent Healthcare Org"
KEPT_TYPES = frozenset({NHS_TYPE, INDEPENDENT_TYPE})
LAST_SYNC_KEY = "api_last_sync"
LAST_URL_KEY = "api_base_url"
STAGING_VERSION = 1
SOURCE = "cqc-api"


class SyncCancelled(CqcApiError):
    """The user stopped the sync; what was fetched is kept for the next run."""


@dataclass
class SyncReport:
    """What a sync did (for the CLI, the GUI and the imports row)."""

    mode: str  # full | changes
    start: str | None
    end: str
    resumed: bool = False
    providers_listed: int = 0
    providers_fetched: int = 0
    providers_skipped: int = 0
    locations_fetched: int = 0
    providers_added: int = 0
    locations_added: int = 0
    ratings_added: int = 0
    ratings_flagged: int = 0
    import_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ mapping (pure)


def _date(value: Any) -> str | None:
    text = str(value or "").strip()
    return text[:10] if len(text) >= 10 else None


def _status(record: dict) -> str:
    status = str(record.get("registrationStatus") or "Registered").lower()
    return "closed" if status.startswith("dereg") else "open"


def provider_row(record: dict, import_id: int | None) -> dict:
    """A `providers` row from a `GET /providers/{id}` answer (None = keep what is cached)."""
    pid = str(record["providerId"])
    type_ = record.get("type")
    return {
        "id": pid,
        "name": record.get("name"),
        "ods_code": record.get("odsCode") or (None if pid.startswith("1-") else pid),
        "type": type_,
        "also_known_as": record.get("alsoKnownAs"),
        "street": record.get("postalAddressLine1"),
        "town": record.get("postalAddressTownCity"),
        "postcode": record.get("postalCode"),
        "region": record.get("region"),
        "status": _status(record),
        "opened": _date(record.get("registrationDate")),
        "closed": _date(record.get("deregistrationDate")),
        "url": provider_url(pid),
        "is_nhs_trust": int(type_ == NHS_TYPE),
        "source_id": import_id,
    }


def location_row(record: dict, import_id: int | None) -> dict:
    """A `locations` row from a `GET /locations/{id}` answer."""
    lid = str(record["locationId"])
    care_home = record.get("careHome")
    return {
        "id": lid,
        "provider_id": record.get("providerId"),
        "name": record.get("name"),
        "ods_code": record.get("odsCode") or (None if lid.startswith("1-") else lid),
        "type": record.get("type"),
        "care_home": None if care_home is None else int(str(care_home).upper() == "Y"),
        "also_known_as": record.get("alsoKnownAs"),
        "street": record.get("postalAddressLine1"),
        "town": record.get("postalAddressTownCity"),
        "postcode": record.get("postalCode"),
        "region": record.get("region"),
        "status": _status(record),
        "url": location_url(lid),
        "source_id": import_id,
    }


def rating_rows(subject_type: str, record: dict, import_id: int | None) -> list[dict]:
    """Long-form rating rows from a record's `currentRatings` and `historicRatings`.

    Key questions are matched by *name* (the API's order varies); a provider may have no
    `currentRatings.overall`; `organisationId` on a rating marks it inherited.
    """
    subject_id = str(record["providerId"] if subject_type == "provider" else record["locationId"])
    areas = {
        a.get("inspectionAreaId"): a.get("inspectionAreaName")
        for a in record.get("inspectionAreas") or []
        if isinstance(a, dict)
    }
    report_types = {
        r.get("linkId"): r.get("reportType")
        for r in record.get("reports") or []
        if isinstance(r, dict)
    }
    rows: list[dict] = []

    def add(service: str, question: str, raw: Any, date: Any, link: Any, inherited: bool):
        word = normalise_rating(raw)
        published = _date(date)
        if word is None or published is None:
            return
        kq, kq_flagged = normalise_key_question(question)
        rows.append(
            {
                "subject_type": subject_type,
                "subject_id": subject_id,
                "service": service,
                "key_question": kq,
                "rating": word.rating,
                "rating_raw": word.raw,
                "flagged": int(word.flagged or kq_flagged),
                "published": published,
                "report_type": report_types.get(link),
                "inherited": int(inherited),
                "source_id": import_id,
            }
        )

    def add_block(service: str, block: dict, date: Any, link: Any, inherited: bool) -> None:
        block_date = block.get("reportDate") or date
        block_link = block.get("reportLinkId") or link
        inherited = inherited or bool(block.get("organisationId"))
        add(service, "Overall", block.get("rating"), block_date, block_link, inherited)
        for kq in block.get("keyQuestionRatings") or []:
            if isinstance(kq, dict) and kq.get("name"):
                add(
                    service,
                    str(kq["name"]),
                    kq.get("rating"),
                    kq.get("reportDate") or block_date,
                    kq.get("reportLinkId") or block_link,
                    inherited or bool(kq.get("organisationId")),
                )

    def add_services(services: Iterable, date: Any, link: Any) -> None:
        for svc in services or []:
            if isinstance(svc, dict) and svc.get("name"):
                name = areas.get(svc["name"]) or str(svc["name"])
                add_block(name, svc, date, link, False)

    current = record.get("currentRatings") or {}
    if isinstance(current, dict):
        if isinstance(current.get("overall"), dict):
            add_block("Overall", current["overall"], current.get("reportDate"), None, False)
        add_services(current.get("serviceRatings"), current.get("reportDate"), None)
    for past in record.get("historicRatings") or []:
        if not isinstance(past, dict):
            continue
        if isinstance(past.get("overall"), dict):
            add_block("Overall", past["overall"], past.get("reportDate"),
                      past.get("reportLinkId"), False)
        add_services(past.get("serviceRatings"), past.get("reportDate"), past.get("reportLinkId"))
    return rows


# ------------------------------------------------------------------------ staging


class Staging:
    """What a sync has fetched but not applied: `plan.json` + `records.jsonl`."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.plan_path = directory / "plan.json"
        self.records_path = directory / "records.jsonl"

    def load_plan(self) -> dict | None:
        try:
            plan = json.loads(self.plan_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return plan if isinstance(plan, dict) and plan.get("version") == STAGING_VERSION else None

    def save_plan(self, plan: dict) -> None:
        """Replace the plan atomically (and durably): a crash keeps the previous one."""
        self.dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.plan_path, json.dumps(plan).encode("utf-8"))

    def records(self) -> list[dict]:
        """Every complete line (a line cut short by a crash is ignored and refetched)."""
        out = []
        try:
            with open(self.records_path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        out.append(json.loads(line))
                    except ValueError:
                        continue
        except OSError:
            return []
        return out

    def append(self, kind: str, id_: str, data: Any) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.records_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"kind": kind, "id": id_, "data": data}) + "\n")

    def clear(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def default_staging_dir(db: sqlite_utils.Database) -> Path:
    """`<cache>.sync/` beside the cache file (the data dir for an in-memory cache)."""
    path = next((r[2] for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if path:
        return Path(path + ".sync")
    from columnist import paths

    return paths.data_dir() / "ratings.db.sync"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def last_sync(db: sqlite_utils.Database) -> str | None:
    """ISO timestamp the last successful API sync covered up to, or None."""
    if "sync_state" not in db.table_names():
        return None
    row = db.conn.execute("SELECT value FROM sync_state WHERE key = ?", (LAST_SYNC_KEY,)).fetchone()
    return row[0] if row else None


# ------------------------------------------------------------------------- sync


def sync(
    db: sqlite_utils.Database,
    client: CqcApiClient,
    *,
    full: bool = False,
    scope: str = "trusts",
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    staging_dir: Path | None = None,
    now: dt.datetime | None = None,
    per_page: int = 1000,
) -> SyncReport:
    """Fetch from the CQC API, then apply everything in one transaction (see module doc)."""
    ensure_schema(db)
    cancel = cancel or client.cancel
    client.cancel = cancel
    report_progress = progress or (lambda done, total, message: None)
    staging = Staging(staging_dir or default_staging_dir(db))
    previous = last_sync(db)
    mode = "full" if full or previous is None else "changes"

    plan = staging.load_plan()
    wanted = {"base_url": client.base_url, "scope": scope, "mode": mode}
    if plan and all(plan.get(k) == v for k, v in wanted.items()) and (
        mode == "full" or plan.get("start") == previous
    ):
        resumed = True
    else:
        staging.clear()
        resumed = False
        plan = {
            "version": STAGING_VERSION,
            **wanted,
            "start": previous if mode == "changes" else None,
            "end": _stamp(now or _now()),
            "provider_ids": [],
            "pages_done": 0,
            "listed": False,
        }
    report = SyncReport(mode=mode, start=plan["start"], end=plan["end"], resumed=resumed)

    try:
        _list(db, client, plan, staging, report_progress, cancel, per_page)
        records = _fetch(db, client, plan, staging, report, report_progress, cancel, scope)
    except CqcCancelled:
        raise SyncCancelled(
            "sync cancelled; the cache is unchanged. What was fetched is kept and the next "
            "`columnist ratings sync` continues from there."
        ) from None
    report_progress(len(plan["provider_ids"]), len(plan["provider_ids"]), "applying")
    _apply(db, client, records, report)
    staging.clear()
    report_progress(len(plan["provider_ids"]), len(plan["provider_ids"]), "done")
    return report


def _list(db, client, plan, staging, progress, cancel, per_page) -> None:
    """Fill `plan["provider_ids"]` (all providers, or the changed ones)."""
    if plan["listed"]:
        return
    if plan["mode"] == "changes":
        progress(0, 0, f"asking CQC which providers changed since {plan['start']}")
        ids = list(dict.fromkeys(client.iter_changed_providers(plan["start"], plan["end"])))
        plan["provider_ids"] = ids
    else:
        ids = list(plan["provider_ids"])
        page = plan["pages_done"] + 1
        total_pages = None
        while total_pages is None or page <= total_pages:
            if cancel.is_set():
                raise CqcCancelled("cancelled")
            data = client.provider_page(page, per_page)
            total_pages = int(data.get("totalPages") or 1)
            ids.extend(str(p["providerId"]) for p in data["providers"] if p.get("providerId"))
            plan["provider_ids"] = list(dict.fromkeys(ids))
            plan["pages_done"] = page
            staging.save_plan(plan)
            progress(page, total_pages, f"listing providers: page {page} of {total_pages}")
            page += 1
    plan["listed"] = True
    staging.save_plan(plan)


def _fetch(db, client, plan, staging, report, progress, cancel, scope) -> list[dict]:
    """Fetch each listed provider (and its locations) not yet staged."""
    records = staging.records()
    done_providers = {r["id"] for r in records if r["kind"] in ("provider", "skip")}
    have_locations = {r["id"] for r in records if r["kind"] == "location"}
    ids = plan["provider_ids"]
    report.providers_listed = len(ids)
    cached = {
        r[0]: r[1]
        for r in db.conn.execute("SELECT id, type FROM providers")
    }
    if report.resumed and done_providers:
        progress(len(done_providers), len(ids),
                 f"resuming: {len(done_providers)} of {len(ids)} providers already fetched")
    for number, pid in enumerate(ids, start=1):
        if pid in done_providers:
            continue
        if cancel.is_set():
            raise CqcCancelled("cancelled")
        # A full sync of trusts need not fetch a provider the cache already knows is
        # neither an NHS trust nor an independent hospital (most of CQC's register).
        if (scope != "all" and plan["mode"] == "full" and cached.get(pid)
                and cached[pid] not in KEPT_TYPES):
            rec = {"kind": "skip", "id": pid, "data": "not in scope (cached type)"}
            staging.append("skip", pid, rec["data"])
            records.append(rec)
            continue
        progress(number - 1, len(ids), f"fetching provider {pid}")
        try:
            provider = client.provider(pid)
        except CqcNotFound:
            staging.append("skip", pid, "not found")
            records.append({"kind": "skip", "id": pid, "data": "not found"})
            continue
        in_scope = scope == "all" or provider.get("type") in KEPT_TYPES or (
            plan["mode"] == "changes" and pid in cached
        )
        if not in_scope:
            staging.append("skip", pid, "not in scope")
            records.append({"kind": "skip", "id": pid, "data": "not in scope"})
            continue
        location_ids = provider.get("locationIds")
        if not isinstance(location_ids, list):
            listing = client.get_json(f"/providers/{pid}/locations")
            items = listing.get("locations", []) if isinstance(listing, dict) else []
            location_ids = [i.get("locationId") for i in items if isinstance(i, dict)]
        for lid in location_ids:
            lid = str(lid)
            if not lid or lid in have_locations:
                continue
            if cancel.is_set():
                raise CqcCancelled("cancelled")
            try:
                location = client.location(lid)
            except CqcNotFound:
                continue
            staging.append("location", lid, location)
            records.append({"kind": "location", "id": lid, "data": location})
            have_locations.add(lid)
        staging.append("provider", pid, provider)
        records.append({"kind": "provider", "id": pid, "data": provider})
        progress(number, len(ids), f"fetched {provider.get('name') or pid}")
    return records


def _apply(db: sqlite_utils.Database, client: CqcApiClient, records: list[dict],
           report: SyncReport) -> None:
    """Write every staged record in ONE transaction; on any error nothing is written."""
    providers = {r["id"]: r["data"] for r in records if r["kind"] == "provider"}
    kept_ids = set(providers)
    locations = {
        r["id"]: r["data"] for r in records
        if r["kind"] == "location" and str(r["data"].get("providerId")) in kept_ids
    }
    report.providers_fetched = len(providers)
    report.locations_fetched = len(locations)
    report.providers_skipped = sum(1 for r in records if r["kind"] == "skip")
    with transaction(db) as conn:
        imported_at = _stamp(_now())
        cur = conn.execute(
            "INSERT INTO imports (source, file_name, edition_date, imported_at, rows_read) "
            "VALUES (?, ?, ?, ?, ?)",
            (SOURCE, client.base_url, report.end[:10], imported_at,
             len(providers) + len(locations)),
        )
        import_id = int(cur.lastrowid)
        report.import_id = import_id
        p_rows = [provider_row(p, import_id) for p in providers.values()]
        l_rows = [location_row(loc, import_id) for loc in locations.values()]
        report.providers_added, _ = upsert(
            conn, upsert_sql("providers", PROVIDER_COLS),
            [(r["id"], *(r.get(c) for c in PROVIDER_COLS), import_id) for r in p_rows],
            "providers",
        )
        report.locations_added, _ = upsert(
            conn, upsert_sql("locations", LOCATION_COLS),
            [(r["id"], *(r.get(c) for c in LOCATION_COLS), import_id) for r in l_rows],
            "locations",
        )
        ratings = [row for p in providers.values() for row in rating_rows("provider", p, import_id)]
        ratings += [
            row for loc in locations.values() for row in rating_rows("location", loc, import_id)
        ]
        # The API adds rating history; a rating already cached for that date is kept.
        insert = insert_sql("ratings", RATING_COLS, keep_existing=True)
        for flagged in (0, 1):
            subset = [tuple(r[c] for c in RATING_COLS) for r in ratings if r["flagged"] == flagged]
            cur = conn.executemany(insert, subset)
            added = max(cur.rowcount, 0)
            report.ratings_added += added
            if flagged:
                report.ratings_flagged = added
        notes = f"{report.mode} sync" + (f" since {report.start}" if report.start else "")
        if report.providers_skipped:
            notes += f"; {report.providers_skipped} providers not kept"
        report.notes.append(notes)
        conn.execute(
            "UPDATE imports SET providers_added = ?, locations_added = ?, ratings_added = ?, "
            "ratings_flagged = ?, notes = ? WHERE id = ?",
            (report.providers_added, report.locations_added, report.ratings_added,
             report.ratings_flagged, notes, import_id),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)",
            [(LAST_SYNC_KEY, report.end), (LAST_URL_KEY, client.base_url)],
        )
        rebuild_index(db)
