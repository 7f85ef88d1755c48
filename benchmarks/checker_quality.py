"""How well the rating-claim checker judges real sentences: catch rate and false alarms.

    .venv/bin/python benchmarks/checker_quality.py [--misses]

Runs the checker over the judging set (`tests/helpers/claim_sentences.py`: real sentences
about real trusts, built from the bundled data) and counts:

* catch rate: wrong claims (a `CATCHES` code a sentence expects) the checker reported;
* false alarms: errors and warnings the checker gave that no sentence expected, and the
  share of sentences that got one.

`--misses` lists each sentence the checker judged differently from the set.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from columnist.ratings.cache import open_cache  # noqa: E402
from columnist.review.findings import Severity  # noqa: E402
from columnist.review.rating_claims import check_rating_claims  # noqa: E402
from helpers.claim_sentences import CASES, CATCHES, HELD_OUT, TODAY  # noqa: E402


@dataclass
class Quality:
    sentences: int
    wrong_claims: int
    caught: int
    right_sentences: int
    false_alarms: int
    sentences_alarmed: int
    misses: list[str]

    @property
    def catch_rate(self) -> float:
        return self.caught / self.wrong_claims if self.wrong_claims else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.sentences_alarmed / self.sentences if self.sentences else 0.0


def judge(db, cases=CASES) -> Quality:
    """The checker over every case of a set."""
    wrong = caught = alarms = alarmed = right = 0
    misses: list[str] = []
    for case in cases:
        findings = check_rating_claims(case.text, db, today=TODAY)
        got = Counter(f.code for f in findings)
        expected = Counter(case.codes)
        want = Counter({code: n for code, n in expected.items() if code in CATCHES})
        wrong += sum(want.values())
        caught += sum((want & got).values())
        right += not want
        unexpected = Counter(f.code for f in findings
                             if f.severity is not Severity.INFO) - expected
        alarms += sum(unexpected.values())
        alarmed += bool(unexpected)
        if got != expected:
            misses.append(f"{case.group}: {case.text}\n    expected {sorted(expected.elements())}"
                          f", got {sorted(got.elements())}")
    return Quality(len(cases), wrong, caught, right, alarms, alarmed, misses)


def report(quality: Quality) -> list[str]:
    return [
        f"judging set: {quality.sentences} sentences, {quality.wrong_claims} wrong claims, "
        f"{quality.right_sentences} sentences with no wrong claim",
        f"catch rate: {quality.caught} of {quality.wrong_claims} wrong claims "
        f"({100 * quality.catch_rate:.0f}%)   target 100%: "
        f"{'ok' if quality.caught == quality.wrong_claims else 'MISS'}",
        f"false alarms: {quality.false_alarms} errors or warnings not expected, on "
        f"{quality.sentences_alarmed} of {quality.sentences} sentences "
        f"({100 * quality.false_alarm_rate:.0f}%)   target 0: "
        f"{'ok' if quality.false_alarms == 0 else 'MISS'}",
        f"sentences judged exactly as the set says: "
        f"{quality.sentences - len(quality.misses)} of {quality.sentences}",
    ]


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="columnist-quality-") as folder:
        handle = open_cache(Path(folder) / "ratings.db")
        try:
            quality = judge(handle.db)
            held_out = judge(handle.db, HELD_OUT)
        finally:
            handle.close()
    print("\n".join(report(quality)))
    if "--misses" in argv:
        print("\n".join(quality.misses))
    print("held-out set (written after the checker):")
    print("\n".join("  " + line for line in report(held_out)))
    if "--misses" in argv:
        print("\n".join(held_out.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
