"""Build a full-size, realistically shaped CQC `Latest_ratings.ods` for the import benchmark.

CQC's real edition is ~26 MB with ~324,000 rows on its Locations sheet; it is not in the
repository, so this script writes one of the same shape: the real column layouts, ~33,000
providers with provider-level rows, ~90,000 locations, names/towns/postcodes drawn from the
real files in data/cqc. An ODS is a zip holding `content.xml`; the XML is streamed
into the zip entry so the writer itself needs little memory.

    .venv/bin/python benchmarks/make_latest_ratings_ods.py [--xlsx] [--out FILE] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
CQC = ROOT / "data" / "cqc"
OUT = ROOT / "benchmarks" / "out" / "Latest_ratings.ods"
sys.path.insert(0, str(ROOT / "src"))

from columnist.ratings.importers.xlsx_stream import column_letters  # noqa: E402

PROVIDER_COLUMNS = [
    "Provider ID",
    "Provider ODS Code",
    "Provider Name",
    "Provider Type",
    "Provider Primary Inspection Category",
    "Provider Street Address",
    "Provider Address Line 2",
    "Provider City",
    "Provider Post Code",
    "Provider Local Authority",
    "Provider Region",
    "Provider NHS Region",
    "Service / Population Group",
    "Domain",
    "Latest Rating",
    "Publication Date",
    "Report Type",
    "Inherited Rating (Y/N)",
    "URL",
    "Brand ID",
    "Brand Name",
]
LOCATION_COLUMNS = [
    "Location ID",
    "Location ODS Code",
    "Location Name",
    "Care Home?",
    "Location Type",
    "Location Primary Inspection Category",
    "Location Street Address",
    "Location Address Line 2",
    "Location City",
    "Location Post Code",
    "Location Local Authority",
    "Location Region",
    "Location NHS Region",
    "Location ONSPD CCG Code",
    "Location ONSPD CCG",
    "Location Commissioning CCG Code",
    "Location Commissioning CCG",
    "Service / Population Group",
    "Domain",
    "Latest Rating",
    "Publication Date",
    "Report Type",
    "Inherited Rating (Y/N)",
    "URL",
    "Provider ID",
    "Provider Name",
    "Brand ID",
    "Brand Name",
]
DOMAINS = ["Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led"]
RATINGS = (
    ["Good"] * 70
    + ["Requires improvement"] * 17
    + ["Outstanding"] * 9
    + ["Inadequate"] * 3
    + ["Inspected but not rated"]
)
NHS_SERVICES = [
    "Urgent and emergency services",
    "Medical care (including older people's care)",
    "Surgery",
    "Critical care",
    "Maternity",
    "Services for children and young people",
    "End of life care",
    "Outpatients",
]
REGIONS = [
    "London",
    "South West",
    "South East",
    "Midlands",
    "East of England",
    "North West",
    "North East",
    "Yorkshire and The Humber",
]

DateCell = dt.date


class Vocabulary:
    """Words, towns and postcodes from the real files, for believable synthetic rows."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        towns, postcodes, words, trusts = set(), set(), set(), []
        with (CQC / "source" / "ods_etr_nhs_trusts_2026-06.csv").open(encoding="utf-8-sig") as f:
            for row in csv.reader(f):
                towns.add(row[7].title())
                postcodes.add(row[9])
                trusts.append((row[0], row[1].title(), row[7].title(), row[9]))
        samples = CQC / "api-samples" / "locations_devon_somerset_2021-04_flattened.csv"
        with samples.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                towns.add(row["postalAddressTownCity"])
                postcodes.add(row["postalCode"])
                words.update(w for w in row["name"].replace(",", " ").split() if w.isalpha())
        self.towns = sorted(t for t in towns if t)
        self.postcodes = sorted(p for p in postcodes if p)
        self.words = sorted(words | {t.split()[0] for t in self.towns})
        self.trusts = trusts

    def postcode(self) -> str:
        base = self.rng.choice(self.postcodes).split()[0]
        return (
            f"{base} {self.rng.randint(1, 9)}{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{self.rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )

    def place_name(self, kinds: Sequence[str]) -> str:
        return (
            f"{self.rng.choice(self.words)} {self.rng.choice(self.words)} {self.rng.choice(kinds)}"
        )


def _cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell table:style-name="ce1" office:value-type="date" '
            f'office:date-value="{iso}" calcext:value-type="date">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string" calcext:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p>"
        "</table:table-cell>"
    )


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.2"><office:automatic-styles>'
    '<number:date-style style:name="N1"><number:day number:style="long"/><number:text>/'
    '</number:text><number:month number:style="long"/><number:text>/</number:text>'
    "<number:year/></number:date-style>"
    '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>'
    "</office:automatic-styles><office:body><office:spreadsheet>"
)
TAIL = "</office:spreadsheet></office:body></office:document-content>"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def write_ods(path: Path, sheets: dict[str, Iterable[Sequence[object]]]) -> None:
    """Write an ODS spreadsheet row by row (str / date / None cells) with bounded memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as out:
            out.write(HEAD.encode())
            for name, rows in sheets.items():
                out.write(f'<table:table table:name="{escape(name)}">'.encode())
                buf: list[str] = []
                for row in rows:
                    buf.append(
                        "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>"
                    )
                    if len(buf) >= 2000:
                        out.write("".join(buf).encode())
                        buf.clear()
                out.write(("".join(buf) + "</table:table>").encode())
            out.write(TAIL.encode())


def _date(rng: random.Random) -> dt.date:
    return dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4200))


def provider_rows(
    vocab: Vocabulary, n: int, registry: list[tuple[str, str]]
) -> Iterator[list[object]]:
    """Provider-level rows; every provider is also added to `registry` for the locations."""
    rng = vocab.rng
    yield PROVIDER_COLUMNS
    for i in range(n):
        if i < len(vocab.trusts):
            code, name, town, postcode = vocab.trusts[i]
            pid, ods, ptype = code, code, "NHS Healthcare Organisation"
            category, services = "Acute hospital - NHS non-specialist", NHS_SERVICES[:3]
        else:
            pid = f"1-{rng.randint(100000000, 9999999999)}"
            ods, ptype, category, services = "", "Social Care Org", "Residential social care", []
            name = (
                f"{rng.choice(vocab.words)} {rng.choice(['Care', 'Healthcare', 'Homes'])} "
                f"{rng.choice(['Ltd', 'Limited', 'LLP', 'CIC'])}"
            )
            town, postcode = rng.choice(vocab.towns), vocab.postcode()
        registry.append((pid, name))
        region = rng.choice(REGIONS)
        published = _date(rng)
        base = [
            pid,
            ods,
            name,
            ptype,
            category,
            f"{rng.randint(1, 300)} {rng.choice(vocab.words)} Road",
            "",
            town,
            postcode,
            town,
            region,
            region,
        ]
        for service in ["Overall", *services]:
            for domain in DOMAINS:
                yield [
                    *base,
                    service,
                    domain,
                    rng.choice(RATINGS),
                    published,
                    "Provider",
                    "N",
                    f"https://www.cqc.org.uk/provider/{pid}",
                    "",
                    "-",
                ]


def location_rows(
    vocab: Vocabulary, target_rows: int, registry: list[tuple[str, str]]
) -> Iterator[list[object]]:
    """Location rows (~3.6 per location on average), each under a provider of `registry`."""
    rng = vocab.rng
    independents = registry[len(vocab.trusts):]
    yield LOCATION_COLUMNS
    written = 0
    n = 0
    while written < target_rows:
        n += 1
        lid = f"1-{rng.randint(100000000, 99999999999)}"
        kind = rng.random()
        if kind < 0.05:
            trust = rng.choice(vocab.trusts)
            lid = f"{trust[0]}{rng.randint(10, 99)}"
            pid, pname, ltype, care_home = trust[0], trust[1], "NHS Healthcare Organisation", "N"
            name = vocab.place_name(["Hospital", "Community Hospital", "General Hospital"])
            services = ["Overall", *rng.sample(NHS_SERVICES, 1)]
            domains = DOMAINS
        else:
            pid, pname = rng.choice(independents)
            ltype, care_home = "Social Care Org", rng.choice("YN")
            name = vocab.place_name(
                ["Care Home", "House", "Lodge", "Surgery", "Dental Practice", "Home Care"]
            )
            services = ["Overall"]
            domains = DOMAINS if kind < 0.52 else ["Overall"]
        town = rng.choice(vocab.towns)
        region = rng.choice(REGIONS)
        published = _date(rng)
        base = [
            lid,
            "",
            name,
            care_home,
            ltype,
            "Residential social care",
            f"{rng.randint(1, 300)} {rng.choice(vocab.words)} Street",
            "",
            town,
            vocab.postcode(),
            town,
            region,
            region,
            "E38000230",
            "NHS Devon CCG",
            "E38000230",
            "NHS Devon CCG",
        ]
        for service in services:
            for domain in domains:
                if written >= target_rows:
                    return
                yield [
                    *base,
                    service,
                    domain,
                    rng.choice(RATINGS),
                    published,
                    "Location",
                    "N",
                    f"https://www.cqc.org.uk/location/{lid}",
                    pid,
                    pname,
                    "",
                    "-",
                ]
                written += 1



XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def write_xlsx(path: Path, sheets: dict[str, Iterable[Sequence[object]]]) -> None:
    """Write an XLSX as Excel does (shared strings, dates as serials with a date style),
    streaming each worksheet into the zip."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shared: dict[str, int] = {}
    epoch = dt.date(1899, 12, 30)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, rows in enumerate(sheets.values(), start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{XLSX_MAIN}">'
                          "<sheetData>".encode())
                buf: list[str] = []
                for r, row in enumerate(rows, start=1):
                    cells = []
                    for c, v in enumerate(row):
                        if v is None or v == "":
                            continue
                        ref = f"{column_letters(c)}{r}"
                        if isinstance(v, dt.date):
                            cells.append(f'<c r="{ref}" s="1"><v>{(v - epoch).days}</v></c>')
                        else:
                            index = shared.setdefault(str(v), len(shared))
                            cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                    buf.append(f'<row r="{r}">{"".join(cells)}</row>')
                    if len(buf) >= 2000:
                        out.write("".join(buf).encode())
                        buf.clear()
                out.write(("".join(buf) + "</sheetData></worksheet>").encode())
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{XLSX_MAIN}">'.encode())
            for text in shared:
                out.write(f"<si><t>{escape(text)}</t></si>".encode())
            out.write(b"</sst>")
        names = list(sheets)
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{XLSX_MAIN}" '
            f'xmlns:r="{XLSX_REL}"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, n in enumerate(names, start=1))
            + "</sheets></workbook>",
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{XLSX_REL}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + f'<Relationship Id="rIdS" Type="{XLSX_REL}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
            f'<Relationship Id="rIdT" Type="{XLSX_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{XLSX_MAIN}">'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            "</cellXfs></styleSheet>",
        )
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{XLSX_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None,
                        help="default: benchmarks/out/Latest_ratings.ods (or .xlsx)")
    parser.add_argument("--xlsx", action="store_true", help="write the XLSX edition instead")
    parser.add_argument("--providers", type=int, default=33_000)
    parser.add_argument("--location-rows", type=int, default=323_673)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = args.out or (OUT.with_suffix(".xlsx") if args.xlsx else OUT)
    vocab = Vocabulary(random.Random(args.seed))
    registry: list[tuple[str, str]] = []  # filled while the Providers sheet is written
    writer = write_xlsx if args.xlsx else write_ods
    writer(
        out,
        {
            "Providers": provider_rows(vocab, args.providers, registry),
            "Locations": location_rows(vocab, args.location_rows, registry),
        },
    )
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
