"""Suggesting mode's text logic per key on long columns: how long one key takes to record.

    python benchmarks/bench_suggesting.py [--words 5000 50000] [--keys 200]

For each length, the generated column (long_document.py, with its comments) gets one
review mark in every fifth paragraph; then, in the middle of the text, `--keys` keys are
recorded as a reviewer would press them (a typed run, Backspaces, Delete, typing over a
word) through `review.suggesting` — what the editor's key filter calls, checks included
(every edit is verified to keep the original text and well-formed marks). This is the
text logic only; the window adds reading the editor's text and one edit block per key.

Target: under 16 ms a key (a frame), so suggesting never stalls typing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_MS = 16.0


def with_marks(text: str) -> str:
    """`text` with an addition signed by CD in every fifth paragraph."""
    paragraphs = text.split("\n\n")
    for i in range(5, len(paragraphs), 5):
        if paragraphs[i] and not paragraphs[i].startswith(("#", "-", ">", "1.")):
            paragraphs[i] = paragraphs[i] + " {++Indeed.++}{>>CD<<}"
    return "\n\n".join(paragraphs)


def measure(words: int, keys: int) -> tuple[int, float, float, float]:
    from columnist.review.marks import find_marks
    from columnist.review.suggesting import apply_edit, delete, type_over
    from long_document import generate

    text = with_marks(generate(words))
    cursor = text.index(" the ", len(text) // 2) + 4
    times: list[float] = []
    script = (list("improving ") + ["<BS>"] * 4 + ["<DEL>"] * 3) * (keys // 17 + 1)
    for key in script[:keys]:
        began = time.perf_counter()
        if key == "<BS>":
            edit = delete(text, cursor, cursor, "KB", forward=False)
        elif key == "<DEL>":
            edit = delete(text, cursor, cursor, "KB", forward=True)
        else:
            edit = type_over(text, cursor, cursor, key, "KB")
        times.append((time.perf_counter() - began) * 1000)
        if edit is not None:
            text, cursor = apply_edit(text, edit), edit.cursor
    marks = len(find_marks(text))
    return marks, statistics.median(times), max(times), sorted(times)[int(len(times) * 0.99) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args(argv)
    for words in args.words:
        marks, median, worst, p99 = measure(words, args.keys)
        verdict = "ok" if worst < TARGET_MS else "MISS"
        print(f"suggesting: {words:,} words, {marks} marks: median {median:.1f} ms, "
              f"p99 {p99:.1f} ms, max {worst:.1f} ms a key (target < {TARGET_MS:g} ms) "
              f"{verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
