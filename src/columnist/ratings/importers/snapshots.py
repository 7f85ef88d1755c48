"""NHS ratings snapshots (`nhs_ratings_snapshot_YYYY-MM.csv`) and the 2019 NHS provider list.

A snapshot is CQC's "latest ratings" extract for NHS providers as it stood in one month:
`ORG_CODE, DATE (dd/mm/yyyy), POPULATION, QUESTION, RATING_SCORE (0–3)`. Two snapshots give
real history. Edition date: the month in the file name (first day of that month), because
that is when the extract "stood"; without one, the latest publication DATE in the file.
"""

from __future__ import annotations

from columnist.markdown.cqc_urls import provider_url
from columnist.ratings.importers.common import (
    Column,
    FoundTable,
    TableFormat,
    Writer,
    edition_from_name,
    parse_date,
    text,
)
from columnist.ratings.vocabulary import normalise_key_question, rating_from_score

SNAPSHOT = TableFormat(
    "nhs-ratings-snapshot",
    "an NHS ratings snapshot",
    (
        Column("org", ("ORG_CODE",)),
        Column("date", ("DATE",)),
        Column("population", ("POPULATION",)),
        Column("question", ("QUESTION",)),
        Column("score", ("RATING_SCORE",)),
    ),
)

NHS_PROVIDERS = TableFormat(
    "nhs-providers",
    "an NHS provider list",
    (
        Column("org", ("ORG_CODE",)),
        Column("name", ("ORG_NAME",)),
        Column("type", ("ORG_TYPE",)),
    ),
)

SECTORS = {"Community Provider Trust": "Community"}


def is_nhs_code(pid: str) -> bool:
    """NHS trusts' CQC provider IDs are their ODS codes (RA7, TAD); others look like 1-…."""
    return not pid.startswith("1-")


def import_snapshot(writer: Writer, table: FoundTable, file_name: str) -> str | None:
    """Add every rating row; return the edition date (see module docstring)."""
    cols, report, tracker = table.columns, writer.report, writer.tracker
    latest: str | None = None
    seen: set[str] = set()
    for row in table.rows:
        pid = text(row, cols, "org")
        if not pid:
            continue
        report.rows_read += 1
        tracker.done += 1
        if pid not in seen:
            seen.add(pid)
            writer.provider(pid, fill=True, url=provider_url(pid), ods_code=pid
                            if is_nhs_code(pid) else None, is_nhs_trust=int(is_nhs_code(pid)))
        word = rating_from_score(text(row, cols, "score"))
        published = parse_date(text(row, cols, "date"))
        if word is None or published is None:
            report.skipped["no rating score or no valid DATE"] += 1
            continue
        latest = max(latest or published, published)
        kq, kq_flagged = normalise_key_question(text(row, cols, "question"))
        writer.rating("provider", pid, text(row, cols, "population") or "Overall", kq, word,
                      published, kq_flagged=kq_flagged)
    return edition_from_name(file_name) or latest


def import_nhs_providers(writer: Writer, table: FoundTable, file_name: str) -> str | None:
    """Names and sectors c. 2019. Older than the ODS list, so it only fills gaps; a 2019 name
    that differs from the current one is kept as "also known as" (searchable old name)."""
    cols, report = table.columns, writer.report
    conn = writer.conn
    for row in table.rows:
        pid = text(row, cols, "org")
        if not pid:
            continue
        report.rows_read += 1
        writer.tracker.done += 1
        kind = text(row, cols, "type") or ""
        if kind == "Clinical Commissioning Group":
            report.skipped["clinical commissioning groups (not CQC providers)"] += 1
            continue
        name = text(row, cols, "name")
        current = conn.execute("SELECT name, also_known_as FROM providers WHERE id = ?",
                               [pid]).fetchone()
        aka = None
        if current and current[0] and name and current[0].lower() != name.lower() \
                and not current[1]:
            aka = name
        writer.provider(pid, fill=True, name=name, sector=SECTORS.get(kind, kind) or None,
                        ods_code=pid, type="NHS Healthcare Organisation", is_nhs_trust=1,
                        url=provider_url(pid), also_known_as=aka)
    return edition_from_name(file_name)

