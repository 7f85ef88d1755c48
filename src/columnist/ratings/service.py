"""The rating cache for the desktop app: opened, imported into and synced off the GUI thread.

    service = RatingsService(window)
    QTimer.singleShot(250, service.start)     # after the window is shown
    service.opened.connect(...)               # label / age warning ready
    service.run_import(path)                  # or run_sync(url, key)
    service.cancel()

Why a service: cold start is measured, so nothing here imports sqlite or the ratings
package until `start()` runs its job; the GUI thread never waits on SQLite (a full CQC
import takes ~25 s). Every job (open, import, sync) runs through `core.tasks.run_task` on
the one "ratings" lane, so they run in order, and each job's outcome arrives on the GUI
thread as a plain call; jobs only report progress, they never touch a widget.

Every connection is prepared by `connection.prepare` (WAL), so the preview's render
thread and the trust picker keep reading the last committed ratings while an import or a
sync writes; an import started while another Columnist imports waits for it, and its
progress says so.

A service, not a widget: it uses QtCore only (signals and the application's quit), so
the window and tests use it alike.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from columnist.core.tasks import run_task

LANE = "ratings"

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
    """The cache's currency, as the status bar and the preview footer say it."""
    from columnist.ratings import provenance

    warning = provenance.age_warning(db)
    return Currency(provenance.as_of_label(db), warning, provenance.age_phrase(warning))


class RatingsService(QObject):
    """Owns the cache's path and currency; runs the open, import and sync jobs.

    One job at a time (`busy`); `cancel()` asks the running one to stop and roll back;
    `shutdown()` (on quit) cancels and waits for that rollback.
    """

    opened = Signal()  # the cache is usable; `currency_info` is set
    changed = Signal()  # an import / sync changed the cache (re-render, relabel)
    notice = Signal(str, str)  # tell the user (cache moved aside and rebuilt), details
    openFailed = Signal(str)  # the cache could not be opened at all
    lookupFailed = Signal(str)  # the preview could not read the cache (reported once)
    progress = Signal(int, int, str)  # done, total (0 = unknown), message
    jobFinished = Signal(str, object)  # "import" | "sync", report
    jobFailed = Signal(str, str, str)  # job, kind (CANCELLED, FILE_ERROR, …), message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._generation = 0
        self._currency: Currency | None = None
        self._lookup_reported = False
        self._lock = threading.Lock()
        self._job: Future[Any] | None = None
        self._cancel = threading.Event()
        self.busy = False
        self.started = False
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

    # ------------------------------------------------------------------ opening

    def start(self) -> None:
        """Open (making or repairing) the cache on the ratings lane; once."""
        if self.started:
            return
        self.started = True
        self._submit(_open_work, self._on_open_done, threading.Event())

    def _on_open_done(self, opened: Any, error: BaseException | None) -> None:
        self.busy = False
        if error is not None:
            self.openFailed.emit(str(error) or error.__class__.__name__)
            return
        path, currency, notice, details = opened
        with self._lock:
            self._path = path
            self._currency = currency
            self._generation += 1
            self._lookup_reported = False
        self.opened.emit()
        if notice:
            self.notice.emit(str(notice), details)

    # ------------------------------------------------------------------ jobs

    def cancel(self) -> None:
        """Ask the running import / sync to stop (it rolls back; nothing half-applied)."""
        self._cancel.set()

    def run_import(self, file: Path) -> bool:
        """Import one CQC/NHS file on the lane; False if the cache is not ready or busy."""

        def body(db: Any, cancel: threading.Event) -> Any:
            from columnist.ratings import importers

            return importers.import_file(db, Path(file), progress=self._progress, cancel=cancel)

        return self._start_job("import", body, _import_failure)

    def run_sync(self, url: str, key: str, *, full: bool = False, scope: str = "trusts",
                 timeout: float = 30.0, retries: int = 4) -> bool:
        """Refresh from CQC's API on the lane; False if the cache is not ready or busy."""

        def body(db: Any, cancel: threading.Event) -> Any:
            from columnist.ratings.api_client import CqcApiClient
            from columnist.ratings.api_sync import sync

            client = CqcApiClient(url, key, timeout=timeout, retries=retries, cancel=cancel)
            return sync(db, client, full=full, scope=scope, progress=self._progress,
                        cancel=cancel)

        return self._start_job("sync", body, _sync_failure)

    def _start_job(
        self,
        job: str,
        body: Callable[[Any, threading.Event], Any],
        describe: Callable[[BaseException, threading.Event], tuple[str, str]],
    ) -> bool:
        """Run `body(db, cancel)` on its own connection on the lane; False if not ready/busy.

        Every failure, including one opening the connection, ends in `jobFailed` (kind and
        message from `describe`), so the service is never left busy by a failed job.
        """
        path = self.cache_path()
        if path is None or self.busy:
            return False
        cancel = threading.Event()
        known = self.currency_info

        def work() -> tuple[Any, Currency | None]:
            db = _connect(path)
            try:
                report = body(db, cancel)
                return report, _currency_or(db, known)
            finally:
                db.conn.close()

        def done(result: Any, error: BaseException | None) -> None:
            self.busy = False
            if error is not None:
                self.jobFailed.emit(job, *describe(error, cancel))
                return
            report, currency = result
            with self._lock:
                self._currency = currency
                self._generation += 1
                self._lookup_reported = False
            self.changed.emit()
            self.jobFinished.emit(job, report)

        self._submit(work, done, cancel)
        return True

    def _submit(
        self,
        work: Callable[[], Any],
        done: Callable[[Any, BaseException | None], None],
        cancel: threading.Event,
    ) -> None:
        self.busy = True
        self._cancel = cancel
        self._job = run_task(work, done, lane_name=LANE, receiver=self)

    def _progress(self, done: int, total: int | None, message: str) -> None:
        _emit(self.progress, int(done or 0), int(total or 0), str(message))

    def shutdown(self, wait_s: float = 10.0) -> None:
        """Quitting: cancel a running job and let it roll back (never cut mid-commit)."""
        self._cancel.set()
        if self._job is not None:
            concurrent.futures.wait([self._job], timeout=wait_s)


def _open_work() -> tuple[Path, Currency, str | None, str]:
    """The open job: make or repair the cache, read its currency, warm up search."""
    from columnist.ratings.cache import open_cache

    handle = open_cache(reader=True)
    try:
        db = handle.db
        currency = read_currency(db)
        try:
            from columnist.ratings.search import warm_up

            warm_up(db)  # the trust picker's first keystroke need not wait
        except Exception:  # search still works, only its first query is slower
            pass
    finally:
        handle.close()
    return handle.path, currency, handle.notice, handle.notice_details


def _emit(signal: Any, *args: Any) -> None:
    """Emit progress from a worker (queued to the GUI thread by Qt); the window, and this
    service, may have gone meanwhile."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


def _import_failure(exc: BaseException, _cancel: threading.Event) -> tuple[str, str]:
    """(kind, message) for `jobFailed` when an import raised `exc`."""
    from columnist.ratings import importers

    if isinstance(exc, importers.ImportCancelled):
        return CANCELLED, "Import cancelled; the ratings are unchanged."
    if isinstance(exc, importers.ImportFileError):
        return FILE_ERROR, str(exc)
    return ERROR, f"The import failed ({exc}); the ratings are unchanged."


def _sync_failure(exc: BaseException, cancel: threading.Event) -> tuple[str, str]:
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
    """A job's own connection (imported here: cold start never loads sqlite)."""
    from columnist.ratings.cache import connect

    return connect(path)
