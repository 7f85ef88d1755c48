"""Background tasks: results come back on the GUI thread; the newest request wins."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtGui import QTextDocument

from columnist.core.tasks import LatestRunner, Ticket, lane, run_task


def test_a_result_is_delivered_on_the_gui_thread(qtbot):
    seen: list[tuple[object, object, bool]] = []
    gui = QThread.currentThread()
    worker_threads: list[object] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    run_task(work, lambda r, e: seen.append((r, e, QThread.currentThread() is gui)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, None, True)]
    assert worker_threads and worker_threads[0] is not gui


def test_an_error_is_delivered_not_lost(qtbot):
    seen: list[BaseException | None] = []

    def work() -> None:
        raise ValueError("the file is not a CQC file")

    run_task(work, lambda _r, e: seen.append(e))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert isinstance(seen[0], ValueError)
    assert str(seen[0]) == "the file is not a CQC file"


def test_a_lane_runs_its_tasks_in_order(qtbot):
    order: list[int] = []
    futures = [lane("order-test").submit(order.append, i) for i in range(50)]
    futures[-1].result(timeout=5)
    assert order == list(range(50))


def _drain(lane_name: str) -> None:
    """Every task queued on the lane so far has run and its report reached the GUI thread."""
    lane(lane_name).submit(lambda: None).result(timeout=5)
    QCoreApplication.processEvents()


def test_nothing_is_delivered_to_a_receiver_that_has_gone(qtbot):
    receiver = QObject()
    seen: list[object] = []
    release = threading.Event()
    future = run_task(lambda: release.wait(5), lambda r, e: seen.append(r), receiver=receiver)
    receiver.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(receiver), timeout=5000)
    release.set()
    future.result(timeout=5)
    _drain("background")
    assert seen == []


def test_qt_documents_built_on_a_lane_raise_no_timer_warnings(qtbot, qtlog):
    def build() -> float:
        doc = QTextDocument()
        doc.setTextWidth(400)
        doc.setHtml("<p>Care quality</p>" * 2000)
        height = doc.size().height()
        doc.deleteLater()
        return height

    height = lane("qt-doc-test").submit(build).result(timeout=10)
    assert height > 0
    assert not [m for m in qtlog.records if "Timer" in m.message]


def test_the_latest_request_wins_and_stale_results_are_dropped(qtbot):
    started = threading.Event()
    release = threading.Event()
    stopped_early: list[int] = []
    delivered: list[str] = []

    def work(ticket: Ticket[str]) -> str:
        if ticket.payload == "first":
            started.set()
            release.wait(5)
            if ticket.is_superseded():
                stopped_early.append(ticket.seq)
        return ticket.payload.upper()

    runner = LatestRunner(work, lambda r, _t: delivered.append(r), lane_name="latest-test")
    runner.request("first")
    assert started.wait(5)
    runner.request("second")  # waits; supersedes "first"
    runner.request("third")  # replaces "second"
    release.set()
    qtbot.waitUntil(lambda: bool(delivered), timeout=5000)
    _drain("latest-test")
    assert delivered == ["THIRD"]
    assert stopped_early == [1]
    assert not runner.busy


def test_invalidate_drops_what_is_in_flight(qtbot):
    release = threading.Event()
    delivered: list[str] = []
    failures: list[BaseException] = []

    def work(ticket: Ticket[str]) -> str:
        release.wait(5)
        if ticket.payload == "bad":
            raise RuntimeError("render failed")
        return ticket.payload

    runner = LatestRunner(
        work,
        lambda r, _t: delivered.append(r),
        lambda e, _t: failures.append(e),
        lane_name="invalidate-test",
    )
    runner.request("old document")
    runner.invalidate()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert delivered == []
    runner.request("bad")
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert str(failures[0]) == "render failed"


@pytest.mark.parametrize("count", [200])
def test_many_quick_requests_end_with_the_newest(qtbot, count):
    delivered: list[int] = []

    def work(ticket: Ticket[int]) -> int:
        time.sleep(0.001)
        return ticket.payload

    runner = LatestRunner(work, lambda r, _t: delivered.append(r), lane_name="burst-test")
    for i in range(count):
        runner.request(i)
    qtbot.waitUntil(lambda: bool(delivered) and delivered[-1] == count - 1, timeout=5000)
    assert delivered == sorted(delivered)


def test_a_dropped_result_is_handed_back_to_be_freed(qtbot):
    started = threading.Event()
    release = threading.Event()
    delivered: list[str] = []
    discarded: list[tuple[str, bool]] = []
    gui = QThread.currentThread()

    def work(ticket: Ticket[str]) -> str:
        if ticket.payload == "stale page":
            started.set()
            release.wait(5)
        return ticket.payload

    runner = LatestRunner(
        work,
        lambda r, _t: delivered.append(r),
        discard=lambda r, _t: discarded.append((r, QThread.currentThread() is gui)),
        lane_name="discard-test",
    )
    runner.request("stale page")
    assert started.wait(5)
    runner.request("newest page")
    release.set()
    qtbot.waitUntil(lambda: delivered == ["newest page"], timeout=5000)
    assert discarded == [("stale page", True)]
