"""Rating-claim checker speed: a 5,000-word column within 200 ms, 50,000 words within 2 s.

    .venv/bin/python benchmarks/bench_checker.py

The columns are `benchmarks/long_document.py`'s (front matter, headings, lists, quotes, a
trust link in most paragraphs, claims such as "was rated Good" or "kept its Outstanding
rating"), checked against a cache built from the bundled seed (real data). Each figure is
printed beside floors measured in the same run: reading the column model
(`parse_column`) and only splitting its sentences (syntok), so a slow machine shows as
slow floors too. "Full check" starts with an empty sentence cache, as the first check of a
freshly opened column does; "re-check after an edit" changes one word and checks again, as
the editor's background lane does while typing. The judging set's catch and false-alarm
rates follow (`checker_quality.py`).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checker_quality import judge, report  # noqa: E402
from columnist.markdown.column import parse_column  # noqa: E402
from columnist.ratings.cache import open_cache  # noqa: E402
from columnist.review import sentences  # noqa: E402
from columnist.review.rating_claims import check_rating_claims  # noqa: E402
from harness import machine, timed_ms, verdict  # noqa: E402
from long_document import path_for  # noqa: E402

TARGETS_MS = {5_000: 200.0, 50_000: 2_000.0}
RUNS = 5


def column(words: int) -> str:
    return path_for(words).read_text(encoding="utf-8")


def main() -> int:
    print(f"checker benchmark — {machine()}")
    with tempfile.TemporaryDirectory(prefix="columnist-bench-checker-") as folder:
        handle = open_cache(Path(folder) / "ratings.db")
        db = handle.db
        try:
            check_rating_claims("Warm-up: The Christie is rated Outstanding.", db)
            print(f"{'words':>7} {'model':>8} {'split':>8} {'full check':>11} "
                  f"{'re-check':>9} {'findings':>9}  target")
            for words, target in TARGETS_MS.items():
                text = column(words)
                model_ms, split_ms, check_ms, recheck_ms = [], [], [], []
                found = 0
                for run in range(RUNS):
                    model_ms.append(timed_ms(parse_column, text))
                    model = parse_column(text)
                    sentences.block_sentences.cache_clear()
                    split_ms.append(timed_ms(sentences.split_sentences, model))
                    sentences.block_sentences.cache_clear()
                    check_ms.append(timed_ms(check_rating_claims, model, db))
                    edited = text.replace("zenith", f"zenith{run}", 1)
                    edited_model = parse_column(edited)
                    recheck_ms.append(timed_ms(check_rating_claims, edited_model, db))
                    found = len(check_rating_claims(model, db))
                full = statistics.median(check_ms)
                print(f"{words:>7,} {statistics.median(model_ms):>6.0f}ms "
                      f"{statistics.median(split_ms):>6.0f}ms {full:>9.0f}ms "
                      f"{statistics.median(recheck_ms):>7.0f}ms {found:>9,}  "
                      f"≤ {target:,.0f} ms: {verdict(full, target)}")
            print("\n".join(report(judge(db))))
        finally:
            handle.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
