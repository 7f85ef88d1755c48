"""Rating changes for one month across a full-size cache (target ≤ 50 ms).

    .venv/bin/python benchmarks/bench_changes.py    (builds benchmarks/out/full_cache.db once)

Times `rating_changes` for providers and for locations over each month of 2025
(improved / declined / kept / first rating, per key question, with names).
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import sqlite_utils  # noqa: E402

from columnist.ratings.changes import rating_changes  # noqa: E402
from make_full_cache import ensure_full_cache  # noqa: E402

TARGET_MS = 50.0
REPEAT = 3


def month_windows(year: int) -> list[tuple[str, str]]:
    """(since, until] for each month: since = last day of the month before."""
    windows = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        windows.append(((first - dt.timedelta(days=1)).isoformat(),
                        (nxt - dt.timedelta(days=1)).isoformat()))
    return windows


def main() -> int:
    path = ensure_full_cache()
    db = sqlite_utils.Database(path)
    ratings = db["ratings"].count
    print(f"rating-changes benchmark — {platform.platform()}, Python {platform.python_version()}")
    print(f"cache: {db['providers'].count:,} providers, {db['locations'].count:,} locations, "
          f"{ratings:,} rating rows")
    rating_changes(db, "2024-12-31", "2025-01-31")  # warm the page cache
    worst = 0.0
    for subject in ("provider", "location"):
        times, sizes = [], []
        for since, until in month_windows(2025):
            runs = []
            for _ in range(REPEAT):  # best of 3, as timeit does: other load is not our cost
                t0 = time.perf_counter()
                changes = rating_changes(db, since, until, subject_type=subject)
                runs.append((time.perf_counter() - t0) * 1000)
            times.append(min(runs))
            sizes.append(len(changes))
        worst = max(worst, max(times))
        print(f"{subject + 's':<10} a month: median {statistics.median(times):6.1f} ms, "
              f"max {max(times):6.1f} ms  ({statistics.median(sizes):.0f} subjects re-rated "
              f"per month, {len(times)} months, best of {REPEAT} each)")
    print(f"target ≤ {TARGET_MS:g} ms per month: {'ok' if worst <= TARGET_MS else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
