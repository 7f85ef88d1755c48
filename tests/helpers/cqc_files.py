"""Small writers for real-shaped CQC fixtures (ODS, XLSX, CSV) and a cache fingerprint."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import sqlite_utils

from columnist.ratings.importers.xlsx_stream import column_letters

# The real public CQC/NHS files the tests read (data/cqc/ in the repository).
CQC_DIR = Path(__file__).resolve().parents[2] / "data" / "cqc"

PROVIDER_HEADER = [
    "Provider ID", "Provider ODS Code", "Provider Name", "Provider Type",
    "Provider Primary Inspection Category", "Provider Street Address",
    "Provider Address Line 2", "Provider City", "Provider Post Code",
    "Provider Local Authority", "Provider Region", "Provider NHS Region",
    "Service / Population Group", "Domain", "Latest Rating", "Publication Date",
    "Report Type", "Inherited Rating (Y/N)", "URL", "Brand ID", "Brand Name",
]
LOCATION_HEADER = [
    "Location ID", "Location ODS Code", "Location Name", "Care Home?", "Location Type",
    "Location Primary Inspection Category", "Location Street Address",
    "Location Address Line 2", "Location City", "Location Post Code",
    "Location Local Authority", "Location Region", "Location NHS Region",
    "Location ONSPD CCG Code", "Location ONSPD CCG", "Location Commissioning CCG Code",
    "Location Commissioning CCG", "Service / Population Group", "Domain", "Latest Rating",
    "Publication Date", "Report Type", "Inherited Rating (Y/N)", "URL", "Provider ID",
    "Provider Name", "Brand ID", "Brand Name",
]
DIRECTORY_HEADER = [
    "Name", "Also known as", "Address", "Postcode", "Phone number",
    "Service's website (if available)", "Service types", "Date of latest check",
    "Specialisms/services", "Provider name", "Local authority", "Region", "Location URL",
    "CQC Location ID (for office use only)", "CQC Provider ID (for office use only)",
]

Cell = object


def _ods_cell(value: Cell) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, tuple):  # ("date", "2019-03-01", "01/03/2019")
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value[1]}">'
            f"<text:p>{value[2]}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    """A minimal real ODS (zip + content.xml), as LibreOffice would read it."""
    body = []
    for name, rows in sheets.items():
        body.append(f'<table:table table:name="{escape(name)}">')
        body.append('<table:table-column table:number-columns-repeated="30"/>')
        for row in rows:
            body.append("<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>")
        # what spreadsheet programs write after the data: a huge repeated empty block
        body.append(
            '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            'table:number-columns-repeated="1024"/></table:table-row></table:table>'
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(body)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    return path



def write_xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[Cell]]], excel_style: bool = False
) -> Path:
    """A minimal XLSX. Default: inline strings, dates as text. `excel_style`: as Excel
    writes it — a shared-strings table and dates as serial numbers with a date style."""
    shared: dict[str, int] = {}

    def cell(ref: str, v: Cell) -> str:
        if isinstance(v, tuple):
            if excel_style:
                y, m, d = (int(x) for x in v[1].split("-"))
                serial = (dt.date(y, m, d) - dt.date(1899, 12, 30)).days
                return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
            v = v[2]
        if excel_style:
            index = shared.setdefault(str(v), len(shared))
            return f'<c r="{ref}" t="s"><v>{index}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        sheet_tags, rels = [], []
        for i, (name, rows) in enumerate(sheets.items(), start=1):
            sheet_tags.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
            rels.append(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
            )
            xml_rows = []
            for r, row in enumerate(rows, start=1):
                cells = "".join(
                    cell(f"{column_letters(c)}{r}", v)
                    for c, v in enumerate(row)
                    if v not in (None, "")
                )
                xml_rows.append(f'<row r="{r}">{cells}</row>')
            zf.writestr(
                f"xl/worksheets/sheet{i}.xml",
                '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + "".join(xml_rows) + "</sheetData></worksheet>",
            )
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
            'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(sheet_tags) + "</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">' + "".join(rels)
            + (
                '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                if excel_style else ""
            )
            + "</Relationships>",
        )
        if excel_style:
            items = "".join(f"<si><t>{escape(t)}</t></si>" for t in shared)
            zf.writestr(
                "xl/sharedStrings.xml",
                '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                f'openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}">'
                + items + "</sst>",
            )
            zf.writestr(
                "xl/styles.xml",
                '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">'
                '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
                "</styleSheet>",
            )
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Cell]], encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(
        [["" if v is None else (v[2] if isinstance(v, tuple) else v) for v in row]
         for row in rows]
    )
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def fingerprint(db: sqlite_utils.Database) -> str:
    """A digest of every row of every table: equal digests = the cache did not change."""
    digest = hashlib.sha256()
    for table in sorted(db.table_names()):
        digest.update(table.encode())
        for row in sorted(repr(r) for r in db.execute(f"SELECT * FROM [{table}]")):
            digest.update(row.encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------- real-shaped fixture rows


def _dmy(iso: str) -> tuple[str, str, str]:
    y, m, d = iso[:10].split("-")
    return ("date", f"{y}-{m}-{d}", f"{d}/{m}/{y}")


def snapshot_trust_ratings(cqc_dir: Path, code: str) -> dict[str, tuple[str, str]]:
    """{key question: (rating word, ISO date)} for a trust in the real Mar 2019 snapshot."""
    words = {"0": "Inadequate", "1": "Requires improvement", "2": "Good", "3": "Outstanding"}
    out: dict[str, tuple[str, str]] = {}
    path = cqc_dir / "source" / "nhs_ratings_snapshot_2019-03.csv"
    with path.open(encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            if r["ORG_CODE"] == code and r["POPULATION"] == "Overall":
                d, m, y = r["DATE"].split("/")
                out[r["QUESTION"]] = (words[r["RATING_SCORE"]], f"{y}-{m}-{d}")
    return out


def provider_sheet_rows(cqc_dir: Path, trusts: dict[str, tuple[str, str, str]]) -> list[list]:
    """Providers-sheet rows for real trusts: {code: (name, town, postcode)}."""
    rows = []
    for code, (name, town, postcode) in trusts.items():
        for kq, (word, iso) in snapshot_trust_ratings(cqc_dir, code).items():
            rows.append([
                code, code, name, "NHS Healthcare Organisation",
                "Acute hospital - NHS non-specialist", "", "", town, postcode, town, "London",
                "London", "Overall", kq, word, _dmy(iso), "Provider", "N",
                f"https://www.cqc.org.uk/provider/{code}", "", "-",
            ])
    return rows


def real_locations(cqc_dir: Path, n: int) -> list[dict]:
    """The first `n` real API location records that carry an overall rating."""
    import ast

    path = cqc_dir / "api-samples" / "locations_devon_somerset_2021-04_flattened.csv"
    out = []
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["currentRatings"] and "overall" in r["currentRatings"]:
                r["ratings"] = ast.literal_eval(r["currentRatings"])["overall"]
                out.append(r)
            if len(out) == n:
                break
    return out


def location_sheet_rows(locations: list[dict]) -> list[list]:
    rows = []
    for r in locations:
        overall = r["ratings"]
        pairs = [("Overall", overall["rating"], overall["reportDate"])] + [
            (k["name"], k["rating"], k["reportDate"]) for k in overall["keyQuestionRatings"]
        ]
        for kq, word, iso in pairs:
            rows.append([
                r["locationId"], r["odsCode"], r["name"], r["careHome"], r["type"],
                "Hospitals", r["postalAddressLine1"], r["postalAddressLine2"],
                r["postalAddressTownCity"], r["postalCode"], r["localAuthority"], r["region"],
                r["region"], r["onspdCcgCode"], r["onspdCcgName"], "", "", "Overall", kq, word,
                _dmy(iso), "Location", "N",
                f"https://www.cqc.org.uk/location/{r['locationId']}", r["providerId"],
                "Nuffield Health" if r["providerId"] == "1-102643516" else "", "", "-",
            ])
    return rows


def damage_pages(path: Path, first: int = 200, count: int = 6, page_size: int = 4096) -> None:
    """Scribble over `count` b-tree pages of a closed cache, keeping each page's header:
    still an SQLite file, but its integrity check lists dozens of problems."""
    data = bytearray(path.read_bytes())
    for page in range(first, first + count):
        start = (page - 1) * page_size
        data[start + 200 : start + page_size] = b"A" * (page_size - 200)
    path.write_bytes(bytes(data))
