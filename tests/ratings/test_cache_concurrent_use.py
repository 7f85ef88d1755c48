"""The cache under concurrent use: readers never wait for a writer, writers wait in turn.

The writer here is a real import in another process, held inside its write transaction
(at "Saving…") until the test lets it go, so what a reader sees meanwhile is tested
against a real open transaction, not a mock.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from columnist import paths
from columnist.cli import main
from columnist.ratings.cache import open_cache
from helpers.cqc_files import PROVIDER_HEADER, provider_sheet_rows, write_csv

GUYS = ("Guy's and St Thomas' NHS Foundation Trust", "London", "SE1 7EH")

# An import that stops inside its write transaction until `release` exists.
HELD_IMPORT = """
import sys, time
from pathlib import Path
from columnist.ratings.cache import open_cache
from columnist.ratings.importers import import_file

db_path, csv, held, release = map(Path, sys.argv[1:5])
handle = open_cache(db_path)

def progress(done, total, message):
    if message == "Saving…":  # every row is written, nothing is committed yet
        held.touch()
        deadline = time.monotonic() + 120
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

print(import_file(handle.db, csv, progress=progress).summary())
handle.close()
"""


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def outstanding_guys_csv(cqc_dir: Path, tmp_path: Path) -> Path:
    rows = provider_sheet_rows(cqc_dir, {"RJ1": GUYS})
    published = dt.date(2024, 5, 1)
    for row in rows:
        row[14] = "Outstanding"
        row[15] = ("date", published.isoformat(), f"{published:%d/%m/%Y}")
    return write_csv(tmp_path / "Latest_ratings_providers.csv", [PROVIDER_HEADER, *rows])


class HeldImport:
    """An import in another process, stopped inside its write transaction."""

    def __init__(self, csv: Path, tmp_path: Path) -> None:
        self.held = tmp_path / "held"
        self.release = tmp_path / "release"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HELD_IMPORT, str(paths.ratings_db_path()), str(csv),
             str(self.held), str(self.release)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        wait_until(lambda: self.held.exists() or self.proc.poll() is not None)
        assert self.held.exists(), self.proc.communicate()

    def finish(self) -> str:
        self.release.touch()
        out, err = self.proc.communicate(timeout=60)
        assert self.proc.returncode == 0, err
        return out

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


@pytest.fixture
def seeded() -> Path:
    open_cache().close()
    return paths.ratings_db_path()


def ratings(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ratings", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_opener_makes_the_cache_wal(seeded):
    import sqlite3

    conn = sqlite3.connect(seeded)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_reading_the_cache_leaves_its_file_unchanged(seeded, capsys):
    before = (seeded.read_bytes(), seeded.stat().st_mtime_ns)
    for argv in (("info",), ("search", "guys"), ("show", "RJ1"),
                 ("changes", "--since", "2015-01")):
        code, _, err = ratings(capsys, *argv)
        assert code == 0, err
    assert (seeded.read_bytes(), seeded.stat().st_mtime_ns) == before


def test_reads_answer_from_the_last_commit_while_an_import_writes(
        seeded, capsys, cqc_dir, tmp_path):
    importing = HeldImport(outstanding_guys_csv(cqc_dir, tmp_path), tmp_path)
    try:
        code, out, err = ratings(capsys, "search", "guys", "and", "st", "thomas")
        assert code == 0, err
        assert "locked" not in err
        assert "RJ1" in out and "Good (2016-" in out and "Outstanding" not in out
        for argv in (("info",), ("show", "RJ1"), ("changes", "--since", "2015-01")):
            code, out, err = ratings(capsys, *argv)
            assert code == 0, err
        assert "2024-05-01" not in out
    finally:
        importing.release.touch()  # let the import commit even if a read failed
    summary = importing.finish()
    assert "already imported" not in summary
    code, out, _ = ratings(capsys, "search", "guys", "and", "st", "thomas")
    assert "Outstanding (2024-05-01)" in out


def test_a_second_import_waits_for_the_first_then_says_already_imported(
        seeded, cqc_dir, tmp_path, data_dir):
    csv = outstanding_guys_csv(cqc_dir, tmp_path)
    importing = HeldImport(csv, tmp_path)
    stderr = tmp_path / "second.err"
    try:
        with stderr.open("w") as err:
            second = subprocess.Popen(
                [sys.executable, "-m", "columnist", "--data-dir", str(data_dir), "ratings",
                 "import", str(csv)],
                stdout=subprocess.PIPE, stderr=err, text=True, env=dict(os.environ),
            )
        wait_until(lambda: "waiting for another import to finish"
                   in stderr.read_text().lower() or second.poll() is not None)
        assert second.poll() is None, stderr.read_text()
        importing.finish()
        out, _ = second.communicate(timeout=60)
    finally:
        importing.kill()
    assert second.returncode == 0, stderr.read_text()
    assert "already imported" in out
    assert "locked" not in stderr.read_text()
