"""The cache as a user first meets it: made from the bundled real data, dated, repaired."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import sqlite_utils

from columnist import paths
from columnist.ratings.cache import open_cache
from columnist.ratings.provenance import ATTRIBUTION, age_warning, as_of, as_of_label
from columnist.ratings.schema import RATING_ORDER, SCHEMA_VERSION
from helpers.cqc_files import damage_pages


def test_first_start_makes_the_cache_from_the_seed_with_real_cased_names() -> None:
    handle = open_cache()
    assert handle.path == paths.ratings_db_path()
    assert handle.path.exists()
    assert handle.notice is None
    names = dict(handle.db.execute("SELECT id, name FROM providers").fetchall())
    assert names["R0A"] == "Manchester University NHS Foundation Trust"
    assert names["RJZ"] == "King's College Hospital NHS Foundation Trust"
    assert names["RJ7"] == "St George's University Hospitals NHS Foundation Trust"
    assert names["RJ1"] == "Guy's and St Thomas' NHS Foundation Trust"
    assert names["RCX"] == "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
    # a trust missing from today's ODS list keeps its 2019 name
    assert names["TAD"] == "Bradford District Care NHS Foundation Trust"
    row = handle.db["providers"].get("RJ1")
    assert row["url"] == "https://www.cqc.org.uk/provider/RJ1"
    assert (row["town"], row["postcode"], row["status"], row["sector"]) == (
        "London", "SE1 7EH", "open", "Acute",
    )
    assert handle.db["providers"].get("RW3")["status"] == "closed"


def test_the_seed_is_dated_and_attributed() -> None:
    db = open_cache().db
    assert as_of(db) == "2019-03-01"
    assert as_of_label(db) == "CQC ratings as published up to March 2019"
    warning = age_warning(db, dt.date(2026, 11, 25))
    assert warning is not None
    assert "March 2019" in warning and "years old" in warning
    assert age_warning(db, dt.date(2019, 5, 1)) is None
    assert "Care Quality Commission" in ATTRIBUTION and "Open Government Licence" in ATTRIBUTION
    sources = {r[0]: r[1] for r in db.execute("SELECT file_name, edition_date FROM imports")}
    assert sources["nhs_ratings_snapshot_2018-10.csv"] == "2018-10-01"
    assert sources["ods_etr_nhs_trusts_2026-06.csv"] == "2026-06-01"


def _trust_level_changes(cqc_dir: Path) -> tuple[int, int, int]:
    """18 up / 8 down / 48 kept, computed straight from the two CSV files."""
    def overall(name: str) -> dict[str, tuple[str, int]]:
        with (cqc_dir / "source" / name).open(encoding="utf-8-sig") as fh:
            return {
                r["ORG_CODE"]: (r["DATE"], int(r["RATING_SCORE"]))
                for r in csv.DictReader(fh)
                if r["POPULATION"] == "Overall" and r["QUESTION"] == "Overall"
            }

    old = overall("nhs_ratings_snapshot_2018-10.csv")
    new = overall("nhs_ratings_snapshot_2019-03.csv")
    up = down = kept = 0
    for code, (date, score) in new.items():
        if code in old and old[code][0] != date:
            up += score > old[code][1]
            down += score < old[code][1]
            kept += score == old[code][1]
    return up, down, kept


def test_history_across_the_two_real_editions(cqc_dir: Path) -> None:
    db = open_cache().db
    rows = db.execute(
        "SELECT subject_id, rating FROM ratings WHERE subject_type = 'provider' "
        "AND service = 'Overall' AND key_question = 'Overall' ORDER BY subject_id, published"
    ).fetchall()
    history: dict[str, list[str]] = {}
    for pid, rating in rows:
        history.setdefault(pid, []).append(rating)
    re_rated = {pid: h for pid, h in history.items() if len(h) > 1}
    up = sum(RATING_ORDER[h[-1]] > RATING_ORDER[h[-2]] for h in re_rated.values())
    down = sum(RATING_ORDER[h[-1]] < RATING_ORDER[h[-2]] for h in re_rated.values())
    kept = sum(h[-1] == h[-2] for h in re_rated.values())
    assert (up, down, kept) == _trust_level_changes(cqc_dir) == (18, 8, 48)
    # the older rating is still there: history is added to, never overwritten
    assert len(history) == 243


def test_reopening_keeps_the_cache_as_it_is() -> None:
    first = open_cache()
    first.db.execute("UPDATE providers SET also_known_as = 'kept' WHERE id = 'RJ1'")
    first.db.conn.commit()
    first.close()
    again = open_cache()
    assert again.notice is None
    assert again.db["providers"].get("RJ1")["also_known_as"] == "kept"


def test_a_corrupt_cache_is_moved_aside_and_rebuilt(data_dir: Path) -> None:
    path = data_dir / "ratings.db"
    garbage = b"this is not a database " * 100
    path.write_bytes(garbage)
    handle = open_cache()
    assert handle.notice is not None
    assert "moved aside" in handle.notice and "March 2019" in handle.notice
    moved = list(data_dir.glob("ratings.db.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert moved[0].name in handle.notice
    assert handle.db["providers"].get("RJ1")["name"] == "Guy's and St Thomas' NHS Foundation Trust"


def test_a_damaged_cache_says_what_was_moved_aside_and_keeps_the_check_in_details(
        data_dir: Path) -> None:
    open_cache().close()
    damage_pages(paths.ratings_db_path())
    handle = open_cache()
    moved = [p for p in data_dir.glob("ratings.db.corrupt-*")
             if not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1
    notice = handle.notice or ""
    assert f"moved aside to {moved[0].name} (in {data_dir})" in notice
    assert "failed SQLite's integrity check" in notice and "problems found" in notice
    assert "import your CQC files again or refresh from CQC's API" in notice
    assert "On tree page" not in notice and len(notice.splitlines()) == 1
    details = handle.notice_details.splitlines()
    assert details[0] == f"SQLite's integrity check of {moved[0].name}:"
    assert len(details) > 17 and any(line.startswith("On tree page") for line in details)
    handle.close()


def test_a_sqlite_file_that_is_not_our_cache_is_moved_aside(data_dir: Path) -> None:
    path = data_dir / "ratings.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    handle = open_cache()
    assert handle.notice and "not a Columnist ratings cache" in handle.notice
    assert len(list(data_dir.glob("ratings.db.corrupt-*"))) == 1
    assert handle.db["ratings"].count > 9000


def test_a_cache_from_a_newer_version_is_moved_aside(data_dir: Path) -> None:
    handle = open_cache()
    handle.db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION + 1)},
                             pk="key")
    handle.close()
    again = open_cache()
    assert again.notice and "newer version of Columnist" in again.notice
    # The cache is WAL: its companion files, if any, move aside with it.
    moved = [p for p in data_dir.glob("ratings.db.newer-*")
             if not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1
    old = sqlite_utils.Database(moved[0])
    assert old["meta"].get("schema_version")["value"] == str(SCHEMA_VERSION + 1)
    assert again.db["meta"].get("schema_version")["value"] == str(SCHEMA_VERSION)


def test_the_committed_seed_is_what_the_build_script_makes(tmp_path: Path, cqc_dir: Path):
    import importlib.util

    from columnist.ratings.cache import seed_path

    script = Path(__file__).resolve().parents[2] / "build_scripts" / "build_seed.py"
    spec = importlib.util.spec_from_file_location("build_seed", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "seed.json.gz"
    counts = module.build(cqc_dir / "source", out)
    assert counts["ratings"] > 9000 and counts["providers"] == 301
    assert out.read_bytes() == seed_path().read_bytes()


def test_a_fresh_cache_comes_with_its_search_index() -> None:
    from columnist.ratings import search

    db = open_cache().db
    assert search.index_exists(db)
    hits = search.search(db, "Guy's")
    assert hits and hits[0].id == "RJ1"


def test_the_window_makes_and_reads_the_cache_without_loading_sqlite_utils(
        data_dir: Path) -> None:
    """The window only reads the cache, or builds it from the seed on a first start: both
    go through a plain connection (the schema and the seed in plain SQL), so sqlite-utils
    (and click, dateutil, pluggy) stay out of the window's memory."""
    import os
    import subprocess
    import sys

    script = (  # the first start builds the cache from the seed, in plain SQL too
        "import sys\n"
        "from columnist.ratings.cache import open_cache\n"
        "from columnist.ratings.lookup import current_rating\n"
        "from columnist.ratings.search import search, warm_up\n"
        "handle = open_cache(reader=True)\n"
        "warm_up(handle.db)\n"
        "print(current_rating(handle.db, 'provider', 'RJ1').rating)\n"
        "print(search(handle.db, 'guys', 3)[0].name)\n"
        "print(sorted(m for m in ('sqlite_utils', 'click', 'dateutil') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "COLUMNIST_DATA_DIR": str(data_dir)},
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Good", "Guy's and St Thomas' NHS Foundation Trust", "[]"]


def test_a_reader_opening_an_older_cache_migrates_it_first() -> None:
    handle = open_cache()
    handle.db.execute("DROP VIEW current_ratings")
    handle.close()
    reader = open_cache(reader=True)
    try:
        views = {r[0] for r in reader.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert "current_ratings" in views
        assert reader.db.execute(
            "SELECT rating FROM current_ratings WHERE subject_id = 'RJ1' "
            "AND key_question = 'Overall' AND service = 'Overall'").fetchone() is not None
    finally:
        reader.close()
