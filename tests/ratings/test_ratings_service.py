"""The ratings service: its jobs run on the ratings lane and report on the GUI thread."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import sqlite_utils

from columnist import paths
from columnist.ratings import importers
from columnist.ratings.lookup import current_rating
from columnist.ratings.service import CANCELLED, RatingsService
from helpers.cqc_files import PROVIDER_HEADER, fingerprint, provider_sheet_rows, write_csv

GUYS = ("Guy's and St Thomas' NHS Foundation Trust", "London", "SE1 7EH")


def outstanding_guys_csv(cqc_dir: Path, tmp_path: Path, published: dt.date) -> Path:
    rows = provider_sheet_rows(cqc_dir, {"RJ1": GUYS})
    for row in rows:
        row[14] = "Outstanding"
        row[15] = ("date", published.isoformat(), f"{published:%d/%m/%Y}")
    return write_csv(tmp_path / "Latest_ratings_providers.csv", [PROVIDER_HEADER, *rows])


def opened_service(qtbot) -> RatingsService:
    service = RatingsService()
    with qtbot.waitSignal(service.opened, timeout=10000):
        service.start()
    assert service.cache_path() == paths.ratings_db_path()
    return service


def cache() -> sqlite_utils.Database:
    return sqlite_utils.Database(paths.ratings_db_path())


def test_an_import_runs_off_the_gui_thread_and_the_cache_has_the_new_rating(
        qtbot, tmp_path, cqc_dir, monkeypatch) -> None:
    service = opened_service(qtbot)
    assert service.currency_info.label == "CQC ratings as published up to March 2019"
    threads: list[str] = []
    real_import = importers.import_file

    def recording_import(db, path, progress=None, cancel=None):
        threads.append(threading.current_thread().name)
        return real_import(db, path, progress=progress, cancel=cancel)

    monkeypatch.setattr(importers, "import_file", recording_import)
    published = dt.date.today() - dt.timedelta(days=3)
    csv = outstanding_guys_csv(cqc_dir, tmp_path, published)
    generation = service.generation()
    with qtbot.waitSignal(service.jobFinished, timeout=15000) as finished:
        assert service.run_import(csv)
        assert service.busy and not service.run_import(csv)  # one job at a time
    job, report = finished.args
    assert job == "import" and report.ratings_added >= 1
    assert threads and threads[0] != threading.main_thread().name
    assert not service.busy and service.generation() == generation + 1
    assert service.currency_info.label == f"CQC ratings as published up to {published:%B %Y}"
    db = cache()
    guys = current_rating(db, "provider", "RJ1")
    assert (guys.rating, guys.published) == ("Outstanding", published.isoformat())
    db.conn.close()


def test_cancel_and_shutdown_wait_for_the_rollback(qtbot, tmp_path, cqc_dir,
                                                   monkeypatch) -> None:
    service = opened_service(qtbot)
    db = cache()
    before = fingerprint(db)
    started = threading.Event()
    real_import = importers.import_file

    def slow_import(db, path, progress=None, cancel=None):
        started.set()
        cancel.wait(10)  # until the app quits
        return real_import(db, path, progress=progress, cancel=cancel)

    monkeypatch.setattr(importers, "import_file", slow_import)
    failures: list[tuple[str, str, str]] = []
    service.jobFailed.connect(lambda *args: failures.append(args))
    assert service.run_import(outstanding_guys_csv(cqc_dir, tmp_path, dt.date.today()))
    assert started.wait(10)
    service.shutdown()  # what a quitting app does
    assert service._job is not None and service._job.done()  # rolled back, not cut off
    assert fingerprint(db) == before
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures == [("import", CANCELLED, "Import cancelled; the ratings are unchanged.")]
    assert not service.busy
    db.conn.close()


def test_a_cache_that_cannot_be_opened_says_why(qtbot, monkeypatch) -> None:
    from columnist.ratings import cache as cache_module

    def refuse(*_args, **_kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr(cache_module, "open_cache", refuse)
    service = RatingsService()
    with qtbot.waitSignal(service.openFailed, timeout=10000) as failed:
        service.start()
    assert failed.args == ["read-only file system"]
    assert service.cache_path() is None and not service.busy
    assert not service.run_import(Path("anything.csv"))


def test_an_import_while_another_columnist_imports_says_it_waits_then_runs(
        qtbot, tmp_path, cqc_dir) -> None:
    from filelock import FileLock

    from columnist.ratings.writer import import_lock_path

    service = opened_service(qtbot)
    messages: list[str] = []
    service.progress.connect(lambda _done, _total, message: messages.append(message))
    other = FileLock(import_lock_path(paths.ratings_db_path()))  # the other import
    other.acquire()
    try:
        assert service.run_import(outstanding_guys_csv(cqc_dir, tmp_path, dt.date.today()))
        qtbot.waitUntil(
            lambda: "Waiting for another import to finish…" in messages, timeout=10000)
        assert service.busy
    finally:
        other.release()
    with qtbot.waitSignal(service.jobFinished, timeout=15000) as finished:
        pass
    assert finished.args[1].ratings_added >= 1
    db = cache()
    assert current_rating(db, "provider", "RJ1").rating == "Outstanding"
    db.conn.close()


def test_cancel_while_waiting_for_another_import_stops_and_changes_nothing(
        qtbot, tmp_path, cqc_dir) -> None:
    from filelock import FileLock

    from columnist.ratings.writer import import_lock_path

    service = opened_service(qtbot)
    db = cache()
    before = fingerprint(db)
    messages: list[str] = []
    service.progress.connect(lambda _done, _total, message: messages.append(message))
    other = FileLock(import_lock_path(paths.ratings_db_path()))
    other.acquire()
    try:
        assert service.run_import(outstanding_guys_csv(cqc_dir, tmp_path, dt.date.today()))
        qtbot.waitUntil(
            lambda: "Waiting for another import to finish…" in messages, timeout=10000)
        with qtbot.waitSignal(service.jobFailed, timeout=10000) as failed:
            service.cancel()
    finally:
        other.release()
    assert failed.args == ["import", CANCELLED, "Import cancelled; the ratings are unchanged."]
    assert fingerprint(db) == before and not service.busy
    db.conn.close()
