"""`export_html` and `columnist export`: the file a reader opens, or a clear refusal."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from columnist.cli import main
from columnist.export import (
    Column,
    ExportOptions,
    ExportResult,
    UnresolvedMarksError,
    export_column,
)
from columnist.resources import sample_column_path

COLUMN = """---
title: Ratings & "re-inspection"
subtitle: Monthly column
author: Chief Inspector of Hospitals
date: 2026-11-25
---

## Good news

Read about [Bristol](https://www.cqc.org.uk/provider/RA7).

![Chart of ratings](img/chart.png)

![Remote](https://example.org/remote.png)

<script>alert(1)</script>
"""


def export_html(text: str, source: Path, out: Path) -> ExportResult:
    """The HTML export through the exporter seam (gate, then the HTML exporter)."""
    return export_column("html", Column(text, source), ExportOptions(out))


def write_column(folder: Path, text: str = COLUMN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "img").mkdir(exist_ok=True)
    (folder / "img" / "chart.png").write_bytes(b"\x89PNG fake")
    path = folder / "column.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_writes_standalone_html(tmp_path):
    source = write_column(tmp_path / "doc")
    out = tmp_path / "doc" / "column.html"
    report = export_html(COLUMN, source, out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Ratings &amp; &quot;re-inspection&quot;</title>" in page
    assert "<style>" in page and "max-width: 680px" in page
    assert '<h1 class="story-title">' in page and "Good news</h2>" in page
    assert 'href="https://www.cqc.org.uk/provider/RA7" class="trust-ref"' in page
    assert 'src="img/chart.png"' in page
    assert "<script" not in page and "alert" not in page
    assert "example.org" not in page  # no remote resource of any kind
    # Nothing the browser would fetch: no remote src, stylesheet link, @import or url().
    assert not re.search(r'src="(https?:)?//', page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert '<a name="L' not in page and "trust-badge" not in page
    assert report.out_path == out and report.images_copied == []
    assert any("remote images" in w for w in report.warnings)


def test_export_to_another_folder_copies_images(tmp_path):
    source = write_column(tmp_path / "doc")
    out = tmp_path / "published" / "story.html"
    report = export_html(COLUMN, source, out)
    assert (tmp_path / "published" / "img" / "chart.png").read_bytes() == b"\x89PNG fake"
    assert report.images_copied == [tmp_path / "published" / "img" / "chart.png"]
    assert 'src="img/chart.png"' in out.read_text(encoding="utf-8")


def test_an_image_that_cannot_be_copied_is_a_clear_refusal(tmp_path, capsys):
    source = write_column(tmp_path / "doc")
    published = tmp_path / "published"
    published.mkdir()
    (published / "img").write_text("a file where the image folder would go", encoding="utf-8")
    out = published / "story.html"
    code = main(["export", str(source), "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "Could not copy the image img/chart.png" in err and "Choose another folder" in err
    assert not out.exists()


def test_export_refuses_unresolved_marks_and_names_each(tmp_path):
    text = COLUMN.replace("Read about", "Read {++more++} about") + "\n{>>KB: check this<<}\n"
    out = tmp_path / "out.html"
    with pytest.raises(UnresolvedMarksError) as caught:
        export_html(text, tmp_path / "column.md", out)
    message = caught.value.message
    assert "2 unresolved review marks" in message
    assert "line 10, column 6: review mark: insertion “more” (accept or reject it)" in message
    assert "line 18, column 1: review mark: comment “KB: check this” (remove it)" in message
    assert "export anyway as a draft" in message
    assert not out.exists()


def test_refusal_leaves_an_earlier_export_untouched(tmp_path):
    out = tmp_path / "out.html"
    out.write_text("previous export", encoding="utf-8")
    with pytest.raises(UnresolvedMarksError):
        export_html("Text {--x--}\n", tmp_path / "c.md", out)
    assert out.read_text(encoding="utf-8") == "previous export"


def test_cli_export_default_output_beside_file(tmp_path, capsys):
    source = write_column(tmp_path)
    assert main(["export", str(source)]) == 0
    out = tmp_path / "column.html"
    assert f"wrote {out}" in capsys.readouterr().out
    assert "<title>Ratings" in out.read_text(encoding="utf-8")


def test_cli_export_with_output_option(tmp_path, capsys):
    source = write_column(tmp_path)
    target = tmp_path / "x" / "y.html"
    assert main(["export", str(source), "--format", "html", "-o", str(target)]) == 0
    assert target.is_file()


def test_cli_refuses_marks_with_exit_1(tmp_path, capsys):
    source = write_column(tmp_path, COLUMN + "\nA {~~bad~>good~~} edit.\n")
    assert main(["export", str(source)]) == 1
    err = capsys.readouterr().err
    assert "was not exported" in err
    assert f"{source}:18:3: review mark: substitution “bad~>good” (accept or reject it)" in err
    assert not (tmp_path / "column.html").exists()


def test_cli_missing_and_unreadable_files(tmp_path, capsys):
    assert main(["export", str(tmp_path / "absent.md")]) == 2
    assert "absent.md" in capsys.readouterr().err
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    assert main(["export", str(binary)]) == 2
    err = capsys.readouterr().err
    assert "columnist export:" in err and "photo.md" in err


def test_cli_export_of_the_sample_column_in_a_subprocess(tmp_path):
    out = tmp_path / "sample.html"
    proc = subprocess.run(
        [sys.executable, "-m", "columnist", "export", str(sample_column_path()), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stdout
    page = out.read_text(encoding="utf-8")
    assert "<title>What re-inspection tells us about improvement</title>" in page


def test_title_falls_back_to_first_heading_then_file_name(tmp_path):
    export_html("# Winter pressures\n\nText.\n", tmp_path / "c.md", tmp_path / "a.html")
    assert "<title>Winter pressures</title>" in (tmp_path / "a.html").read_text(encoding="utf-8")
    export_html("Just text.\n", tmp_path / "notes.md", tmp_path / "b.html")
    assert "<title>notes</title>" in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_cli_output_folder_and_refusal_to_overwrite_the_column(tmp_path, capsys):
    source = write_column(tmp_path / "doc")
    folder = tmp_path / "site"
    folder.mkdir()
    assert main(["export", str(source), "-o", str(folder)]) == 0
    assert (folder / "column.html").is_file()
    assert main(["export", str(source), "-o", str(source)]) == 2
    assert "overwrite the column itself" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == COLUMN
