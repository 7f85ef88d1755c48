"""The standalone HTML page, read by a real HTML5 parser (html5lib, the browsers' algorithm):
its metadata, its headings, footnotes and images, the options, and the same bytes every time."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from columnist.export import Column, ExportOptions, export_column
from columnist.ratings.cache import open_cache

DATA = Path(__file__).parent / "data"
EVERY_FEATURE = DATA / "every-feature.md"


def parse(path: Path) -> Element:
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text_of(element: Element) -> str:
    """The element's text as a reader sees it (runs of spaces and newlines as one space;
    no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", "".join(element.itertext())).strip()


@pytest.fixture(scope="module")
def cache_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    handle = open_cache(tmp_path_factory.mktemp("cache") / "ratings.db")
    handle.close()
    return handle.path


@pytest.fixture
def column_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "column"
    shutil.copytree(DATA, folder)
    return folder


def export(folder: Path, out: Path, **options) -> Path:
    source = folder / EVERY_FEATURE.name
    text = source.read_text(encoding="utf-8")
    export_column("html", Column(text, source), ExportOptions(out, **options))
    return out


def test_metadata_and_byline(column_dir: Path) -> None:
    doc = parse(export(column_dir, column_dir / "out.html"))
    assert doc.get("lang") == "en-GB"
    assert doc.find("head/meta[@charset]").get("charset") == "utf-8"
    assert doc.find("head/title").text == "Every feature of a column"
    meta = {m.get("name"): m.get("content") for m in doc.iterfind("head/meta[@name]")}
    assert meta["description"] == "A column that uses each piece of Markdown the exporters know"
    assert meta["author"] == "Chief Inspector of Hospitals"
    assert meta["dcterms.date"] == "2026-11-25"
    assert meta["keywords"] == "NHS, testing"
    assert "robots" not in meta
    byline = doc.find(".//p[@class='story-byline']")
    assert text_of(byline) == "Chief Inspector of Hospitals\u00a0·\u00a025\u00a0November\u00a02026"
    assert doc.find(".//main/article") is not None


def test_the_title_is_shown_once_and_headings_are_in_order_with_ids(column_dir: Path) -> None:
    doc = parse(export(column_dir, column_dir / "out.html"))
    headings = [el for el in doc.iter() if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert [(h.tag, text_of(h)) for h in headings] == [
        ("h1", "Every feature of a column"),
        ("h2", "Lists"),
        ("h3", "A smaller heading"),
        ("h2", "Heading set with a line"),
    ]
    assert [h.get("id") for h in headings[1:]] == ["lists", "a-smaller-heading",
                                                   "heading-set-with-a-line"]


def test_body_headings_step_down_under_the_title(tmp_path: Path) -> None:
    text = "---\ntitle: Winter\n---\n\n# Pressure\n\n## Beds\n\n# Pressure\n"
    source = tmp_path / "c.md"
    export_column("html", Column(text, source), ExportOptions(tmp_path / "o.html"))
    doc = parse(tmp_path / "o.html")
    found = [(el.tag, el.get("id")) for el in doc.iter() if el.tag in ("h1", "h2", "h3")]
    assert found == [("h1", None), ("h2", "pressure"), ("h3", "beds"), ("h2", "pressure-2")]


def test_every_internal_link_has_its_target_and_footnotes_come_back(column_dir: Path) -> None:
    doc = parse(export(column_dir, column_dir / "out.html"))
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    internal = [a.get("href")[1:] for a in doc.iter("a") if a.get("href", "").startswith("#")]
    assert internal and set(internal) <= ids
    notes = doc.find(".//div[@class='footnote']/ol")
    assert [text_of(li) for li in notes] == [
        "The inspection report, published in 2018.\u00a0↩", "A second note, with emphasis.\u00a0↩"]


def test_links_are_plain_links_and_the_rating_can_follow_them(
    column_dir: Path, cache_path: Path
) -> None:
    plain = parse(export(column_dir, column_dir / "plain.html"))
    trust = plain.find(".//a[@class='trust-ref']")
    assert trust.get("href") == "https://www.cqc.org.uk/provider/RBD"
    assert "CQC rating" not in text_of(plain.find(".//article"))
    rated = parse(export(column_dir, column_dir / "rated.html", extra={"ratings": True},
                         cache_path=cache_path))
    paragraph = next(text_of(p) for p in rated.iter("p") if "It names" in text_of(p))
    assert "Dorset County Hospital NHS Foundation Trust (CQC rating: Good, Nov 2018) and" in (
        paragraph)


def test_images_keep_their_alt_text_copied_or_embedded(column_dir: Path, tmp_path: Path) -> None:
    copied = parse(export(column_dir, tmp_path / "site" / "copied.html"))
    image = copied.find(".//img")
    assert image.get("alt") == "A ward corridor at night, lights dimmed"
    assert image.get("src") == "img/ward.png"
    assert (tmp_path / "site" / "img" / "ward.png").read_bytes() == (
        column_dir / "img" / "ward.png").read_bytes()

    out = tmp_path / "alone" / "embedded.html"
    embedded = parse(export(column_dir, out, extra={"embed_images": True}))
    src = embedded.find(".//img").get("src")
    assert src.startswith("data:image/png;base64,")
    assert base64.b64decode(src.split(",", 1)[1]) == (column_dir / "img" / "ward.png").read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["embedded.html"]  # one file


def test_an_embedded_image_that_is_not_a_picture_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("private notes", encoding="utf-8")
    text = "---\ntitle: T\nstatus: approved\n---\n\n![Notes](notes.txt)\n"
    result = export_column("html", Column(text, tmp_path / "c.md"),
                           ExportOptions(tmp_path / "o.html", extra={"embed_images": True}))
    page = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert "private notes" not in page and "cHJpdmF0ZSBub3Rlcw" not in page
    assert "[Image not shown: notes.txt]" in page
    assert any("notes.txt is not a picture a browser shows" in w for w in result.warnings)


def test_the_same_column_gives_the_same_bytes(column_dir: Path, tmp_path: Path) -> None:
    embed = {"embed_images": True}
    first = export(column_dir, tmp_path / "a" / "one.html", extra=embed).read_bytes()
    second = export(column_dir, tmp_path / "b" / "one.html", extra=embed).read_bytes()
    assert first == second


def test_the_stylesheet_has_screen_dark_and_print_rules(column_dir: Path) -> None:
    doc = parse(export(column_dir, column_dir / "out.html"))
    css = doc.find("head/style").text
    assert "@media (prefers-color-scheme: dark)" in css and "@media print" in css
    assert doc.find("head/link") is None and doc.find(".//script") is None
