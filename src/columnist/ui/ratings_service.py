"""The rating cache for the desktop app: opened off the GUI thread, refreshed in a worker.

    service = RatingsService(window)
    QTimer.singleShot(250, service.start)     # after the window is shown
    service.opened.connect(...)               # label / age warning ready
    service.run_import(path)                  # or run_sync(url, key)
    service.cancel()

Why a service: cold start is measured, so nothing here imports sqlite or the ratings
package until `start()` runs its worker; the GUI thread never waits on SQLite (a full
CQC import takes ~25 s). Workers are plain Python threads that only emit signals (queued
to this object's thread), never touch a widget.

The cache is switched to WAL journalling when it is opened, so the preview's render
thread keeps reading while an import writes (a rollback-journal writer that spills its
cache would lock readers out for the rest of the import).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

# Outcome kinds of a job (`jobFailed`'s first argument).
CANCELLED, FILE_ERROR, AUTH_ERROR, API_ERROR, ERROR = (
    "cancelled", "file", "auth", "api", "error")


@dataclass(frozen=True)
class Currency:
    """How current the cached ratings are: the as-of label and, when old, the warning."""

    label: str
    warning: str | None  # provenance.age_warning (mentions the CLI)
    age: str | None  # "over 7 years old" (None when fresh)


def read_currency(db: Any) -> Currency:
    from columnist.ratings import provenance

    warning = provenance.age_warning(db)
    return Currency(provenance.as_of_label(db), warning, provenance.age_phrase(warning))


class RatingsService(QObject):
    """Owns the cache's path and currency; runs the open, import and sync jobs."""

    opened = Signal()  # the cache is usable; `currency_info` is set
    changed = Signal()  # an import / sync changed the cache (re-render, relabel)
    notice = Signal(str)  # tell the user (cache moved aside and rebuilt)
    openFailed = Signal(str)  # the cache could not be opened at all
    lookupFailed = Signal(str)  # the preview could not read the cache (reported once)
    progress = Signal(int, int, str)  # done, total (0 = unknown), message
    jobFinished = Signal(str, object)  # "import" | "sync", report
    jobFailed = Signal(str, str, str)  # job, kind (CANCELLED, FILE_ERROR, …), message

    _opened_in_worker = Signal(object, object, object)  # path, Currency, notice
    _open_failed_in_worker = Signal(str)
    _job_done_in_worker = Signal(str, object, object)  # job, report, Currency
    _job_failed_in_worker = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._generation = 0
        self._currency: Currency | None = None
        self._lookup_reported = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self.busy = False
        self.started = False
        self._opened_in_worker.connect(self._on_opened)
        self._open_failed_in_worker.connect(self._on_open_failed)
        self._job_done_in_worker.connect(self._on_job_done)
        self._job_failed_in_worker.connect(self._on_job_failed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------------ thread-safe state

    def cache_path(self) -> Path | None:
        """The opened cache (None until `opened`)."""
        with self._lock:
            return self._path

    def generation(self) -> int:
        """Goes up whenever the cache is (re)opened or refreshed."""
        with self._lock:
            return self._generation

    def currency(self) -> tuple[str, str | None]:
        """(as-of label, age phrase or None) for the preview footer."""
        with self._lock:
            c = self._currency
        if c is None:
            return "CQC ratings (age not known yet)", None
        return c.label, c.age

    @property
    def currency_info(self) -> Currency | None:
        with self._lock:
            return self._currency

    def report_lookup_failure(self, message: str) -> None:
        """From the render thread: the cache could not be read (said once per generation)."""
        with self._lock:
            if self._lookup_reported:
                return
            self._lookup_reported = True
        _emit(self.lookupFailed, message)

    def lookup_factory(self) -> Callable[[], Any]:
        """For `PreviewController`: builds the badge lookup in the render thread."""
        from columnist.ratings.badges import lookup_factory

        return lookup_factory(self)

    # ------------------------------------------------------------------ opening

    def start(self) -> None:
        """Open (making or repairing) the cache in a worker thread; once."""
        if self.started:
            return
        self.started = True
        self._start_thread(self._open_work, threading.Event(), "columnist-ratings-open")

    def _open_work(self) -> None:
        try:
            from columnist.ratings.cache import open_cache

            handle = open_cache()
            try:
                db = handle.db
                _use_wal(db)
                currency = read_currency(db)
                try:
                    from columnist.ratings.search import warm_up

                    warm_up(db)  # the trust picker's first keystroke need not wait
                except Exception:  # search still works, only its first query is slower
                    pass
            finally:
                handle.close()
        except Exception as exc:
            _emit(self._open_failed_in_worker, str(exc) or exc.__class__.__name__)
            return
        _emit(self._opened_in_worker, handle.path, currency, handle.notice)

    def _on_opened(self, path: Path, currency: Currency, notice: str | None) -> None:
        self.busy = False
        with self._lock:
            self._path = path
            self._currency = currency
            self._generation += 1
            self._lookup_reported = False
        self.opened.emit()
        if notice:
            self.notice.emit(str(notice))

    def _on_open_failed(self, message: str) -> None:
        self.busy = False
        self.openFailed.emit(message)

    # ------------------------------------------------------------------ jobs

    def cancel(self) -> None:
        """Ask the running import / sync to stop (it rolls back; nothing half-applied)."""
        self._cancel.set()

    def run_import(self, file: Path) -> bool:
        """Import one CQC/NHS file in a worker; False if the cache is not ready or busy."""

        def body(db: Any, cancel: threading.Event) -> Any:
            from columnist.ratings import importers

            return importers.import_file(db, Path(file), progress=self._progress, cancel=cancel)

        return self._start_job("import", body, _import_failure, "columnist-ratings-import")

    def run_sync(self, url: str, key: str, *, full: bool = False, scope: str = "trusts",
                 timeout: float = 30.0, retries: int = 4) -> bool:
        """Refresh from CQC's API in a worker; False if the cache is not ready or busy."""

        def body(db: Any, cancel: threading.Event) -> Any:
            from columnist.ratings.api_client import CqcApiClient
            from columnist.ratings.api_sync import sync

            client = CqcApiClient(url, key, timeout=timeout, retries=retries, cancel=cancel)
            return sync(db, client, full=full, scope=scope, progress=self._progress,
                        cancel=cancel)

        return self._start_job("sync", body, _sync_failure, "columnist-ratings-sync")

    def _start_job(
        self,
        job: str,
        body: Callable[[Any, threading.Event], Any],
        describe: Callable[[Exception, threading.Event], tuple[str, str]],
        name: str,
    ) -> bool:
        """Run `body(db, cancel)` on its own connection in a worker; False if not ready/busy.

        Every failure, including one opening the connection, ends in `jobFailed` (kind and
        message from `describe`), so the service is never left busy by a dead thread.
        """
        path = self.cache_path()
        if path is None or self.busy:
            return False
        cancel = threading.Event()

        def work() -> None:
            try:
                db = _connect(path)
                try:
                    report = body(db, cancel)
                    currency = _currency_or(db, self.currency_info)
                finally:
                    db.conn.close()
            except Exception as exc:
                self._fail(job, *describe(exc, cancel))
                return
            _emit(self._job_done_in_worker, job, report, currency)

        self._start_thread(work, cancel, name)
        return True

    def _start_thread(self, work: Callable[[], None], cancel: threading.Event, name: str) -> None:
        self.busy = True
        self._cancel = cancel
        self._thread = threading.Thread(target=work, name=name, daemon=True)
        self._thread.start()

    def _progress(self, done: int, total: int | None, message: str) -> None:
        _emit(self.progress, int(done or 0), int(total or 0), str(message))

    def _fail(self, job: str, kind: str, message: str) -> None:
        _emit(self._job_failed_in_worker, job, kind, message)

    def _on_job_failed(self, job: str, kind: str, message: str) -> None:
        self.busy = False
        self.jobFailed.emit(job, kind, message)

    def _on_job_done(self, job: str, report: Any, currency: Currency) -> None:
        self.busy = False
        with self._lock:
            self._currency = currency
            self._generation += 1
            self._lookup_reported = False
        self.changed.emit()
        self.jobFinished.emit(job, report)

    def shutdown(self, wait_s: float = 10.0) -> None:
        """Quitting: cancel a running job and let it roll back (never cut mid-commit)."""
        self._cancel.set()
        thread = self._thread
        if thread is not None and thread.is_alive():
            thread.join(wait_s)


def _emit(signal: Any, *args: Any) -> None:
    """Emit from a worker; the window (and this service) may have gone meanwhile."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


def _import_failure(exc: Exception, _cancel: threading.Event) -> tuple[str, str]:
    """(kind, message) for `jobFailed` when an import raised `exc`."""
    from columnist.ratings import importers

    if isinstance(exc, importers.ImportCancelled):
        return CANCELLED, "Import cancelled; the ratings are unchanged."
    if isinstance(exc, importers.ImportFileError):
        return FILE_ERROR, str(exc)
    return ERROR, f"The import failed ({exc}); the ratings are unchanged."


def _sync_failure(exc: Exception, cancel: threading.Event) -> tuple[str, str]:
    """(kind, message) for `jobFailed` when a refresh from the CQC API raised `exc`."""
    from columnist.ratings.api_client import CqcApiError, CqcAuthError
    from columnist.ratings.api_sync import SyncCancelled

    if isinstance(exc, SyncCancelled):
        return CANCELLED, (
            "Refresh cancelled; the ratings are unchanged (the next refresh carries on where "
            "this one stopped)."
        )
    if isinstance(exc, CqcAuthError):
        return AUTH_ERROR, str(exc)
    if isinstance(exc, CqcApiError):
        if cancel.is_set():
            return CANCELLED, "Refresh cancelled; the ratings are unchanged."
        return API_ERROR, str(exc)
    return ERROR, f"The refresh failed ({exc}); the ratings are unchanged."


def _currency_or(db: Any, known: Currency | None) -> Currency | None:
    """The cache's currency after a job; the last known one if it cannot be read now
    (the job itself has succeeded and must be reported as such)."""
    try:
        return read_currency(db)
    except Exception:
        return known


def _connect(path: Path) -> Any:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA busy_timeout = 10000")
    return db


def _use_wal(db: Any) -> None:
    """Readers (the preview) never wait for a writer (an import) in WAL mode."""
    # A file system without shared memory refuses: the rollback journal still works.
    with contextlib.suppress(Exception):
        db.conn.execute("PRAGMA journal_mode = WAL")
