"""Rating changes between two dates: the material of the monthly column.

"Which trusts improved on re-inspection this month, which declined, which kept
Outstanding?" For every subject with a rating *published* in the window (since, until],
the newest rating in the window is compared with the rating it replaced (the newest one
published on or before `since`), per key question: Overall, Safe, Effective, Caring,
Responsive, Well-led.

Usage::

    for change in rating_changes(db, date(2018, 8, 31), date(2019, 3, 31)):
        print(change.name, change.overall.summary)   # "improved from Good to Outstanding"
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from columnist.ratings.connection import CacheDb
from columnist.ratings.schema import KEY_QUESTIONS, RATING_ORDER

IMPROVED = "improved"
DECLINED = "declined"
KEPT = "kept"
FIRST = "first rating"
CHANGED = "changed"  # to or from a word that is not a grade ("Inspected but not rated")

KINDS = (IMPROVED, DECLINED, KEPT, FIRST, CHANGED)


@dataclass(slots=True)
class QuestionChange:
    """One key question's new rating and the one it replaced."""

    key_question: str
    kind: str
    rating: str
    published: str
    previous_rating: str | None
    previous_published: str | None

    @property
    def summary(self) -> str:
        """Plain words for a digest line: 'kept Outstanding', 'improved from … to …'."""
        if self.kind == KEPT:
            return f"kept {self.rating}"
        if self.kind == FIRST:
            return f"first rating: {self.rating}"
        if self.kind in (IMPROVED, DECLINED):
            return f"{self.kind} from {self.previous_rating} to {self.rating}"
        return f"changed from {self.previous_rating} to {self.rating}"

    def as_dict(self) -> dict:
        return {
            "key_question": self.key_question,
            "kind": self.kind,
            "rating": self.rating,
            "published": self.published,
            "previous_rating": self.previous_rating,
            "previous_published": self.previous_published,
            "summary": self.summary,
        }


@dataclass(slots=True)
class RatingChange:
    """A subject (trust, provider or location) with a rating published in the window."""

    subject_type: str
    subject_id: str
    name: str | None
    is_nhs_trust: bool
    service: str
    questions: dict[str, QuestionChange] = field(default_factory=dict)
    region: str | None = None  # as the cache has it (NHS England's region, from ODS)

    @property
    def overall(self) -> QuestionChange | None:
        return self.questions.get("Overall")

    @property
    def kind(self) -> str | None:
        """The overall verdict (the Overall key question's kind), if it was re-rated."""
        return self.overall.kind if self.overall else None

    @property
    def published(self) -> str:
        return max(q.published for q in self.questions.values())

    def as_dict(self) -> dict:
        return {
            "subject_type": self.subject_type,
            "id": self.subject_id,
            "name": self.name,
            "is_nhs_trust": self.is_nhs_trust,
            "service": self.service,
            "region": self.region,
            "kind": self.kind,
            "published": self.published,
            "questions": [q.as_dict() for q in self.questions.values()],
        }


def ensure_changes_index(db: CacheDb) -> None:
    """A covering index that finds a month's new ratings without touching the table.

    Made by `search.rebuild_index` after every import (so the first digest does not pay
    the ~2 s it takes on a full-size cache); checked here for caches made before.
    """
    present = {
        r[0]
        for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings'"
        )
    }
    if "ratings_window" in present:  # an earlier, non-covering form
        db.conn.execute("DROP INDEX ratings_window")
    if "ratings_window_cover" not in present:
        db.conn.execute(
            "CREATE INDEX ratings_window_cover ON ratings("
            "subject_type, service, published, subject_id, key_question, rating)"
        )


def _history_index(db: CacheDb) -> str | None:
    """Name of the unique (subject_type, subject_id, service, key_question, published) index.

    The previous ratings are looked up by subject; SQLite's planner, left alone, prefers
    the covering window index and scans most of it, so the query names this one.
    """
    wanted = ["subject_type", "subject_id", "service", "key_question", "published"]
    for row in db.conn.execute("PRAGMA index_list(ratings)"):
        name = row[1]
        cols = [r[2] for r in db.conn.execute(f"PRAGMA index_info('{name}')")]
        if cols == wanted:
            return name
    return None


def classify(rating: str, previous: str | None) -> str:
    """improved / declined / kept / first rating / changed (non-grade words)."""
    if previous is None:
        return FIRST
    if rating in RATING_ORDER and previous in RATING_ORDER:
        new, old = RATING_ORDER[rating], RATING_ORDER[previous]
        return IMPROVED if new > old else DECLINED if new < old else KEPT
    return KEPT if rating == previous else CHANGED


def _iso(day: dt.date | str | None) -> str | None:
    if day is None:
        return None
    return day.isoformat() if isinstance(day, dt.date) else str(day)[:10]


def rating_changes(
    db: CacheDb,
    since: dt.date | str,
    until: dt.date | str | None = None,
    subject_type: str = "provider",
    service: str = "Overall",
    source_id: int | None = None,
) -> list[RatingChange]:
    """Subjects whose rating was published in (since, until], each compared with before.

    `source_id` narrows it to ratings a given import brought in (see `since_last_import`).
    Sorted: NHS trusts first, then by overall kind (improved, declined, kept, first…), name.
    """
    ensure_changes_index(db)
    since_iso = _iso(since) or "0001-01-01"
    until_iso = _iso(until) or "9999-12-31"
    conn = db.conn
    sql = (
        "SELECT subject_id, key_question, rating, published FROM ratings "
        "WHERE subject_type = ? AND service = ? AND published > ? AND published <= ?"
    )
    params: list = [subject_type, service, since_iso, until_iso]
    if source_id is not None:
        sql += " AND source_id = ?"
        params.append(source_id)
    # Oldest first (the covering index's own order), so the last one kept is the newest.
    newest: dict[tuple[str, str], tuple[str, str]] = {
        (subject_id, question): (rating, published)
        for subject_id, question, rating, published in conn.execute(
            sql + " ORDER BY published", params
        )
    }

    # The rating each one replaced: the newest on or before `since` (or, for one import's
    # ratings, the newest before the new rating itself).
    previous: dict[tuple[str, str], tuple[str, str]] = {}
    ids = sorted({key[0] for key in newest})
    index = _history_index(db)
    indexed_by = f" INDEXED BY {index}" if index else ""
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = conn.execute(
            f"SELECT subject_id, key_question, rating, published FROM ratings{indexed_by} "
            f"WHERE subject_type = ? AND subject_id IN ({','.join('?' * len(chunk))}) "
            "AND service = ? AND published <= ?",
            [subject_type, *chunk, service, until_iso if source_id is not None else since_iso],
        )
        for subject_id, question, rating, published in rows:
            key = (subject_id, question)
            new = newest.get(key)
            if new is None:
                continue
            cutoff_ok = published < new[1] if source_id is not None else published <= since_iso
            if cutoff_ok and (key not in previous or published > previous[key][1]):
                previous[key] = (rating, published)

    by_subject: dict[str, RatingChange] = {}
    known = set(KEY_QUESTIONS)
    odd = sorted(key for key in newest if key[1] not in known)  # flagged key-question names
    no_previous = (None, None)
    for subject_id in ids:
        change = RatingChange(subject_type, subject_id, None, False, service)
        questions = change.questions
        for question in KEY_QUESTIONS:  # in the order a reader expects
            new = newest.get((subject_id, question))
            if new is not None:
                prev, prev_published = previous.get((subject_id, question), no_previous)
                questions[question] = QuestionChange(
                    question, classify(new[0], prev), new[0], new[1], prev, prev_published
                )
        by_subject[subject_id] = change
    for subject_id, question in odd:
        rating, published = newest[(subject_id, question)]
        prev, prev_published = previous.get((subject_id, question), no_previous)
        by_subject[subject_id].questions[question] = QuestionChange(
            question, classify(rating, prev), rating, published, prev, prev_published
        )
    if not by_subject:
        return []
    _add_names(db, subject_type, by_subject)
    kind_order = {k: i for i, k in enumerate(KINDS)}
    return sorted(
        by_subject.values(),
        key=lambda c: (
            not c.is_nhs_trust,
            kind_order.get(c.kind or "", 9),
            (c.name or c.subject_id).lower(),
        ),
    )


def _add_names(db: CacheDb, subject_type: str, found: dict) -> None:
    table = "providers" if subject_type == "provider" else "locations"
    ids = list(found)
    trust_col = "is_nhs_trust" if table == "providers" else "0"
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for id_, name, trust, region in db.conn.execute(
            f"SELECT id, name, {trust_col}, region FROM {table} WHERE id IN ({marks})", chunk
        ):
            found[id_].name = name
            found[id_].is_nhs_trust = bool(trust)
            found[id_].region = region or None


def latest_published(
    db: CacheDb, subject_type: str = "provider", service: str = "Overall"
) -> str | None:
    """The newest publication date of any rating in the cache (ISO), or None.

    What "this month" means for a cache whose data stops in the past: the bundled ratings
    end in February 2019, so the changes panel counts its month back from here, not from
    today.
    """
    row = db.conn.execute(
        "SELECT MAX(published) FROM ratings WHERE subject_type = ? AND service = ?",
        [subject_type, service],
    ).fetchone()
    return str(row[0])[:10] if row and row[0] else None


def known_regions(db: CacheDb, subject_type: str = "provider") -> list[str]:
    """The regions the cache records for providers (or locations), sorted.

    For NHS trusts these are NHS England's regions from the ODS trust list ("London",
    "Midlands", …); a CQC Latest ratings or directory file brings CQC's own region names.
    A subject with no region recorded is in none of them.
    """
    table = "providers" if subject_type == "provider" else "locations"
    return [
        r[0]
        for r in db.conn.execute(
            f"SELECT DISTINCT region FROM {table} WHERE region IS NOT NULL AND region != '' "
            "ORDER BY region"
        )
    ]


def last_import(db: CacheDb) -> dict | None:
    """The newest import that added ratings (or the newest import), as a dict."""
    if "imports" not in db.table_names():
        return None
    row = db.conn.execute(
        "SELECT id, source, file_name, edition_date, imported_at FROM imports "
        "ORDER BY (ratings_added > 0) DESC, imported_at DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "source", "file_name", "edition_date", "imported_at"), row, strict=True))


def since_last_import(
    db: CacheDb, subject_type: str = "provider", service: str = "Overall"
) -> tuple[dict | None, list[RatingChange]]:
    """What the newest import brought in: its ratings compared with the ones before them.

    Uses the `source_id` each rating row records, so "since the last import" means exactly
    the ratings that import added, whatever their publication dates.
    """
    imp = last_import(db)
    if imp is None:
        return None, []
    changes = rating_changes(
        db, "0001-01-01", None, subject_type, service, source_id=imp["id"]
    )
    return imp, changes
