"""The publish gate: what it refuses (with line and column), what it only warns about, and
`--draft`, through the API the Export dialog calls and through `columnist export`."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from columnist.cli import main
from columnist.export import (
    Column,
    ExportOptions,
    PublishRefused,
    UnresolvedMarksError,
    export_column,
    publish_problems,
)
from columnist.ratings.cache import open_cache

DORSET = "[Dorset County Hospital NHS Foundation Trust](https://www.cqc.org.uk/provider/RBD)"

APPROVED = f"""---
title: Winter
status: approved
---

{DORSET} is rated Good.

![A ward at night](img/ward.png)
"""

BAD = f"""---
title: Winter
status: in review
---

{DORSET} is rated Outstanding.

Care was {{++much++}} better.

![](img/ward.png)

![Old chart](../chart.png)
"""


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rating cache built from the bundled seed (Dorset: Good, November 2018)."""
    handle = open_cache(tmp_path_factory.mktemp("cache") / "ratings.db")
    handle.close()
    return handle.path


def write(folder: Path, text: str) -> Path:
    (folder / "img").mkdir(parents=True, exist_ok=True)
    (folder / "img" / "ward.png").write_bytes(b"\x89PNG ward")
    source = folder / "column.md"
    source.write_text(text, encoding="utf-8")
    return source


def test_each_problem_is_listed_at_its_line_and_column(tmp_path: Path, cache_path: Path) -> None:
    source = write(tmp_path, BAD)
    problems = publish_problems(Column(BAD, source), cache_path)
    found = [(p.line, p.column, p.severity, p.code) for p in problems]
    assert found == [
        (3, 1, "warning", "export.not-approved"),
        (6, 93, "error", "claim.wrong-rating"),
        (8, 10, "error", "export.review-mark"),
        (10, 1, "error", "export.image-alt"),
        (12, 1, "error", "export.image-outside"),
    ]
    messages = [p.describe() for p in problems]
    assert messages[0] == ("line 3, column 1: the status is “in review”, not “approved”: "
                           "publish only an approved column")
    assert "Good" in messages[1] and "Outstanding" in messages[1]
    assert messages[2] == "line 8, column 10: review mark: insertion “much” (accept or reject it)"
    assert messages[3] == ("line 10, column 1: image img/ward.png has no alt text: describe it, "
                           "![…](img/ward.png)")
    assert "../chart.png is outside the column's folder" in messages[4]


def test_a_refusal_writes_nothing_and_keeps_an_earlier_export(
    tmp_path: Path, cache_path: Path
) -> None:
    source = write(tmp_path, BAD)
    out = tmp_path / "column.html"
    out.write_text("the approved export of last month", encoding="utf-8")
    with pytest.raises(UnresolvedMarksError) as caught:
        export_column("html", Column(BAD, source), ExportOptions(out, cache_path=cache_path))
    assert [p.line for p in caught.value.problems] == [6, 8, 10, 12]  # errors only
    assert "4 problems (1 unresolved review mark)" in caught.value.message
    assert out.read_text(encoding="utf-8") == "the approved export of last month"


def test_a_column_with_only_claim_errors_is_refused_too(tmp_path: Path, cache_path: Path) -> None:
    text = APPROVED.replace("rated Good", "rated Inadequate")
    source = write(tmp_path, text)
    with pytest.raises(PublishRefused) as caught:
        export_column("html", Column(text, source),
                      ExportOptions(tmp_path / "o.html", cache_path=cache_path))
    assert not isinstance(caught.value, UnresolvedMarksError)
    assert [p.code for p in caught.value.problems] == ["claim.wrong-rating"]


def test_an_approved_column_passes_silently(tmp_path: Path, cache_path: Path) -> None:
    source = write(tmp_path, APPROVED)
    assert publish_problems(Column(APPROVED, source), cache_path) == []
    result = export_column("html", Column(APPROVED, source),
                           ExportOptions(tmp_path / "out.html", cache_path=cache_path))
    assert result.problems == [] and result.warnings == []
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert 'class="draft-banner"' not in page and 'name="robots"' not in page


def test_without_a_cache_the_claims_are_not_checked_and_it_says_so(tmp_path: Path) -> None:
    source = write(tmp_path, APPROVED)
    [problem] = publish_problems(Column(APPROVED, source), None)
    assert problem.severity == "warning"
    assert problem.message == "rating claims were not checked: no rating cache"


def test_skipped_heading_levels_are_a_warning(tmp_path: Path, cache_path: Path) -> None:
    text = APPROVED + "\n## Wards\n\n#### Beds\n"
    problems = publish_problems(Column(text, write(tmp_path, text)), cache_path)
    assert [(p.line, p.severity, p.code) for p in problems] == [
        (12, "warning", "export.heading-order")]
    assert "level 4 after level 2" in problems[0].message


def test_draft_exports_anyway_marked_as_a_draft(tmp_path: Path, cache_path: Path) -> None:
    source = write(tmp_path, BAD)
    out = tmp_path / "draft.html"
    result = export_column("html", Column(BAD, source),
                           ExportOptions(out, draft=True, cache_path=cache_path))
    assert [p.line for p in result.problems] == [6, 8, 10, 12]  # the status is not repeated
    doc = html5lib.parse(out.read_bytes(), namespaceHTMLElements=False)
    banner = doc.find(".//main/div[@class='draft-banner']")
    assert banner is not None and banner.get("role") == "note"
    assert "not approved for publication" in "".join(banner.itertext())
    assert doc.find(".//head/title").text == "Draft: Winter"
    assert doc.find(".//head/meta[@name='robots']").get("content") == "noindex"


def test_cli_refusal_lists_file_line_column_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, BAD)
    assert main(["export", str(source), "--to", "html"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"columnist export: {source} was not exported: 4 problems (fix them, or "
                      "export anyway with --draft):")
    assert [line.split(": ", 1)[0] for line in err[1:]] == [
        f"{source}:6:93", f"{source}:8:10", f"{source}:10:1", f"{source}:12:1"]
    assert not (tmp_path / "column.html").exists()


def test_cli_draft_writes_and_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, BAD)
    out = tmp_path / "site" / "winter.html"
    assert main(["export", str(source), "--format", "html", "-o", str(out), "--draft"]) == 0
    captured = capsys.readouterr()
    assert f"wrote {out} (marked as a draft)" in captured.out
    assert (f"{source}:8:10: not fixed (draft): review mark: insertion “much” (accept or "
            "reject it)") in captured.err
    assert 'class="draft-banner"' in out.read_text(encoding="utf-8")


def test_cli_warns_about_the_status_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = APPROVED.replace("status: approved", "status: draft")
    source = write(tmp_path, text)
    assert main(["export", str(source)]) == 0
    err = capsys.readouterr().err
    assert (f"{source}:3:1: warning: the status is “draft”, not “approved”: publish only an "
            "approved column") in err
    assert (tmp_path / "column.html").is_file()


@pytest.mark.parametrize("argv", [["--to", "pdf"], ["--format"], ["--bogus"]])
def test_cli_usage_errors_exit_2(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, APPROVED)
    with pytest.raises(SystemExit) as caught:
        main(["export", str(source), *argv])
    assert caught.value.code == 2
    assert "usage: columnist" in capsys.readouterr().err
    assert not (tmp_path / "column.html").exists()


def test_raw_img_tags_are_judged_as_images_are(tmp_path: Path, cache_path: Path) -> None:
    text = APPROVED + (
        '\n<img src="img/ward.png">\n\n<img alt="Host" src=../../etc/hostname>\n\n'
        '`<img src="../in-code.png">` is only code.\n'
    )
    problems = publish_problems(Column(text, write(tmp_path, text)), cache_path)
    assert [(p.line, p.column, p.code) for p in problems] == [
        (10, 1, "export.image-alt"), (12, 1, "export.image-outside")]
    assert problems[0].message == 'image img/ward.png has no alt text: describe it, <img alt="…">'
    assert "../../etc/hostname is outside the column's folder" in problems[1].message


def test_link_text_that_says_nothing_is_a_warning(tmp_path: Path, cache_path: Path) -> None:
    text = APPROVED + (
        "\nThe report is [here](https://www.cqc.org.uk/reports/1); [Read more.](https://a.example/)"
        " and [the winter report](https://b.example/) and <https://c.example/> and"
        " [](https://d.example/).\n"
    )
    problems = publish_problems(Column(text, write(tmp_path, text)), cache_path)
    assert [(p.line, p.column, p.code) for p in problems] == [
        (10, 15, "export.link-text"), (10, 57, "export.link-text"),
        (10, 163, "export.link-text")]
    assert problems[0].message == (
        "the link to https://www.cqc.org.uk/reports/1 has “here”: say where it goes (“the "
        "inspection report”), so it makes sense read on its own")
    assert "has no text" in problems[2].message
    assert all(not p.is_error for p in problems)


def test_unreadable_front_matter_is_a_warning(tmp_path: Path, cache_path: Path) -> None:
    text = "---\ntitle: [unclosed\nstatus: approved\n---\n\nBody.\n"
    problems = publish_problems(Column(text, write(tmp_path, text)), cache_path)
    codes = [p.code for p in problems]
    assert "export.front-matter" in codes
    assert all(not p.is_error for p in problems)


def test_cli_embeds_images_and_adds_ratings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "column", APPROVED)
    out = tmp_path / "site" / "winter.html"
    assert main(["export", str(source), "-o", str(out), "--embed-images", "--ratings"]) == 0
    page = out.read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in page
    assert "(CQC rating: Good, Nov 2018)" in page
    assert sorted(p.name for p in out.parent.iterdir()) == ["winter.html"]
    assert capsys.readouterr().err == ""


def test_ratings_without_a_cache_say_so(tmp_path: Path) -> None:
    source = write(tmp_path, APPROVED)
    result = export_column("html", Column(APPROVED, source),
                           ExportOptions(tmp_path / "o.html", extra={"ratings": True}))
    assert "no rating cache: the links are exported without them" in result.warnings[0]
