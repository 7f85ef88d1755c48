"""Medium-ready copy and plain text of a 5,000-word column: timings against the target.

Run: `.venv/bin/python benchmarks/bench_publish_copy.py` (prints figures; not a pass/fail
test). Target: each export within 150 ms (issue 11). Each figure is the median of fresh
exports (a new renderer each time, as `columnist export` has), files written, the Medium
one with an image copied into its folder to upload. Beside them, in the same run, the
shared cost both start from: rendering the column for export and reading it into the
element tree (`export.story.read_story`).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from columnist.export import EXPORTERS, Column, ExportOptions
from columnist.export.medium import medium_copy
from columnist.export.story import read_story
from harness import machine, median_ms, spread_ms, verdict
from long_document import generate

TARGET_MS = 150.0
WORDS = 5000
REPEAT = 15
TABLE = "\n| Trust | Rating |\n|---|---|\n| Leeds | Good |\n| Bristol | Outstanding |\n"


def timed(func: Callable[[], object]) -> list[float]:
    func()  # warm: imports, Python-Markdown's extension set-up
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="columnist-bench-publish-"))
    try:
        (folder / "ward.png").write_bytes(b"\x89PNG ward")
        text = generate(WORDS) + TABLE + "\n![A ward at night](ward.png \"Night shift\")\n"
        text += "\nA claim.[^1]\n\n[^1]: A note.\n"
        source = folder / "column.md"
        source.write_text(text, encoding="utf-8")

        def export(name: str) -> Callable[[], object]:
            out = folder / "out" / f"column{EXPORTERS[name].suffix}"
            return lambda: EXPORTERS[name].export(Column(text, source), ExportOptions(out))

        rows = [
            ("render + element tree (shared)", timed(lambda: read_story(Column(text, source))),
             None),
            ("Medium transform (no files)", timed(lambda: medium_copy(Column(text, source))),
             TARGET_MS),
            ("export medium (fragment, .txt, images)", timed(export("medium")), TARGET_MS),
            ("export text (wrapped at 72)", timed(export("text")), TARGET_MS),
        ]
        print(f"Medium and plain text of a {WORDS:,}-word column ({len(text):,} characters); "
              f"{machine()}")
        for label, samples, target in rows:
            figure = median_ms(samples)
            judged = f"  target {target:.0f} ms: {verdict(figure, target)}" if target else ""
            print(f"  {label:<42} {figure:6.1f} ms  ({spread_ms(samples)}){judged}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
