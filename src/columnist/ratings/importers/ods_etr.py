"""NHS England ODS `etr` file: every NHS trust, no header, 27 columns.

Columns used: 0 code, 1 NAME IN CAPITALS, 2 NHS England region code, 4–8 address lines
(7 = town), 9 postcode, 10 open date (yyyymmdd), 11 close date (blank = open). Names are
re-cased for people to read ("King's College Hospital NHS Foundation Trust").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from columnist.markdown.cqc_urls import provider_url
from columnist.ratings.importers.common import Writer, cell_text, edition_from_name, parse_date

KIND = "ods-etr"
COLUMNS = 27
REGIONS = {
    "Y56": "London",
    "Y58": "South West",
    "Y59": "South East",
    "Y60": "Midlands",
    "Y61": "East of England",
    "Y62": "North West",
    "Y63": "North East and Yorkshire",
}
ACRONYMS = {"NHS", "UK", "CIC", "ICB", "ICS", "GP", "HIV", "NHSX", "II", "III", "IV"}
SMALL = {"and", "of", "the", "for", "on", "in", "at", "upon", "with", "by", "to", "a"}
HYPHEN_SMALL = {"on", "upon", "super", "under", "le", "in", "by", "the", "en", "sur"}

_CODE = re.compile(r"[A-Z0-9]{3,5}")


def looks_like_etr(row: Sequence[Any]) -> bool:
    """A headerless etr row: 27 columns, an ODS code, a yyyymmdd open date."""
    return (
        len(row) == COLUMNS
        and bool(_CODE.fullmatch(cell_text(row[0])))
        and bool(re.fullmatch(r"\d{8}", cell_text(row[10])))
    )


def _word(word: str, first: bool) -> str:
    if word.upper() in ACRONYMS:
        return word.upper()
    lower = word.lower()
    if not first and lower in SMALL:
        return lower
    if "-" in word:
        parts = word.split("-")
        return "-".join(
            p.lower() if i and p.lower() in HYPHEN_SMALL else _word(p, True)
            for i, p in enumerate(parts)
        )
    # Capitalise the first letter only: KING'S → King's; after a digit, nothing:
    # 4TH → 4th, 2GETHER → 2gether.
    if lower[:1].isdigit():
        return lower
    for i, ch in enumerate(lower):
        if ch.isalpha():
            return lower[:i] + ch.upper() + lower[i + 1 :]
    return lower


def proper_case(name: str) -> str:
    """'GUY'S AND ST THOMAS' NHS FOUNDATION TRUST' → "Guy's and St Thomas' NHS Foundation Trust"."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        # after a comma a small word stays small ("Hospital, King's Lynn, NHS …")
        out.append(_word(w, first=(i == 0)))
    return " ".join(out)


def import_etr(writer: Writer, rows: Iterable[Sequence[Any]], file_name: str) -> str | None:
    report = writer.report
    writer.provider_fill = ("type",)  # CQC's own type, if known, stays
    for row in rows:
        if not any(cell_text(c) for c in row):
            continue
        report.rows_read += 1
        writer.tracker.done += 1
        if len(row) < 12 or not _CODE.fullmatch(cell_text(row[0])):
            report.skipped["not an ODS trust row"] += 1
            continue
        code = cell_text(row[0])
        closed = parse_date(cell_text(row[11]))
        street = ", ".join(proper_case(cell_text(c)) for c in row[4:7] if cell_text(c))
        writer.provider(
            code,
            name=proper_case(cell_text(row[1])),
            ods_code=code,
            street=street or None,
            town=proper_case(cell_text(row[7])) or None,
            postcode=cell_text(row[9]) or None,
            region=REGIONS.get(cell_text(row[2])),
            status="closed" if closed else "open",
            opened=parse_date(cell_text(row[10])),
            closed=closed,
            url=provider_url(code),
            is_nhs_trust=1,
            type="NHS Healthcare Organisation",  # filled only where empty: see import_etr
        )
    return edition_from_name(file_name)
