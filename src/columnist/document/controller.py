"""The one service that owns a document: open, save, journal, history and disk watching.

The GUI's document session (`ui.document_session`) wires the window to this controller's
signals and calls its methods, asking the writer whenever a rule needs a decision; it never
touches files itself. Keeping the rules in one place is what makes "never lose a word"
checkable:

- anything typed two seconds or more before a crash is in the recovery journal, however
  the writer types: an edit (re)starts a one-second single-shot timer (a pause writes
  soon), but never past a ceiling of 1.5 s after the first edit not yet journalled, so
  steady typing with gaps under a second is written at least every 1.5 s too (and at once
  on `flush_journal`, called on focus loss and quit). The timer's write runs on a
  background thread: counting, encoding and fsyncing a 50,000-word text
  takes ~25 ms, a visible hitch if the GUI thread did it while the writer types. The GUI
  thread only takes the text (a copy) and its hash; writes run on `core.tasks`' "journal"
  lane, one at a time in the order they were asked for (the lanes drain at exit, so a
  queued write still reaches the disk), a newer request makes queued older ones moot, and a
  save, a
  discard or `flush_journal` (synchronous, for quit) first waits for the write in
  progress, so an older text can never land on top of a newer one or of a removal;
- `save` refuses (ConflictError) to overwrite a file someone else changed since it was
  loaded or saved, unless the user said so (`force=True`); it keeps the replaced bytes in
  the history, writes atomically and then forgets the journal entry;
- a QFileSystemWatcher notices other programs' changes. Our own saves are recognised by
  the file's sha256 (and mtime/size as a cheap first check), so `externallyModified` only
  fires when the content really differs, and `externallyDeleted` when the file is gone.
  Editors that save by renaming a new file over the old one drop the inotify watch, so
  the folder is watched too and the file is re-added whenever it exists again.

Only QtCore is used; the controller runs fine under a bare QCoreApplication.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from columnist.core.tasks import run_task
from columnist.document.history import History
from columnist.document.journal import Journal, JournalEntry, key_for_path, new_untitled_key
from columnist.document.text_file import (
    ConflictError,
    LoadedText,
    OpenError,
    SaveError,
    TextFormat,
    encode_text,
    file_sha256,
    load_text,
    save_text,
    with_encoding,
)

JOURNAL_DELAY_MS = 1000  # a pause this long journals the text
JOURNAL_CEILING_MS = 1500  # the longest an edit waits to be journalled while typing goes on
DISK_CHECK_DELAY_MS = 120
JOURNAL_LANE = "journal"  # shared by every controller: writes land in submission order


def _folder_message(path: Path) -> str:
    """What to say when a folder stands where the column's file was.

    >>> _folder_message(Path("/tmp/column.md"))[:35]
    '“column.md” is now a folder: anothe'
    """
    return (f"“{path.name}” is now a folder: another program replaced the file with a folder "
            "of the same name. Your text is still here; save it under another name with "
            "Save As.")


def _hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _absolute(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(os.path.expanduser(os.fspath(path))))


class DocumentController(QObject):
    """Load/save/journal/history/watching for the one document shown in a window."""

    opened = Signal(object)  # LoadedText just opened or reloaded (UI sets the editor text)
    pathChanged = Signal(object)  # Path | None
    saved = Signal(object)  # Path
    externallyModified = Signal(object)  # Path changed on disk by someone else
    externallyDeleted = Signal(object)  # Path removed/renamed on disk
    replacedByFolder = Signal(object)  # Path is now a folder (saving there is impossible)
    journalFailed = Signal(str)  # message (journal folder not writable, disk full, …)
    journalWritten = Signal(str)  # key: the buffer's unsaved text is now on disk

    def __init__(
        self,
        journal: Journal | None = None,
        history: History | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._history = history
        self.path: Path | None = None
        self.format: TextFormat = TextFormat()
        self.key: str = new_untitled_key()
        self._disk: LoadedText | None = None  # what we last read from / wrote to disk
        self._clean_hash = _hash_text("")  # hash of the text that needs no journal
        self._journaled_hash: str | None = None  # hash of the text last journalled
        self._get_text: Callable[[], str] | None = None
        self._journal_failing = False
        self._notified_sha: str | None = None
        self._deleted_notified = False
        # Journal writes: `_write_seq` numbers every write or removal; a background write
        # whose number is no longer the latest is skipped (or its result ignored).
        # `_io_lock` is held while a journal file of this buffer is written or removed, and
        # `_written` (key, text hash) says what this controller last put in a journal file
        # (None once removed); it changes only under the lock, so it is right even when a
        # background write lands after the GUI thread moved on.
        self._write_seq = 0
        self._io_lock = threading.Lock()
        self._written: tuple[str, str] | None = None

        # One timer for both the debounce and the ceiling: `text_edited` starts it with
        # whichever comes first; stopping it (save, discard, flush) ends the ceiling too.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_journal_timer)
        self._due_by = 0.0  # time.monotonic() by which the pending edits must be written

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(DISK_CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_disk)

        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_disk_event)
        self._watcher.directoryChanged.connect(self._on_disk_event)

    # --- services (created on first use so a bad data dir fails where it is handled) ---

    @property
    def journal(self) -> Journal:
        """The recovery journal (paths.journal_dir() unless one was given)."""
        if self._journal is None:
            self._journal = Journal()
        return self._journal

    @property
    def history(self) -> History:
        """The local history of saved versions (paths.history_dir() unless given)."""
        if self._history is None:
            self._history = History()
        return self._history

    @property
    def journal_pending(self) -> bool:
        """Edits are waiting for the journal's timer (written within 1.5 s)."""
        return self._timer.isActive()

    @property
    def disk_state(self) -> LoadedText | None:
        """What was last loaded from or saved to disk (None for an untitled buffer)."""
        return self._disk

    def is_unsaved(self, text: str) -> bool:
        """Whether `text` differs from what is on disk (or is non-empty when untitled)."""
        return _hash_text(text) != self._clean_hash

    # --- documents ----------------------------------------------------------------------

    def _set_document(self, path: Path | None, loaded: LoadedText | None, key: str) -> None:
        self._timer.stop()
        self._write_seq += 1  # a queued journal write of the previous text is dropped
        self._unwatch()
        self.path = path
        self.key = key
        self._disk = loaded
        self.format = loaded.format if loaded is not None else TextFormat()
        self._clean_hash = _hash_text(loaded.text if loaded is not None else "")
        self._journaled_hash = None
        self._notified_sha = None
        self._deleted_notified = False
        self._ensure_watch()

    def _free_key_for(self, path: Path) -> str:
        """The journal key for `path`, unless a text left by a crash already uses it.

        Such a leftover is text the user has not recovered yet (they chose "later", or
        another window has the file open); it must not be overwritten by this session's
        journal nor removed by its save, so this buffer gets a key of its own.
        """
        key = key_for_path(path)
        try:
            taken = self.journal.file_for(key).exists()
        except OSError:
            taken = False
        return f"{key}-{secrets.token_hex(3)}" if taken else key

    def new(self, starting_text: str = "") -> None:
        """Start an untitled buffer (a pending journal write of the old one is dropped).

        `starting_text` is what the buffer opens with (the sample column on a first start):
        like an empty buffer it needs no journal until the writer changes it, so quitting
        an untouched sample leaves nothing to "recover".
        """
        self._set_document(None, None, new_untitled_key())
        self._clean_hash = _hash_text(starting_text)
        self.pathChanged.emit(None)

    def open(self, path: str | os.PathLike[str], encoding: str | None = None) -> LoadedText:
        """Open `path`; raises OpenError / NotUtf8Error / BinaryFileError and changes nothing."""
        path = _absolute(path)
        loaded = load_text(path, encoding)
        self._set_document(path, loaded, self._free_key_for(path))
        self.pathChanged.emit(path)
        self.opened.emit(loaded)
        return loaded

    def reload(self) -> LoadedText:
        """Read the file again (after an external change); the buffer becomes clean."""
        if self.path is None:
            raise OpenError("This text has never been saved, so there is nothing to reload.")
        encoding = None if self.format.encoding == "utf-8" else self.format.encoding
        loaded = load_text(self.path, encoding)
        key = self.key
        self._set_document(self.path, loaded, key)
        self._remove_journal(key)
        self.opened.emit(loaded)
        return loaded

    def adopt_recovered(self, entry: JournalEntry) -> None:
        """Continue editing a recovered buffer: same journal key, same document path.

        The UI puts `entry.text` in the editor (modified); the journal entry stays until
        the text is saved or discarded, so a second crash still loses nothing.
        """
        loaded: LoadedText | None = None
        path = _absolute(entry.path) if entry.path is not None else None
        if path is not None and path.exists():
            encoding = None
            if entry.format is not None and entry.format.encoding != "utf-8":
                encoding = entry.format.encoding
            try:
                loaded = load_text(path, encoding)
            except OpenError:
                loaded = None
        self._set_document(path, loaded, entry.key)
        if entry.format is not None:
            self.format = entry.format
        self.pathChanged.emit(path)

    # --- saving -------------------------------------------------------------------------

    def _check_conflict(self, path: Path) -> None:
        """Raise ConflictError if `path` changed on disk since we loaded or saved it
        (SaveError, offering Save As, if a folder took its place)."""
        if path.is_dir():
            raise SaveError(_folder_message(path), read_only=True)
        try:
            info = path.stat()
        except FileNotFoundError:
            return  # deleted meanwhile: saving puts it back, nothing is overwritten
        except OSError:
            return
        disk = self._disk
        if disk is not None and (info.st_mtime_ns, info.st_size) == (disk.mtime_ns, disk.size):
            return
        sha = file_sha256(path)
        if disk is not None and sha == disk.sha256:
            return
        raise ConflictError(
            f"“{path.name}” was changed by another program since you opened or last saved "
            "it. Reload it to see those changes, or save anyway to replace them with your text."
        )

    def _write(self, path: Path, text: str) -> LoadedText:
        """Keep the old bytes in the history, then save atomically."""
        data = encode_text(text, self.format)  # unencodable text fails before anything else
        try:
            previous = path.read_bytes()
        except OSError:
            previous = None
        if previous is not None and previous != data:
            self.history.record(path, previous)
        return save_text(path, text, self.format)

    def save(self, text: str, force: bool = False) -> None:
        """Save `text` to the current path (SaveError, ConflictError unless `force`)."""
        if self.path is None:
            raise SaveError(
                "This text has not been saved before; use Save As to choose a name and folder."
            )
        self._timer.stop()
        if not force:
            self._check_conflict(self.path)
        loaded = self._write(self.path, text)
        self._disk = loaded
        self._clean_hash = _hash_text(loaded.text)
        self._notified_sha = None
        self._deleted_notified = False
        self._remove_journal(self.key)
        self._ensure_watch()
        self.saved.emit(self.path)

    def save_as(
        self, path: str | os.PathLike[str], text: str, encoding: str | None = None
    ) -> None:
        """Save `text` to a new `path` (the file dialog has already confirmed overwriting),
        in `encoding` if given (a `text_file.SAVE_ENCODINGS` choice), else as it is stored
        now. `path` may be the current file: that re-saves it in the new encoding (the old
        bytes go to the history, like any save)."""
        path = _absolute(path)
        self._timer.stop()
        old_key, old_format = self.key, self.format
        if encoding is not None:
            self.format = with_encoding(self.format, encoding)
        try:
            loaded = self._write(path, text)
        except SaveError:
            self.format = old_format  # nothing was saved: the file keeps its encoding
            raise
        path_changed = path != self.path
        new_key = old_key if not path_changed else self._free_key_for(path)
        self._set_document(path, loaded, new_key)
        self._remove_journal(old_key)
        if path_changed:
            self.pathChanged.emit(path)
        self.saved.emit(path)

    # --- journal ------------------------------------------------------------------------

    def text_edited(self, get_text: Callable[[], str]) -> None:
        """Call on every edit: journals `get_text()` once typing has paused 1 s, and at the
        latest 1.5 s after the first edit since the last write, however steady the typing."""
        self._get_text = get_text
        now = time.monotonic()
        if not self._timer.isActive():
            self._due_by = now + JOURNAL_CEILING_MS / 1000
        until_due_ms = round((self._due_by - now) * 1000)
        self._timer.start(max(0, min(JOURNAL_DELAY_MS, until_due_ms)))

    def _on_journal_timer(self) -> None:
        if self._get_text is not None:
            self._journal_soon(self._get_text())

    def flush_journal(self, text: str) -> None:
        """Journal `text` now if it is unsaved (focus loss, quit); done when this returns."""
        self._timer.stop()
        self._journal_now(text)

    def _journal_soon(self, text: str) -> None:
        """Like `_journal_now`, but the write itself runs on the journal thread."""
        digest = _hash_text(text)
        if digest == self._clean_hash or (
            digest == self._journaled_hash and self._journal_file_exists()
        ):
            self._journal_now(text, digest)  # a removal, or nothing to do: both quick
            return
        try:
            journal = self.journal
        except OSError as exc:
            self._report_journal_failure(exc)
            return
        self._write_seq += 1
        seq, key, path, fmt = self._write_seq, self.key, self.path, self.format
        run_task(
            lambda: self._write_in_background(seq, journal, key, text, path, fmt, digest),
            lambda _result, error: self._on_write_done(seq, key, digest, error),
            lane_name=JOURNAL_LANE,
            receiver=self,  # a deleted controller has nothing to report to
        )

    def _write_in_background(
        self,
        seq: int,
        journal: Journal,
        key: str,
        text: str,
        path: Path | None,
        fmt: TextFormat,
        digest: str,
    ) -> None:
        """On the journal lane: write unless a newer write or removal was asked for."""
        with self._io_lock:
            if seq != self._write_seq:
                return  # superseded: the newer request writes (or removes) instead
            journal.write(key, text, path, fmt)
            self._written = (key, digest)

    def _on_write_done(self, seq: int, key: str, digest: str, error: BaseException | None
                       ) -> None:
        if seq != self._write_seq:
            return  # a newer write or a removal has happened since: it decides
        if isinstance(error, OSError):
            self._report_journal_failure(error)
            return
        if error is not None:
            raise error  # a bug, not the disk: let it be seen
        self._journaled_hash = digest
        self._journal_failing = False
        self.journalWritten.emit(key)

    def _journal_file_exists(self) -> bool:
        try:
            return self.journal.file_for(self.key).exists()
        except OSError:
            return False

    def _report_journal_failure(self, exc: OSError) -> None:
        if not self._journal_failing:
            self._journal_failing = True
            where = self._journal.directory if self._journal is not None else "data folder"
            self.journalFailed.emit(
                f"Unsaved text could not be written to the recovery journal in {where} "
                f"({exc.strerror or exc}). Save your work now to be safe."
            )

    def discard_journal(self) -> None:
        """The user chose "Don't save": forget the unsaved text of this buffer."""
        self._timer.stop()
        self._remove_journal(self.key)

    def _journal_now(self, text: str, digest: str | None = None) -> None:
        """Journal `text` (or remove the journal if it is the saved text) on this thread,
        after any background write still in progress; queued ones are dropped."""
        if digest is None:
            digest = _hash_text(text)
        self._write_seq += 1
        try:
            with self._io_lock:
                if digest == self._clean_hash:
                    self.journal.remove(self.key)
                    self._written = None
                    self._journaled_hash = None
                    self._journal_failing = False
                    return
                # Already on disk (a focus change right after the timer)? Asked of
                # `_written`, not `_journaled_hash`: a background write of other text may
                # have landed while this thread waited for the lock.
                if self._written == (self.key, digest) and self.journal.file_for(
                    self.key
                ).exists():
                    return
                self.journal.write(self.key, text, self.path, self.format)
                self._written = (self.key, digest)
            self._journaled_hash = digest
        except OSError as exc:
            self._report_journal_failure(exc)
            return
        self._journal_failing = False
        self.journalWritten.emit(self.key)

    def _remove_journal(self, key: str) -> None:
        self._write_seq += 1  # a queued background write must not bring it back
        if key == self.key:
            self._journaled_hash = None
        with self._io_lock, contextlib.suppress(OSError, ValueError):
            self.journal.remove(key)
            if self._written is not None and self._written[0] == key:
                self._written = None

    # --- watching the disk ----------------------------------------------------------------

    def _unwatch(self) -> None:
        self._check_timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)

    def _ensure_watch(self) -> None:
        """Watch the file and its folder (a rename-over save drops the file's watch)."""
        if self.path is None:
            return
        file, folder = str(self.path), str(self.path.parent)
        if file not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(file)
        if folder not in self._watcher.directories() and self.path.parent.is_dir():
            self._watcher.addPath(folder)

    def _on_disk_event(self, _path: str) -> None:
        self._check_timer.start()  # coalesce the burst of events one write makes

    def check_disk(self) -> None:
        """Compare the file on disk with what we know; emit the external-change signals.

        Runs after watcher events; the UI may also call it when the window is activated
        (network drives do not always report changes).
        """
        path = self.path
        if path is None:
            return
        if not path.exists() or path.is_dir():
            if self._disk is not None and not self._deleted_notified:
                self._deleted_notified = True
                (self.replacedByFolder if path.is_dir() else self.externallyDeleted).emit(path)
            self._ensure_watch()
            return
        self._deleted_notified = False
        self._ensure_watch()
        disk = self._disk
        if disk is None:
            return
        try:
            info = path.stat()
        except OSError:
            return
        if (info.st_mtime_ns, info.st_size) == (disk.mtime_ns, disk.size):
            return
        sha = file_sha256(path)
        if sha is None:
            return
        if sha == disk.sha256:  # touched, or our own save seen late: same content
            self._disk = dataclasses.replace(disk, mtime_ns=info.st_mtime_ns, size=info.st_size)
            return
        if sha == self._notified_sha:
            return
        self._notified_sha = sha
        self.externallyModified.emit(path)
