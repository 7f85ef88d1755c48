"""Importers on real-shaped fixtures: what lands in the cache, and what a user is told."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.cache import open_cache
from columnist.ratings.importers import (
    ImportCancelled,
    ImportFileError,
    import_file,
)
from columnist.ratings.importers.ods_etr import proper_case
from columnist.ratings.schema import ensure_schema
from helpers.cqc_files import (
    DIRECTORY_HEADER,
    LOCATION_HEADER,
    PROVIDER_HEADER,
    file_digest,
    fingerprint,
    location_sheet_rows,
    provider_sheet_rows,
    real_locations,
    snapshot_trust_ratings,
    write_csv,
    write_ods,
    write_xlsx,
)

TRUSTS = {
    "RJ1": ("Guy's and St Thomas' NHS Foundation Trust", "London", "SE1 7EH"),
    "RK9": ("University Hospitals Plymouth NHS Trust", "Plymouth", "PL6 8DH"),
}
NOTICE = [
    ["Care Quality Commission: care directory with ratings"],
    ["This file lists the latest ratings."],
    [],
    ["Contains CQC data © Care Quality Commission"],
    [],
    ["Open Government Licence v3.0"],
    [],
]


def _bare_db(tmp_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "bare.db")
    ensure_schema(db)
    return db


def _latest_sheets(cqc_dir: Path, domain: str = "Domain") -> dict[str, list[list]]:
    providers = provider_sheet_rows(cqc_dir, TRUSTS)
    service_row = list(providers[0])
    service_row[12] = "Urgent and emergency services"  # service level: not kept
    duplicate = list(providers[1])
    unknown = list(providers[2])
    unknown[0:3] = ["RJZ", "RJZ", "King's College Hospital NHS Foundation Trust"]
    unknown[13], unknown[14] = "Caring", "Brilliant"
    header = [domain if h == "Domain" else h for h in PROVIDER_HEADER]
    loc_header = [domain if h == "Domain" else h for h in LOCATION_HEADER]
    return {
        "About": [["About this file"], ["Ratings are updated daily."]],  # skipped: no header
        "Providers": [*NOTICE, header, *providers, service_row, duplicate, unknown],
        "Locations": [loc_header, *location_sheet_rows(real_locations(cqc_dir, 3))],
    }


def _ratings(db: sqlite_utils.Database, sid: str) -> dict[str, str]:
    return dict(db.execute(
        "SELECT key_question, rating FROM current_ratings WHERE subject_id = ? "
        "AND service = 'Overall'", [sid]).fetchall())


def test_latest_ratings_ods_with_a_notice_above_the_header(tmp_path: Path, cqc_dir: Path):
    db = _bare_db(tmp_path)
    path = write_ods(tmp_path / "Latest_ratings.ods", _latest_sheets(cqc_dir))
    seen: list[tuple[int, int | None, str]] = []
    report = import_file(db, path, progress=lambda d, t, m: seen.append((d, t, m)))
    rj1 = db["providers"].get("RJ1")
    assert rj1["name"] == "Guy's and St Thomas' NHS Foundation Trust"
    assert rj1["is_nhs_trust"] == 1 and rj1["postcode"] == "SE1 7EH"
    real = snapshot_trust_ratings(cqc_dir, "RJ1")
    assert _ratings(db, "RJ1") == {kq: word for kq, (word, _) in real.items()}
    assert db["providers"].get("RJZ")["name"] == "King's College Hospital NHS Foundation Trust"
    flagged = db.execute("SELECT rating, flagged FROM ratings WHERE subject_id='RJZ'").fetchall()
    assert flagged == [("Brilliant", 1)]
    assert report.flagged_words == {"Brilliant": 1}
    assert report.duplicates == 1
    assert sum(report.skipped.values()) == 1  # the service-level row
    loc = db["locations"].get("1-115574477")
    assert (loc["name"], loc["town"], loc["postcode"], loc["provider_id"]) == (
        "Nuffield Health Exeter Hospital", "Exeter", "EX2 4UG", "1-102643516")
    assert _ratings(db, "1-115574477")["Overall"] == "Good"
    assert _ratings(db, "1-115574658")["Safe"] == "Requires improvement"
    assert db["providers"].get("1-102643516")["name"] == "Nuffield Health"
    assert report.locations_added == 3 and report.ratings_added == 12 + 1 + 18
    # no date in the file name: the edition is the latest publication date in the file
    sheets = _latest_sheets(cqc_dir)
    published = [c[1] for rows in sheets.values() for r in rows for c in r
                 if isinstance(c, tuple)]
    assert report.edition_date == max(published)
    assert "Brilliant" in report.summary() and "flagged" in report.summary()
    assert seen and seen[-1][2] == "Import finished"
    imp = db["imports"].get(report.import_id)
    assert imp["source"] == "cqc-latest-ratings" and imp["sha256"] == report.sha256


def test_xlsx_edition_with_the_old_key_question_column(tmp_path: Path, cqc_dir: Path):
    ods_db, xlsx_db = _bare_db(tmp_path), sqlite_utils.Database(tmp_path / "x.db")
    ensure_schema(xlsx_db)
    import_file(ods_db, write_ods(tmp_path / "a.ods", _latest_sheets(cqc_dir)))
    report = import_file(
        xlsx_db,
        write_xlsx(tmp_path / "b.xlsx", _latest_sheets(cqc_dir, "Key Question"), excel_style=True),
    )
    query = "SELECT subject_id, key_question, rating, published FROM ratings ORDER BY 1, 2"
    assert xlsx_db.execute(query).fetchall() == ods_db.execute(query).fetchall()
    assert report.ratings_added == 31


def test_csv_editions_in_windows_1252_and_utf8_with_bom(tmp_path: Path, cqc_dir: Path):
    db = _bare_db(tmp_path)
    rows = location_sheet_rows(real_locations(cqc_dir, 2))
    for row in rows:
        row[2] = row[2].replace("Nuffield Health", "Nuffield’s")
    import_file(db, write_csv(tmp_path / "locations.csv", [LOCATION_HEADER, *rows], "cp1252"))
    assert db["locations"].get("1-115574477")["name"] == "Nuffield’s Exeter Hospital"
    sheets = _latest_sheets(cqc_dir)["Providers"][len(NOTICE):]
    report = import_file(db, write_csv(tmp_path / "providers.csv", sheets, "utf-8-sig"))
    assert report.kind == "cqc-latest-ratings-providers"
    assert db["providers"].get("RJ1")["name"].startswith("Guy's")


def test_cqc_directory_csv_with_its_preamble(tmp_path: Path, cqc_dir: Path):
    db = _bare_db(tmp_path)
    rows = [
        ["Care Quality Commission"], ["Care directory"], ["Data as at 01 November 2026"], [],
        DIRECTORY_HEADER,
    ]
    for r in real_locations(cqc_dir, 3):
        address = ", ".join(p for p in (r["postalAddressLine1"], r["postalAddressLine2"],
                                         r["postalAddressTownCity"]) if p)
        rows.append([r["name"], "Nuffield Exeter" if r["locationId"] == "1-115574477" else "",
                     address, r["postalCode"], r["mainPhoneNumber"], r["website"], "Hospital",
                     "26/10/2016", "", "Nuffield Health", r["localAuthority"], r["region"],
                     f"https://www.cqc.org.uk/location/{r['locationId']}", r["locationId"],
                     r["providerId"]])
    report = import_file(db, write_csv(tmp_path / "CQC_directory.csv", rows))
    assert report.kind == "cqc-directory" and report.locations_added == 3
    loc = db["locations"].get("1-115574477")
    assert (loc["name"], loc["also_known_as"], loc["town"], loc["postcode"]) == (
        "Nuffield Health Exeter Hospital", "Nuffield Exeter", "Exeter", "EX2 4UG")
    assert db["providers"].get("1-102643516")["name"] == "Nuffield Health"
    assert report.edition_date == "2026-11-01"


def test_ods_etr_list_renames_a_trust_with_proper_casing(tmp_path: Path, cqc_dir: Path):
    handle = open_cache()
    lines = (cqc_dir / "source" / "ods_etr_nhs_trusts_2026-06.csv").read_text(
        encoding="utf-8").splitlines()
    edited = [ln.replace("KING'S COLLEGE HOSPITAL NHS", "KING'S COLLEGE AND DENMARK HILL NHS")
              for ln in lines if '"RJZ"' in ln or '"RJ1"' in ln]
    path = tmp_path / "etr.csv"
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")
    report = import_file(handle.db, path)
    assert report.kind == "ods-etr" and report.providers_updated == 1
    assert handle.db["providers"].get("RJZ")["name"] == (
        "King's College and Denmark Hill NHS Foundation Trust")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MANCHESTER UNIVERSITY NHS FOUNDATION TRUST",
         "Manchester University NHS Foundation Trust"),
        ("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"),
        ("THE ROYAL WOLVERHAMPTON NHS TRUST", "The Royal Wolverhampton NHS Trust"),
        ("UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST",
         "University Hospitals of North Midlands NHS Trust"),
        ("2GETHER NHS FOUNDATION TRUST", "2gether NHS Foundation Trust"),
        ("NORTH STAFFORDSHIRE COMBINED HEALTHCARE NHS TRUST",
         "North Staffordshire Combined Healthcare NHS Trust"),
        ("STOKE-ON-TRENT", "Stoke-on-Trent"),
    ],
)
def test_proper_case(raw: str, expected: str) -> None:
    assert proper_case(raw) == expected


def test_the_same_file_twice_changes_nothing(tmp_path: Path, cqc_dir: Path):
    handle = open_cache()
    path = write_ods(tmp_path / "Latest_ratings.ods", _latest_sheets(cqc_dir))
    first = import_file(handle.db, path)
    assert first.changed_anything
    before = fingerprint(handle.db)
    again = import_file(handle.db, path)
    assert again.already_imported and "already imported on" in again.message
    assert fingerprint(handle.db) == before
    # the same data in another file (other bytes) re-applies as upserts: zero changes
    copy = write_xlsx(tmp_path / "same.xlsx", _latest_sheets(cqc_dir, "Key Question"))
    third = import_file(handle.db, copy)
    assert not third.changed_anything
    assert "Nothing changed" in third.summary()


def test_the_seed_sources_are_recognised_as_already_imported(cqc_dir: Path):
    handle = open_cache()
    before = fingerprint(handle.db)
    report = import_file(handle.db, cqc_dir / "source" / "nhs_ratings_snapshot_2019-03.csv")
    assert report.already_imported
    assert fingerprint(handle.db) == before


def _truncated_ods(tmp_path: Path, cqc_dir: Path) -> Path:
    good = write_ods(tmp_path / "good.ods", _latest_sheets(cqc_dir))
    data = good.read_bytes()
    bad = tmp_path / "Latest_ratings.ods"
    bad.write_bytes(data[: len(data) // 2])
    return bad


def _ods_missing_column(tmp_path: Path, cqc_dir: Path) -> Path:
    sheets = _latest_sheets(cqc_dir)
    for rows in sheets.values():
        for row in rows:
            if row and row[0] in ("Provider ID", "Location ID"):
                index = row.index("Latest Rating")
                row[index] = "Rating"
    return write_ods(tmp_path / "Latest_ratings.ods", sheets)


BAD_INPUTS = {
    "not a CQC file": (
        lambda tmp, cqc: write_csv(tmp / "budget.csv", [["Month", "Spend"], ["May", "12"]]),
        ["not a CQC", "Month, Spend", "Provider ID"],
    ),
    "truncated ODS": (_truncated_ods, ["damaged"]),
    "missing columns": (_ods_missing_column, ["missing", "Latest Rating"]),
    "empty file": (lambda tmp, cqc: _write(tmp / "empty.csv", b""), ["empty"]),
    "header only": (
        lambda tmp, cqc: write_csv(tmp / "h.csv", [LOCATION_HEADER]), ["no data rows"],
    ),
    "blank lines only": (lambda tmp, cqc: _write(tmp / "b.csv", b"\r\n\r\n"), ["empty"]),
    "binary junk": (lambda tmp, cqc: _write(tmp / "x.ods", b"\x00\x01junk" * 50), ["binary"]),
    "truncated XLSX": (
        lambda tmp, cqc: _write(
            tmp / "t.xlsx",
            write_xlsx(tmp / "full.xlsx", _latest_sheets(cqc)).read_bytes()[:900],
        ),
        ["damaged"],
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gets_a_clear_message_and_leaves_the_cache_as_it_was(
    case: str, tmp_path: Path, cqc_dir: Path
):
    make, phrases = BAD_INPUTS[case]
    handle = open_cache()
    handle.db.conn.commit()
    before, before_bytes = fingerprint(handle.db), file_digest(handle.path)
    path = make(tmp_path, cqc_dir)
    with pytest.raises(ImportFileError) as info:
        import_file(handle.db, path)
    for phrase in phrases:
        assert phrase in str(info.value)
    assert fingerprint(handle.db) == before
    assert file_digest(handle.path) == before_bytes


def test_cancel_part_way_rolls_everything_back(tmp_path: Path, cqc_dir: Path):
    handle = open_cache()
    before = fingerprint(handle.db)
    path = write_ods(tmp_path / "Latest_ratings.ods", _latest_sheets(cqc_dir))
    start = handle.db.conn.total_changes
    # cancel once rows have really been written inside the import's transaction
    def cancel() -> bool:
        return handle.db.conn.in_transaction and handle.db.conn.total_changes > start + 5

    with pytest.raises(ImportCancelled):
        import_file(handle.db, path, cancel=cancel)
    assert fingerprint(handle.db) == before
    event = threading.Event()
    event.set()
    with pytest.raises(ImportCancelled):
        import_file(handle.db, path, cancel=event)
    assert fingerprint(handle.db) == before
    after = import_file(handle.db, path)  # and it still imports afterwards
    assert after.locations_added == 3 and after.ratings_added > 0


def test_import_into_a_copy_of_the_real_seed_adds_history(tmp_path: Path, cqc_dir: Path):
    handle = open_cache()
    sheets = _latest_sheets(cqc_dir)
    rows = sheets["Providers"]
    for row in rows[len(NOTICE) + 1 :]:
        if row[0] == "RJ1":
            row[15] = ("date", "2026-09-10", "10/09/2026")
    shutil.copy(handle.path, tmp_path / "backup.db")
    report = import_file(handle.db, write_ods(tmp_path / "Sept.ods", sheets))
    history = handle.db.execute(
        "SELECT published FROM ratings WHERE subject_id='RJ1' AND service='Overall' "
        "AND key_question='Overall' ORDER BY published").fetchall()
    assert len(history) >= 2 and history[-1] == ("2026-09-10",)
    assert report.ratings_added >= 6
