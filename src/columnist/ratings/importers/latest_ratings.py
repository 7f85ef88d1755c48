"""CQC "Latest ratings" (`Latest_ratings.ods`, also `.xlsx` and `.csv` editions).

Long format: one row per provider/location, service or population group, and domain (key
question). We keep provider rows and location rows whose "Service / Population Group" is
"Overall" (the whole provider / whole site, for every provider type) and pivot on Domain
into the long-form `ratings` table; service-level rows are counted and skipped to keep the
cache small. Older editions call "Domain" "Key Question".

Edition date: a date in the file name ("01_September_2026_Latest_ratings.ods"), else the
latest Publication Date in the file.
"""

from __future__ import annotations

from typing import Any

from columnist.markdown.cqc_urls import location_url, provider_url
from columnist.ratings.importers.common import (
    Column,
    FoundTable,
    TableFormat,
    Writer,
    cell_text,
    parse_date,
)
from columnist.ratings.vocabulary import RatingWord, normalise_key_question, normalise_rating

_MISSING: Any = object()

_RATING_COLUMNS = (
    Column("service", ("Service / Population Group", "Service/Population Group")),
    Column("domain", ("Domain", "Key Question")),
    Column("rating", ("Latest Rating",)),
    Column("published", ("Publication Date",)),
    Column("report_type", ("Report Type",), required=False),
    Column("inherited", ("Inherited Rating (Y/N)",), required=False),
    Column("url", ("URL",), required=False),
)

PROVIDERS = TableFormat(
    "cqc-latest-ratings-providers",
    "CQC Latest ratings, Providers sheet",
    (
        Column("provider_id", ("Provider ID",)),
        Column("ods", ("Provider ODS Code",), required=False),
        Column("name", ("Provider Name",)),
        Column("type", ("Provider Type",)),
        Column("street", ("Provider Street Address",), required=False),
        Column("street2", ("Provider Address Line 2",), required=False),
        Column("town", ("Provider City",), required=False),
        Column("postcode", ("Provider Post Code", "Provider Postcode"), required=False),
        Column("region", ("Provider Region",), required=False),
        *_RATING_COLUMNS,
    ),
)

LOCATIONS = TableFormat(
    "cqc-latest-ratings-locations",
    "CQC Latest ratings, Locations sheet",
    (
        Column("location_id", ("Location ID",)),
        Column("ods", ("Location ODS Code",), required=False),
        Column("name", ("Location Name",)),
        Column("care_home", ("Care Home?", "Care Home"), required=False),
        Column("type", ("Location Type",), required=False),
        Column("street", ("Location Street Address",), required=False),
        Column("street2", ("Location Address Line 2",), required=False),
        Column("town", ("Location City",), required=False),
        Column("postcode", ("Location Post Code", "Location Postcode"), required=False),
        Column("region", ("Location Region",), required=False),
        Column("provider_id", ("Provider ID",)),
        Column("provider_name", ("Provider Name",), required=False),
        *_RATING_COLUMNS,
    ),
)

NHS_TYPE = "NHS Healthcare Organisation"


def _street(a: str | None, b: str | None) -> str | None:
    return ", ".join(p for p in (a, b) if p) or None


def _inherited(value: str | None) -> int | None:
    if not value:
        return None
    return 1 if value.strip().upper().startswith("Y") else 0


def import_sheet(writer: Writer, table: FoundTable) -> str | None:
    """Import one Providers or Locations table; return its latest publication date."""
    is_location = table.fmt is LOCATIONS
    subject = "location" if is_location else "provider"
    id_key = "location_id" if is_location else "provider_id"
    cols, report, tracker = table.columns, writer.report, writer.tracker
    i_id, i_service, i_domain = cols[id_key], cols["service"], cols["domain"]
    i_rating, i_published = cols["rating"], cols["published"]
    latest: str | None = None
    seen: set[str] = set()
    rows_read = 0
    # The same few words and dates recur hundreds of thousands of times: memoise them.
    words: dict[Any, RatingWord | None] = {}
    dates: dict[Any, str | None] = {}
    questions: dict[Any, tuple[str, bool]] = {}
    extras: dict[tuple[Any, Any], tuple[str | None, int | None]] = {}
    i_type, i_inherited = cols.get("report_type"), cols.get("inherited")
    for row in table.rows:
        rows_read += 1
        if rows_read & 1023 == 0:
            report.rows_read += 1024
            tracker.done += 1024
            tracker.check(f"Reading the {subject}s…")
        if len(row) <= i_id:
            continue
        sid = str(row[i_id]).strip()
        if not sid:
            continue
        if sid not in seen:
            seen.add(sid)
            width = len(row)
            f = {k: (cell_text(row[i]) or None) if i < width else None for k, i in cols.items()}
            if is_location:
                pid, care = f["provider_id"], f.get("care_home")
                if pid:
                    writer.provider(pid, fill=True, name=f.get("provider_name"),
                                    url=provider_url(pid))
                writer.location(
                    sid,
                    provider_id=pid,
                    name=f["name"],
                    ods_code=f.get("ods"),
                    type=f.get("type"),
                    care_home=None if care is None else int(care.upper().startswith("Y")),
                    street=_street(f.get("street"), f.get("street2")),
                    town=f.get("town"),
                    postcode=f.get("postcode"),
                    region=f.get("region"),
                    url=f.get("url") or location_url(sid),
                )
            else:
                ptype = f["type"]
                writer.provider(
                    sid,
                    name=f["name"],
                    ods_code=f.get("ods"),
                    type=ptype,
                    street=_street(f.get("street"), f.get("street2")),
                    town=f.get("town"),
                    postcode=f.get("postcode"),
                    region=f.get("region"),
                    url=f.get("url") or provider_url(sid),
                    is_nhs_trust=int(ptype == NHS_TYPE) if ptype else None,
                )
        service = str(row[i_service]).strip() if len(row) > i_service else ""
        if service.lower() != "overall":
            report.skipped["service-level rows (only whole-provider/site ratings are kept)"] += 1
            continue
        raw_word = row[i_rating] if len(row) > i_rating else None
        word = words.get(raw_word, _MISSING)
        if word is _MISSING:
            word = words[raw_word] = normalise_rating(raw_word)
        raw_date = row[i_published] if len(row) > i_published else None
        published = dates.get(raw_date, _MISSING)
        if published is _MISSING:
            published = dates[raw_date] = parse_date(raw_date)
        if word is None or published is None:
            report.skipped["no rating or no publication date"] += 1
            continue
        if latest is None or published > latest:
            latest = published
        raw_kq = row[i_domain] if len(row) > i_domain else ""
        known = questions.get(raw_kq)
        if known is None:
            known = questions[raw_kq] = normalise_key_question(raw_kq)
        kq, kq_flagged = known
        raw_type = row[i_type] if i_type is not None and len(row) > i_type else None
        raw_inherited = row[i_inherited] if i_inherited is not None and len(row) > i_inherited \
            else None
        extra = extras.get((raw_type, raw_inherited))
        if extra is None:
            extra = extras[(raw_type, raw_inherited)] = (
                cell_text(raw_type) or None, _inherited(cell_text(raw_inherited)))
        writer.rating(subject, sid, "Overall", kq, word, published, report_type=extra[0],
                      inherited=extra[1], kq_flagged=kq_flagged)
    report.rows_read += rows_read & 1023
    tracker.done += rows_read & 1023
    return latest
