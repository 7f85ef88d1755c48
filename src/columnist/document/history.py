"""Local history: every save keeps the bytes it replaces, so any earlier draft can be compared.

Versions live in `paths.history_dir()/<hash of the document path>/`, one file per version
named by the time those bytes were saved (the old file's modification time), with
`document.json` recording the original path (a hash is a safe folder name; the JSON says
which document it was). Identical consecutive versions are stored once, and the oldest are
pruned beyond `max_versions`. Recording never blocks a save: if the history folder is not
writable, `record` returns None and the save goes ahead.

`diff_html` renders a comparison a writer can read in a QTextBrowser (a table of changed
paragraphs with deleted words struck through in red and inserted words underlined in
green, unchanged stretches folded); `diff_text` is the classic unified diff.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from columnist.document.atomic import atomic_write_bytes

VERSION_SUFFIX = ".version"
META_FILE = "document.json"
DEFAULT_MAX_VERSIONS = 200
DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # per document; the newest version is always kept


@dataclass
class Version:
    """One earlier state of a document."""

    id: str  # sortable, unique per document (e.g. "20261125T181900.123456Z")
    path: Path  # the document this is a version of
    saved_at: datetime  # when these bytes were saved (timezone-aware, UTC)
    size: int  # bytes
    file: Path | None = None  # where the bytes are kept


def _resolved(path: Path | str) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def _folder_name(path: Path) -> str:
    return hashlib.sha256(str(_resolved(path)).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def _parse_stamp(stamp: str) -> datetime | None:
    try:
        return datetime.strptime(stamp[:22], "%Y%m%dT%H%M%S.%f").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def decode_version(data: bytes) -> str:
    """Text of stored bytes: UTF-8 (BOM dropped) or, failing that, Windows-1252 / Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return data.decode("utf-8", "replace")  # unreachable: latin-1 decodes everything


class History:
    """The per-document folders of earlier versions."""

    def __init__(
        self,
        directory: Path | None = None,
        max_versions: int = DEFAULT_MAX_VERSIONS,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ):
        if directory is None:
            from columnist import paths

            directory = paths.history_dir()
        self.directory = Path(directory)
        self.max_versions = max_versions
        self.max_bytes = max_bytes

    def folder_for(self, path: Path) -> Path:
        """Where the versions of `path` are kept."""
        return self.directory / _folder_name(path)

    def record(self, path: Path, previous: bytes) -> Version | None:
        """Keep `previous` (the bytes about to be replaced) as a version of `path`.

        Called before each save. Returns None when nothing was stored: the same bytes are
        already the newest version, or the history folder cannot be written.
        """
        path = _resolved(path)
        try:
            existing = self.versions(path)
            if existing and existing[0].file is not None:
                with contextlib.suppress(OSError):
                    if existing[0].file.read_bytes() == previous:
                        return None
            try:
                saved_at = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
            except OSError:
                saved_at = datetime.now(timezone.utc)
            folder = self.folder_for(path)
            folder.mkdir(parents=True, exist_ok=True)
            meta = folder / META_FILE
            if not meta.exists():
                atomic_write_bytes(
                    meta, json.dumps({"path": str(path)}, ensure_ascii=False).encode("utf-8")
                )
            stamp = _stamp(saved_at)
            file = folder / f"{stamp}{VERSION_SUFFIX}"
            counter = 1
            while file.exists():
                file = folder / f"{stamp}-{counter}{VERSION_SUFFIX}"
                counter += 1
            atomic_write_bytes(file, previous, mode=0o600)
            self._prune(folder)
        except OSError:
            return None
        return Version(file.name.removesuffix(VERSION_SUFFIX), path, saved_at, len(previous), file)

    def _prune(self, folder: Path) -> None:
        """Drop the oldest versions beyond `max_versions` or `max_bytes` (keep the newest)."""
        files = sorted(folder.glob(f"*{VERSION_SUFFIX}"), reverse=True)  # newest first
        total = 0
        for index, file in enumerate(files):
            try:
                total += file.stat().st_size
            except OSError:
                continue
            if index > 0 and (index >= self.max_versions or total > self.max_bytes):
                with contextlib.suppress(OSError):
                    file.unlink()

    def versions(self, path: Path) -> list[Version]:
        """Earlier versions of `path`, newest first (empty if none were kept)."""
        path = _resolved(path)
        folder = self.folder_for(path)
        found: list[Version] = []
        try:
            files = list(folder.glob(f"*{VERSION_SUFFIX}"))
        except OSError:
            return []
        for file in files:
            stamp = file.name.removesuffix(VERSION_SUFFIX)
            saved_at = _parse_stamp(stamp)
            if saved_at is None:
                continue
            try:
                size = file.stat().st_size
            except OSError:
                continue
            found.append(Version(stamp, path, saved_at, size, file))
        found.sort(key=lambda v: v.id, reverse=True)
        return found

    def read_bytes(self, version: Version) -> bytes:
        """The exact bytes of `version` (raises OSError if it has gone)."""
        file = version.file or self.folder_for(version.path) / f"{version.id}{VERSION_SUFFIX}"
        return file.read_bytes()

    def read_text(self, version: Version) -> str:
        """The text of `version` with "\\n" newlines, as the editor would show it."""
        return decode_version(self.read_bytes(version))

    def documents(self) -> list[Path]:
        """Every document that has a history (from the recorded original paths)."""
        result = []
        for meta in sorted(self.directory.glob(f"*/{META_FILE}")):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                result.append(Path(json.loads(meta.read_text("utf-8"))["path"]))
        return result


# --- diffs -----------------------------------------------------------------------------


def diff_text(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff of two texts (three lines of context), "" when they are equal."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_label, new_label, lineterm=""
    )
    return "\n".join(lines) + ("\n" if old != new else "")


_TOKEN = re.compile(r"\s+|[^\s]+")
_DEL_STYLE = "background-color:#fbd3d0; color:#7a1010; text-decoration:line-through;"
_INS_STYLE = "background-color:#d2f4d3; color:#0b5a1a; text-decoration:underline;"
_CONTEXT = 2


def _words_diff(old: str, new: str) -> tuple[str, str]:
    """HTML of the old and new line with changed words marked."""
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    old_parts: list[str] = []
    new_parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = html.escape("".join(a[i1:i2]))
        added = html.escape("".join(b[j1:j2]))
        if tag == "equal":
            old_parts.append(removed)
            new_parts.append(added)
            continue
        if removed:
            old_parts.append(f'<span style="{_DEL_STYLE}">{removed}</span>')
        if added:
            new_parts.append(f'<span style="{_INS_STYLE}">{added}</span>')
    return "".join(old_parts), "".join(new_parts)


def _cell(content: str, background: str | None) -> str:
    """A text cell; coloured cells get dark text so they stay readable in a dark theme."""
    colour = f' bgcolor="{background}" style="color:#1a1a1a;"' if background else ""
    return f'<td{colour} valign="top" width="49%">{content or "&nbsp;"}</td>'


def _row(
    old_no: str,
    old_html: str,
    new_no: str,
    new_html: str,
    old_bg: str | None = None,
    new_bg: str | None = None,
) -> str:
    num = 'style="color:#888888;" align="right" valign="top" width="1%"'
    return (
        f"<tr><td {num}>{old_no}</td>{_cell(old_html, old_bg)}"
        f"<td {num}>{new_no}</td>{_cell(new_html, new_bg)}</tr>"
    )


def diff_html(old: str, new: str, old_label: str, new_label: str) -> str:
    """A side-by-side comparison as an HTML fragment that QTextBrowser renders well.

    Changed lines are paired; within them deleted words are struck through (red) and
    inserted words underlined (green), so the change is visible without colour too.
    Runs of unchanged lines are folded to two lines of context around each change.
    """
    a = old.splitlines()
    b = new.splitlines()
    red, green, grey = "#fff0ef", "#effbef", "#eeeeee"
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            count = i2 - i1
            if count <= 2 * _CONTEXT + 1:
                shown = list(range(count))
            else:
                head = list(range(_CONTEXT)) if i1 > 0 else []
                tail = list(range(count - _CONTEXT, count)) if i2 < len(a) else []
                shown = [*head, -1, *tail]
            for k in shown:
                if k == -1:
                    hidden = count - len(shown) + 1
                    note = f"<i>… {hidden} unchanged line{'s' if hidden != 1 else ''} …</i>"
                    rows.append(_row("", note, "", note, grey, grey))
                    continue
                line = html.escape(a[i1 + k])
                rows.append(_row(str(i1 + k + 1), line, str(j1 + k + 1), line))
            continue
        changes += 1
        span = max(i2 - i1, j2 - j1)
        for k in range(span):
            old_line = a[i1 + k] if i1 + k < i2 else None
            new_line = b[j1 + k] if j1 + k < j2 else None
            if old_line is not None and new_line is not None:
                old_html, new_html = _words_diff(old_line, new_line)
            else:
                old_html = (
                    f'<span style="{_DEL_STYLE}">{html.escape(old_line)}</span>' if old_line else ""
                )
                new_html = (
                    f'<span style="{_INS_STYLE}">{html.escape(new_line)}</span>' if new_line else ""
                )
            rows.append(
                _row(
                    str(i1 + k + 1) if old_line is not None else "",
                    old_html,
                    str(j1 + k + 1) if new_line is not None else "",
                    new_html,
                    red if old_line is not None else None,
                    green if new_line is not None else None,
                )
            )
    summary = (
        "The two versions are identical."
        if changes == 0
        else f"{changes} change{'s' if changes != 1 else ''}. Deleted words are "
        '<span style="' + _DEL_STYLE + '">struck through</span>, inserted words are '
        '<span style="' + _INS_STYLE + '">underlined</span>.'
    )
    header = (
        f'<tr><th colspan="2" align="left">{html.escape(old_label)}</th>'
        f'<th colspan="2" align="left">{html.escape(new_label)}</th></tr>'
    )
    return (
        f"<p>{summary}</p>"
        '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
        f"{header}{''.join(rows)}</table>"
    )
