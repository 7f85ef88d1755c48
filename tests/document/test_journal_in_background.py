"""Journal writes on the background thread: a newer text or a save always wins."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from columnist.core.tasks import lane
from columnist.document import journal as journal_module
from columnist.document.controller import JOURNAL_LANE, DocumentController
from columnist.document.journal import Journal


@pytest.fixture
def column(tmp_path: Path) -> Path:
    path = tmp_path / "december.md"
    path.write_text("Dear colleagues,\n", encoding="utf-8")
    return path


@pytest.fixture
def controller():
    """A document controller, destroyed at the end on this (the GUI) thread once the
    journal lane is idle: left to the last reference, it could be destroyed on the lane,
    and its file watcher's notifier would then fire in the GUI thread without end."""
    import shiboken6

    made = DocumentController()
    yield made
    _drain_journal_lane()
    if shiboken6.isValid(made):
        shiboken6.delete(made)


@pytest.fixture
def slow_write(monkeypatch):
    """Make the journal write of texts starting with "SLOW" take a while, and say when it
    has started, so a flush or a save can happen while it is in progress."""
    started = threading.Event()
    real_write = journal_module.Journal.write

    def write(self, key, text, path, fmt=None):
        if text.startswith("SLOW"):
            started.set()
            threading.Event().wait(0.3)
        real_write(self, key, text, path, fmt)

    monkeypatch.setattr(journal_module.Journal, "write", write)
    return started


def _drain_journal_lane() -> None:
    """Wait until every journal write asked for so far has run and reported back."""
    lane(JOURNAL_LANE).submit(lambda: None).result(timeout=5)
    QCoreApplication.processEvents()  # deliver the reports the lane has posted


def _journalled(column: Path) -> str | None:
    entry = Journal().find(str(column))
    return entry.text if entry is not None else None


def test_flush_while_a_background_write_runs_leaves_the_newer_text(
        qtbot, column, slow_write, controller):
    controller.open(column)
    controller.text_edited(lambda: "SLOW older text\n")
    qtbot.waitUntil(slow_write.is_set, timeout=3000)  # the timer's write is in progress

    controller.flush_journal("Newer text typed since\n")  # returns once it is on disk
    assert _journalled(column) == "Newer text typed since\n"
    _drain_journal_lane()  # the older write has finished and reported meanwhile
    assert _journalled(column) == "Newer text typed since\n"

    # Going back to the older words is still journalled (nothing thinks it is on disk).
    controller.flush_journal("SLOW older text\n")
    assert _journalled(column) == "SLOW older text\n"


def test_undo_to_the_journalled_text_during_a_background_write_is_journalled(
        qtbot, column, slow_write, controller):
    controller.open(column)
    controller.flush_journal("Words the writer keeps\n")
    controller.text_edited(lambda: "SLOW words then undone\n")
    qtbot.waitUntil(slow_write.is_set, timeout=3000)  # the timer's write is in progress

    # Undo back to the journalled words, then focus leaves the window: the slow write of the
    # undone words lands while the flush waits, so the flush must write again.
    controller.flush_journal("Words the writer keeps\n")
    assert _journalled(column) == "Words the writer keeps\n"
    _drain_journal_lane()
    assert _journalled(column) == "Words the writer keeps\n"


def test_save_while_a_background_write_runs_leaves_no_journal(
        qtbot, column, slow_write, controller):
    controller.open(column)
    controller.text_edited(lambda: "SLOW unsaved words\n")
    qtbot.waitUntil(slow_write.is_set, timeout=3000)

    controller.save("SLOW unsaved words\n")
    _drain_journal_lane()
    assert Journal().entries() == []
    assert column.read_text(encoding="utf-8") == "SLOW unsaved words\n"


def test_typing_reaches_the_journal_from_the_background(qtbot, column, controller):
    controller.open(column)
    with qtbot.waitSignal(controller.journalWritten, timeout=3000) as written:
        controller.text_edited(lambda: "Dear colleagues, new words\n")
    assert written.args == [controller.key]
    assert _journalled(column) == "Dear colleagues, new words\n"


EXIT_DRIVER = """
import sys
from PySide6.QtCore import QCoreApplication
from columnist.document.controller import DocumentController

app = QCoreApplication([])
controller = DocumentController()
controller.open(sys.argv[1])
controller.text_edited(lambda: "Words typed as the app quits\\n")
controller._on_journal_timer()  # the debounce fired: the write is queued on the lane
sys.exit(0)  # no event loop turn: only the lane draining at exit can write it
"""


def test_a_queued_journal_write_still_lands_when_the_app_exits(column, data_dir, tmp_path):
    driver = tmp_path / "driver.py"
    driver.write_text(EXIT_DRIVER, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, COLUMNIST_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(root / "src"))
    done = subprocess.run([sys.executable, str(driver), str(column)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert _journalled(column) == "Words typed as the app quits\n"
