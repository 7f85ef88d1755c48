"""The bundled sample column: its rating claims match CQC's data, names are current,
it renders and it exports (no review marks)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from columnist.markdown.trust_links import find_trust_links
from columnist.ratings.importers.ods_etr import proper_case
from columnist.render.critic_marks import find_unresolved_marks
from columnist.render.pipeline import Renderer
from columnist.resources import sample_column_path

WORDS = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
RATING_RE = re.compile("|".join(sorted(WORDS, key=len, reverse=True)))


def trust_ratings(path: Path) -> dict[str, tuple[dt.date, str]]:
    """Trust-level overall rating (latest publication date) per provider code."""
    latest: dict[str, tuple[dt.date, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["POPULATION"] != "Overall" or row["QUESTION"] != "Overall":
                continue
            date = dt.datetime.strptime(row["DATE"], "%d/%m/%Y").date()
            code = row["ORG_CODE"]
            if code not in latest or date > latest[code][0]:
                latest[code] = (date, WORDS[int(row["RATING_SCORE"])])
    return latest


def open_trusts(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[0]: row[1] for row in csv.reader(handle) if not row[11].strip()}


def claim_unit(text: str, start: int) -> str:
    """The list item or paragraph (up to the next blank line or list item) holding `start`."""
    begin = max(text.rfind("\n\n", 0, start), text.rfind("\n- ", 0, start)) + 1
    ends = [i for i in (text.find("\n\n", start), text.find("\n- ", start)) if i != -1]
    return text[begin : min(ends) if ends else len(text)]


def test_sample_rating_claims_match_the_march_2019_snapshot(cqc_dir):
    text = sample_column_path().read_text(encoding="utf-8")
    current = trust_ratings(cqc_dir / "source" / "nhs_ratings_snapshot_2019-03.csv")
    before = trust_ratings(cqc_dir / "source" / "nhs_ratings_snapshot_2018-10.csv")
    names = open_trusts(cqc_dir / "source" / "ods_etr_nhs_trusts_2026-06.csv")
    providers = [link for link in find_trust_links(text) if link.kind == "provider"]
    assert len(providers) >= 6
    for link in providers:
        assert link.id in names, f"{link.id} is not an open trust"
        assert link.label == proper_case(names[link.id])
        claimed = RATING_RE.findall(claim_unit(text, link.start))
        assert claimed, f"no rating claimed near {link.label}"
        assert claimed[-1] == current[link.id][1], link.label
        if "from" in claim_unit(text, link.start):  # "moved from X to Y"
            assert claimed[0] == before[link.id][1], link.label
            assert before[link.id] != current[link.id]
        else:  # "kept its rating when we returned": re-inspected, same word
            assert before[link.id][1] == current[link.id][1]
            assert before[link.id][0] != current[link.id][0]


def test_sample_has_the_promised_shape_and_exports():
    text = sample_column_path().read_text(encoding="utf-8")
    assert find_unresolved_marks(text) == []
    result = Renderer().render(text)
    assert result.front_matter["author"] == "Chief Inspector of Hospitals"
    assert str(result.front_matter["date"]) == "2026-11-25"
    assert len(result.headings) >= 3 and all(h.level == 2 for h in result.headings)
    assert "<ul>" in result.html and "<blockquote>" in result.html
    words = len(re.findall(r"[A-Za-z’']+", text.split("---", 2)[2]))
    assert 700 <= words <= 1000
