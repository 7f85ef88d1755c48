"""Type-ahead search on a full-size cache: p50 / p95 / max per query (target p95 ≤ 5 ms).

Queries are what a writer types into the trust picker, keystroke by keystroke: 1- to
4-word prefixes of real trust names and synthetic register names, towns, ODS codes and
CQC IDs, short forms ("uh bristol", "gstt") and words with one typo.

    .venv/bin/python benchmarks/bench_search.py      (builds benchmarks/out/full_cache.db once)
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlite_utils  # noqa: E402

from columnist.ratings.search import search  # noqa: E402
from make_full_cache import ensure_full_cache  # noqa: E402

TARGET_P95_MS = 5.0


def typo(word: str, rng: random.Random) -> str:
    """One edit: drop, double, swap or change a letter (not the first)."""
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("drop", "swap", "change"))
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def make_queries(db: sqlite_utils.Database, rng: random.Random) -> list[tuple[str, str]]:
    """(category, query) pairs."""
    trusts = [r[0] for r in db.execute("SELECT name FROM providers WHERE is_nhs_trust = 1")]
    others = [r[0] for r in db.execute(
        "SELECT name FROM search_entries WHERE is_nhs_trust = 0 ORDER BY random() LIMIT 400")]
    towns = [r[0] for r in db.execute("SELECT DISTINCT town FROM providers WHERE town != ''")]
    codes = [r[0] for r in db.execute(
        "SELECT id FROM search_entries ORDER BY random() LIMIT 60")]
    queries: list[tuple[str, str]] = []

    def prefixes(name: str, category: str) -> None:
        words = [w for w in name.replace("'", "").split() if w.lower() not in ("and", "of")]
        n = rng.randint(1, min(4, len(words)))
        chosen = words[:n]
        last = chosen[-1]
        chosen[-1] = last[: rng.randint(min(2, len(last)), len(last))]  # mid-word, as typed
        queries.append((f"{n}-word {category}", " ".join(chosen).lower()))

    for name in rng.sample(trusts, 120):
        prefixes(name, "trust")
    for name in rng.sample(others, 120):
        prefixes(name, "register")
    for town in rng.sample(towns, 40):
        queries.append(("town", town.lower()))
    for code in codes[:40]:
        queries.append(("code", code))
    for short in ("uh bristol", "gstt", "uclh", "guy's", "kings college", "st thomas",
                  "uh plymouth", "imperial"):
        queries.append(("short form", short))
    for name in rng.sample(trusts + others, 60):
        words = [w for w in name.split() if len(w) >= 5 and w.isalpha()]
        if words:
            word = rng.choice(words).lower()
            queries.append(("typo", typo(word, rng)))
    return queries


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    path = ensure_full_cache()
    db = sqlite_utils.Database(path)
    counts = {t: db[t].count for t in ("providers", "locations")}
    rng = random.Random(7)
    queries = make_queries(db, rng)

    started = time.perf_counter()
    search(db, "mancester")  # first typo: builds the in-memory vocabulary once
    vocab_ms = (time.perf_counter() - started) * 1000
    for _, query in queries[:20]:  # warm the page cache
        search(db, query)

    timings: dict[str, list[float]] = {}
    every: list[float] = []
    empty = 0
    for category, query in queries:
        t0 = time.perf_counter()
        hits = search(db, query, 10)
        ms = (time.perf_counter() - t0) * 1000
        empty += not hits
        timings.setdefault(category, []).append(ms)
        every.append(ms)

    print(f"search benchmark — {platform.platform()}, Python {platform.python_version()}")
    print(f"cache: {counts['providers']:,} providers, {counts['locations']:,} locations; "
          f"{len(every)} queries ({empty} with no result); vocabulary built in {vocab_ms:.0f} ms")
    print(f"{'queries':<18}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for category in sorted(timings):
        values = timings[category]
        print(f"{category:<18}{len(values):>5}{statistics.median(values):>9.2f}"
              f"{percentile(values, 95):>9.2f}{max(values):>9.2f}")
    p95 = percentile(every, 95)
    print(f"{'all':<18}{len(every):>5}{statistics.median(every):>9.2f}{p95:>9.2f}"
          f"{max(every):>9.2f}")
    print(f"target p95 ≤ {TARGET_P95_MS:g} ms: {'ok' if p95 <= TARGET_P95_MS else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
