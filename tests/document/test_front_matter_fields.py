"""Front matter: safe reading, and edits that rewrite only the changed keys' lines."""

from __future__ import annotations

import datetime as dt

import yaml

from columnist.document.front_matter import set_fields
from columnist.markdown.front_matter_values import FIELDS, STATUSES, split_front_matter

COLUMN = (
    "---\n"
    "title: Improving ratings despite the pressure\n"
    "subtitle: Monthly column for providers and professionals working in healthcare\n"
    "author: Chief Inspector of Hospitals\n"
    "date: 2026-11-25\n"
    "status: draft            # draft | in review | approved | published\n"
    "tags: [NHS, quality improvement]\n"
    "# the editor's own notes follow\n"
    "x-desk:\n"
    "  owner: comms\n"
    "  due: friday\n"
    "---\n"
    "# A heading\n"
    "\n"
    "Body.\n"
)


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_split_reads_fields_and_body() -> None:
    fm, body = split_front_matter(COLUMN)
    assert fm is not None and fm.error is None
    assert fm.data["title"] == "Improving ratings despite the pressure"
    assert fm.data["date"] == dt.date(2026, 11, 25)
    assert fm.data["tags"] == ["NHS", "quality improvement"]
    assert fm.data["x-desk"] == {"owner": "comms", "due": "friday"}
    assert body == "# A heading\n\nBody.\n"
    assert fm.end_line == 11
    assert COLUMN[fm.body_offset :] == body


def test_no_front_matter() -> None:
    assert split_front_matter("# Just a heading\n") == (None, "# Just a heading\n")
    # a thematic break with no closing fence is body, not front matter
    assert split_front_matter("---\nno closing fence\n")[0] is None


def test_malformed_yaml_reports_the_file_line_and_keeps_data_empty() -> None:
    text = "---\ntitle: ok\ntags: [unclosed\nstatus: draft\n---\nbody\n"
    fm, body = split_front_matter(text)
    assert fm is not None and fm.data == {}
    assert fm.error is not None and fm.error.startswith("line ")
    assert body == "body\n"


def test_changing_status_rewrites_one_line_and_keeps_its_comment() -> None:
    after = set_fields(COLUMN, {"status": "in review"})
    assert _changed_lines(COLUMN, after) == [
        (
            "status: draft            # draft | in review | approved | published",
            "status: in review        # draft | in review | approved | published",
        )
    ]


def test_passing_every_unchanged_field_changes_nothing() -> None:
    fm, _ = split_front_matter(COLUMN)
    assert fm is not None
    same = {key: fm.data[key] for key in FIELDS}
    same["date"] = "2026-11-25"  # a form may send the date as text
    assert set_fields(COLUMN, same) == COLUMN


def test_values_are_quoted_only_when_yaml_needs_it() -> None:
    after = set_fields(
        COLUMN,
        {
            "title": "Ratings: what changed",
            "subtitle": "2026",
            "author": "yes",
            "tags": ["NHS", "A&E, urgent care", "#1"],
            "date": dt.date(2026, 12, 1),
        },
    )
    lines = after.splitlines()
    assert "title: 'Ratings: what changed'" in lines
    assert "date: 2026-12-01" in lines
    assert lines[6] == "tags: [NHS, 'A&E, urgent care', '#1']"
    fm, _ = split_front_matter(after)
    assert fm is not None and fm.error is None
    assert fm.data["title"] == "Ratings: what changed"
    assert fm.data["subtitle"] == "2026" and fm.data["author"] == "yes"
    assert fm.data["tags"] == ["NHS", "A&E, urgent care", "#1"]
    assert fm.data["date"] == dt.date(2026, 12, 1)
    assert fm.data["x-desk"] == {"owner": "comms", "due": "friday"}
    assert after.endswith("---\n# A heading\n\nBody.\n")


def test_removing_a_key_removes_its_nested_lines_only() -> None:
    after = set_fields(COLUMN, {"x-desk": None, "subtitle": None})
    assert "x-desk" not in after and "owner: comms" not in after and "subtitle" not in after
    assert "# the editor's own notes follow\n---\n" in after
    assert set_fields(COLUMN, {"not-there": None}) == COLUMN


def test_new_keys_are_appended_before_the_closing_fence() -> None:
    after = set_fields(COLUMN, {"canonical": "https://medium.com/x"})
    assert "  due: friday\ncanonical: https://medium.com/x\n---\n" in after


def test_a_block_is_created_when_there_is_none() -> None:
    after = set_fields("Dear colleagues,\n", {"title": "November", "status": STATUSES[0]})
    assert after == "---\ntitle: November\nstatus: draft\n---\n\nDear colleagues,\n"
    assert set_fields("Text\n", {"tags": [], "title": None}) == "Text\n"


def test_crlf_front_matter_gets_crlf_lines() -> None:
    text = "---\r\ntitle: A\r\n---\r\nBody\r\n"
    after = set_fields(text, {"title": "B", "author": "Me"})
    assert after == "---\r\ntitle: B\r\nauthor: Me\r\n---\r\nBody\r\n"


def test_multiline_and_odd_strings_round_trip() -> None:
    tricky = ['He said "no"', "it's", "line one\nline two", " padded ", "- dash", "[x]", ""]
    for value in tricky:
        after = set_fields(COLUMN, {"subtitle": value})
        fm, _ = split_front_matter(after)
        assert fm is not None and fm.error is None, value
        assert fm.data["subtitle"] == value
        assert yaml.safe_load(after.split("---\n")[1])["author"] == "Chief Inspector of Hospitals"
