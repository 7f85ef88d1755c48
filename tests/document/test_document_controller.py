"""The document controller: journal while typing, safe saves, and other programs' changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from columnist.document.controller import DocumentController
from columnist.document.history import History
from columnist.document.journal import Journal
from columnist.document.text_file import ConflictError, SaveError, TextFormat


@pytest.fixture
def column(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "november.md"
    path.write_bytes(b"---\r\ntitle: November\r\n---\r\nDear colleagues,\r\n")
    return path


@pytest.fixture
def controller(qtbot) -> DocumentController:
    return DocumentController()


def _external_write(path: Path, data: bytes) -> None:
    """Save like many editors do: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".other~")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def test_open_emits_the_text_and_path(qtbot, controller: DocumentController, column: Path):
    with (
        qtbot.waitSignal(controller.pathChanged) as path_blocker,
        qtbot.waitSignal(controller.opened) as opened_blocker,
    ):
        loaded = controller.open(column)
    assert loaded.text == "---\ntitle: November\n---\nDear colleagues,\n"
    assert path_blocker.args == [column]
    assert opened_blocker.args[0] is loaded
    assert controller.path == column and controller.format == TextFormat(newline="\r\n")


def test_typing_is_journalled_within_two_seconds_and_saving_clears_it(
    qtbot, controller: DocumentController, column: Path
):
    loaded = controller.open(column)
    text = loaded.text + "Unsaved words that must survive a crash.\n"
    with qtbot.waitSignal(controller.journalWritten, timeout=2000):
        for n in range(1, len(text) + 1, 10):  # several edits, the timer restarts each time
            controller.text_edited(lambda n=n: text[:n])
        controller.text_edited(lambda: text)
    entry = Journal().find(str(column))
    assert entry is not None and entry.text == text and entry.path == column.resolve()

    controller.save(text)
    assert Journal().entries() == []
    assert column.read_bytes() == text.replace("\n", "\r\n").encode()
    (version,) = History().versions(column)
    assert History().read_bytes(version) == b"---\r\ntitle: November\r\n---\r\nDear colleagues,\r\n"


def test_text_back_to_the_saved_state_needs_no_journal(controller: DocumentController, column):
    loaded = controller.open(column)
    controller.flush_journal(loaded.text + "x")
    assert len(Journal().entries()) == 1
    assert controller.is_unsaved(loaded.text + "x")
    controller.flush_journal(loaded.text)  # the user undid the change
    assert Journal().entries() == []
    assert not controller.is_unsaved(loaded.text)


def test_untitled_text_is_journalled_then_save_as_names_it(
    qtbot, controller: DocumentController, tmp_path: Path
):
    controller.new()
    assert controller.path is None and controller.key.startswith("untitled-")
    controller.flush_journal("An untitled draft\n")
    (entry,) = Journal().entries()
    assert entry.path is None and entry.key == controller.key and entry.words == 3

    target = tmp_path / "draft.md"
    with qtbot.waitSignals([controller.pathChanged, controller.saved]):
        controller.save_as(target, "An untitled draft\n")
    assert target.read_bytes() == b"An untitled draft\n"
    assert Journal().entries() == []
    assert controller.path == target and not controller.key.startswith("untitled-")


def test_save_without_a_path_asks_for_save_as(controller: DocumentController) -> None:
    controller.new()
    with pytest.raises(SaveError, match="Save As"):
        controller.save("text")


def test_discard_forgets_the_unsaved_text(controller: DocumentController, column: Path):
    controller.open(column)
    controller.flush_journal("changed")
    controller.discard_journal()
    assert Journal().entries() == []


def test_file_changed_by_someone_else_is_not_overwritten_silently(
    qtbot, controller: DocumentController, column: Path
):
    controller.open(column)
    with qtbot.waitSignal(controller.externallyModified, timeout=3000) as blocker:
        _external_write(column, b"Their version\n")
    assert blocker.args == [column]
    with pytest.raises(ConflictError) as info:
        controller.save("My version\n")
    assert "changed by another program" in info.value.message
    assert column.read_bytes() == b"Their version\n"

    controller.save("My version\n", force=True)
    assert column.read_bytes() == b"My version\r\n"
    assert History().read_bytes(History().versions(column)[0]) == b"Their version\n"


def test_watching_continues_after_a_rename_over_save(
    qtbot, controller: DocumentController, column: Path
):
    controller.open(column)
    with qtbot.waitSignal(controller.externallyModified, timeout=3000):
        _external_write(column, b"first change\n")
    with qtbot.waitSignal(controller.externallyModified, timeout=3000):
        column.write_bytes(b"second change, written in place\n")
    loaded = controller.reload()
    assert loaded.text == "second change, written in place\n"
    with qtbot.waitSignal(controller.externallyModified, timeout=3000):
        _external_write(column, b"third change\n")


def test_our_own_saves_and_touches_are_not_external_changes(
    qtbot, controller: DocumentController, column: Path
):
    loaded = controller.open(column)
    with qtbot.assertNotEmitted(controller.externallyModified, wait=600):
        controller.save(loaded.text + "More.\n")
        controller.save(loaded.text + "More and more.\n")
        os.utime(column, ns=(1_000_000_000, 1_000_000_000))  # same bytes, new mtime
    controller.save(loaded.text + "Still mine.\n")  # no conflict after the touch
    assert column.read_bytes().endswith(b"Still mine.\r\n")


def test_deleted_file_is_reported_and_saving_puts_it_back(
    qtbot, controller: DocumentController, column: Path
):
    controller.open(column)
    with qtbot.waitSignal(controller.externallyDeleted, timeout=3000) as blocker:
        column.unlink()
    assert blocker.args == [column]
    controller.save("Rescued text\n")
    assert column.read_bytes() == b"Rescued text\r\n"


def test_journal_that_cannot_be_written_is_reported_once(qtbot, tmp_path: Path, column: Path):
    blocker_file = tmp_path / "journal-is-a-file"
    blocker_file.write_text("")
    controller = DocumentController(journal=Journal(blocker_file / "journal"))
    controller.open(column)
    with qtbot.waitSignal(controller.journalFailed) as blocker:
        controller.flush_journal("text that cannot be journalled")
    assert "recovery journal" in blocker.args[0] and "Save your work" in blocker.args[0]
    with qtbot.assertNotEmitted(controller.journalFailed):
        controller.flush_journal("still failing")


def test_adopting_a_recovered_buffer_keeps_it_journalled_until_saved(
    controller: DocumentController, column: Path
):
    journal = Journal()
    first = DocumentController()
    first.open(column)
    first.flush_journal("Recovered words\n")
    (entry,) = journal.entries()

    controller.adopt_recovered(entry)
    assert controller.path == column and controller.key == entry.key
    assert controller.format.newline == "\r\n"
    assert journal.entries()[0].text == "Recovered words\n"
    controller.save(entry.text)
    assert column.read_bytes() == b"Recovered words\r\n"
    assert journal.entries() == []


def test_opening_a_file_never_overwrites_text_left_by_a_crash(
    controller: DocumentController, column: Path
):
    journal = Journal()
    crashed = DocumentController()
    crashed.open(column)
    crashed.flush_journal("Words from before the crash\n")
    del crashed

    loaded = controller.open(column)  # the user chose "later" when offered the text
    controller.flush_journal(loaded.text)  # the editor reports its freshly set text
    controller.flush_journal(loaded.text + "New session words\n")
    controller.save(loaded.text + "New session words\n")
    (leftover,) = journal.entries()
    assert leftover.text == "Words from before the crash\n"
    assert journal.find(str(column)) == leftover
