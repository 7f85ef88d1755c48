"""Trust picker: keystroke → results painted, on the full-size cache (target ≤ 30 ms).

The real popup (`ui.trust_picker.TrustPicker`, its lane, connection, runner, model,
delegate and list) over a real editor, on the full-size cache (33,000 providers, 90,000
locations: `make_full_cache.py`). Each query of the search benchmark is typed into the
picker's field one key event at a time, as a writer types; for each keystroke the clock
runs from the key event until the list has painted the rows for the text now in the field
(its viewport's paint event for that query). The GUI thread waits in Qt's event loop, as
in the app, so the worker is not starved of Python's GIL.

Floors measured in the same run: the same queries through `ratings.search.search` alone
(no thread, no Qt), and painting alone (the list given the same rows again and repainted).

    .venv/bin/python benchmarks/bench_picker.py      (builds benchmarks/out/full_cache.db once)
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite_utils  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench_search import make_queries, percentile  # noqa: E402
from columnist.ratings.search import search, warm_up  # noqa: E402
from make_full_cache import ensure_full_cache  # noqa: E402

TARGET_MS = 30.0
TIMEOUT_MS = 5000


class FullCache:
    """The service's two calls the picker makes: the cache is open, generation 1."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def cache_path(self) -> Path:
        return self._path

    def generation(self) -> int:
        return 1


def wait_for_paint(picker, query: str) -> bool:
    """Run Qt's event loop until the list paints `query`'s rows (False: timed out)."""
    loop = QEventLoop()
    painted = False

    def on_paint(shown: str) -> None:
        nonlocal painted
        if shown == query:
            painted = True
            loop.quit()

    picker.list.painted.connect(on_paint)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    loop.exec()
    picker.list.painted.disconnect(on_paint)
    return painted


def main() -> int:
    path = ensure_full_cache()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.trust_picker import RESULT_LIMIT, TrustPicker

    db = sqlite_utils.Database(path)
    counts = {t: db[t].count for t in ("providers", "locations")}
    warm_up(db)  # the typo vocabulary, built at start-up in the app
    queries = [q for _, q in make_queries(db, random.Random(7))]

    editor = MarkdownEditor()
    editor.resize(900, 700)
    editor.set_text("A column about NHS trusts.\n")
    editor.show()
    picker = TrustPicker(editor, FullCache(path))
    picker.open()
    for _ in range(5):
        app.processEvents()
    # Warm up: the picker's connection and the page cache.
    for query in queries[:20]:
        picker.search.setText(query)
        wait_for_paint(picker, query.strip())

    typed: list[float] = []
    floor_search: list[float] = []
    missed = 0
    for query in queries:
        picker.search.clear()
        app.processEvents()
        for n in range(1, len(query) + 1):
            wanted = query[:n].strip()
            if not wanted or wanted == query[: n - 1].strip():
                QTest.keyClicks(picker.search, query[n - 1])  # a space: no new query
                continue
            started = time.perf_counter()
            QTest.keyClicks(picker.search, query[n - 1])
            if not wait_for_paint(picker, wanted):
                missed += 1
                continue
            typed.append((time.perf_counter() - started) * 1000)
            t0 = time.perf_counter()
            search(db, wanted, RESULT_LIMIT)
            floor_search.append((time.perf_counter() - t0) * 1000)

    floor_paint: list[float] = []
    model = picker.list.results
    for query in queries[:100]:
        hits = search(db, query, RESULT_LIMIT)
        started = time.perf_counter()
        model.set_hits(query.strip(), hits)
        if wait_for_paint(picker, query.strip()):
            floor_paint.append((time.perf_counter() - started) * 1000)

    def line(label: str, values: list[float]) -> str:
        return (f"{label:<44}{len(values):>6}{statistics.median(values):>9.2f}"
                f"{percentile(values, 95):>9.2f}{max(values):>9.2f}")

    print(f"picker benchmark — {platform.platform()}, Python {platform.python_version()}, "
          f"Qt platform {QApplication.platformName()}")
    print(f"cache: {counts['providers']:,} providers, {counts['locations']:,} locations; "
          f"{len(queries)} queries typed key by key, {RESULT_LIMIT} results each")
    print(f"{'':<44}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    print(line("keystroke → results painted (the picker)", typed))
    print(line("floor: search() alone, same queries", floor_search))
    print(line("floor: the list repainted with new rows", floor_paint))
    if missed:
        print(f"{missed} keystrokes were never painted within {TIMEOUT_MS} ms")
    p95, worst = percentile(typed, 95), max(typed)
    verdict = "ok" if p95 <= TARGET_MS and not missed else "MISS"
    print(f"target p95 ≤ {TARGET_MS:g} ms: {verdict} (p95 {p95:.1f} ms, max {worst:.1f} ms)")
    picker.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
