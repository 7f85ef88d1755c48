"""The review copy PDF: produced, its text extracts (pypdf) with the marks shown and the
comments as numbered notes, and `columnist review-copy` in a real process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from columnist.export.base import Column, ExportError
from columnist.export.review_copy import export_review_copy, review_copy_content

COLUMN = (
    "---\ntitle: Improving ratings despite the pressure\n"
    "author: Chief Inspector of Hospitals\ndate: 2026-11-25\nstatus: in review\n---\n\n"
    "## Winter\n\n"
    "The trust was rated {~~good~>outstanding~~} last year, and {++many ++}staff told us "
    "the wards were {--very --}busy.\n\n"
    "We saw {==real improvement==}{>>KB: Which wards? Say so.<<} in the emergency "
    "department.{>>AB: Add the date of the inspection.<<}\n\n"
    "Unclosed {++ is printed as written.\n"
)
MADE_ON = dt.date(2026, 12, 4)


def pdf_text(path: Path) -> str:
    """The PDF's text as a reader would copy it: words separated by single spaces."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_the_pdf_shows_the_marks_and_lists_comments_as_numbered_notes(qapp, tmp_path: Path):
    source = tmp_path / "column.md"
    source.write_text(COLUMN, encoding="utf-8")
    out = tmp_path / "review.pdf"
    result = export_review_copy(Column(COLUMN, source), out, MADE_ON)
    assert result.written == [out]
    assert out.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(out)
    assert reader.metadata.title == "Improving ratings despite the pressure"
    assert reader.metadata.author == "Chief Inspector of Hospitals"
    text = pdf_text(out)
    assert "Review copy — 4 December 2026" in text
    assert "Status: in review" in text and "Page 1 of 1" in text
    assert "rated [\u2212good] [+outstanding] last year" in text
    assert "[+many ] staff told us the wards were [\u2212very ] busy." in text
    assert "We saw real improvement [1] in the emergency department. [2]" in text
    assert "Comments [1] KB: Which wards? Say so. — on “real improvement” " in text
    assert "[2] AB: Add the date of the inspection." in text
    # A malformed mark is printed as written, and the export says where it is.
    assert "Unclosed ⚠ {++ is printed as written." in text and "[3]" not in text
    assert result.warnings == [
        "Line 14: a review mark that is unclosed is printed as plain text."]


def test_marks_are_told_apart_without_colour(qapp) -> None:
    content = review_copy_content(Column(COLUMN), MADE_ON)
    html = content.html
    assert '<span class="critic-ins">[+many ]</span>' in html
    assert '<span class="critic-del">[\u2212very ]</span>' in html
    assert '<span class="critic-mark">real improvement</span><sup class="note">[1]</sup>' in html
    assert [(n.number, n.author, n.highlighted) for n in content.notes] == [
        (1, "KB", "real improvement"), (2, "AB", "")]


def test_a_long_column_runs_over_pages_each_with_its_header(qapp, tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {n} about the ward and the staff who run it." for n in
                       range(120))
    out = tmp_path / "long.pdf"
    export_review_copy(Column(f"---\ntitle: Long\n---\n\n{body}\n"), out, MADE_ON)
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert pages > 2
    for number, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert "Review copy — 4 December 2026" in text and f"Page {number} of {pages}" in text
    assert "Paragraph 119 about the ward" in pdf_text(out)


def test_it_never_overwrites_the_column(qapp, tmp_path: Path) -> None:
    source = tmp_path / "column.md"
    source.write_text(COLUMN, encoding="utf-8")
    with pytest.raises(ExportError, match="overwrite the column itself"):
        export_review_copy(Column(COLUMN, source), source, MADE_ON)
    assert source.read_text(encoding="utf-8") == COLUMN


def review_copy(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNIST_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "columnist", "review-copy", *map(str, args)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )


def test_the_command_writes_the_pdf_and_exits_0(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "column.md"
    source.write_text(COLUMN, encoding="utf-8")
    out = tmp_path / "for-kb.pdf"
    result = review_copy(data_dir, source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}\n"
    text = pdf_text(out)
    assert "[1] KB: Which wards? Say so." in text and "rated [\u2212good] [+outstanding]" in text


def test_the_command_defaults_to_the_column_name_beside_it(tmp_path, data_dir) -> None:
    source = tmp_path / "march.md"
    source.write_text("Plain text.\n", encoding="utf-8")
    result = review_copy(data_dir, source)
    assert result.returncode == 0, result.stderr
    assert "Plain text." in pdf_text(tmp_path / "march.pdf")


def test_the_command_explains_bad_input_and_exits_2(tmp_path, data_dir) -> None:
    missing = review_copy(data_dir, tmp_path / "nowhere.md", "-o", tmp_path / "x.pdf")
    assert missing.returncode == 2
    assert "nowhere.md" in missing.stderr and "not found" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()
    binary = tmp_path / "scan.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    refused = review_copy(data_dir, binary, "-o", tmp_path / "y.pdf")
    assert refused.returncode == 2 and "columnist review-copy:" in refused.stderr
    source = tmp_path / "column.md"
    source.write_text(COLUMN, encoding="utf-8")
    itself = review_copy(data_dir, source, "-o", source)
    assert itself.returncode == 2 and "overwrite the column itself" in itself.stderr
    assert source.read_text(encoding="utf-8") == COLUMN


def test_pictures_are_printed_and_a_wide_one_keeps_its_shape(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from columnist.export.review_copy import review_copy_page_image

    picture = QImage(2400, 800, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3366aa"))
    assert picture.save(str(tmp_path / "wide.png"))
    text = "---\ntitle: Wide\n---\n\nBefore.\n\n![A wide picture](wide.png)\n\nAfter.\n"
    source = tmp_path / "wide.md"
    out = tmp_path / "wide.pdf"
    export_review_copy(Column(text, source), out, MADE_ON)
    xobjects = PdfReader(out).pages[0]["/Resources"]["/XObject"]
    assert [x.get_object()["/Subtype"] for x in xobjects.values()] == ["/Image"]
    page = review_copy_page_image(review_copy_content(Column(text, source), MADE_ON),
                                  base_dir=tmp_path)
    blue = QColor("#3366aa").rgb()
    xs = [x for x in range(0, page.width(), 4) if page.pixel(x, page.height() // 4) == blue]
    column = xs[len(xs) // 2]
    ys = [y for y in range(0, page.height(), 2) if page.pixel(column, y) == blue]
    width, height = xs[-1] - xs[0], ys[-1] - ys[0]
    assert width < page.width() and abs(width / height - 3) < 0.1
