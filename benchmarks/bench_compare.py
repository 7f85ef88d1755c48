"""Comparing a 5,000-word column with a returned copy, and its review copy PDF.

    .venv/bin/python benchmarks/bench_compare.py

Times, on the sample column repeated to about 5,500 words with a reviewer's scattered
edits: the comparison shown in the dialog (`diff_html`, side by side and inline), turning
the differences into suggestions (`suggest_changes`, target ≤ 300 ms: it runs on the GUI
thread when the writer clicks), and the review copy PDF (`review_copy_pdf`, target ≤ 2 s).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from columnist.document.history import diff_html  # noqa: E402
from columnist.export.base import Column  # noqa: E402
from columnist.export.review_copy import review_copy_content, review_copy_pdf  # noqa: E402
from columnist.review.compare import suggest_changes  # noqa: E402

REPEAT = 5
TARGETS_MS = {"suggest_changes": 300.0, "review_copy_pdf": 2000.0}


def texts() -> tuple[str, str]:
    """A long column and a returned copy with edits in every repeat of the sample."""
    sample = (ROOT / "resources" / "sample-column.md").read_text(encoding="utf-8")
    head, _, body = sample.partition("\n---\n")
    column = f"{head}\n---\n" + body * 7
    returned = (column.replace("stretched thin", "stretched very thin")
                .replace("moved from Good", "went from Good")
                .replace("Leaders who", "Managers who"))
    return column, returned


def best_ms(work) -> tuple[float, float]:
    """(best, median) milliseconds of `REPEAT` runs."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> int:
    column, returned = texts()
    print(f"compare benchmark — {platform.platform()}, Python {platform.python_version()}")
    print(f"column: {len(column.split()):,} words; returned copy with "
          f"{suggest_changes(column, returned).marks} suggestions")
    with_marks = suggest_changes(column, returned).text
    work = {
        "diff_html side by side": lambda: diff_html(column, returned, "a", "b"),
        "diff_html inline": lambda: diff_html(column, returned, "a", "b", inline=True),
        "suggest_changes": lambda: suggest_changes(column, returned),
        "review_copy_pdf": lambda: review_copy_pdf(review_copy_content(Column(with_marks))),
    }
    for name, run in work.items():
        best, median = best_ms(run)
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else (
            f"  target ≤ {target:.0f} ms {'ok' if best <= target else 'MISS'}")
        print(f"{name:24} best {best:8.1f} ms  median {median:8.1f} ms{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
