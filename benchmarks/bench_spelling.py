"""Spelling check speed: a 5,000-word column within 300 ms (issue 12's budget for all checks).

    .venv/bin/python benchmarks/bench_spelling.py [chunspell|spylls]

The column is `benchmarks/long_document.py`'s 5,000 words with ten misspellings added
("recieve", "accomodation"…), checked with the trust names of a cache built from the
bundled seed. The figure is printed beside a floor measured in the same run: the bare
dictionary (`hunspell.spell` on the same words in a plain loop, nothing remembered), so a
slow machine shows as a slow floor too. "First check" starts with empty memos, as after
start-up; "re-check" changes one word and checks again, as the background lane does while
the writer types.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_checker import column  # noqa: E402
from columnist.markdown.column import parse_column  # noqa: E402
from columnist.ratings.cache import open_cache  # noqa: E402
from columnist.review import spelling  # noqa: E402
from columnist.review.spelling_dictionary import Speller, _spellers, speller  # noqa: E402
from columnist.review.spelling_words import prose_words  # noqa: E402
from harness import machine, verdict  # noqa: E402

TARGET_MS = 300.0
RUNS = 5
SLIPS = ("recieve", "accomodation", "definately", "seperate", "occured", "goverment",
         "beleive", "reccomend", "untill", "tommorow")


def misspelt(text: str) -> str:
    """`text` with each paragraph of the first ten starting with a misspelling."""
    parts = text.split("\n\n")
    body = [i for i, part in enumerate(parts) if part[:1].isalpha()][: len(SLIPS)]
    for slip, i in zip(SLIPS, body, strict=False):
        parts[i] = f"{slip} {parts[i]}"
    return "\n\n".join(parts)


def main(backend: str | None = None) -> int:
    print(f"spelling benchmark — {machine()}")
    text = misspelt(column(5_000))
    model = parse_column(text)
    words = [lookup for _s, _e, lookup in prose_words(model.body)]
    bare = speller(backend)
    with tempfile.TemporaryDirectory(prefix="columnist-bench-spelling-") as folder:
        handle = open_cache(Path(folder) / "ratings.db")
        cache = handle.path
        handle.close()
        spelling.cache_words(cache)
        floor_ms, first_ms, recheck_ms = [], [], []
        found = 0
        for run in range(RUNS):
            raw = bare._spell
            started = time.perf_counter()
            for word in words:
                raw(word)
            floor_ms.append((time.perf_counter() - started) * 1000)
            _spellers[bare.backend] = Speller(bare.backend)  # empty memos
            started = time.perf_counter()
            found = len(spelling.check_spelling(model, cache_path=cache, personal=(),
                                                backend=bare.backend))
            first_ms.append((time.perf_counter() - started) * 1000)
            edited = parse_column(text.replace("zenith", f"zenith{run}", 1))
            started = time.perf_counter()
            spelling.check_spelling(edited, cache_path=cache, personal=(), backend=bare.backend)
            recheck_ms.append((time.perf_counter() - started) * 1000)
    first = statistics.median(first_ms)
    print(f"{len(words):,} words, {found} findings, backend {bare.backend}")
    print(f"  floor (bare spell loop) {statistics.median(floor_ms):6.0f} ms")
    print(f"  first check             {first:6.0f} ms   ≤ {TARGET_MS:.0f} ms: "
          f"{verdict(first, TARGET_MS)}")
    print(f"  re-check after an edit  {statistics.median(recheck_ms):6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else None))
