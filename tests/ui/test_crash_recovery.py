"""Never lose a word: text left by a crash is offered back on the next start."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from columnist import paths
from columnist.document.journal import Journal, key_for_path
from columnist.ui.app import create_main_window
from columnist.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def offered(monkeypatch):
    """Records the recovery offer; answers with `offered.answer` (restore by default)."""

    class Offer:
        answer = "restore"
        entries: ClassVar[list] = []
        informed: ClassVar[list] = []

    def choose(_window, entries):
        Offer.entries = list(entries)
        return Offer.answer, list(entries)

    monkeypatch.setattr(MainWindow, "choose_recovery", choose)
    monkeypatch.setattr(MainWindow, "ask", lambda *_a, **_k: "Cancel")
    monkeypatch.setattr(
        MainWindow, "inform", lambda _w, title, text, *a, **k: Offer.informed.append((title, text))
    )
    return Offer


def _start(qtbot, file: Path | None = None) -> MainWindow:
    window = create_main_window(str(file) if file else None)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    return window


def test_a_journalled_text_is_offered_and_restored(qtbot, offered, tmp_path):
    column = tmp_path / "column.md"
    column.write_text("# Saved\n", encoding="utf-8")
    Journal().write(key_for_path(column), "# Saved\n\nWords typed before the crash.\n", column)
    window = _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.entries))
    assert offered.entries[0].path == column
    qtbot.waitUntil(lambda: "before the crash" in window.editor.text())
    assert window.session.controller.path == column
    assert window.isWindowModified()  # restored, not yet saved
    assert column.read_text(encoding="utf-8") == "# Saved\n"
    assert window.session.save()
    assert column.read_text(encoding="utf-8") == "# Saved\n\nWords typed before the crash.\n"
    assert Journal().entries() == []


def test_an_untitled_text_is_offered_and_discard_forgets_it(qtbot, offered):
    Journal().write("untitled-20261125-101010-abcdef", "An untitled draft.\n", None)
    offered.answer = "discard"
    _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.entries))
    assert offered.entries[0].path is None
    qtbot.waitUntil(lambda: Journal().entries() == [])


def test_a_discard_the_disk_refuses_is_said_and_the_text_kept(qtbot, offered, monkeypatch):
    Journal().write("untitled-20261125-101010-abcdef", "An untitled draft.\n", None)
    offered.answer = "discard"

    def refuse(_self, _key):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Journal, "remove", refuse)
    _start(qtbot)
    qtbot.waitUntil(lambda: any("could not be discarded" in t for _, t in offered.informed))
    assert [e.text for e in Journal().entries()] == ["An untitled draft.\n"]


def test_later_keeps_the_text_for_next_time(qtbot, offered):
    Journal().write("untitled-20261125-101010-abcdef", "Keep me.\n", None)
    offered.answer = "later"
    window = _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.entries))
    assert "Keep me." not in window.editor.text()
    assert [e.text for e in Journal().entries()] == ["Keep me.\n"]


def test_a_corrupt_journal_file_gets_a_message(qtbot, offered, data_dir):
    journal = Journal()
    journal.directory.mkdir(parents=True, exist_ok=True)
    (journal.directory / "untitled-broken.json").write_bytes(b"{not json")
    _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.informed))
    title, text = offered.informed[0]
    assert title == "Damaged recovery file"
    assert "moved aside" in text


def test_an_unreadable_journal_file_is_named_and_left_alone(qtbot, offered, data_dir):
    journal = Journal()
    blocked = journal.directory / "untitled-blocked.json"
    blocked.mkdir(parents=True)  # exists, cannot be read as a file (root ignores chmod)
    _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.informed))
    title, text = offered.informed[0]
    assert title == "Recovery file not readable"
    assert str(blocked) in text and "left" in text
    assert blocked.is_dir()


def test_typing_journals_within_two_seconds(qtbot, offered, tmp_path):
    column = tmp_path / "c.md"
    column.write_text("start\n", encoding="utf-8")
    window = _start(qtbot, column)
    qtbot.keyClicks(window.editor, "unsaved ")
    qtbot.waitUntil(lambda: any("unsaved" in e.text for e in Journal().entries()), timeout=2500)


def test_steady_typing_without_a_pause_is_recoverable_two_seconds_later(
        qtbot, offered, tmp_path):
    """A writer who never pauses for a second (a key every 150 ms for over three seconds):
    a crash at the last key gives back, through `columnist recover --print`, everything typed
    two seconds before it."""
    column = tmp_path / "steady.md"
    column.write_text("Dear colleagues,\n", encoding="utf-8")
    window = _start(qtbot, column)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    characters = itertools.cycle("we keep typing without a pause ")
    typed: list[tuple[float, str]] = []  # (when, the editor's text after that key)
    journal_folder = paths.journal_dir()
    crashed_at = tmp_path / "data-at-the-crash"

    def type_a_key() -> None:
        char = next(characters)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                window.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        typed.append((time.monotonic(), window.editor.text()))
        if typed[-1][0] - typed[0][0] > 3.5:
            keys.stop()  # the power goes: the journal on disk is all that is left
            shutil.copytree(journal_folder, crashed_at / "journal")

    keys = QTimer(window)
    keys.setInterval(150)
    keys.timeout.connect(type_a_key)
    keys.start()
    qtbot.waitUntil(crashed_at.exists, timeout=30000)

    crash_time, text_at_crash = typed[-1]
    two_seconds_before = [text for when, text in typed if when <= crash_time - 2.0][-1]
    env = dict(os.environ, COLUMNIST_DATA_DIR=str(crashed_at), PYTHONPATH=str(ROOT / "src"))
    printed = subprocess.run(
        [sys.executable, "-m", "columnist", "recover", "--print", str(column)],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith(two_seconds_before)
    assert text_at_crash.startswith(printed.stdout)


DRIVER = """
    import os, sys
    from PySide6.QtCore import QTimer
    import columnist.ui.app as app_module
    real_create = app_module.create_main_window

    def create(file, offer_recovery=True, deferred=False):
        window = real_create(file, offer_recovery=False, deferred=deferred)
        def written(_key):
            print("JOURNALLED", flush=True)
        def type_and_report():
            window.session.controller.journalWritten.connect(written)
            window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
            window.editor.insertPlainText("Typed just before the power went.")
        QTimer.singleShot(300, type_and_report)
        return window

    app_module.create_main_window = create
    from columnist.cli import main
    sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_text_survives_sigkill_of_the_real_app(qtbot, offered, tmp_path, data_dir):
    column = tmp_path / "killed.md"
    column.write_text("# Column\n\n", encoding="utf-8")
    driver = tmp_path / "driver.py"
    driver.write_text(textwrap.dedent(DRIVER), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COLUMNIST_DATA_DIR=str(data_dir),
               PYTHONPATH=str(ROOT / "src"))
    child = subprocess.Popen(
        [sys.executable, str(driver), str(column)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and "JOURNALLED" not in line:
            line = child.stdout.readline()
            if not line and child.poll() is not None:
                break
        assert "JOURNALLED" in line, "the app never journalled the typed text"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert column.read_text(encoding="utf-8") == "# Column\n\n"

    # `columnist recover` gives it back ...
    listing = subprocess.run(
        [sys.executable, "-m", "columnist", "recover", "--list", "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert listing.returncode == 0, listing.stderr
    assert str(column) in listing.stdout
    printed = subprocess.run(
        [sys.executable, "-m", "columnist", "recover", "--print", str(column)],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert "Typed just before the power went." in printed.stdout
    json.loads(listing.stdout)  # machine-readable

    # ... and so does the next start.
    window = _start(qtbot)
    qtbot.waitUntil(lambda: bool(offered.entries))
    qtbot.waitUntil(lambda: "before the power went" in window.editor.text())
    assert window.session.controller.path == column


def test_two_restored_texts_open_in_two_windows(qtbot, offered, tmp_path):
    from columnist.ui.recovery import offer_recovery

    first, second = tmp_path / "first.md", tmp_path / "second.md"
    for path in (first, second):
        path.write_text("# Saved\n", encoding="utf-8")
        Journal().write(key_for_path(path), f"# Saved\n\nUnsaved words of {path.stem}.\n", path)
    window = create_main_window(None, offer_recovery=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    made: list[MainWindow] = []

    def another() -> MainWindow:
        extra = create_main_window(None, offer_recovery=False)
        qtbot.addWidget(extra, before_close_func=lambda w: w.editor.document().setModified(False))
        made.append(extra)
        return extra

    shown = offer_recovery(window, another)
    assert shown[0] is window and shown[1:] == made and len(made) == 1
    texts = sorted(w.editor.text() for w in shown)
    assert texts == ["# Saved\n\nUnsaved words of first.\n",
                     "# Saved\n\nUnsaved words of second.\n"]
    assert all(w.isWindowModified() for w in shown)
    assert all(w.status.save_state.text() == "Recovered — not saved yet" for w in shown)
    assert {w.session.controller.path for w in shown} == {first, second}


def test_a_window_with_unsaved_changes_restores_into_a_new_window(qtbot, offered, tmp_path):
    from columnist.ui.recovery import offer_recovery

    Journal().write("untitled-20261125-101010-abcdef", "Left by the crash.\n", None)
    window = create_main_window(None, offer_recovery=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    window.session.new_from_text("")
    qtbot.keyClicks(window.editor, "Typed in this session.")
    extra = create_main_window(None, offer_recovery=False)
    qtbot.addWidget(extra, before_close_func=lambda w: w.editor.document().setModified(False))

    assert offer_recovery(window, lambda: extra) == [extra]
    assert window.editor.text() == "Typed in this session."
    assert extra.editor.text() == "Left by the crash.\n"
    assert extra.windowTitle() == "Recovered[*] — Columnist"
