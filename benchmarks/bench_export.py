"""Export timings: the standalone HTML of a 5,000-word column, against a floor.

Run: `.venv/bin/python benchmarks/bench_export.py` or `./dev bench export`. Target: each
export within 150 ms (issue 11), gate included. The floor, measured in the same run on
the same text, is plain Python-Markdown (the pipeline's extensions, no sanitising, no
gate, no file): what any Markdown exporter pays at least. Figures are medians of fresh
exports (a new renderer each time, as `columnist export` has).
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

from columnist.export import Column, ExportOptions, export_column, publish_problems
from columnist.ratings.cache import open_cache
from columnist.render.pipeline import EXTENSIONS
from harness import machine, median_ms, spread_ms, verdict
from long_document import generate

TARGET_MS = 150.0
WORDS = 5000
REPEAT = 15
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000104944415478"
    "9c636860600c0044030c10a000300e0701218858"
    "5c0000000049454e44ae426082"
)


def timed(func: Callable[[], object]) -> list[float]:
    func()  # warm: imports, the first connection, Python-Markdown's extension set-up
    samples = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)  # seconds, as the harness takes them
    return samples


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="columnist-bench-export-"))
    try:
        (folder / "img").mkdir()
        (folder / "img" / "ward.png").write_bytes(PNG)
        text = generate(WORDS).replace("status: draft", "status: approved")
        text += "\n![A ward at night](img/ward.png)\n"
        source = folder / "column.md"
        source.write_text(text, encoding="utf-8")
        cache = open_cache(folder / "ratings.db")
        cache.close()
        out = folder / "site" / "column.html"

        def export(**options: object) -> Callable[[], object]:
            return lambda: export_column(
                "html", Column(text, source),
                ExportOptions(out, cache_path=cache.path, draft=True, **options))

        import markdown

        body = text.split("\n---\n", 1)[1]
        rows = [
            ("floor: Python-Markdown alone", timed(
                lambda: markdown.markdown(body, extensions=EXTENSIONS)), None),
            ("publish gate alone (marks, images, claims)", timed(
                lambda: publish_problems(Column(text, source), cache.path)), None),
            ("export html, images copied", timed(export()), TARGET_MS),
            ("export html, images embedded", timed(export(extra={"embed_images": True})),
             TARGET_MS),
            ("export html, ratings after links", timed(export(extra={"ratings": True})),
             TARGET_MS),
        ]
        print(f"export of a {WORDS:,}-word column ({len(text):,} characters); {machine()}")
        for label, samples, target in rows:
            figure = median_ms(samples)
            goal = f"  target ≤{target:.0f} ms {verdict(figure, target)}" if target else ""
            print(f"  {label:<46} {figure:7.1f} ms (spread {spread_ms(samples)}){goal}")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
