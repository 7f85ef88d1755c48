"""`columnist recover`, and text typed into a process killed with SIGKILL coming back."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from columnist.cli import main
from columnist.document.journal import Journal, key_for_path

NAMED_TEXT = "---\ntitle: November\n---\nDear colleagues,\n\nCafé — “quoted” words\nno newline"
UNTITLED_TEXT = "An untitled draft\n\n  indented   spaces\t and a tab\n"

CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from columnist.document.controller import DocumentController

    named_text, untitled_text, path = json.loads(sys.argv[1])
    app = QCoreApplication([])
    named = DocumentController()
    named.open(path)
    untitled = DocumentController()
    untitled.new()
    typed = 0

    def type_one() -> None:  # one keystroke in each buffer, like an editor's textChanged
        global typed
        typed += 1
        named.text_edited(lambda n=typed: named_text[:n])
        untitled.text_edited(lambda n=typed: untitled_text[:n])
        if typed >= max(len(named_text), len(untitled_text)):
            timer.stop()
            print("typed", flush=True)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(2)
    app.exec()
    """
)


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "columnist", "--data-dir", str(data_dir), "recover", *args],
        capture_output=True,
        timeout=60,
        check=False,
    )


def _journalled(journal_dir: Path) -> set[str]:
    texts = set()
    for file in journal_dir.glob("*.json"):
        try:
            texts.add(json.loads(file.read_text("utf-8"))["text"])
        except (OSError, ValueError, KeyError):
            continue
    return texts


def test_text_typed_before_sigkill_is_recovered(tmp_path: Path, data_dir: Path) -> None:
    doc = tmp_path / "november.md"
    doc.write_text("---\ntitle: November\n---\n")
    env = {**os.environ, "COLUMNIST_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps([NAMED_TEXT, UNTITLED_TEXT, str(doc)])],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    journal_dir = data_dir / "journal"
    try:
        deadline = time.monotonic() + 30
        while _journalled(journal_dir) != {NAMED_TEXT, UNTITLED_TEXT}:
            if child.poll() is not None:
                pytest.fail(f"the editing process ended early: {child.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the journal never held the typed text: {_journalled(journal_dir)}")
            time.sleep(0.05)
    finally:
        child.kill()  # SIGKILL on POSIX: no chance to clean up or save
        child.communicate(timeout=30)
    if sys.platform != "win32":
        assert child.returncode == -signal.SIGKILL
    assert doc.read_text() == "---\ntitle: November\n---\n"  # nothing was saved

    listed = _cli(data_dir, "--list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    by_path = {row["path"]: row for row in rows}
    assert set(by_path) == {str(doc.resolve()), None}
    assert by_path[str(doc.resolve())]["words"] == 7
    assert by_path[None]["untitled"] is True and by_path[None]["key"].startswith("untitled-")

    printed = _cli(data_dir, "--print", str(doc))
    assert printed.returncode == 0 and printed.stdout == NAMED_TEXT.encode()
    printed = _cli(data_dir, "--print", by_path[None]["key"])
    assert printed.returncode == 0 and printed.stdout == UNTITLED_TEXT.encode()

    entries = Journal().entries()
    assert {e.text for e in entries} == {NAMED_TEXT, UNTITLED_TEXT}
    assert {e.key for e in entries if e.path is not None} == {key_for_path(doc)}


def test_list_when_nothing_to_recover(data_dir: Path) -> None:
    result = _cli(data_dir, "--list")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == "No unsaved text to recover."


def test_human_list_and_unknown_target(capsys, data_dir: Path, tmp_path: Path) -> None:
    doc = tmp_path / "column.md"
    Journal().write(key_for_path(doc), "one two three", doc)
    assert main(["--data-dir", str(data_dir), "recover"]) == 0
    out = capsys.readouterr().out
    header, row = out.splitlines()[:2]
    assert header.split() == ["SAVED", "WORDS", "ID", "DOCUMENT"]
    assert row.split()[2:] == ["3", key_for_path(doc), str(doc.resolve())]
    assert "recover --print" in out

    assert main(["--data-dir", str(data_dir), "recover", "--print", "nothing-here"]) == 1
    err = capsys.readouterr().err
    assert "no unsaved text for “nothing-here”" in err and "recover --list" in err


def test_a_discard_the_disk_refuses_is_reported_and_keeps_the_text(
        capsys, data_dir: Path, monkeypatch) -> None:
    journal = Journal()
    journal.write("untitled-20261125-000000-aaaaaa", "still here", None)

    def refuse(_self, _key):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Journal, "remove", refuse)
    code = main(["--data-dir", str(data_dir), "recover", "--discard", "untitled-20261125"])
    assert code == 1
    err = capsys.readouterr().err
    assert "could not be discarded (Permission denied)" in err
    assert [e.text for e in journal.entries()] == ["still here"]


def test_discard_and_corrupt_files_are_reported(capsys, data_dir: Path) -> None:
    journal = Journal()
    journal.write("untitled-20261125-000000-aaaaaa", "gone soon", None)
    (journal.directory / "untitled-broken.json").write_text("{not json")
    code = main(["--data-dir", str(data_dir), "recover", "--discard", "untitled-20261125"])
    assert code == 0
    captured = capsys.readouterr()
    assert "Discarded" in captured.out
    assert "1 damaged journal file" in captured.err and "corrupt" in captured.err
    assert journal.entries() == []
    assert (journal.directory / "corrupt" / "untitled-broken.json").read_text() == "{not json"
