"""Opening and saving: the bytes on disk change only where the writer changed the text."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from columnist.document import atomic
from columnist.document.text_file import (
    BinaryFileError,
    NotUtf8Error,
    OpenError,
    SaveError,
    TextFormat,
    load_text,
    save_text,
)

FRONT = (
    "---\n"
    "title: Improving ratings despite the pressure\n"
    "x-editor-note: keep me   # an unknown key with a comment\n"
    "status: draft            # draft | in review | approved | published\n"
    "tags: [NHS, quality improvement]\n"
    "zzz-last: 1\n"
    "---\n"
    "# Heading\n\nBody text with a non-breaking\u00a0space and “quotes”.\n"
)

ROUND_TRIPS = {
    "lf": FRONT.encode(),
    "crlf": FRONT.replace("\n", "\r\n").encode(),
    "bom-crlf": b"\xef\xbb\xbf" + FRONT.replace("\n", "\r\n").encode(),
    "bom-lf": b"\xef\xbb\xbf" + FRONT.encode(),
    "no-final-newline": FRONT.rstrip("\n").encode(),
    "crlf-no-final-newline": FRONT.rstrip("\n").replace("\n", "\r\n").encode(),
    "blank-lines-at-end": (FRONT + "\n\n\n").encode(),
    "empty": b"",
    "only-newline": b"\r\n",
}


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_unchanged_text_saves_to_identical_bytes(tmp_path: Path, name: str) -> None:
    original = ROUND_TRIPS[name]
    path = tmp_path / "column.md"
    path.write_bytes(original)
    loaded = load_text(path)
    assert "\r" not in loaded.text  # the editor only sees "\n"
    save_text(path, loaded.text, loaded.format)
    assert path.read_bytes() == original


def test_crlf_file_keeps_crlf_for_edited_lines(tmp_path: Path) -> None:
    path = tmp_path / "column.md"
    path.write_bytes(b"one\r\ntwo\r\n")
    loaded = load_text(path)
    assert loaded.format == TextFormat(newline="\r\n")
    save_text(path, loaded.text + "three\nfour\n", loaded.format)
    assert path.read_bytes() == b"one\r\ntwo\r\nthree\r\nfour\r\n"


def test_mixed_line_endings_keep_the_dominant_one_and_warn(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_bytes(b"a\r\nb\r\nc\nd\r\n")
    loaded = load_text(path)
    assert loaded.text == "a\nb\nc\nd\n"
    assert loaded.format.newline == "\r\n"
    assert any("mixes line endings" in w and "CRLF" in w for w in loaded.warnings)
    save_text(path, loaded.text, loaded.format)
    assert path.read_bytes() == b"a\r\nb\r\nc\r\nd\r\n"


def test_cp1252_file_is_refused_with_a_suggestion_then_opens_and_saves_as_cp1252(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.md"
    original = "Caf\u00e9 \u2013 \u201cquoted\u201d\nsecond line\n".encode("cp1252")
    path.write_bytes(original)
    with pytest.raises(NotUtf8Error) as info:
        load_text(path)
    assert info.value.suggested_encodings == ["cp1252"]
    assert "not UTF-8" in info.value.message
    assert "line 1" in info.value.message
    assert "Windows-1252" in info.value.message

    loaded = load_text(path, encoding="cp1252")
    assert loaded.text.startswith("Café – “quoted”")
    assert loaded.format.encoding == "cp1252"
    save_text(path, loaded.text, loaded.format)
    assert path.read_bytes() == original
    save_text(path, loaded.text + "Ça va\n", loaded.format)
    assert path.read_bytes() == original + "Ça va\n".encode("cp1252")


def test_text_the_encoding_cannot_hold_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    path.write_bytes("Caf\u00e9\n".encode("cp1252"))
    loaded = load_text(path, encoding="cp1252")
    with pytest.raises(SaveError) as info:
        save_text(path, loaded.text + "arrow \u2192 here\n", loaded.format)
    assert info.value.unencodable
    assert "U+2192" in info.value.message and "line 2" in info.value.message
    assert path.read_bytes() == "Caf\u00e9\n".encode("cp1252")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\x01\x02\x03\x04" * 100,
        bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) * 50,
    ],
    ids=["png", "zip", "control-bytes"],
)
def test_binary_file_is_not_opened_as_garbage(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "picture.md"
    path.write_bytes(data)
    with pytest.raises(BinaryFileError) as info:
        load_text(path)
    assert "not a text file" in info.value.message


def test_ten_megabyte_file_opens_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    paragraph = ("The trust improved its rating in the well-led domain. " * 20 + "\n\n").encode()
    data = paragraph * (10 * 1024 * 1024 // len(paragraph) + 1)
    path.write_bytes(data)
    loaded = load_text(path)
    assert len(loaded.text) == len(data)
    assert any("large" in w and "MB" in w for w in loaded.warnings)
    save_text(path, loaded.text, loaded.format)
    assert path.read_bytes() == data


def test_malformed_front_matter_opens_as_text_with_the_yaml_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    text = "---\ntitle: A title\nsubtitle: Oops: a colon\nauthor: Me\n---\nBody stays.\n"
    path.write_text(text)
    loaded = load_text(path)
    assert loaded.text == text
    # No lasting load warning: the window's banner reads the YAML error from the column
    # model, so it goes away as soon as the line is fixed.
    assert loaded.warnings == []
    save_text(path, loaded.text, loaded.format)
    assert path.read_text() == text


def test_missing_file_gets_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(OpenError) as info:
        load_text(tmp_path / "gone.md")
    assert "was not found" in info.value.message


def test_save_is_atomic_when_the_disk_is_full(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "column.md"
    path.write_bytes(b"the original words\n")

    def disk_full(fd: int, data: bytes) -> None:
        os.write(fd, data[:3])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_all", disk_full)
    with pytest.raises(SaveError) as info:
        save_text(path, "new words that do not fit\n", TextFormat())
    assert info.value.disk_full and info.value.offer_save_as
    assert "disk is full" in info.value.message and "unchanged" in info.value.message
    assert path.read_bytes() == b"the original words\n"
    assert sorted(p.name for p in folder.iterdir()) == ["column.md"]  # no temp file left


def test_read_only_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "locked.md"
    path.write_bytes(b"keep\n")
    path.chmod(0o444)
    with pytest.raises(SaveError) as info:
        save_text(path, "changed\n", TextFormat())
    assert info.value.read_only and info.value.offer_save_as
    assert "read-only" in info.value.message and "Save As" in info.value.message
    assert path.read_bytes() == b"keep\n"


def test_read_only_folder_offers_save_as(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "column.md"
    path.write_bytes(b"keep\n")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as info:
        save_text(path, "changed\n", TextFormat())
    assert info.value.read_only
    assert "read-only" in info.value.message and "Save As" in info.value.message
    assert path.read_bytes() == b"keep\n"


@pytest.mark.skipif(
    sys.platform.startswith("win") or os.geteuid() == 0, reason="needs a non-root POSIX user"
)
def test_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "column.md"
    path.write_bytes(b"keep\n")
    folder.chmod(0o555)
    try:
        with pytest.raises(SaveError) as info:
            save_text(path, "changed\n", TextFormat())
        assert info.value.read_only
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == b"keep\n"


def test_missing_folder_offers_save_as(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as info:
        save_text(tmp_path / "renamed-away" / "column.md", "text\n", TextFormat())
    assert info.value.missing_folder and info.value.offer_save_as
    assert "does not exist" in info.value.message


@pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX permission bits")
def test_save_keeps_permission_bits_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "shared.md"
    path.write_bytes(b"x\n")
    path.chmod(0o640)
    save_text(path, "y\n", TextFormat())
    assert stat.S_IMODE(path.stat().st_mode) == 0o640

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        save_text(fresh, "new\n", TextFormat())
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks")
def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    save_text(link, "new\n", TextFormat())
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_loaded_text_describes_the_file_on_disk(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "column.md"
    path.write_bytes(b"hello\n")
    loaded = load_text(path)
    info = path.stat()
    assert (loaded.size, loaded.mtime_ns) == (6, info.st_mtime_ns)
    assert loaded.sha256 == hashlib.sha256(b"hello\n").hexdigest()
    saved = save_text(path, "hello again\n", loaded.format)
    assert saved.sha256 == hashlib.sha256(b"hello again\n").hexdigest()
    assert saved.size == path.stat().st_size


def test_utf16_file_is_named_and_round_trips_when_reopened(tmp_path: Path) -> None:
    path = tmp_path / "exported.md"
    original = "---\r\ntitle: Ünïcode\r\n---\r\nBody\r\n".encode("utf-16")
    path.write_bytes(original)
    with pytest.raises(NotUtf8Error) as info:
        load_text(path)
    assert info.value.suggested_encodings == ["utf-16"]
    assert "UTF-16" in info.value.message
    loaded = load_text(path, encoding="utf-16")
    assert loaded.text == "---\ntitle: Ünïcode\n---\nBody\n"
    save_text(path, loaded.text, loaded.format)
    assert path.read_bytes() == original


def test_absurdly_large_or_special_files_are_refused(tmp_path: Path, monkeypatch) -> None:
    from columnist.document import text_file

    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 2048)
    monkeypatch.setattr(text_file, "MAX_OPEN_BYTES", 1024)
    with pytest.raises(OpenError, match="too large to edit"):
        load_text(path)
    with pytest.raises(OpenError, match="is a folder"):
        load_text(tmp_path)
    if os.path.exists("/dev/null"):
        with pytest.raises(OpenError, match="not an ordinary file"):
            load_text("/dev/null")
