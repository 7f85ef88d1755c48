"""`columnist ratings …` end to end through `columnist.cli.main`, on a real-data cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from columnist import paths
from columnist.cli import main
from columnist.ratings.search import rebuild_index
from helpers.fake_cqc_api import KEY, FakeCqcApi
from helpers.real_cache import build_real_cache


@pytest.fixture
def cache(data_dir: Path, cqc_dir: Path) -> Path:
    path = paths.ratings_db_path()
    db = sqlite_utils.Database(path)
    build_real_cache(db, cqc_dir)
    rebuild_index(db)
    db.conn.close()
    return path


def dump(path: Path) -> list[str]:
    db = sqlite_utils.Database(path)
    try:
        return list(db.conn.iterdump())
    finally:
        db.conn.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ratings", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_info_text_and_json(cache, capsys):
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert "CQC ratings as published up to March 2019" in out
    assert "nhs-ratings-snapshot" in out and "2019-03-31" in out
    assert "Contains CQC data © Care Quality Commission" in out
    assert "Warning:" in out  # 2019 data is years old

    code, out, _ = run(capsys, "info", "--json")
    data = json.loads(out)
    assert data["nhs_trusts"] == 274 and data["as_of"] == "2019-03-31"
    assert [s["edition_date"] for s in data["sources"]][-1] == "2019-03-31"


def test_search_text_and_json(cache, capsys):
    code, out, _ = run(capsys, "search", "guy's", "and", "st")
    assert code == 0
    first = out.splitlines()[0]
    assert first.split() == ["RJ1", "Guy's", "and", "St", "Thomas'", "NHS", "Foundation", "Trust"]
    assert "NHS trust · London · Good (2016-03-24)" in out

    code, out, _ = run(capsys, "search", "bristol", "--limit", "2", "--json")
    hits = json.loads(out)
    assert len(hits) == 2 and hits[0]["is_nhs_trust"] is True


def test_search_names_a_trust_site_an_nhs_hospital(cache, capsys):
    code, out, _ = run(capsys, "search", "derriford")
    assert code == 0
    assert out.splitlines()[:2] == ["RK950  Derriford Hospital",
                                    "       NHS hospital · Plymouth · not rated"]


def test_search_with_no_match_says_so(cache, capsys):
    code, out, err = run(capsys, "search", "qqqzzzx")
    assert code == 1 and out == "" and "nothing matches 'qqqzzzx'" in err


def test_show_current_and_history(cache, capsys):
    code, out, _ = run(capsys, "show", "rxh")
    assert code == 0
    assert out.startswith("Brighton and Sussex University Hospitals NHS Trust  (provider RXH)")
    current = out.split("Current ratings:")[1].split("History:")[0]
    assert "Overall     Good                   2019-01-08" in current
    assert "Well-led    Good                   2019-01-08" in current
    history = out.split("History:")[1]
    assert "2016-08-17  Overall Inadequate" in history

    code, out, _ = run(capsys, "show", "RXH", "--json")
    data = json.loads(out)
    assert data["current"][0] == {"service": "Overall", "key_question": "Overall",
                                  "rating": "Good", "published": "2019-01-08",
                                  "flagged": False, "inherited": False}


def test_show_unknown_id(cache, capsys):
    code, _, err = run(capsys, "show", "NOPE1")
    assert code == 1 and "no provider or location with ID 'NOPE1'" in err


def test_changes_between_dates(cache, capsys):
    code, out, _ = run(capsys, "changes", "--since", "2018-08-31", "--until", "2019-03-31",
                       "--json")
    data = json.loads(out)
    assert data["counts"] == {"improved": 18, "declined": 8, "kept": 48, "first rating": 0,
                              "changed": 0}
    code, out, _ = run(capsys, "changes", "--since", "2018-09", "--until", "2019-03")
    assert code == 0 and "Improved (18)" in out and "Declined (8)" in out
    code, out_nhs, _ = run(capsys, "changes", "--since", "2018-09", "--until", "2019-03",
                           "--nhs-only", "--json")
    assert json.loads(out_nhs)["counts"]["declined"] == 6  # two were not NHS trusts
    assert "RXH    " in out
    assert "improved from Inadequate to Good (2019-01-08; was 2016-08-17)" in out


def test_changes_since_last_import(cache, capsys):
    code, out, _ = run(capsys, "changes", "--since", "last-import")
    assert code == 0
    assert "nhs_ratings_snapshot_2019-03.csv" in out and "Kept (48)" in out


def test_changes_bad_date(cache, capsys):
    code, _, err = run(capsys, "changes", "--since", "March")
    assert code == 2 and "'March' is not a date" in err


def test_sync_against_local_api(cache, capsys, cqc_dir, monkeypatch):
    monkeypatch.setenv("CQC_API_KEY", KEY)
    with FakeCqcApi(cqc_dir) as api:
        code, out, _ = run(capsys, "sync", "--api-url", api.url)
        assert code == 0, out
        assert "CQC API full sync" in out and "4 providers" in out
        code, out, _ = run(capsys, "show", "RK950")
        assert "Derriford Hospital" in out and "Caring      Outstanding" in out
        code, out, _ = run(capsys, "info", "--json")
        assert json.loads(out)["sources"][-1]["source"] == "cqc-api"


def test_sync_with_refused_key_changes_nothing(cache, capsys, cqc_dir, monkeypatch):
    monkeypatch.setenv("CQC_API_KEY", "not-the-key")
    before = dump(cache)
    with FakeCqcApi(cqc_dir) as api:
        code, _, err = run(capsys, "sync", "--api-url", api.url, "--retries", "0")
    assert code == 1 and "refused the key" in err and "not-the-key" not in err
    assert dump(cache) == before


def test_sync_without_key_explains_how_to_set_one(cache, capsys, monkeypatch):
    monkeypatch.delenv("CQC_API_KEY", raising=False)
    import keyring

    monkeypatch.setattr(keyring, "get_password", lambda service, user: None)
    code, _, err = run(capsys, "sync")
    assert code == 2 and "CQC_API_KEY" in err and "keyring set columnist cqc-api-key" in err


def test_import_missing_file(cache, capsys, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "missing.ods"))
    assert code == 1 and "no such file" in err


def test_import_real_trust_list(cache, capsys, cqc_dir):
    etr = cqc_dir / "source" / "ods_etr_nhs_trusts_2026-06.csv"
    code, out, err = run(capsys, "import", str(etr))
    assert code == 0, err
    assert "ods_etr_nhs_trusts_2026-06.csv:" in out


def test_import_json_lists_flagged_words_by_name(cache, capsys, cqc_dir, tmp_path):
    from helpers.cqc_files import PROVIDER_HEADER, provider_sheet_rows, write_csv

    rows = provider_sheet_rows(cqc_dir, {"RJ1": ("Guy's and St Thomas' NHS Foundation Trust",
                                                 "London", "SE1 7EH")})
    for row in rows:
        row[14] = "Brilliant"
        row[15] = ("date", "2019-04-01", "01/04/2019")
    csv = write_csv(tmp_path / "Latest_ratings_providers.csv", [PROVIDER_HEADER, *rows])
    code, out, err = run(capsys, "import", "--json", str(csv))
    assert code == 0, err
    [result] = json.loads(out)
    assert result["file"] == str(csv)
    assert result["flagged_words"] == {"Brilliant": result["ratings_flagged"]}
    assert result["ratings_flagged"] >= 1


def test_ctrl_c_cancels_a_sync_cleanly_and_the_next_one_resumes(cache, cqc_dir, data_dir):
    import os
    import signal
    import subprocess
    import sys
    import time

    before = dump(cache)
    env = {**os.environ, "CQC_API_KEY": KEY, "PYTHONUNBUFFERED": "1"}
    with FakeCqcApi(cqc_dir) as api:
        api.script("/providers/RA9", [("sleep", 1.5)])
        proc = subprocess.Popen(
            [sys.executable, "-m", "columnist", "--data-dir", str(data_dir), "ratings", "sync",
             "--api-url", api.url],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 30
        while "/public/v1/providers/RA9" not in api.paths() and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "sync cancelled; the cache is unchanged" in err
        assert dump(cache) == before

        proc = subprocess.run(
            [sys.executable, "-m", "columnist", "--data-dir", str(data_dir), "ratings", "sync",
             "--api-url", api.url],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert "(resumed)" in proc.stdout
        assert api.paths().count("/public/v1/providers/1-102643516") == 1


def test_a_locked_cache_is_left_in_place_with_a_sentence_not_a_traceback(
    cache, capsys, monkeypatch
):
    """Another process writing (the app importing) is not corruption: nothing moves aside."""
    import sqlite3

    from columnist.ratings import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.1)
    before = sorted(p.name for p in paths.data_dir().iterdir())
    holder = sqlite3.connect(paths.ratings_db_path(), timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "import", str(Path(__file__)))
    finally:
        holder.rollback()
        holder.close()
    assert code == 1
    assert "in use by another process" in err and "Nothing was changed" in err
    assert "Traceback" not in err and "moved aside" not in err
    assert sorted(p.name for p in paths.data_dir().iterdir()) == before


@pytest.mark.parametrize("suffix", [".ods", ".xlsx", ".csv"])
def test_random_bytes_given_to_import_are_not_a_spreadsheet_and_no_garbage_is_quoted(
        cache, capsys, tmp_path, suffix):
    import random

    rng = random.Random(suffix)
    junk = tmp_path / f"Latest_ratings{suffix}"
    junk.write_bytes(bytes(rng.randrange(1, 256) for _ in range(50_000)))  # not one NUL
    before = dump(cache)
    code, _, err = run(capsys, "import", str(junk))
    assert code == 1
    assert f"{junk.name} is not a spreadsheet or CSV file" in err
    assert all(ch.isascii() or ch == "…" for ch in err), err  # no bytes decoded as text
    assert dump(cache) == before
