"""Rating badges and the ratings footer for trust links in the preview.

The lookup runs in the render worker with its own SQLite connection. It never opens or
repairs the cache itself: `RatingsService` does that once, off the GUI thread, after the
window is shown (two threads building the cache from the seed at once would collide).
Until the service says the cache is ready the preview simply has no badges; the service
asks for a re-render when it is. A cache that fails is reported once (status bar), so
badges never vanish without a word, and the preview itself never breaks.

When a render showed at least one badge, `footer_html()` gives the line that says how
current the ratings are and the Open Government Licence attribution; `Renderer` appends
it after the body (see `render.pipeline.Renderer`).
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol


class RatingsSource(Protocol):
    """What the lookup needs from `RatingsService` (all safe to call from any thread)."""

    def cache_path(self) -> Path | None: ...

    def generation(self) -> int: ...

    def currency(self) -> tuple[str, str | None]: ...

    def report_lookup_failure(self, message: str) -> None: ...


def footer_html(label: str, age: str | None, attribution: str | None = None) -> str:
    """The preview footer: how current the ratings are (and how old) plus the attribution."""
    if attribution is None:
        from columnist.ratings.provenance import ATTRIBUTION as attribution
    line = html.escape(label) + (f" ({html.escape(age)})" if age else "")
    return (
        '<hr/><p class="ratings-footer"><small>'
        f"Rating badges: {line}.<br/>{html.escape(attribution)}</small></p>"
    )


class CacheRatingLookup:
    """`(kind, id) -> TrustBadge | None` over the cache, plus `footer_html()`.

    One instance per render thread; its connection is used only there.
    """

    def __init__(self, source: RatingsSource) -> None:
        self._source = source
        self._db: Any = None
        self._generation = -1
        self._failed = False
        self._badges = 0  # badges given since the last footer_html()
        self._lock = threading.Lock()

    def _database(self) -> Any:
        generation = self._source.generation()
        if generation != self._generation:  # re-opened or refreshed: start afresh
            self._close()
            self._generation = generation
            self._failed = False
        if self._failed:
            return None
        if self._db is None:
            path = self._source.cache_path()
            if path is None:
                return None  # not opened yet: the service re-renders when it is
            import sqlite_utils

            self._db = sqlite_utils.Database(path)
        return self._db

    def _close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):  # a broken connection: nothing to close
                self._db.conn.close()
            self._db = None

    def __call__(self, _kind: str, ident: str) -> Any:
        from columnist.render.trust_links import TrustBadge

        with self._lock:
            try:
                db = self._database()
                if db is None:
                    return None
                from columnist.ratings.info import subject_detail

                detail = subject_detail(db, ident)
            except Exception as exc:
                self._failed = True
                self._close()
                self._source.report_lookup_failure(
                    f"Rating badges are not shown: the ratings cache could not be read ({exc})."
                )
                return None
            if detail is None:
                return None
            for row in detail.current:
                if str(row.get("key_question", "")).lower() == "overall" and row.get("rating"):
                    published = row.get("published") or row.get("publication_date")
                    self._badges += 1
                    return TrustBadge(str(row["rating"]), published, detail.name or "")
            return None

    def footer_html(self) -> str:
        """The footer for the render just finished ('' if it showed no badge); resets."""
        with self._lock:
            shown, self._badges = self._badges, 0
        if not shown:
            return ""
        label, age = self._source.currency()
        return footer_html(label, age)


def make_rating_lookup(source: RatingsSource | None = None) -> Any:
    """The preview's rating lookup (called in the render worker).

    Without a `source` (a window without the ratings service) there are no badges.
    """
    if source is None:
        return None
    return CacheRatingLookup(source)


def lookup_factory(source: RatingsSource) -> Callable[[], Any]:
    """A factory for `PreviewController(lookup_factory=…)`."""
    return lambda: make_rating_lookup(source)
