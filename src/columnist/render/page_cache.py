"""The first screen of the preview pages shown last, kept in the data folder, so a cold start
on a column unchanged since then paints its preview without importing the renderer.

Reopening yesterday's column is the usual start. Its first screen (`ui.preview.first_screen`)
costs ~80 ms on the GUI thread, most of it importing Python-Markdown and the column model;
read back from here it costs a file read. The key is the whole text, the theme, the folder
(relative images) and this version of Columnist, so any change renders afresh; the render
lane builds the whole page right after either way, and it replaces this one.

    >>> import tempfile
    >>> cache = PageCache(Path(tempfile.mkdtemp()))
    >>> key = page_key("# Title\\n", dark=False, base_dir=None)
    >>> cache.recall(key) is None
    True
    >>> cache.remember(key, "<html>…</html>")
    >>> cache.recall(key)
    '<html>…</html>'
    >>> cache.recall(page_key("# Title\\n", dark=True, base_dir=None)) is None
    True
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from columnist import __version__

FOLDER = "preview-pages"
KEEP = 8  # pages kept (the columns opened most recently)


def page_key(text: str, *, dark: bool, base_dir: Path | None) -> str:
    """What the first screen of `text` depends on besides the window's width and font
    (those are applied when it is laid out), as a file name."""
    digest = hashlib.sha256()
    for part in (__version__, "dark" if dark else "light", str(base_dir or ""), text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:40]


class PageCache:
    """Pages by key under `data_dir`/FOLDER; a page that cannot be read or written is
    simply not there (the preview renders it)."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = data_dir / FOLDER

    def recall(self, key: str) -> str | None:
        try:
            return (self._folder / f"{key}.html").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def remember(self, key: str, page: str) -> None:
        """Keep `page` (written whole or not at all), and only the KEEP newest pages."""
        with contextlib.suppress(OSError):
            self._folder.mkdir(parents=True, exist_ok=True)
            target = self._folder / f"{key}.html"
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_text(page, encoding="utf-8")
            os.replace(partial, target)
            kept = sorted(self._folder.glob("*.html"), key=lambda p: p.stat().st_mtime,
                          reverse=True)
            for old in kept[KEEP:]:
                old.unlink(missing_ok=True)
