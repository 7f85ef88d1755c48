"""The recovery journal: unsaved text kept on disk so a crash or power cut loses nothing.

Each open buffer has a *key* (derived from its path, or a fresh `untitled-…` id) and one
JSON file `<key>.json` in `paths.journal_dir()`, rewritten atomically while the writer types
(when to write is the document controller's rule: anything typed two seconds before a crash
is here) and on focus loss and quit, and removed when the text is saved or discarded. Files
are independent so two windows (or two app instances) never fight over one file.

A journal file that cannot be read (a half-written disk block after a power cut, a manual
edit) is moved to `journal/corrupt/` rather than deleted, and listed in `corrupt_files` so
the app and `columnist recover` can tell the user where it is.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp_dir:
    ...     journal = Journal(Path(tmp_dir))
    ...     journal.write("untitled-1", "Dear colleagues,", None)
    ...     journal.entries()[0].words
    2
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from columnist.document.atomic import atomic_write_bytes
from columnist.document.text_file import TextFormat
from columnist.markdown.word_count import count_words

FORMAT_VERSION = 1
CORRUPT_FOLDER = "corrupt"
UNTITLED_PREFIX = "untitled-"


@dataclass
class JournalEntry:
    """One recoverable text: for a saved document (`path`) or an untitled buffer."""

    key: str
    path: Path | None
    saved_at: datetime  # when the journal was written (timezone-aware, UTC)
    words: int
    text: str
    format: TextFormat | None = None  # how the document is stored on disk, if known
    file: Path | None = None  # the journal file itself

    @property
    def label(self) -> str:
        """What to show a user: the document path, or the untitled id."""
        return str(self.path) if self.path is not None else self.key


def _resolved(path: Path | str) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def key_for_path(path: Path | str) -> str:
    """The journal key of a saved document: stable for the same file, safe as a file name."""
    digest = hashlib.sha256(str(_resolved(path)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"doc-{digest[:20]}"


def new_untitled_key() -> str:
    """A fresh key for a buffer that has no file yet, readable and sortable by time."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{UNTITLED_PREFIX}{stamp}-{secrets.token_hex(3)}"


def _check_key(key: str) -> str:
    if not key or any(c in key for c in "/\\:\0") or key.startswith("."):
        raise ValueError(f"not a journal key: {key!r}")
    return key


def _parse(raw: bytes, file: Path) -> JournalEntry:
    """A JournalEntry from a file's bytes; raises ValueError/KeyError/TypeError if damaged."""
    data: Any = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text = data["text"]
    key = data["key"]
    if not isinstance(text, str) or not isinstance(key, str):
        raise TypeError("text and key must be strings")
    saved_at = datetime.fromisoformat(data["saved_at"])
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    path = Path(data["path"]) if data.get("path") else None
    fmt = None
    if isinstance(data.get("format"), dict):
        f = data["format"]
        fmt = TextFormat(
            encoding=str(f.get("encoding", "utf-8")),
            bom=bool(f.get("bom", False)),
            newline="\r\n" if f.get("newline") == "\r\n" else "\n",
        )
    words = data.get("words")
    if not isinstance(words, int):
        words = count_words(text)
    return JournalEntry(key, path, saved_at, words, text, fmt, file)


class Journal:
    """The journal folder: one atomic JSON file per unsaved buffer."""

    def __init__(self, directory: Path | None = None) -> None:
        if directory is None:
            from columnist import paths

            directory = paths.journal_dir()
        self.directory = Path(directory)
        self.corrupt_files: list[Path] = []
        # Files that exist but could not be read (permissions, I/O error): left in place,
        # and reported, because they may hold unsaved text.
        self.unreadable_files: list[Path] = []

    def file_for(self, key: str) -> Path:
        """The journal file of `key`."""
        return self.directory / f"{_check_key(key)}.json"

    def write(self, key: str, text: str, path: Path | None, fmt: TextFormat | None = None) -> None:
        """Journal `text` for buffer `key` atomically. Raises OSError if the disk refuses."""
        record = {
            "version": FORMAT_VERSION,
            "key": key,
            "path": str(_resolved(path)) if path is not None else None,
            "saved_at": datetime.now(timezone.utc).isoformat(),
            "words": count_words(text),
            "format": None
            if fmt is None
            else {"encoding": fmt.encoding, "bom": fmt.bom, "newline": fmt.newline},
            "text": text,
        }
        try:
            data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: JSON's \u escapes keep it readable
            data = json.dumps(record, ensure_ascii=True, indent=1).encode("ascii")
        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.file_for(key), data, mode=0o600)

    def remove(self, key: str) -> None:
        """Forget the journal of `key` (after a save, or when the user discards it)."""
        with contextlib.suppress(FileNotFoundError):
            self.file_for(key).unlink()

    def read(self, key: str) -> JournalEntry | None:
        """The entry of `key`, or None if there is none (or it is damaged)."""
        file = self.file_for(key)
        try:
            return _parse(file.read_bytes(), file)
        except (OSError, ValueError, KeyError, TypeError):  # missing, unreadable or damaged
            return None

    def entries(self) -> list[JournalEntry]:
        """Every recoverable text, newest first; damaged files are moved to `corrupt/`."""
        self.corrupt_files = []
        self.unreadable_files = []
        found: list[JournalEntry] = []
        try:
            files = sorted(self.directory.glob("*.json"))
        except OSError:
            return []
        for file in files:
            try:
                raw = file.read_bytes()
            except FileNotFoundError:  # removed by a save in another window meanwhile
                continue
            except OSError:
                self.unreadable_files.append(file)
                continue
            try:
                found.append(_parse(raw, file))
            except (ValueError, KeyError, TypeError):  # UnicodeDecodeError is a ValueError
                moved = self._move_aside(file)
                if moved is not None:
                    self.corrupt_files.append(moved)
        found.sort(key=lambda e: e.saved_at, reverse=True)
        return found

    def _move_aside(self, file: Path) -> Path | None:
        folder = self.directory / CORRUPT_FOLDER
        try:
            folder.mkdir(exist_ok=True)
            target = folder / file.name
            counter = 1
            while target.exists():
                target = folder / f"{file.stem}.{counter}{file.suffix}"
                counter += 1
            os.replace(file, target)
        except OSError:
            return None
        return target

    def find(self, path_or_key: str) -> JournalEntry | None:
        """The entry whose key, unique key prefix, or document path is `path_or_key`."""
        entries = self.entries()
        for entry in entries:
            if entry.key == path_or_key:
                return entry
        wanted_key = key_for_path(path_or_key)
        wanted_path = _resolved(path_or_key)
        for entry in entries:
            if entry.key == wanted_key or (
                entry.path is not None and _resolved(entry.path) == wanted_path
            ):
                return entry
        prefixed = [e for e in entries if e.key.startswith(path_or_key)]
        if len(prefixed) == 1:
            return prefixed[0]
        return None
