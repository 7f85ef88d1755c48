"""The checker judged on real sentences about real trusts (`claim_sentences.CASES`): each
sentence gets exactly the findings listed for it, and each quick fix, applied, leaves a
sentence the checker passes."""

from __future__ import annotations

from collections import Counter

import pytest

from columnist.review.findings import Severity
from columnist.review.rating_claims import check_rating_claims
from helpers.claim_sentences import CASES, CATCHES, GUYS, HELD_OUT, TODAY, UH_BRISTOL


def test_the_set_is_big_and_varied() -> None:
    groups = Counter(case.group for case in CASES)
    assert len(CASES) >= 60
    for group in ("right", "wrong rating", "false improvement", "false kept", "negation",
                  "pronoun", "two trusts", "unlinked", "wrong link", "no claim"):
        assert groups[group] >= 2, group
    wrong = sum(1 for case in CASES for code in case.codes if code in CATCHES)
    assert wrong >= 30


@pytest.mark.parametrize("case", CASES + HELD_OUT, ids=[
    f"{i:03d}-{c.group}" for i, c in enumerate(CASES + HELD_OUT)])
def test_a_sentence_gets_exactly_its_findings(case, seed_db) -> None:
    findings = check_rating_claims(case.text, seed_db, today=TODAY)
    assert sorted(f.code for f in findings) == sorted(case.codes), [
        f"{f.code}: {f.message}" for f in findings]


def test_each_quick_fix_makes_its_sentence_right(seed_db) -> None:
    """Clicking the fix of a wrong word or link leaves a sentence with no error there."""
    fixed = 0
    for case in CASES + HELD_OUT:
        for finding in check_rating_claims(case.text, seed_db, today=TODAY):
            if finding.severity is not Severity.ERROR or not finding.fixes:
                continue
            text = finding.fixes[0].apply(case.text)
            after = check_rating_claims(text, seed_db, today=TODAY)
            assert [f for f in after if f.severity is Severity.ERROR
                    and f.start <= finding.start < f.end + 1] == [], text
            fixed += 1
    assert fixed >= 15


def test_a_word_two_trusts_share_gets_no_fix_when_they_differ(seed_db) -> None:
    text = f"{GUYS} and {UH_BRISTOL} are both rated Outstanding."
    (wrong,) = check_rating_claims(text, seed_db, today=TODAY)
    assert "Guy's and St Thomas' NHS Foundation Trust as Good" in wrong.message
    assert wrong.fixes == ()  # "Good" would be wrong for UH Bristol (Outstanding)
