"""The HTML export copies only images inside the column's folder, and says which it left out.

It used to copy any readable file a column reached through `../` next to the export.
"""

from __future__ import annotations

import os
from pathlib import Path

from columnist.cli import main
from columnist.export import Column, ExportOptions, ExportResult, export_column

COLUMN = """# Images

![Chart](img/chart.png)

![Secret](../secret.txt)

<img src="../../../../../../etc/hostname" alt="host">

![Linked](img/innocent.png)

![Remote](https://example.org/remote.png)
"""


def write_column(tmp_path: Path) -> Path:
    folder = tmp_path / "column"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "chart.png").write_bytes(b"\x89PNG chart")
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    os.symlink(secret, folder / "img" / "innocent.png")
    source = folder / "column.md"
    source.write_text(COLUMN, encoding="utf-8")
    return source


def export(source: Path, out: Path) -> ExportResult:
    """Exported as a draft: the gate refuses images outside the folder
    (tests/export/test_publish_gate.py); what the exporter itself does with them is tested
    here."""
    text = source.read_text(encoding="utf-8")
    return export_column("html", Column(text, source), ExportOptions(out, draft=True))


def test_export_elsewhere_copies_only_images_inside_the_folder(tmp_path: Path) -> None:
    source = write_column(tmp_path)
    out = tmp_path / "published" / "story.html"
    result = export(source, out)
    copied = sorted(p.relative_to(out.parent).as_posix() for p in out.parent.rglob("*")
                    if p.is_file())
    assert copied == ["img/chart.png", "story.html"]
    assert result.images_copied == [out.parent / "img" / "chart.png"]
    page = out.read_text(encoding="utf-8")
    assert 'src="img/chart.png"' in page
    assert "private" not in page and "secret.txt\"" not in page and "hostname\"" not in page
    assert "[Image not shown: ../secret.txt is outside the column's folder]" in page
    assert "[Image not shown: img/innocent.png is outside the column's folder]" in page
    warnings = [w for w in result.warnings if "outside" in w]
    advice = "not exported (keep images in the column's folder or a folder inside it)"
    assert warnings == [
        f"line 5: image ../secret.txt is outside the column's folder: {advice}",
        f"line 7: image ../../../../../../etc/hostname is outside the column's folder: {advice}",
        f"line 9: image img/innocent.png is outside the column's folder: {advice}",
    ]


def test_export_beside_the_column_does_not_refer_to_files_outside(tmp_path: Path) -> None:
    source = write_column(tmp_path)
    out = source.with_suffix(".html")
    result = export(source, out)
    page = out.read_text(encoding="utf-8")
    assert 'src="img/chart.png"' in page
    assert "../secret.txt\"" not in page and "innocent.png\"" not in page
    assert sum("outside the column's folder" in w for w in result.warnings) == 3


def test_remote_images_are_left_out_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    source = write_column(tmp_path)
    result = export(source, tmp_path / "out.html")
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "example.org" not in page and "[Image not shown: Remote]" in page
    assert (
        "line 11: remote image https://example.org/remote.png was left out: remote images "
        "are not exported (the file must work offline); save it in the column's folder and "
        "link it relatively"
    ) in result.warnings


def test_cli_export_warns_on_stderr_and_still_writes(tmp_path: Path, capsys) -> None:
    source = write_column(tmp_path)
    out = tmp_path / "site" / "story.html"
    assert main(["export", str(source), "-o", str(out), "--draft"]) == 0
    err = capsys.readouterr().err
    assert "columnist export: warning: line 5: image ../secret.txt is outside the column" in err
    assert not (out.parent / "story_images").exists()
