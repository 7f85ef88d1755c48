"""Background work: run a function off the GUI thread, get its result back on the GUI thread.

One mechanism for every piece of background work (the preview's render, the journal's
writes, the rating cache's imports and syncs, and next the picker's and checkers'
queries), in the spirit of MusicBrainz Picard's `run_task`:

- A **lane** is one named worker thread that runs its tasks in the order they were
  submitted (the journal's writes must land in order; each window's renders run on a lane
  of its own, beside that window's own Python-Markdown, which is not thread-safe). It is
  a `QThread`, so work done there may create Qt objects (a preview's `QTextDocument`),
  start their timers and free them; plain Python threads cannot (Qt warns and drops the
  timers).
- `run_task(fn, done)` runs `fn()` on a lane and calls `done(result, error)` on the GUI
  thread; exactly one of the two is None. Nothing in a worker ever touches a widget.
- `LatestRunner` is "latest request wins": one request running and at most one waiting;
  a newer request replaces the waiting one and marks the running one superseded (it may
  stop early by checking its `Ticket`); results of superseded requests are dropped (handed
  to `discard`, when a result holds something to free, such as a preview's page).

Lanes drain at interpreter exit: a journal write already queued still reaches the disk.

>>> lane("doctest").submit(sum, [1, 2, 3]).result(timeout=5)
6
"""

from __future__ import annotations

import atexit
import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal, Slot

T = TypeVar("T")
R = TypeVar("R")

Done = Callable[[Any, BaseException | None], None]


class Lane(QThread):
    """One worker thread running submitted callables in order (see the module docstring).

    `submit` may be called from any thread; the thread starts on the first submission.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"columnist-{name}")
        self.name = name
        self._queue: queue.SimpleQueue[tuple[Callable[..., Any], tuple, Future] | None] = (
            queue.SimpleQueue()
        )
        self._start_lock = threading.Lock()
        self._stopping = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Queue `fn(*args)`; the returned Future holds its result or exception."""
        future: Future[T] = Future()
        with self._start_lock:
            if self._stopping:
                raise RuntimeError(f"the {self.name} lane has stopped")
            self._queue.put((fn, args, future))
            if not self.isRunning():
                self.start()
        return future

    def run(self) -> None:  # the worker thread
        while True:
            item = self._queue.get()
            if item is None:
                return
            fn, args, future = item
            del item
            outcome: tuple[bool, Any] | None = None
            if future.set_running_or_notify_cancel():
                try:
                    outcome = (True, fn(*args))
                except BaseException as exc:  # delivered to whoever waits on the future
                    outcome = (False, exc)
            # The task goes before its future completes: the waiter may then drop the last
            # other reference to a QObject the task used (a document controller, in a
            # test), which must be destroyed on its own thread, not on this one (a file
            # watcher destroyed here left its notifier firing in the GUI thread forever).
            del fn, args
            if outcome is not None:
                ok, value = outcome
                del outcome
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
                del value
            del future
            # Objects a task handed to deleteLater() (a retired preview page) are freed
            # here, in the thread that owns them; posted events for this thread's objects
            # (layout timers) are delivered too.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.sendPostedEvents(None, 0)

    def stop(self, wait: bool = True) -> None:
        """Finish every task already queued, then end the thread."""
        with self._start_lock:
            if self._stopping:
                return
            self._stopping = True
            running = self.isRunning()
            if running:
                self._queue.put(None)
        with _lanes_lock:
            if _lanes.get(self.name) is self:
                del _lanes[self.name]
            if running:
                # A running QThread must never be destroyed: keep this one referenced
                # until it has finished (`_prune_drained` lets it go after that, never
                # from the thread itself, which would destroy it while it still runs).
                _draining.add(self)
        if running and wait and QThread.currentThread() is not self:
            self.wait()


_lanes: dict[str, Lane] = {}
_draining: set[Lane] = set()  # stopped lanes still finishing their queue
_lanes_lock = threading.Lock()


def lane(name: str) -> Lane:
    """The shared lane called `name` (made on first use)."""
    with _lanes_lock:
        _prune_drained()
        found = _lanes.get(name)
        if found is None or found._stopping:
            found = _lanes[name] = Lane(name)
        return found


def _prune_drained() -> None:
    """Forget stopped lanes whose thread has ended (call with `_lanes_lock` held)."""
    for done in [each for each in _draining if each.isFinished()]:
        _draining.discard(done)


@atexit.register
def stop_all_lanes() -> None:
    """Drain and end every lane (a queued journal write still reaches the disk)."""
    with _lanes_lock:
        lanes = [*_lanes.values(), *_draining]
        _lanes.clear()
    for each in lanes:
        with contextlib.suppress(RuntimeError):
            each.stop()
            each.wait()


class _Relay(QObject):
    """Lives on the GUI thread; calls what a worker hands it (a queued signal crosses)."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._call)

    @Slot(object)
    def _call(self, fn: Callable[[], None]) -> None:
        fn()


_relay: _Relay | None = None
_relay_lock = threading.Lock()


def _gui_relay() -> _Relay:
    global _relay
    with _relay_lock:
        if _relay is None:
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("run_task needs a QCoreApplication")
            _relay = _Relay()
            _relay.moveToThread(app.thread())
        return _relay


def call_on_gui_thread(fn: Callable[[], None]) -> None:
    """Call `fn()` on the GUI thread, soon (from any thread; never waits for it)."""
    with contextlib.suppress(RuntimeError):  # the application is going away
        _gui_relay().call.emit(fn)


def _alive(receiver: QObject | None) -> bool:
    if receiver is None:
        return True
    import shiboken6

    return shiboken6.isValid(receiver)


def run_task(
    fn: Callable[[], T],
    done: Done | None = None,
    *,
    lane_name: str = "background",
    receiver: QObject | None = None,
) -> Future[T]:
    """Run `fn()` on the lane `lane_name`; then `done(result, error)` on the GUI thread.

    `receiver`: a QObject whose deletion makes `done` moot (a closed window); `done` is
    then not called. The Future is returned for callers that want to wait (tests, quit).
    """
    _gui_relay()  # made on the calling (GUI) thread before any worker needs it
    future = lane(lane_name).submit(fn)
    if done is not None:

        def deliver(finished: Future[T]) -> None:
            error = finished.exception()
            result = None if error is not None else finished.result()

            def on_gui() -> None:
                if _alive(receiver):
                    done(result, error)

            call_on_gui_thread(on_gui)

        future.add_done_callback(deliver)
    return future


@dataclass
class Ticket(Generic[T]):
    """One request given to a `LatestRunner`: its payload and whether it is still wanted."""

    payload: T
    seq: int
    superseded: threading.Event = field(default_factory=threading.Event)

    def is_superseded(self) -> bool:
        """True once a newer request is waiting (the work may stop: it will be dropped)."""
        return self.superseded.is_set()


class LatestRunner(QObject, Generic[T, R]):
    """Latest request wins (see the module docstring).

    `work(ticket)` runs on the lane; `done(result, ticket)` on the GUI thread for the newest
    request only; `failed(error, ticket)` when the newest request raised; `discard(result,
    ticket)` on the GUI thread for a result that is dropped (superseded or invalidated), so
    whatever it holds can be freed. `invalidate()` drops whatever is in flight or waiting
    (another document was opened).
    """

    def __init__(
        self,
        work: Callable[[Ticket[T]], R],
        done: Callable[[R, Ticket[T]], None],
        failed: Callable[[BaseException, Ticket[T]], None] | None = None,
        discard: Callable[[R, Ticket[T]], None] | None = None,
        *,
        lane_name: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._done = done
        self._failed = failed
        self._discard = discard
        self._lane_name = lane_name
        self._seq = 0
        self._running: Ticket[T] | None = None
        self._waiting: T | None = None
        self._has_waiting = False

    @property
    def busy(self) -> bool:
        """A request is running on the lane."""
        return self._running is not None

    def request(self, payload: T) -> None:
        """Ask for `payload` to be worked on; supersedes anything not yet delivered."""
        if self._running is not None:
            self._running.superseded.set()
            self._waiting, self._has_waiting = payload, True
            return
        self._start(payload)

    def invalidate(self) -> None:
        """Drop the running and the waiting request (their results never arrive)."""
        self._seq += 1
        self._waiting, self._has_waiting = None, False
        if self._running is not None:
            self._running.superseded.set()

    def _start(self, payload: T) -> None:
        self._seq += 1
        ticket = self._running = Ticket(payload, self._seq)
        run_task(
            lambda: self._work(ticket),
            lambda result, error: self._finished(ticket, result, error),
            lane_name=self._lane_name,
            receiver=self,
        )

    def _finished(self, ticket: Ticket[T], result: Any, error: BaseException | None) -> None:
        self._running = None
        current = ticket.seq == self._seq and not self._has_waiting
        if current:
            if error is None:
                self._done(result, ticket)
            elif self._failed is not None:
                self._failed(error, ticket)
        elif error is None and self._discard is not None:
            self._discard(result, ticket)
        if self._has_waiting:
            payload = self._waiting
            self._waiting, self._has_waiting = None, False
            self._start(payload)  # type: ignore[arg-type]
