"""Rating badges and the ratings footer for trust links in the preview.

A badge is the one rating lookup (`ratings.lookup.current_rating`) turned into a
`TrustBadge`: the rating word, its publication date and the subject's name. The lookup
runs in the render worker with its own SQLite connection. It never opens or repairs the
cache itself: `ratings.service.RatingsService` does that once, off the GUI thread, after
the window is shown (two threads building the cache from the seed at once would collide).
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

from columnist.ratings import lookup
from columnist.render.trust_links import TrustBadge


class RatingsSource(Protocol):
    """What the lookup needs from `RatingsService` (all safe to call from any thread)."""

    def cache_path(self) -> Path | None: ...

    def generation(self) -> int: ...

    def currency(self) -> tuple[str, str | None]: ...

    def report_lookup_failure(self, message: str) -> None: ...


def footer_html(label: str, age: str | None, attribution: str | None = None) -> str:
    """The preview footer: how current the ratings are (and how old) plus the attribution.

    >>> footer_html("CQC ratings as published up to March 2019", "over 7 years old", "OGL")
    '<hr/><p class="ratings-footer"><small>Rating badges: CQC ratings as published up to \
March 2019 (over 7 years old).<br/>OGL</small></p>'
    """
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
            from columnist.ratings.connection import connect_reader

            self._db = connect_reader(path)
        return self._db

    def _close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):  # a broken connection: nothing to close
                self._db.conn.close()
            self._db = None

    def __call__(self, kind: str, ident: str) -> TrustBadge | None:
        with self._lock:
            try:
                db = self._database()
                if db is None:
                    return None
                found = lookup.current_rating(db, kind, ident)
            except Exception as exc:
                self._failed = True
                self._close()
                self._source.report_lookup_failure(
                    f"Rating badges are not shown: the ratings cache could not be read ({exc})."
                )
                return None
            if found is None or not found.rating:
                return None
            self._badges += 1
            return TrustBadge(found.rating, found.published, found.name or "")

    def footer_html(self) -> str:
        """The footer for the render just finished ('' if it showed no badge); resets."""
        with self._lock:
            shown, self._badges = self._badges, 0
        if not shown:
            return ""
        label, age = self._source.currency()
        return footer_html(label, age)


def lookup_factory(source: RatingsSource) -> Callable[[], CacheRatingLookup]:
    """A factory for `PreviewController(lookup_factory=…)`: called in the render worker,
    so each render thread gets its own lookup and connection."""
    return lambda: CacheRatingLookup(source)
