"""Type-ahead search over the rating cache: trusts, hospitals and other providers.

The picker asks on every keystroke, so a query must answer in a few milliseconds over a
full cache (~33,000 providers, ~90,000 locations). Two ideas make that possible:

* `search_entries` rows are numbered in *priority order* (open NHS trusts first, then their
  hospitals, then independent hospitals, other providers, locations, closed last; shorter
  names first inside each tier). FTS5 returns matches in rowid order, so `LIMIT` stops
  the scan early and the first matches are already the ones the user most likely wants;
  only that handful is re-scored in Python.
* A typo is corrected against a compact in-memory vocabulary of the index's own words
  (rapidfuzz, one edit), and only when the exact/prefix query finds too little.

Names are normalised the same way when indexed and queried: accents dropped, apostrophes
removed ("Guy's" → "guys"), "&" → "and", "Saint" → "st". Short forms are indexed as extra
words: "uh" for "University Hospital(s) …" (so "UH Bristol" works), and for NHS trusts
initialisms such as "gstt" or "uclh".

Usage::

    rebuild_index(db)                 # after providers/locations change (importers do this)
    for hit in search(db, "uh bristol"):
        print(hit.id, hit.name, hit.rating)
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field

from columnist.ratings.connection import CacheDb
from columnist.ratings.lookup import KINDS, current_ratings, is_open
from columnist.ratings.writer import database_file, transaction

ENTRIES = "search_entries"
FTS = "search_fts"
CODES = "search_codes"
GENERATION_KEY = "search_generation"

INDEPENDENT_TYPE = "Independent Healthcare Org"

_APOSTROPHES = re.compile(r"[’'`´‘]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_STOP = {"and", "of", "the", "for", "at", "in", "on"}
_TRUST_SUFFIX = re.compile(r"\s*\bnhs\b(\s+foundation)?\s+trust\s*$")


def normalise(text: str | None) -> str:
    """Fold text for indexing and querying: lower case, no accents or apostrophes.

    >>> normalise("Guy's & St Thomas' NHS Foundation Trust")
    'guys and st thomas nhs foundation trust'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    words = _NON_WORD.sub(" ", text).split()
    return " ".join("st" if w == "saint" else w for w in words)


_CODE_LIKE = re.compile(r"^\s*(\d)-(\d*)\s*$")


def _code_token(code: str) -> str:
    return re.sub(r"[^0-9a-z]", "", code.lower())


def short_forms(name: str, is_nhs_trust: bool) -> list[str]:
    """Extra words under which a name can be found ("uh", "gstt", "uclh", "ft").

    >>> short_forms("Guy's and St Thomas' NHS Foundation Trust", True)
    ['ft', 'gst', 'gstt', 'gstft']
    """
    norm = normalise(name)
    forms: list[str] = []
    if re.search(r"\buniversity hospitals?\b", norm):
        forms.append("uh")
    foundation = bool(re.search(r"\bfoundation trust$", norm))
    if foundation:
        forms.append("ft")
    if is_nhs_trust:
        core = _TRUST_SUFFIX.sub("", norm)
        words = [w for w in core.split() if w not in _STOP and w != "nhs"]
        initials = "".join(w[0] for w in words if w[0].isalpha())
        if len(initials) >= 2:
            candidates = [initials, initials + "t"]
            if foundation:
                candidates.append(initials + "ft")
            forms.extend(c for c in candidates if len(c) >= 3)
    return forms


def category(kind: str, type_: str | None, is_nhs_trust: bool, parent_is_trust: bool) -> str:
    """What a writer calls the subject: 'NHS trust', 'NHS hospital' (a trust's site),
    'Independent provider' / 'Independent hospital', else CQC's own type.

    >>> category("provider", "NHS Healthcare Organisation", True, False)
    'NHS trust'
    >>> category("location", "NHS Healthcare Organisation", False, True)
    'NHS hospital'
    >>> category("location", INDEPENDENT_TYPE, False, False)
    'Independent hospital'
    >>> category("location", "Social Care Org", False, False)
    'Social Care Org'
    """
    if kind == "provider":
        if is_nhs_trust:
            return "NHS trust"
        return "Independent provider" if type_ == INDEPENDENT_TYPE else (type_ or "provider")
    if parent_is_trust:
        return "NHS hospital"
    return "Independent hospital" if type_ == INDEPENDENT_TYPE else (type_ or "location")


@dataclass(frozen=True)
class SearchHit:
    """One search result, with its current overall rating (`ratings.lookup`) for display.

    `category` is `category()`'s word for it ("NHS trust", "NHS hospital", …)."""

    kind: str  # provider | location
    id: str
    name: str
    type: str | None
    town: str | None
    postcode: str | None
    rating: str | None
    rating_date: str | None
    is_nhs_trust: bool
    status: str | None
    provider_id: str | None
    score: float = field(default=0.0)
    category: str = ""

    @property
    def is_open(self) -> bool:
        """Still registered (the picker marks closed ones)."""
        return is_open(self.status)

    def as_dict(self) -> dict:
        """JSON-friendly form (CLI `--json`)."""
        return asdict(self)


# ---------------------------------------------------------------------------- indexing


def _tier(kind: str, is_trust: bool, type_: str | None, is_open: bool, parent_trust: bool) -> int:
    """Priority tier: lower comes first in results (see module docstring)."""
    if not is_open:
        return 6 if (kind == "provider" and is_trust) else 7
    if kind == "provider":
        if is_trust:
            return 0
        return 2 if type_ == INDEPENDENT_TYPE else 4
    if parent_trust:
        return 1
    return 3 if type_ == INDEPENDENT_TYPE else 5


def rebuild_index(db: CacheDb) -> int:
    """(Re)build the search tables from `providers` and `locations`; returns the entry count.

    Runs inside the caller's transaction if one is open (so an importer's change and its
    index commit together), else in its own.
    """
    if db.conn.in_transaction:
        return _rebuild(db)
    # The writer's explicit transaction: Python's sqlite3 would run the DROP/CREATE
    # statements outside any, and a failure half-way would leave the cache without an index.
    with transaction(db):
        return _rebuild(db)


def _rebuild(db: CacheDb) -> int:
    conn = db.conn
    conn.execute(f"DROP TABLE IF EXISTS {FTS}")
    conn.execute(f"DROP TABLE IF EXISTS {CODES}")
    conn.execute(f"DROP TABLE IF EXISTS {ENTRIES}")
    conn.execute(
        f"""CREATE TABLE {ENTRIES} (
            rowid INTEGER PRIMARY KEY, kind TEXT, id TEXT, name TEXT, type TEXT,
            town TEXT, postcode TEXT, is_nhs_trust INTEGER, status TEXT,
            provider_id TEXT, tier INTEGER, name_key TEXT, words TEXT)"""
    )
    # Prefix indexes from one letter: the picker searches from the first keystroke, and
    # a query ending in a one-letter word ("bristol n", CQC's "1-…" IDs) would otherwise
    # merge every term with that letter (~25 ms on a full cache instead of ~2 ms).
    conn.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(names, place, codes, content='', "
        "detail='none', prefix='1 2 3 4 5 6 7 8 9 10', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(f"CREATE TABLE {CODES} (code TEXT, entry INTEGER)")

    rows: list[tuple] = []
    tables = set(db.table_names())
    trusts: set[str] = set()
    if "providers" in tables:
        for pid, name, ods, type_, aka, town, postcode, status, is_trust in conn.execute(
            "SELECT id, name, ods_code, type, also_known_as, town, postcode, status, "
            "is_nhs_trust FROM providers"
        ):
            trust = bool(is_trust)
            if trust:
                trusts.add(pid)
            tier = _tier("provider", trust, type_, is_open(status), False)
            rows.append(
                (tier, "provider", pid, name, type_, town, postcode, trust, status, pid, ods, aka)
            )
    if "locations" in tables:
        for lid, prov, name, ods, type_, aka, town, postcode, status in conn.execute(
            "SELECT id, provider_id, name, ods_code, type, also_known_as, town, postcode, "
            "status FROM locations"
        ):
            tier = _tier("location", False, type_, is_open(status), prov in trusts)
            rows.append(
                (tier, "location", lid, name, type_, town, postcode, False, status, prov, ods, aka)
            )
    rows.sort(key=lambda r: (r[0], len(r[3] or ""), r[3] or "", r[2]))

    entries = []
    fts = []
    codes = []
    for rowid, (tier, kind, id_, name, type_, town, pc, trust, status, prov, ods, aka) in (
        enumerate(rows, start=1)
    ):
        name_norm = normalise(name)
        extra = short_forms(name or "", trust)
        if aka:
            extra += [f for f in short_forms(aka, trust) if f not in extra]
        aka_norm = normalise(aka)
        names_text = " ".join(x for x in (name_norm, aka_norm, " ".join(extra)) if x)
        place_text = " ".join(x for x in (normalise(town), normalise(pc)) if x)
        code_set = {c.strip().upper() for c in (id_, ods) if c and c.strip()}
        compact_pc = (pc or "").replace(" ", "").lower()
        # Codes are indexed whole, without their dash ("1-115574477" → "1115574477"), so
        # no entry carries a one-letter "1" token that every CQC ID would share.
        codes_text = " ".join([_code_token(c) for c in code_set] + [compact_pc])
        entries.append(
            (rowid, kind, id_, name, type_, town, pc, int(trust), status, prov, tier,
             name_norm, names_text)
        )
        fts.append((rowid, names_text, place_text, codes_text))
        codes.extend((c, rowid) for c in code_set)
    conn.executemany(f"INSERT INTO {ENTRIES} VALUES ({','.join('?' * 13)})", entries)
    conn.executemany(f"INSERT INTO {FTS} (rowid, names, place, codes) VALUES (?,?,?,?)", fts)
    conn.executemany(f"INSERT INTO {CODES} VALUES (?, ?)", codes)
    conn.execute(f"CREATE INDEX {CODES}_code ON {CODES}(code)")
    conn.execute(f"CREATE INDEX {ENTRIES}_name_key ON {ENTRIES}(name_key)")
    conn.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
    if "meta" not in tables:
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        (GENERATION_KEY, uuid.uuid4().hex),
    )
    if "ratings" in tables:
        from columnist.ratings.changes import ensure_changes_index

        ensure_changes_index(db)  # importers call this after every change: one place
    return len(entries)


def index_exists(db: CacheDb) -> bool:
    """True once `rebuild_index` has run on this cache."""
    return db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (ENTRIES,)
    ).fetchone() is not None


# ------------------------------------------------------------------------ vocabulary


class _Vocabulary:
    """The index's distinct words, for prefix checks and one-typo corrections."""

    def __init__(self, words: list[str]) -> None:
        self.all_words = sorted(words)  # for "is this a known prefix?"
        # Typos are corrected against words only: codes and postcodes are typed exactly.
        self.words = [w for w in self.all_words if w.isalpha()]
        self.by_length: dict[int, list[str]] = {}
        for w in self.words:
            self.by_length.setdefault(len(w), []).append(w)
        self._prefixes: dict[int, list[str]] = {}
        for length in range(3, 16):  # built up front so a keystroke never pays for it
            self.prefixes(length)

    def has_prefix(self, token: str) -> bool:
        i = bisect.bisect_left(self.all_words, token)
        return i < len(self.all_words) and self.all_words[i].startswith(token)

    def prefixes(self, length: int) -> list[str]:
        """Distinct first-`length`-letter prefixes of the words (built once per length)."""
        got = self._prefixes.get(length)
        if got is None:
            got = sorted({w[:length] for w in self.words if len(w) >= length})
            self._prefixes[length] = got
        return got

    def corrections(self, token: str, as_prefix: bool, limit: int = 4) -> list[str]:
        """Words (or word prefixes) one edit away from `token`, closest first."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        n = len(token)
        pool: list[str] = []
        for length in (n - 1, n, n + 1):
            if length < 2:
                continue
            pool.extend(self.prefixes(length) if as_prefix else self.by_length.get(length, ()))
        found = process.extract(token, pool, scorer=OSA.distance, score_cutoff=1, limit=limit)
        return [word for word, dist, _ in sorted(found, key=lambda f: (f[1], f[0])) if dist]


_vocab_lock = threading.Lock()
_vocab_cache: dict[tuple[str, str], _Vocabulary] = {}


def _generation(db: CacheDb) -> str:
    row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (GENERATION_KEY,)).fetchone()
    return row[0] if row else ""


def _vocabulary(db: CacheDb) -> _Vocabulary:
    key = (database_file(db) or f"memory:{id(db.conn)}", _generation(db))
    with _vocab_lock:
        vocab = _vocab_cache.get(key)
        if vocab is None:
            db.conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{FTS}_vocab "
                f"USING fts5vocab(main, {FTS}, row)"
            )
            words = [r[0] for r in db.conn.execute(f"SELECT term FROM temp.{FTS}_vocab")]
            vocab = _Vocabulary(words)
            for old in [k for k in _vocab_cache if k[0] == key[0]]:
                del _vocab_cache[old]
            _vocab_cache[key] = vocab
        return vocab


def warm_up(db: CacheDb) -> None:
    """Build the typo vocabulary now (a worker at start-up) so no keystroke waits for it.

    About 0.1-0.3 s on a full-size cache, once per index generation; shared by every
    connection to the same cache file.
    """
    if index_exists(db):
        _vocabulary(db)


# ---------------------------------------------------------------------------- search


def _fts_query(token_groups: list[list[str]]) -> str:
    """AND of groups; each group an OR of prefix terms: ("man"* OR "men"*) AND "uni"*."""
    parts = []
    for group in token_groups:
        terms = [f'"{t}"*' for t in group]
        parts.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")
    return " AND ".join(parts)


def _candidates(db: CacheDb, groups: list[list[str]], k: int) -> list[int]:
    return [
        r[0]
        for r in db.conn.execute(
            f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH ? LIMIT ?", (_fts_query(groups), k)
        )
    ]


def _text_score(name_key: str, words: str, query_key: str, tokens: list[str]) -> float:
    """How well the name itself answers the query (used inside a priority tier)."""
    if name_key == query_key:
        return 100.0
    score = 50.0 if name_key.startswith(query_key) else 0.0
    name_words = name_key.split()
    all_words = words.split()
    for token in tokens:
        if token in name_words:
            score += 5
        elif any(w.startswith(token) for w in name_words):
            score += 3
        elif any(w.startswith(token) for w in all_words):
            score += 2
    return score


def search(db: CacheDb, query: str, limit: int = 10) -> list[SearchHit]:
    """Best matches for `query`: exact codes first, then NHS trusts, hospitals, the rest.

    Matches name prefixes and words in any order, also-known-as names, town, postcode,
    ODS code / CQC ID and short forms; tolerates one typo per word.
    """
    query = (query or "").strip()
    if not query or limit <= 0 or not index_exists(db):
        return []
    query_key = normalise(query)
    tokens = query_key.split()[:8]
    if _CODE_LIKE.match(query):  # a CQC ID being typed: "1-1155…"
        tokens = [_code_token(query)]
    if not tokens:
        return []
    conn = db.conn

    ranked: dict[int, float] = {}
    code = query.replace(" ", "").upper()
    for (entry,) in conn.execute(f"SELECT entry FROM {CODES} WHERE code = ?", (code,)):
        ranked[entry] = 10_000.0
    for (entry,) in conn.execute(
        f"SELECT rowid FROM {ENTRIES} WHERE name_key = ? LIMIT ?", (query_key, limit)
    ):
        ranked.setdefault(entry, 5_000.0)

    k = max(limit * 4, 40)
    found = _candidates(db, [[t] for t in tokens], k)
    typo_rank = len(found)
    fixed_tokens = tokens
    if len(found) < limit:
        corrected = _corrected_groups(db, tokens)
        if corrected:
            seen = set(found)
            found.extend(r for r in _candidates(db, corrected, k) if r not in seen)
            fixed_tokens = [group[0] for group in corrected]

    if found:
        marks = ",".join("?" * len(found))
        info = {
            r[0]: r[1:]
            for r in conn.execute(
                f"SELECT rowid, tier, name_key, words FROM {ENTRIES} WHERE rowid IN ({marks})",
                found,
            )
        }
        for pos, rowid in enumerate(found):
            tier, name_key, words = info[rowid]
            if pos < typo_rank:
                text = _text_score(name_key, words, query_key, tokens)
            else:  # a corrected match ranks below an exact one of the same tier
                fixed = " ".join(fixed_tokens)
                text = _text_score(name_key, words, fixed, fixed_tokens) - 50.0
            score = 1_000.0 - 100.0 * tier + text
            if rowid not in ranked:
                ranked[rowid] = score
    best = sorted(ranked.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return _hits(db, best)


def _corrected_groups(db: CacheDb, tokens: list[str]) -> list[list[str]] | None:
    """Replace each unknown token by its one-edit neighbours; None if nothing to correct."""
    vocab = _vocabulary(db)
    groups: list[list[str]] = []
    changed = False
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if vocab.has_prefix(token):  # every token is matched as a prefix
            groups.append([token])
            continue
        if len(token) < 3 or not token.isalpha():
            return None
        fixes = vocab.corrections(token, as_prefix=last)
        if not fixes:
            return None
        groups.append(fixes)
        changed = True
    return groups if changed else None


def _hits(db: CacheDb, ranked: list[tuple[int, float]]) -> list[SearchHit]:
    if not ranked:
        return []
    conn = db.conn
    marks = ",".join("?" * len(ranked))
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            f"SELECT rowid, kind, id, name, type, town, postcode, is_nhs_trust, status, "
            f"provider_id FROM {ENTRIES} WHERE rowid IN ({marks})",
            [r for r, _ in ranked],
        )
    }
    current = {
        kind: current_ratings(db, kind, [r[1] for r in rows.values() if r[0] == kind])
        for kind in KINDS
    }
    parents = [r[8] for r in rows.values() if r[0] == "location" and r[8]]
    trusts: set[str] = set()
    if parents:
        trusts = {
            r[0]
            for r in conn.execute(
                f"SELECT id FROM providers WHERE is_nhs_trust = 1 AND id IN "
                f"({','.join('?' * len(parents))})",
                parents,
            )
        }
    hits = []
    for rowid, score in ranked:
        kind, id_, name, type_, town, pc, trust, status, prov = rows[rowid]
        rated = current[kind].get(id_)
        hits.append(
            SearchHit(
                kind=kind,
                id=id_,
                name=name,
                type=type_,
                town=town,
                postcode=pc,
                rating=rated.rating if rated else None,
                rating_date=rated.published if rated else None,
                is_nhs_trust=bool(trust),
                status=status,
                provider_id=prov,
                score=round(score, 1),
                category=category(kind, type_, bool(trust), prov in trusts),
            )
        )
    return hits
