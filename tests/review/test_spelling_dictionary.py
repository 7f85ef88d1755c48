"""The en_GB dictionary loaded a part at a time (so typing never waits on the load) says
what Hunspell says with the whole word list loaded at once: every word, its common
inflections and its capitalised forms, and the same first suggestion for the usual slips."""

from __future__ import annotations

import pytest

from columnist.review.spelling_dictionary import (
    LANGUAGE,
    LOAD_PARTS,
    _chunspell,
    dictionary_dir,
    dictionary_parts,
)

hunspell = pytest.importorskip("hunspell")


def test_the_parts_hold_every_entry_once_each_with_its_count() -> None:
    dic = (dictionary_dir() / f"{LANGUAGE}.dic").read_bytes()
    parts = dictionary_parts(dic, LOAD_PARTS)
    assert len(parts) == LOAD_PARTS
    entries = []
    for part in parts:
        count, _, body = part.partition(b"\n")
        lines = body.splitlines()
        assert int(count) == len(lines)
        entries.extend(lines)
    assert entries == dic.splitlines()[1:]


def test_the_dictionary_loaded_in_parts_gives_the_same_verdicts_and_suggestions() -> None:
    folder = dictionary_dir()
    spell, suggest = _chunspell(folder)
    whole = hunspell.Hunspell(LANGUAGE, hunspell_data_dir=str(folder))
    text = (folder / f"{LANGUAGE}.dic").read_text(encoding="utf-8").lstrip("\ufeff")
    stems = [line.split("/")[0] for line in text.splitlines()[1:]]
    # Every word, and a spread of inflected and capitalised forms (most of which the
    # dictionary does not have: both loads must refuse the same ones).
    words = (stems + [w + "s" for w in stems[::4]] + [w + "ed" for w in stems[1::9]]
             + [w + "ing" for w in stems[2::9]] + ["un" + w for w in stems[3::15]]
             + [w.capitalize() for w in stems[::21]] + [w.upper() for w in stems[::33]])
    differ = [w for w in words if bool(spell(w)) != bool(whole.spell(w))]
    assert differ == []
    # Hunspell's later suggestions come from a search with a time limit, so under load they
    # vary from one call to the next; the likeliest, found first, does not.
    for slip in ("recieve", "accomodation", "seperate"):
        assert next(iter(suggest(slip))) == next(iter(whole.suggest(slip)))
