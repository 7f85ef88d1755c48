"""Benchmark: import a full-size CQC Latest_ratings.ods into a fresh rating cache.

    .venv/bin/python benchmarks/make_latest_ratings_ods.py [--xlsx]  # once: benchmarks/out/
    .venv/bin/python benchmarks/bench_import.py [FILE]

Prints wall-clock seconds for the import (cache creation from the seed is timed separately)
and the process's peak resident memory. Targets (issue 3): ≤ 30 s and ≤ 400 MB on 2 cores.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from columnist.ratings.cache import open_cache  # noqa: E402
from columnist.ratings.importers import import_file  # noqa: E402

DEFAULT = ROOT / "benchmarks" / "out" / "Latest_ratings.ods"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.file.exists():
        print(f"{args.file} is missing: run benchmarks/make_latest_ratings_ods.py first")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        handle = open_cache(Path(tmp) / "ratings.db")
        t1 = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int | None, message: str) -> None:
            now = time.perf_counter()
            if now - last[0] > 2:
                last[0] = now
                of = f" of ~{total:,}" if total else ""
                print(f"  {now - t1:5.1f} s  {done:>9,}{of} rows  {message}", flush=True)

        report = import_file(handle.db, args.file, progress=progress)
        t2 = time.perf_counter()
        counts = {t: handle.db[t].count for t in ("providers", "locations", "ratings")}
        handle.close()
    size = args.file.stat().st_size / 1e6
    print(report.summary())
    print(f"file: {args.file.name} ({size:.1f} MB), rows read {report.rows_read:,}")
    print(f"cache after import: {counts}")
    print(f"cache from seed: {t1 - t0:.2f} s")
    print(f"import: {t2 - t1:.1f} s; peak RSS of the process: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
