"""The writer's personal word list: "Add to dictionary" for the spelling check.

A plain UTF-8 text file in the data folder (`paths.personal_dictionary_file`), one word a
line, so a writer can read, edit or copy it to another laptop; `--data-dir` moves it with
everything else. Adding a word rewrites the file atomically (`document.atomic`), so a
crash never leaves half a list, and a lock keeps two adds from one process from losing
one. The checks run on a background thread and read the list often, so it is read once
and again only when the file changes (by modification time and size).

    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "words.txt"
    >>> add_personal_word("Ofsted", path)
    True
    >>> add_personal_word("Ofsted", path), sorted(personal_words(path))
    (False, ['Ofsted'])
    >>> path.read_text(encoding="utf-8")
    'Ofsted\\n'
"""

from __future__ import annotations

import threading
from pathlib import Path

from columnist import paths
from columnist.document.atomic import atomic_write_bytes

_lock = threading.Lock()
_read: dict[Path, tuple[tuple[int, int], frozenset[str]]] = {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _file(path: Path | None) -> Path:
    return Path(path) if path is not None else paths.personal_dictionary_file()


def _read_words(path: Path) -> frozenset[str]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip()
                     and not line.lstrip().startswith("#"))


def personal_words(path: Path | None = None) -> frozenset[str]:
    """The words in the personal list (empty when there is none yet); `path` defaults to
    the one in the data folder. Lines starting with `#` are notes, not words."""
    path = _file(path)
    stamp = _stamp(path)
    if stamp is None:
        return frozenset()
    with _lock:
        seen = _read.get(path)
        if seen is not None and seen[0] == stamp:
            return seen[1]
        words = _read_words(path)
        _read[path] = (stamp, words)
        return words


def add_personal_word(word: str, path: Path | None = None) -> bool:
    """Add `word` to the personal list; False when it was already there (or is blank).

    The file keeps its lines (notes included) in order, the new word at the end."""
    word = word.strip()
    if not word or "\n" in word or "\r" in word:
        return False
    path = _file(path)
    with _lock:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            text = ""
        lines = text.splitlines()
        if word in (line.strip() for line in lines):
            return False
        lines.append(word)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))
        _read.pop(path, None)
        return True
