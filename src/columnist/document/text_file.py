"""Open and save a column so that the bytes on disk only change where the writer changed them.

`load_text` decodes the file and remembers its *format* (encoding, BOM, line ending);
the editor only ever sees "\\n" newlines. `save_text` puts the same format back, so an
unchanged text saves to identical bytes: LF or CRLF, a BOM, a missing final newline and
every front-matter key survive, because the text itself is never reformatted.

Files with mixed line endings are the one exception: the dominant ending (the one used
by most lines) is kept and written everywhere on save; the user is warned when opening.

Nothing is ever opened as garbage: a non-UTF-8 file raises `NotUtf8Error` (with encodings
that would work, so the user can reopen it as Windows-1252), a binary file raises
`BinaryFileError`. Saves are atomic (`atomic.atomic_write_bytes`), so a full disk or a
crash leaves the previous file intact, and every failure becomes a `SaveError` whose
`message` tells the writer what happened and what to do; the text stays in the editor.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from columnist.document.atomic import atomic_write_bytes

LARGE_FILE_BYTES = 5 * 1024 * 1024  # warn: editing and preview may be slow
MAX_OPEN_BYTES = 64 * 1024 * 1024  # refuse: no column is this long; it would exhaust memory
_SNIFF_BYTES = 8192
_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
    "utf-16": "UTF-16",
}


def encoding_label(encoding: str) -> str:
    """A name a writer recognises ("Windows-1252" rather than "cp1252")."""
    return _ENCODING_NAMES.get(_canonical(encoding), encoding)


def _canonical(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return {"iso8859-1": "latin-1", "utf-16": "utf-16"}.get(name, name)


@dataclass(frozen=True)
class TextFormat:
    """How the text is stored on disk, restored exactly on save."""

    encoding: str = "utf-8"  # codec used to write back ("utf-8", "cp1252", …)
    bom: bool = False
    newline: str = "\n"  # "\n" or "\r\n": the file's line ending, restored on save


# What Save As offers (UTF-8 first: it holds every character; the others for systems that
# need them). A file's own encoding is offered too when it is none of these.
SAVE_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")


def saved_encoding(fmt: TextFormat) -> str:
    """The Save As choice that keeps `fmt` ("utf-8-sig" for UTF-8 with a byte-order mark).

    >>> saved_encoding(TextFormat("utf-8", bom=True)), saved_encoding(TextFormat("cp1252"))
    ('utf-8-sig', 'cp1252')
    """
    encoding = _canonical(fmt.encoding)
    return "utf-8-sig" if encoding in ("utf-8", "utf-8-sig") and fmt.bom else encoding


def with_encoding(fmt: TextFormat, encoding: str) -> TextFormat:
    """`fmt` stored in `encoding` instead (line endings kept).

    >>> with_encoding(TextFormat("cp1252", newline="\\r\\n"), "utf-8-sig")
    TextFormat(encoding='utf-8', bom=True, newline='\\r\\n')
    """
    encoding = _canonical(encoding)
    if encoding == "utf-8-sig":
        return TextFormat("utf-8", True, fmt.newline)
    return TextFormat(encoding, False, fmt.newline)


class OpenError(Exception):
    """The file cannot be opened; `message` is one sentence: what is wrong, what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class NotUtf8Error(OpenError):
    """The file is text but not UTF-8; `suggested_encodings` would decode it."""

    def __init__(self, message: str, path: Path, suggested_encodings: list[str]) -> None:
        super().__init__(message, path)
        self.suggested_encodings = suggested_encodings


class BinaryFileError(OpenError):
    """The file is not text (an image, a Word document, …)."""


class SaveError(Exception):
    """The text could not be saved; the file on disk is as it was before.

    `read_only`: the file or folder cannot be written (offer Save As);
    `disk_full`: no space left; `missing_folder`: the folder is gone (offer Save As);
    `unencodable`: the text has characters the file's encoding cannot store.
    """

    def __init__(
        self,
        message: str,
        *,
        read_only: bool = False,
        disk_full: bool = False,
        missing_folder: bool = False,
        unencodable: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.read_only = read_only
        self.disk_full = disk_full
        self.missing_folder = missing_folder
        self.unencodable = unencodable

    @property
    def offer_save_as(self) -> bool:
        """Whether choosing another place (Save As) is the way out."""
        return self.read_only or self.disk_full or self.missing_folder


class ConflictError(SaveError):
    """The file changed on disk since it was loaded or saved (someone else edited it)."""


@dataclass
class LoadedText:
    """A file's text as the editor shows it, plus what is needed to save it back."""

    path: Path
    text: str  # "\n" newlines
    format: TextFormat
    mtime_ns: int
    size: int
    sha256: str
    warnings: list[str] = field(default_factory=list)


# --- opening ---------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or mostly control characters, in the first few kilobytes."""
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    return controls > len(sample) * 0.1


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _suggest_encodings(data: bytes) -> list[str]:
    if data.startswith(_UTF16_BOMS):
        return ["utf-16"]
    suggestions = []
    for encoding in ("cp1252", "latin-1"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        suggestions.append(encoding)
    return suggestions[:1] if suggestions and suggestions[0] == "cp1252" else suggestions


def _newline_format(decoded: str) -> tuple[str, str, str | None]:
    """(text with "\\n" newlines, dominant newline, warning if the endings were mixed)."""
    crlf = decoded.count("\r\n")
    if "\r" not in decoded:
        return decoded, "\n", None
    lone_cr = decoded.count("\r") - crlf
    lf = decoded.count("\n") - crlf
    newline = "\r\n" if crlf >= lf and crlf >= lone_cr and crlf else "\n"
    text = decoded.replace("\r\n", "\n").replace("\r", "\n")
    kinds = sum(1 for count in (crlf, lf, lone_cr) if count)
    warning = None
    if kinds > 1:
        name = "Windows (CRLF)" if newline == "\r\n" else "Unix (LF)"
        warning = (
            f"This file mixes line endings ({crlf} CRLF, {lf} LF, {lone_cr} CR); "
            f"saving will use {name} line endings throughout."
        )
    elif lone_cr:
        warning = "This file uses old Mac (CR) line endings; saving will use Unix (LF) endings."
    return text, newline, warning


def _size_label(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def load_text(path: str | os.PathLike[str], encoding: str | None = None) -> LoadedText:
    """Read `path` as text; `encoding=None` means UTF-8 (with or without a BOM).

    Raises OpenError (missing, unreadable, a folder), NotUtf8Error, BinaryFileError.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise OpenError(
                    f"“{path.name}” is not an ordinary file (it is a device, pipe or socket); "
                    "choose a Markdown (.md) file.",
                    path,
                )
            if info.st_size > MAX_OPEN_BYTES:
                raise OpenError(
                    f"“{path.name}” is {_size_label(info.st_size)}, too large to edit here "
                    f"(the limit is {_size_label(MAX_OPEN_BYTES)}); split it into smaller files.",
                    path,
                )
            data = handle.read()
    except FileNotFoundError:
        raise OpenError(
            f"“{path.name}” was not found in {path.parent}. It may have been moved or "
            "deleted; choose it again with Open.",
            path,
        ) from None
    except IsADirectoryError:
        raise OpenError(f"“{path}” is a folder, not a file; choose a .md file.", path) from None
    except PermissionError:
        raise OpenError(
            f"You do not have permission to read “{path.name}”. Ask its owner for access, "
            "or copy it somewhere you can read it.",
            path,
        ) from None
    except OSError as exc:
        raise OpenError(f"“{path.name}” could not be read: {exc.strerror or exc}.", path) from None

    bom = False
    if encoding is None:
        if data.startswith(_UTF8_BOM):
            bom = True
            payload = data[len(_UTF8_BOM) :]
        else:
            payload = data
        if not data.startswith(_UTF16_BOMS) and _looks_binary(payload):
            raise BinaryFileError(
                f"“{path.name}” is not a text file (it looks like an image, a Word document "
                "or another binary file), so it was not opened; choose a Markdown (.md) file.",
                path,
            )
        try:
            decoded = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            suggestions = _suggest_encodings(data)
            if suggestions == ["utf-16"]:
                raise NotUtf8Error(
                    f"“{path.name}” is UTF-16 text, not UTF-8, so it was not opened as "
                    "garbage. Reopen it as UTF-16 to edit it.",
                    path,
                    suggestions,
                ) from None
            line, column = _line_col(payload, exc.start)
            offer = (
                f" Reopen it as {encoding_label(suggestions[0])} to edit it." if suggestions else ""
            )
            raise NotUtf8Error(
                f"“{path.name}” is not UTF-8 text (the first unreadable byte is on line "
                f"{line}, column {column}), so it was not opened as garbage.{offer}",
                path,
                suggestions,
            ) from None
        used = "utf-8"
    else:
        used = _canonical(encoding)
        if used in ("utf-8", "utf-8-sig"):
            used = "utf-8"
            bom = data.startswith(_UTF8_BOM)
            payload = data[len(_UTF8_BOM) :] if bom else data
        else:
            payload = data
        try:
            decoded = payload.decode(used)
        except (UnicodeDecodeError, LookupError) as exc:
            others = [e for e in _suggest_encodings(data) if e != used]
            offer = f" Try {encoding_label(others[0])} instead." if others else ""
            raise NotUtf8Error(
                f"“{path.name}” cannot be read as {encoding_label(used)} ({exc}).{offer}",
                path,
                others,
            ) from None

    text, newline, newline_warning = _newline_format(decoded)
    warnings: list[str] = []
    if info.st_size > LARGE_FILE_BYTES:
        warnings.append(
            f"“{path.name}” is large ({_size_label(info.st_size)}); editing and the live "
            "preview may be slow. Consider splitting it."
        )
    if newline_warning:
        warnings.append(newline_warning)
    if used != "utf-8":
        warnings.append(
            f"Opened as {encoding_label(used)}; it will be saved as {encoding_label(used)}."
        )
    # Front matter that is not valid YAML is not a load warning: the window's banner says
    # so from the column model, and goes away as soon as the writer fixes it.
    return LoadedText(
        path=path,
        text=text,
        format=TextFormat(encoding=used, bom=bom, newline=newline),
        mtime_ns=info.st_mtime_ns,
        size=info.st_size,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


# --- saving ----------------------------------------------------------------------------


def encode_text(text: str, fmt: TextFormat) -> bytes:
    """The exact bytes `save_text` writes for `text` in `fmt`.

    Raises SaveError(unencodable=True) naming the first character the encoding lacks.
    """
    body = text.replace("\r\n", "\n")
    if fmt.newline != "\n":
        body = body.replace("\n", fmt.newline)
    encoding = _canonical(fmt.encoding)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start]
        line = exc.object.count(fmt.newline, 0, exc.start) + 1
        raise SaveError(
            f"This file is stored as {encoding_label(encoding)}, which cannot hold the "
            f"character “{bad}” (U+{ord(bad):04X}, line {line}). Nothing was saved; remove "
            "that character, or save the file as UTF-8, which holds every character.",
            unencodable=True,
        ) from None
    except LookupError:
        raise SaveError(
            f"The encoding “{fmt.encoding}” is unknown. Nothing was saved; save a copy as UTF-8."
        ) from None
    if fmt.bom and encoding == "utf-8":
        data = _UTF8_BOM + data
    return data


def _is_read_only(path: Path) -> bool:
    """True if the existing file is marked read-only (also respected when running as root)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _save_error(exc: OSError, path: Path) -> SaveError:
    """Turn an OSError during a save into one clear sentence."""
    name = path.name
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return SaveError(
            f"The disk is full, so “{name}” was not saved; the file on disk is unchanged and "
            "your text is still here. Free some space and save again, or use Save As to "
            "save it on another drive.",
            disk_full=True,
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SaveError(
            f"The folder {path.parent} is read-only, so “{name}” was not saved; your text is "
            "still here. Use Save As to save it somewhere else.",
            read_only=True,
        )
    if code == errno.ENOENT:
        return SaveError(
            f"The folder {path.parent} no longer exists, so “{name}” was not saved; your text "
            "is still here. Use Save As to choose another folder.",
            missing_folder=True,
        )
    return SaveError(
        f"“{name}” could not be saved ({exc.strerror or exc}); the file on disk is "
        "unchanged and your text is still here. Try again, or use Save As."
    )


def save_text(path: str | os.PathLike[str], text: str, fmt: TextFormat) -> LoadedText:
    """Write `text` to `path` in `fmt`, atomically; on failure the old file is intact.

    A symbolic link is followed (its target is replaced, the link stays). The file's
    permission bits are kept. Raises SaveError with a user-facing `message`.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    data = encode_text(text, fmt)
    if not target.parent.is_dir():
        raise SaveError(
            f"The folder {target.parent} does not exist (it may have been renamed or a drive "
            f"removed), so “{path.name}” was not saved; your text is still here. Use Save As "
            "to choose another folder.",
            missing_folder=True,
        )
    if target.is_dir():
        raise SaveError(f"“{path}” is a folder; use Save As and choose a file name.")
    if _is_read_only(target):
        raise SaveError(
            f"“{path.name}” is read-only, so it was not saved; your text is still here. "
            "Use Save As to save a copy somewhere else.",
            read_only=True,
        )
    try:
        atomic_write_bytes(target, data)
        info = target.stat()
    except OSError as exc:
        raise _save_error(exc, target) from None
    return LoadedText(
        path=path,
        text=text.replace("\r\n", "\n"),
        format=fmt,
        mtime_ns=info.st_mtime_ns,
        size=info.st_size,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=[],
    )


def file_sha256(path: Path) -> str | None:
    """sha256 of a file's bytes, or None if it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
