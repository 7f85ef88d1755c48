"""Render timings: full render vs. re-render after a one-character edit.

Run: `.venv/bin/python benchmarks/bench_render.py` (prints figures; not a pass/fail test).
The documents are generated (headings, paragraphs, lists, quotes, trust links, smart
quotes) so the figures are reproducible on any machine.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from columnist.render.css import document_html
from columnist.render.pipeline import Renderer, _new_markdown
from columnist.render.trust_links import TrustBadge


def lookup(kind: str, ident: str) -> TrustBadge:
    """A stand-in for the rating cache (a dict lookup), so badges are part of the cost."""
    return TrustBadge("Outstanding", "2019-03-01", "Example Trust")


WORDS = [
    "trust", "care", "quality", "patients", "staff", "leadership", "improvement", "safe",
    "effective", "caring", "responsive", "well-led", "ward", "hospital", "inspection",
    "rating", "culture", "learning", "team", "board", "community", "services", "pressure",
    "winter", "demand", "workforce", "outcomes",
]  # fmt: skip


def make_document(words: int, seed: int = 1) -> str:
    """A column-like Markdown text of about `words` words, with front matter."""
    rng = random.Random(seed)
    out = [
        "---",
        "title: A long column",
        "subtitle: Generated for benchmarks",
        "author: Chief Inspector of Hospitals",
        "date: 2026-11-25",
        "---",
        "",
    ]
    count = 0
    section = 0
    while count < words:
        if count % 1500 < 120:
            section += 1
            out += [f"## Section {section}", ""]
        choice = rng.random()
        if choice < 0.1:
            items = [" ".join(rng.choices(WORDS, k=8)) for _ in range(4)]
            out += [f"- {item}" for item in items] + [""]
            count += 32
        elif choice < 0.15:
            out += ["> " + " ".join(rng.choices(WORDS, k=30)), ""]
            count += 30
        else:
            sentence = " ".join(rng.choices(WORDS, k=80))
            sentence += (
                ' and "we\'re proud" of [Example Trust](https://www.cqc.org.uk/provider/RA7)'
                " with *emphasis* and **strong** text."
            )
            out += [sentence[0].upper() + sentence[1:], ""]
            count += 92
    return "\n".join(out)


def timed(func, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def qt_set_html_ms(page: str) -> float:
    """How long QTextDocument.setHtml takes for the page (the preview's own cost)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QTextDocument

    _app = QGuiApplication.instance() or QGuiApplication([])
    doc = QTextDocument()
    start = time.perf_counter()
    doc.setHtml(page)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    for words in (5_000, 50_000):
        text = make_document(words)
        repeat = 7 if words <= 5_000 else 3

        def plain(text: str = text) -> None:
            _new_markdown().convert(text)

        def full(text: str = text) -> None:
            Renderer(lookup).render(text)

        plain_ms = timed(plain, repeat)
        full_ms = timed(full, repeat)
        renderer = Renderer(lookup)
        renderer.render(text)
        middle = text.index("Section", len(text) // 2)
        edits = [text[:middle] + "x" + text[middle:], text]
        samples = []
        changed = 0
        for i in range(10):
            start = time.perf_counter()
            renderer.render(edits[i % 2])
            samples.append((time.perf_counter() - start) * 1000)
            changed = max(changed, renderer.last_rendered_blocks)
        inc_ms = statistics.median(samples)
        qt_samples = []
        for i in range(10):
            start = time.perf_counter()
            document_html(renderer.render(edits[i % 2]))
            qt_samples.append((time.perf_counter() - start) * 1000)
        qt_ms = statistics.median(qt_samples)
        page = document_html(renderer.render(text))
        html_size = len(page) // 1024
        set_html_ms = qt_set_html_ms(page)
        print(
            f"{words:>6} words: plain Python-Markdown {plain_ms:6.1f} ms; "
            f"full render {full_ms:6.1f} ms; after a 1-character edit "
            f"{inc_ms:5.1f} ms ({changed} block re-rendered), {qt_ms:5.1f} ms with "
            f"document_html for Qt; HTML {html_size} KiB, QTextDocument.setHtml "
            f"{set_html_ms:.0f} ms"
        )


if __name__ == "__main__":
    main()
