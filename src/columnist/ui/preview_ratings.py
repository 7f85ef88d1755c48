"""Rating badges for trust links in the preview, read from the local cache.

Runs in the render worker (its own SQLite connection; the cache is opened on the first
trust link, never at start-up). Any failure means "no badge", never a broken preview.
"""

from __future__ import annotations

from typing import Any


def make_rating_lookup() -> Any:
    """A `(kind, id) -> TrustBadge | None` function over the rating cache."""
    from columnist.render.trust_links import TrustBadge

    state: dict[str, Any] = {"db": None, "failed": False}

    def lookup(_kind: str, ident: str) -> TrustBadge | None:
        if state["failed"]:
            return None
        try:
            if state["db"] is None:
                from columnist.ratings.cache import open_cache

                state["db"] = open_cache().db
            from columnist.ratings.info import subject_detail

            detail = subject_detail(state["db"], ident)
        except Exception:
            state["failed"] = True
            return None
        if detail is None:
            return None
        for row in detail.current:
            if str(row.get("key_question", "")).lower() == "overall" and row.get("rating"):
                published = row.get("published") or row.get("publication_date")
                return TrustBadge(str(row["rating"]), published, detail.name or "")
        return None

    return lookup
