"""Trust names written in prose, matched against the real cache's names."""

from __future__ import annotations

import pytest

from columnist.review.trust_names import TrustNames


@pytest.fixture(scope="module")
def names(seed_db) -> TrustNames:
    return TrustNames.from_cache(seed_db)


def found(names: TrustNames, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[m.start : m.end], m.ids) for m in names.find(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dorset County Hospital NHS Foundation Trust", [("Dorset County Hospital NHS Foundation "
                                                      "Trust", ("RBD",))]),
    ("staff at Dorset County Hospital's wards", [("Dorset County Hospital", ("RBD",))]),
    ("The Royal Marsden moved", [("The Royal Marsden", ("RPY",))]),
    ("at the Christie we saw", [("Christie", ("RBV",))]),
    ("GSTT and UCLH", [("GSTT", ("RJ1",)), ("UCLH", ("RRV",))]),
    ("Guy’s is rated Good", [("Guy’s", ("RJ1",))]),
    ("UH Bristol", [("UH Bristol", ("RA7",))]),
    ("Plymouth Hospitals NHS Trust", [("Plymouth Hospitals NHS Trust", ("RK9",))]),
    ("Great Ormond Street Hospital and GOSH", [("Great Ormond Street Hospital", ("RP4",)),
                                               ("GOSH", ("RP4",))]),
    ("Bristol NHS Foundation Trust", [("Bristol NHS Foundation Trust", ("RA7",))]),
    ("Medway NHS FT", [("Medway NHS FT", ("RPA",))]),
])
def test_a_trust_is_found_by_the_names_writers_use(names, text, expected) -> None:
    assert found(names, text) == expected


@pytest.mark.parametrize("text", [
    "Patients in Bristol, West London and East London waited.",  # places, not trusts
    "a royal marsden visit",  # no capital: not a name
    "St Thomas' Hospital is a site, not a trust.",
    "The NHS and the CQC; GP surgeries; A&E.",
    "Airedale and Bolton are towns.",
])
def test_places_and_ordinary_words_are_not_trusts(names, text) -> None:
    assert found(names, text) == []


def test_an_initialism_two_trusts_share_belongs_to_neither(names) -> None:
    # University Hospitals Birmingham and University Hospitals Bristol are both "UHB".
    assert found(names, "UHB was busy") == []
