"""The Medium-ready export: only what Medium keeps, every change said, images to upload."""

from __future__ import annotations

import shutil
from pathlib import Path

import html5lib
import pytest

from columnist.cli import main
from columnist.export import Column, ExportOptions, UnresolvedMarksError, export_column
from columnist.export.medium import medium_copy

DATA = Path(__file__).parent.parent / "data" / "export"
# What Medium's editor keeps of pasted HTML (DESIGN.md, "Medium-ready export").
MEDIUM_KEEPS = {"p", "h3", "h4", "strong", "em", "a", "blockquote", "pre", "code", "ul", "ol",
                "li", "hr", "br"}
PNG = b"\x89PNG ward"  # the bytes are copied, never decoded


def parse(fragment: str):
    """The fragment as an HTML5 parser reads it (html5lib, as a browser would)."""
    return html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)


def elements(fragment: str) -> list:
    return [element for element in parse(fragment).iter() if isinstance(element.tag, str)][1:]


@pytest.fixture
def column_dir(tmp_path: Path) -> Path:
    shutil.copy(DATA / "every-feature.md", tmp_path / "column.md")
    (tmp_path / "ward.png").write_bytes(PNG)
    return tmp_path


def export(column_dir: Path, **extra: bool):
    source = column_dir / "column.md"
    out = column_dir / "column.medium.html"
    result = export_column("medium", Column(source.read_text("utf-8"), source),
                           ExportOptions(out, extra))
    return out.read_text("utf-8"), result


def test_only_elements_medium_keeps_reach_the_fragment(column_dir: Path) -> None:
    fragment, _result = export(column_dir)
    found = elements(fragment)
    assert {element.tag for element in found} <= MEDIUM_KEEPS
    for element in found:
        assert set(element.attrib) <= ({"href"} if element.tag == "a" else set()), element.tag
    assert [e.tag for e in found if e.tag in {"h3", "h4"}] == ["h3", "h4", "h4"]


def test_each_transform_is_in_the_fragment_and_said(column_dir: Path) -> None:
    fragment, result = export(column_dir)
    tree = parse(fragment)
    texts = {e.tag: [] for e in tree.iter() if isinstance(e.tag, str)}
    for element in tree.iter():
        if isinstance(element.tag, str):
            texts[element.tag].append("".join(element.itertext()))
    # Title repeated as the first heading: not in the body.
    assert "Improving ratings despite the pressure" not in fragment
    assert texts["h3"] == ["Common traits"]  # ## is Medium's large heading
    assert texts["h4"] == ["Small heading", "Notes"]  # ### the small one; Notes added
    assert "Deeper heading" in texts["strong"] and "Deeper still" in texts["strong"]
    # Nested lists: one level, the deeper items marked by depth.
    first_list = tree.find("ul")
    assert [("".join(li.itertext())) for li in first_list.findall("li")] == [
        "Visible leadership", "– Listening", "– Collaborative", "Clear values", "– Shared",
        "– – Deeply shared"]
    assert tree.find(".//li/ul") is None and tree.find(".//li/ol") is None
    # The table is a list, one item per row.
    assert "Bristol — Rating: Outstanding" in texts["li"]
    assert "Leeds — Rating: Good" in texts["li"]
    # The footnote: [1] in the text, the note in a Notes list at the end.
    assert "effort and code.[1]" in texts["p"][0]
    assert texts["li"][-1] == "Ratings as of November 2026."
    # The image: a placeholder line with alt text and caption.
    assert ("[Image to upload: ward.png] Alt text: A ward at night. Caption: The night shift."
            in texts["p"])
    # The trust link is an ordinary link; the in-page link is text.
    links = [(a.get("href"), "".join(a.itertext())) for a in tree.iter("a")]
    assert links == [
        ("https://www.cqc.org.uk/provider/RA7",
         "University Hospitals Bristol NHS Foundation Trust"),
        ("mailto:press@cqc.example", "press@cqc.example"),
    ]
    assert "A footnote reference elsewhere and an email" in " ".join(texts["p"])
    assert [e.tag for e in tree][-2:] == ["h4", "ol"]
    said = "\n".join(result.changes)
    for words in ("first heading repeats the title", "1 footnote was moved to a Notes section",
                  "A table (Trust, Rating) became a list", "3 nested lists were flattened",
                  "(under “Visible leadership”, “Clear values”, “Shared”)",
                  "2 headings deeper than ### became bold paragraphs",
                  "1 image was replaced by a placeholder", "1 link within the page"):
        assert words in said


def test_the_text_and_the_images_to_upload_are_written_beside_it(column_dir: Path) -> None:
    _fragment, result = export(column_dir)
    text = (column_dir / "column.medium.txt").read_text("utf-8")
    assert text.startswith("Improving ratings despite the pressure\n\n"
                           "Monthly column for providers\n\nThis month University Hospitals")
    assert "(https://www.cqc.org.uk/provider/RA7)" in text
    assert "\n- Bristol — Rating: Outstanding\n" in text
    assert (column_dir / "column-images" / "ward.png").read_bytes() == PNG
    assert (column_dir / "column-images" / "images.txt").read_text("utf-8") == (
        "Images to upload to Medium, in the order they appear:\n\n"
        "ward.png\n  Alt text: A ward at night\n  Caption: The night shift\n")
    assert column_dir / "column-images" / "ward.png" in result.images_copied


def test_the_images_folder_is_an_option(column_dir: Path) -> None:
    export(column_dir, copy_images=False)
    assert not (column_dir / "column-images").exists()


def test_an_image_outside_the_folder_is_a_placeholder_and_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "col"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    text = "# T\n\n![Secret](../secret.png)\n\nAfter.\n"
    copy = medium_copy(Column(text, folder / "c.md"))
    assert "<img" not in copy.html and "Image to upload" not in copy.html
    assert "[Image not shown: ../secret.png is outside the column's folder]" in copy.html
    assert "After." in copy.html
    assert any("secret.png" in warning for warning in copy.warnings)


def test_a_column_with_review_marks_is_refused_before_anything_is_written(
    column_dir: Path,
) -> None:
    source = column_dir / "column.md"
    source.write_text("# T\n\nGood {++care++}.\n", encoding="utf-8")
    with pytest.raises(UnresolvedMarksError):
        export(column_dir)
    assert not (column_dir / "column.medium.html").exists()


def test_a_drafts_review_marks_are_refused_in_the_copy_and_said() -> None:
    copy = medium_copy(Column("# T\n\nGood {++great ++}{~~care~>help~~}{>>KB: check<<}.\n"))
    assert copy.html == "<p>Good care.</p>"
    assert copy.changes[-1].startswith("3 review marks were refused")


def test_title_and_subtitle_come_from_the_front_matter() -> None:
    copy = medium_copy(Column("---\ntitle: Winter\nsubtitle: A hard season\n---\n\n## Beds\n"))
    assert (copy.title, copy.subtitle, copy.html) == ("Winter", "A hard season", "<h3>Beds</h3>")
    assert copy.changes == []


def test_the_cli_prints_each_change_on_stderr(
    column_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(column_dir / "column.md"), "--format", "medium"]) == 0
    err = capsys.readouterr().err
    assert "changed: A table (Trust, Rating) became a list, one item per row" in err
    assert (column_dir / "column.medium.html").is_file()


def test_definition_lists_and_list_items_of_several_paragraphs_stay_readable() -> None:
    copy = medium_copy(Column(
        "# T\n\n<dl><dt>Term</dt><dd>Meaning</dd></dl>\n\n- First\n\n    More of it\n\n- Next\n"))
    assert copy.html.startswith("<p><strong>Term</strong></p>\n<p>Meaning</p>\n"
                                "<ul><li>First<br>More of it</li>")


def test_a_draft_starts_with_a_draft_note_and_says_so(tmp_path: Path) -> None:
    from columnist.export import EXPORTERS

    out = tmp_path / "c.medium.html"
    result = EXPORTERS["medium"].export(Column("# Winter\n\nBeds {++full++}.\n", tmp_path / "c.md"),
                                        ExportOptions(out, draft=True))
    assert out.read_text("utf-8") == (
        "<p><strong>Draft</strong> — not approved for publication. Exported anyway; do not "
        "publish this copy.</p>\n<p>Beds .</p>\n")
    assert result.changes[-1].startswith("The copy starts with a Draft note")
    assert (tmp_path / "c.medium.txt").read_text("utf-8").startswith(
        "Winter\n\nDraft — not approved for publication.")
