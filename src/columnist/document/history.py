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


WORD_TOKEN = re.compile(r"\s+|[^\s]+")
"""A text cut into words and the runs of spaces between them (what a diff compares)."""
_DEL_STYLE = "background-color:#fbd3d0; color:#7a1010;"
_INS_STYLE = "background-color:#d2f4d3; color:#0b5a1a;"
# Markers a reader sees without colour (and a screen reader reads): [−gone] [+new].
DEL_MARK, INS_MARK, END_MARK = "[\u2212", "[+", "]"
_CONTEXT = 2


def word_opcodes(
    a: list[str], b: list[str]
) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes between two token lists (no "junk" heuristics: every word counts).

    >>> word_opcodes(["a", " ", "b"], ["a", " ", "c"])
    [('equal', 0, 2, 0, 2), ('replace', 2, 3, 2, 3)]
    """
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _removed(text: str) -> str:
    """Removed words: struck through, the marker left clear so that it reads "[−"."""
    return (
        f'<span style="{_DEL_STYLE}">{DEL_MARK}<span style="text-decoration:line-through;">'
        f"{html.escape(text)}</span>{END_MARK}</span>"
    )


def _added(text: str) -> str:
    """Added words: underlined, within their marker."""
    return (
        f'<span style="{_INS_STYLE}">{INS_MARK}<span style="text-decoration:underline;">'
        f"{html.escape(text)}</span>{END_MARK}</span>"
    )


def _words_diff(old: str, new: str) -> tuple[str, str, str]:
    """HTML of the old and new line with changed words marked, and of both in one line
    (removed then added words, for the inline view)."""
    a = WORD_TOKEN.findall(old)
    b = WORD_TOKEN.findall(new)
    old_parts: list[str] = []
    new_parts: list[str] = []
    both: list[str] = []
    for tag, i1, i2, j1, j2 in word_opcodes(a, b):
        removed = "".join(a[i1:i2])
        added = "".join(b[j1:j2])
        if tag == "equal":
            old_parts.append(html.escape(removed))
            new_parts.append(html.escape(added))
            both.append(html.escape(added))
            continue
        if removed:
            old_parts.append(_removed(removed))
            both.append(_removed(removed))
        if added:
            new_parts.append(_added(added))
            both.append(_added(added))
    return "".join(old_parts), "".join(new_parts), "".join(both)


def _cell(content: str, background: str | None, width: str = "49%") -> str:
    """A text cell; coloured cells get dark text so they stay readable in a dark theme."""
    colour = f' bgcolor="{background}" style="color:#1a1a1a;"' if background else ""
    return f'<td{colour} valign="top" width="{width}">{content or "&nbsp;"}</td>'


_NUMBER_CELL = 'style="color:#888888;" align="right" valign="top" width="40"'
_RED, _GREEN, _GREY = "#fff0ef", "#effbef", "#eeeeee"


def _row(
    old_no: str,
    old_html: str,
    new_no: str,
    new_html: str,
    old_bg: str | None = None,
    new_bg: str | None = None,
) -> str:
    return (
        f"<tr><td {_NUMBER_CELL}>{old_no}</td>{_cell(old_html, old_bg)}"
        f"<td {_NUMBER_CELL}>{new_no}</td>{_cell(new_html, new_bg)}</tr>"
    )


def _inline_row(number: str, content: str, background: str | None = None) -> str:
    return f"<tr><td {_NUMBER_CELL}>{number}</td>{_cell(content, background, '99%')}</tr>"


def _folded(count: int) -> str:
    return f"<i>… {count} unchanged line{'s' if count != 1 else ''} …</i>"


def _shown_context(count: int, at_start: bool, at_end: bool) -> list[int]:
    """Which of `count` unchanged lines to show (-1: the folded rest)."""
    if count <= 2 * _CONTEXT + 1:
        return list(range(count))
    head = list(range(_CONTEXT)) if not at_start else []
    tail = list(range(count - _CONTEXT, count)) if not at_end else []
    return [*head, -1, *tail]


def diff_html(old: str, new: str, old_label: str, new_label: str, inline: bool = False) -> str:
    """A comparison as an HTML fragment that QTextBrowser renders well.

    Side by side (`inline=False`: old on the left, new on the right) or inline (one
    column: removed words, then the words that replace them). Changed lines are paired;
    within them deleted words are struck through (red) and inserted words underlined
    (green) and each carries a text marker, `[−gone]` and `[+new]`, so the change is
    visible without colour and a screen reader says it. Runs of unchanged lines are folded
    to two lines of context around each change.

    >>> page = diff_html("the ward", "the busy ward", "Then", "Now", inline=True)
    >>> '[+<span style="text-decoration:underline;">busy </span>]' in page
    True
    """
    a = old.splitlines()
    b = new.splitlines()
    rows: list[str] = []
    changes = 0
    for tag, i1, i2, j1, j2 in word_opcodes(a, b):
        if tag == "equal":
            count = i2 - i1
            shown = _shown_context(count, i1 == 0, i2 == len(a))
            for k in shown:
                if k == -1:
                    note = _folded(count - len(shown) + 1)
                    rows.append(
                        _inline_row("", note, _GREY) if inline
                        else _row("", note, "", note, _GREY, _GREY)
                    )
                    continue
                line = html.escape(a[i1 + k])
                rows.append(
                    _inline_row(str(j1 + k + 1), line) if inline
                    else _row(str(i1 + k + 1), line, str(j1 + k + 1), line)
                )
            continue
        changes += 1
        for k in range(max(i2 - i1, j2 - j1)):
            old_line = a[i1 + k] if i1 + k < i2 else None
            new_line = b[j1 + k] if j1 + k < j2 else None
            if old_line is not None and new_line is not None:
                old_html, new_html, both = _words_diff(old_line, new_line)
            else:
                old_html = _removed(old_line) if old_line else ""
                new_html = _added(new_line) if new_line else ""
                both = old_html or new_html
            if inline:
                number = str(j1 + k + 1) if new_line is not None else ""
                colour = _GREEN if new_line is not None else _RED
                rows.append(_inline_row(number, both, colour))
                continue
            rows.append(
                _row(
                    str(i1 + k + 1) if old_line is not None else "",
                    old_html,
                    str(j1 + k + 1) if new_line is not None else "",
                    new_html,
                    _RED if old_line is not None else None,
                    _GREEN if new_line is not None else None,
                )
            )
    summary = (
        "The two versions are identical."
        if changes == 0
        else f"{changes} change{'s' if changes != 1 else ''}. Deleted words are "
        + _removed("struck through")
        + ", inserted words are "
        + _added("underlined")
        + "."
    )
    if inline:
        header = (
            f'<tr><th colspan="2" align="left">{html.escape(old_label)} → '
            f"{html.escape(new_label)}</th></tr>"
        )
    else:
        header = (
            f'<tr><th colspan="2" align="left">{html.escape(old_label)}</th>'
            f'<th colspan="2" align="left">{html.escape(new_label)}</th></tr>'
        )
    return (
        f"<p>{summary}</p>"
        '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
        f"{header}{''.join(rows)}</table>"
    )
