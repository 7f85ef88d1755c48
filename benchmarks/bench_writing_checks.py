"""Writing checks speed: plain English, house style, links and images and the statistics
of a 5,000-word column within 300 ms (issue 12: all checks of a 5,000-word column).

    .venv/bin/python benchmarks/bench_writing_checks.py

The column is `benchmarks/long_document.py`'s 5,000 words (front matter, headings, lists,
quotes, trust links, review marks). Each figure is printed beside floors measured in the
same run: only splitting the sentences (syntok, the work every check shares) and only
counting the words, so a slow machine shows as slow floors too. "Cold" starts with empty
sentence and syllable caches, as the first check of a freshly opened column does; "warm"
checks again after a one-word edit, as the editor's background lane does while typing.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from columnist.markdown.column import parse_column  # noqa: E402
from columnist.markdown.word_count import count_words  # noqa: E402
from columnist.review import readability, sentences  # noqa: E402
from columnist.review.checks import CheckContext, run_checks  # noqa: E402
from columnist.review.statistics import column_statistics  # noqa: E402
from harness import machine, timed_ms, verdict  # noqa: E402
from long_document import path_for  # noqa: E402

WORDS = 5_000
TARGET_MS = 300.0
RUNS = 7
WRITING = ("plain_english", "house_style", "links_images")


def column(words: int) -> str:
    return path_for(words).read_text(encoding="utf-8")


def cold() -> None:
    sentences.block_sentences.cache_clear()
    readability.syllables.cache_clear()


def main() -> int:
    print(f"writing checks benchmark — {machine()}")
    text = column(WORDS)
    context = CheckContext(cache_path=None)
    model = parse_column(text)
    run_checks(model, context, WRITING)  # warm-up: imports, word list, pyphen patterns
    split_ms, count_ms, per_check = [], [], {key: [] for key in WRITING}
    stats_ms, cold_ms, warm_ms = [], [], []
    found = 0
    for run in range(RUNS):
        cold()
        split_ms.append(timed_ms(sentences.split_sentences, model))
        count_ms.append(timed_ms(count_words, text))
        for key in WRITING:
            cold()
            per_check[key].append(timed_ms(run_checks, model, context, (key,)))
        cold()
        stats_ms.append(timed_ms(column_statistics, model))
        cold()
        cold_ms.append(timed_ms(lambda: (run_checks(model, context, WRITING),
                                      column_statistics(model))))
        edited = parse_column(text.replace("zenith", f"zenith{run}", 1))
        warm_ms.append(timed_ms(lambda m=edited: (run_checks(m, context, WRITING),
                                               column_statistics(m))))
        found = len(run_checks(model, context, WRITING))
    median = statistics.median
    print(f"{'words':>7} {'split':>7} {'count':>7} " + " ".join(
        f"{k:>14}" for k in WRITING) + f" {'stats':>7} {'all, cold':>10} {'all, warm':>10}"
        f" {'findings':>9}  target")
    print(f"{WORDS:>7,} {median(split_ms):>5.0f}ms {median(count_ms):>5.0f}ms " + " ".join(
        f"{median(per_check[k]):>12.0f}ms" for k in WRITING)
        + f" {median(stats_ms):>5.0f}ms {median(cold_ms):>8.0f}ms {median(warm_ms):>8.0f}ms"
        f" {found:>9,}  ≤ {TARGET_MS:,.0f} ms: {verdict(median(cold_ms), TARGET_MS)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
