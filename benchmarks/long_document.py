"""Long columns for the speed benchmarks: 5,000 and 50,000 words of realistic prose.

    python benchmarks/long_document.py [--words N ...]     # writes benchmarks/out/long-N.md

Written in the sample column's register (NHS trusts, ratings, improvement, pressures), with
what a real column has: front matter, `##`/`###` headings, bullet and numbered lists,
quotes, bold and italic, trust references as CQC links, the odd CriticMarkup comment.
Deterministic (fixed seed), so every run times the same text. The word count is the
app's own (markdown.word_count) when available.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SIZES = (5_000, 50_000)

TRUSTS = [
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "RA7"),
    ("Guy's and St Thomas' NHS Foundation Trust", "RJ1"),
    ("Manchester University NHS Foundation Trust", "R0A"),
    ("King's College Hospital NHS Foundation Trust", "RJZ"),
    ("West Midlands Ambulance Service University NHS Foundation Trust", "RYA"),
    ("Oxford University Hospitals NHS Foundation Trust", "RTH"),
    ("Cambridge University Hospitals NHS Foundation Trust", "RGT"),
    ("University College London Hospitals NHS Foundation Trust", "RRV"),
    ("Sheffield Teaching Hospitals NHS Foundation Trust", "RHQ"),
    ("Leeds Teaching Hospitals NHS Trust", "RR8"),
    ("The Newcastle upon Tyne Hospitals NHS Foundation Trust", "RTD"),
    ("University Hospitals of Leicester NHS Trust", "RWE"),
    ("Nottingham University Hospitals NHS Trust", "RX1"),
    ("North Bristol NHS Trust", "RVJ"),
    ("University Hospitals Plymouth NHS Trust", "RK9"),
    ("Royal Free London NHS Foundation Trust", "RAL"),
    ("Chelsea and Westminster Hospital NHS Foundation Trust", "RQM"),
    ("Northumbria Healthcare NHS Foundation Trust", "RTF"),
    ("East Kent Hospitals University NHS Foundation Trust", "RVV"),
    ("Sussex Partnership NHS Foundation Trust", "RX2"),
]
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
PRESSURES = [
    "record A&E attendances",
    "rising waiting lists",
    "missed cancer standards",
    "staff vacancies in nursing and midwifery",
    "delayed discharges into social care",
    "ambulance handover delays",
    "pressures once reserved for winter",
    "increasingly complex needs",
]
TRAITS = [
    "collaborative, visible and listening leadership",
    "effective structures, systems and processes",
    "a clear trust vision and values",
    "a positive culture that supports learning and improvement",
    "staff who feel able to speak up",
    "governance that looks at outcomes, not just activity",
    "using the inspection report as a catalyst for change",
    "engaging patients and families in designing services",
]
OPENERS = [
    "This month I wanted to highlight",
    "I have been struck by",
    "It is worth pausing on",
    "Many of you will have seen",
    "I want to recognise",
    "We continue to see",
]
SUBJECTS = [
    "the impressive work being undertaken by NHS trusts to improve their quality ratings",
    "how leadership teams respond when an inspection finds care that is not good enough",
    "the way front-line staff drive improvement when they are trusted to do so",
    "the link between a listening culture and safer care",
    "what it takes to leave special measures and stay out of them",
    "the progress mental health trusts have made in the past year",
]
SENTENCES = [
    "We know that trusts are facing more demands than ever, with {pressure} felt year-round.",
    "Despite {pressure}, [{trust}]({url}) was rated {rating} after its latest inspection.",
    "Inspectors found {trait} at [{trust}]({url}), and the rating rose to {rating}.",
    "The whole system is under pressure and it is not just acute trusts that feel it.",
    "These better ratings reflect real and important improvements in the quality of care.",
    "All improvements are hard won, and reflect the dedication of everyone involved.",
    "When a culture of improvement is driven by {trait}, it becomes embedded.",
    "Staff told us that {trait} made the difference, even with {pressure}.",
    "I am heartened when I hear of trusts celebrating their achievements.",
    "Look also at our report on quality improvement in NHS trusts, which covers {trait}.",
    "The trust kept its {rating} rating overall, and improved in the well-led key question.",
    "Patients noticed the change first: shorter waits, clearer explanations, kinder wards.",
    "We will keep reporting what works, so that others can learn from it.",
    "It is *not* enough to fix the problems an inspection finds; the question is **why**.",
]
QUOTES = [
    "We stopped treating the report as a verdict and started treating it as a plan.",
    "The biggest change was that people on the wards felt heard.",
    "Improvement is not a project; it is the way we run the hospital now.",
]


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.lines: list[str] = []

    def sentence(self) -> str:
        name, code = self.rnd.choice(TRUSTS)
        return self.rnd.choice(SENTENCES).format(
            pressure=self.rnd.choice(PRESSURES),
            trust=name,
            url=f"https://www.cqc.org.uk/provider/{code}",
            rating=self.rnd.choice(RATINGS),
            trait=self.rnd.choice(TRAITS),
        )

    def paragraph(self) -> str:
        if self.rnd.random() < 0.15:
            start = f"{self.rnd.choice(OPENERS)} {self.rnd.choice(SUBJECTS)}."
        else:
            start = self.sentence()
        rest = [self.sentence() for _ in range(self.rnd.randint(2, 5))]
        text = " ".join([start, *rest])
        if self.rnd.random() < 0.03:
            text += " {>>KB: can we name the trust's chief executive here?<<}"
        return text

    def section(self, number: int) -> list[str]:
        out = [f"## {self.rnd.choice(OPENERS)} {self.rnd.choice(SUBJECTS)} ({number})", ""]
        for part in range(self.rnd.randint(2, 4)):
            if part:
                out += [f"### {self.rnd.choice(TRAITS).capitalize()}", ""]
            for _ in range(self.rnd.randint(2, 4)):
                out += [self.paragraph(), ""]
            roll = self.rnd.random()
            if roll < 0.35:
                out += ["There are a number of common traits shared by these trusts:", ""]
                out += [f"- {t.capitalize()}" for t in self.rnd.sample(TRAITS, 4)] + [""]
            elif roll < 0.5:
                out += [
                    f"{i}. {p.capitalize()}" for i, p in enumerate(self.rnd.sample(PRESSURES, 3), 1)
                ] + [""]
            elif roll < 0.65:
                out += [f"> {self.rnd.choice(QUOTES)}", ">", "> — a director of nursing", ""]
        return out


def front_matter(words: int) -> list[str]:
    return [
        "---",
        f"title: Improving ratings despite the pressure ({words:,} words)",
        "subtitle: Monthly column for providers and professionals working in healthcare",
        "author: Chief Inspector of Hospitals",
        "date: 2026-11-25",
        "status: draft",
        "tags: [NHS, quality improvement, benchmark]",
        "---",
        "",
    ]


def count(text: str) -> int:
    """Words as the app counts them (falls back to a plain split of the body)."""
    try:
        from columnist.markdown.word_count import count_words
    except ImportError:
        body = text.split("\n---\n", 1)[-1]
        body = re.sub(r"\]\([^)]*\)", "]", body)
        return len(re.findall(r"\w[\w'’-]*", body))
    return count_words(text)


def generate(words: int, seed: int = 2026) -> str:
    """A column of about `words` words (within one paragraph of it), ending with a marker."""
    writer = _Writer(seed + words)
    lines = [*front_matter(words), "# Improving ratings despite the pressure", ""]
    lines += [writer.paragraph(), ""]
    number = 1
    # Whole sections until close, then paragraphs; count only near the end (counting is
    # the slow part, and the rough estimate over-counts link targets).
    while (
        sum(len(line.split()) for line in lines) < words * 0.9
        or count("\n".join(lines)) < words - 600
    ):
        lines += writer.section(number)
        number += 1
    while count("\n".join(lines)) < words - 12:
        lines += [writer.paragraph(), ""]
    lines += [
        "## Closing",
        "",
        "Thank you for reading; the last word of this column is zenith.",
        "",
    ]
    return "\n".join(lines)


def path_for(words: int, out: Path = OUT) -> Path:
    """The long document of `words` words, (re)generated so it always matches this code."""
    path = out / f"long-{words}.md"
    out.mkdir(parents=True, exist_ok=True)
    text = generate(words)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args(argv)
    for words in args.words:
        path = path_for(words)
        text = path.read_text(encoding="utf-8")
        print(f"{path}: {count(text):,} words, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
