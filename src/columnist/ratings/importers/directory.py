"""CQC's `CQC_directory.csv`: names, also-known-as, addresses and IDs (no ratings).

Four preamble lines, then 15 columns. The town is not a column: it is the last part of
the address that is not the postcode ("1 High Street, Sometown" → Sometown).
"""

from __future__ import annotations

from columnist.markdown.cqc_urls import location_url, provider_url
from columnist.ratings.importers.common import (
    Column,
    FoundTable,
    TableFormat,
    Writer,
    edition_from_name,
    parse_date,
    text,
)
from columnist.ratings.importers.snapshots import is_nhs_code

DIRECTORY = TableFormat(
    "cqc-directory",
    "CQC_directory.csv",
    (
        Column("name", ("Name",)),
        Column("aka", ("Also known as",), required=False),
        Column("address", ("Address",)),
        Column("postcode", ("Postcode",)),
        Column("provider_name", ("Provider name",), required=False),
        Column("region", ("Region",), required=False),
        Column("url", ("Location URL",), required=False),
        Column("location_id", ("CQC Location ID (for office use only)", "CQC Location ID",
                               "Location ID")),
        Column("provider_id", ("CQC Provider ID (for office use only)", "CQC Provider ID",
                               "Provider ID")),
        Column("checked", ("Date of latest check",), required=False),
    ),
)


def town_from_address(address: str | None, postcode: str | None) -> str | None:
    if not address:
        return None
    parts = [p.strip() for p in address.split(",") if p.strip()]
    while parts and postcode and parts[-1].replace(" ", "").upper() == postcode.replace(
        " ", ""
    ).upper():
        parts.pop()
    return parts[-1] if len(parts) > 1 else None


def import_directory(writer: Writer, table: FoundTable, file_name: str) -> str | None:
    cols, report = table.columns, writer.report
    edition = edition_from_name(file_name)
    if edition is None:
        for line in table.preamble:
            for cell in line:
                # "Data as at 01 November 2026" and the like
                edition = edition or parse_date(cell.strip()) or edition_from_name(cell)
    for row in table.rows:
        lid = text(row, cols, "location_id")
        if not lid:
            continue
        report.rows_read += 1
        writer.tracker.done += 1
        pid = text(row, cols, "provider_id")
        address, postcode = text(row, cols, "address"), text(row, cols, "postcode")
        if pid:
            writer.provider(pid, fill=True, name=text(row, cols, "provider_name"),
                            url=provider_url(pid), is_nhs_trust=int(is_nhs_code(pid)))
        writer.location(
            lid,
            provider_id=pid,
            name=text(row, cols, "name"),
            also_known_as=text(row, cols, "aka"),
            street=address,
            town=town_from_address(address, postcode),
            postcode=postcode,
            region=text(row, cols, "region"),
            url=text(row, cols, "url") or location_url(lid),
            status="open",
        )
    return edition
