"""Links and images: link text a screen-reader user can follow, alt text on every image,
judged in one place the export gate shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.export.base import Column
from columnist.export.gate import publish_problems
from columnist.markdown.column import parse_column
from columnist.review.links_images import check_links_images, link_text_fault

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "published-column-example.txt"
FRONT = "---\ntitle: March\n---\n"


def found(body: str) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, str(f.severity))
            for f in check_links_images(parse_column(FRONT + body))]


def test_a_link_without_text_is_a_warning() -> None:
    assert found("Read [](https://www.cqc.org.uk/provider/RA7).\n") == [
        (4, 6, "links.empty-text", "warning")]


@pytest.mark.parametrize("body", [
    "Read [https://www.cqc.org.uk/provider/RA7](https://www.cqc.org.uk/provider/RA7).",
    "Read <https://www.cqc.org.uk/provider/RA7>.",
    "Read [www.cqc.org.uk](https://www.cqc.org.uk).",
])
def test_link_text_that_is_a_bare_address_is_a_warning(body: str) -> None:
    assert found(body + "\n") == [(4, 6, "links.bare-url", "warning")]


@pytest.mark.parametrize("label", ["here", "click here", "Click **here**.", "read more"])
def test_vague_link_text_is_a_warning(label: str) -> None:
    (finding,) = check_links_images(parse_column(f"{FRONT}See [{label}](https://x.org).\n"))
    assert (finding.line, finding.column, finding.code) == (4, 5, "links.vague-text")
    assert label.strip() in finding.message


def test_an_image_without_alt_text_is_an_error_as_the_gate_has_it() -> None:
    text = FRONT + "Intro.\n\n![](ward.jpg)\n\n![ ][pic]\n\n[pic]: ward2.jpg\n"
    assert found(text[len(FRONT):]) == [
        (6, 1, "links.image-alt", "error"), (8, 1, "links.image-alt", "error")]
    gate = [(p.line, p.column, p.code) for p in publish_problems(Column(text, None))
            if p.code == "export.image-alt"]
    assert gate == [(6, 1, "export.image-alt"), (8, 1, "export.image-alt")]


def test_good_links_and_images_and_code_pass() -> None:
    body = ("Read [the inspection report](https://www.cqc.org.uk/provider/RA7) and see "
            "![A nurse on the ward](ward.jpg). Code: `[](x)` and\n\n```\n[here](y)\n```\n")
    assert found(body) == []


def test_the_gate_and_the_check_agree_on_what_is_vague() -> None:
    text = FRONT + "See [here](https://x.org) and [](https://y.org).\n"
    gate = [(p.line, p.column) for p in publish_problems(Column(text, None))
            if p.code == "export.link-text"]
    check = [(f.line, f.column) for f in check_links_images(parse_column(text))]
    assert gate == check == [(4, 5), (4, 31)]
    assert [link_text_fault(t) for t in ("", " Here. ", "www.nhs.uk", "NHS England")] == [
        "empty", "vague", "url", None]


def test_the_published_column_has_nothing_to_say_about_links() -> None:
    assert check_links_images(parse_column(EXAMPLE.read_text(encoding="utf-8"))) == []
