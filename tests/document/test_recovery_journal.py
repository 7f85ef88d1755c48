"""The recovery journal: unsaved text on disk, one file per buffer, damage moved aside."""

from __future__ import annotations

import json
from pathlib import Path

from columnist import paths
from columnist.document.journal import Journal, key_for_path, new_untitled_key
from columnist.document.text_file import TextFormat


def test_default_journal_lives_in_the_data_dir(data_dir: Path) -> None:
    journal = Journal()
    assert journal.directory == paths.journal_dir()
    assert journal.directory.is_relative_to(data_dir)


def test_written_text_comes_back_newest_first(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    doc = tmp_path / "column.md"
    untitled = new_untitled_key()
    journal.write(untitled, "An untitled draft\n", None)
    journal.write(
        key_for_path(doc), "Dear colleagues, “ratings” matter.\n", doc, TextFormat(newline="\r\n")
    )
    entries = journal.entries()
    assert [e.key for e in entries] == [key_for_path(doc), untitled]
    named = entries[0]
    assert named.path == doc.resolve()
    assert named.text == "Dear colleagues, “ratings” matter.\n"
    assert named.words == 4
    assert named.format == TextFormat(newline="\r\n")
    assert entries[1].path is None and entries[1].label == untitled
    record = json.loads((tmp_path / "j" / f"{untitled}.json").read_text("utf-8"))
    assert {"key", "path", "saved_at", "text", "words", "format"} <= record.keys()


def test_rewriting_replaces_and_remove_forgets(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.write("untitled-a", "first", None)
    journal.write("untitled-a", "second", None)
    assert [e.text for e in journal.entries()] == ["second"]
    assert sorted(p.name for p in (tmp_path / "j").iterdir()) == [
        "untitled-a.json"
    ]  # no temp files
    journal.remove("untitled-a")
    journal.remove("untitled-a")  # twice is fine
    assert journal.entries() == []


def test_find_by_key_prefix_or_path(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    doc = tmp_path / "docs" / "november.md"
    journal.write(key_for_path(doc), "named", doc)
    journal.write("untitled-20261125-101010-abcdef", "untitled", None)
    assert journal.find(str(doc)).text == "named"  # type: ignore[union-attr]
    assert journal.find("untitled-20261125-101010-abcdef").text == "untitled"  # type: ignore[union-attr]
    assert journal.find("untitled-20261125").text == "untitled"  # type: ignore[union-attr]
    assert journal.find(str(tmp_path / "other.md")) is None


def test_corrupt_journal_files_are_moved_aside_not_lost(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.write("untitled-good", "good text", None)
    (tmp_path / "untitled-bad.json").write_bytes(b'{"key": "untitled-bad", "te')
    (tmp_path / "untitled-worse.json").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "untitled-list.json").write_text("[1, 2]")
    entries = journal.entries()
    assert [e.text for e in entries] == ["good text"]
    moved = sorted(p.name for p in journal.corrupt_files)
    assert moved == ["untitled-bad.json", "untitled-list.json", "untitled-worse.json"]
    assert (
        tmp_path / "corrupt" / "untitled-bad.json"
    ).read_bytes() == b'{"key": "untitled-bad", "te'
    # the next look is clean
    assert [e.text for e in journal.entries()] == ["good text"]
    assert journal.corrupt_files == []


def test_keys_are_stable_per_path_and_unique_when_untitled(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    assert key_for_path(doc) == key_for_path(str(doc))
    assert key_for_path(doc) != key_for_path(tmp_path / "b.md")
    assert new_untitled_key() != new_untitled_key()


def test_text_with_a_lone_surrogate_is_journalled_intact(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    journal.write("untitled-odd", "pasted \udc80 byte", None)
    assert [e.text for e in journal.entries()] == ["pasted \udc80 byte"]
    assert journal.corrupt_files == []


def test_unreadable_journal_files_are_reported_and_left_in_place(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.write("untitled-ok", "Readable text", None)
    # A path that exists but cannot be read as a file (root ignores permission bits, so an
    # unreadable file is stood in for by a directory with a journal file's name).
    blocked = tmp_path / "untitled-blocked.json"
    blocked.mkdir()
    entries = journal.entries()
    assert [e.text for e in entries] == ["Readable text"]
    assert journal.unreadable_files == [blocked]
    assert journal.corrupt_files == []
    assert blocked.is_dir()  # left where it is, not moved aside


def test_recover_list_names_an_unreadable_journal_file(data_dir: Path, capsys) -> None:
    from columnist.cli import main

    blocked = data_dir / "journal" / "untitled-blocked.json"
    blocked.mkdir(parents=True)
    assert main(["recover", "--list"]) == 0
    err = capsys.readouterr().err
    assert str(blocked) in err and "could not be read" in err and "left where it is" in err
