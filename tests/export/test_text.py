"""The plain-text export: readable copy for an email, line by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from columnist.cli import main
from columnist.export import Column, ExportOptions, export_column

DATA = Path(__file__).parent.parent / "data" / "export"

EXPECTED_WRAPPED = """\
Improving ratings despite the pressure
======================================

Monthly column for providers

Chief Inspector of Hospitals · 25 November 2026

This month University Hospitals Bristol NHS Foundation Trust
(https://www.cqc.org.uk/provider/RA7) kept its Outstanding rating, with
real effort and code.[1]

Common traits
-------------

- Visible leadership
  - Listening
  - Collaborative
- Clear values
  1. Shared
     - Deeply shared

1. First
2. Second

Small heading

Deeper heading

Deeper still

> A quote from a nurse.

    code block
      indented

- Bristol — Rating: Outstanding
- Leeds — Rating: Good

[Image: A ward at night. Caption: The night shift]

* * *

A footnote reference elsewhere and an email to press@cqc.example.

Last words.

Notes
-----

[1] Ratings as of November 2026.
"""


def export(tmp_path: Path, text: str | None = None, **extra: bool) -> str:
    source = tmp_path / "column.md"
    if text is None:
        shutil.copy(DATA / "every-feature.md", source)
    else:
        source.write_text(text, encoding="utf-8")
    out = tmp_path / "column.txt"
    export_column("text", Column(source.read_text("utf-8"), source), ExportOptions(out, extra))
    return out.read_text("utf-8")


def test_every_markdown_feature_reads_as_plain_text(tmp_path: Path) -> None:
    assert export(tmp_path) == EXPECTED_WRAPPED


def test_no_line_is_longer_than_72_unless_it_cannot_break(tmp_path: Path) -> None:
    long = "word " * 60 + "https://example.org/" + "a" * 90
    text = export(tmp_path, f"# T\n\n{long}\n\n- {long}\n\n> {long}\n")
    for line in text.splitlines():
        assert len(line) <= 72 or " " not in line.strip().removeprefix("> "), line
    assert "  word word" in text  # a list item's next lines hang under its text
    assert "> word word" in text.splitlines()[-1] or text.splitlines()[-1].startswith("> ")


def test_unwrapped_each_paragraph_is_one_line(tmp_path: Path) -> None:
    text = export(tmp_path, wrap=False)
    assert ("This month University Hospitals Bristol NHS Foundation Trust "
            "(https://www.cqc.org.uk/provider/RA7) kept its Outstanding rating, with real "
            "effort and code.[1]\n") in text


def test_a_quote_of_two_paragraphs_keeps_its_mark_between_them(tmp_path: Path) -> None:
    assert export(tmp_path, "# T\n\n> One.\n>\n> Two.\n").endswith("> One.\n>\n> Two.\n")


def test_hard_line_breaks_and_link_text_that_is_its_address(tmp_path: Path) -> None:
    text = export(tmp_path, "# T\n\nLine one  \nline two <https://cqc.org.uk/>\n")
    assert text.endswith("\nLine one\nline two https://cqc.org.uk/\n")


def test_the_cli_turns_wrapping_off(tmp_path: Path) -> None:
    source = tmp_path / "c.md"
    source.write_text("# W\n\n" + "Beds were full. " * 10 + "\n", encoding="utf-8")
    assert main(["export", str(source), "--format", "text", "--no-wrap"]) == 0
    last = (tmp_path / "c.txt").read_text("utf-8").splitlines()[-1]
    assert last == ("Beds were full. " * 10).strip()
    assert main(["export", str(source), "--format", "text"]) == 0
    assert max(map(len, (tmp_path / "c.txt").read_text("utf-8").splitlines())) <= 72


def test_the_cli_writes_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.md"
    source.write_text("# Winter\n\nBeds [were](https://x.example/) full.\n", encoding="utf-8")
    assert main(["export", str(source), "--format", "text"]) == 0
    assert (tmp_path / "c.txt").read_text("utf-8") == (
        "Winter\n======\n\nBeds were (https://x.example/) full.\n")


def test_a_draft_says_so_at_the_top(tmp_path: Path) -> None:
    from columnist.export import EXPORTERS

    source = tmp_path / "c.md"
    out = tmp_path / "c.txt"
    result = EXPORTERS["text"].export(Column("# Winter\n\nBeds.\n", source),
                                      ExportOptions(out, draft=True))
    assert out.read_text("utf-8") == (
        "DRAFT — not approved for publication. Exported anyway; do not publish\n"
        "this copy.\n\nWinter\n======\n\nBeds.\n")
    assert result.title == "Winter"
