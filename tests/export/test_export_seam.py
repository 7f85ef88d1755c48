"""The exporter seam: every format passes the same gate and reports what it changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.cli import main
from columnist.export import EXPORTERS, Column, ExportOptions, ExportResult, export_column
from columnist.export.base import write_output


class _UpperExporter:
    """A format that changes the text and says so (as the Medium export will)."""

    name = "upper"
    label = "Upper case"
    suffix = ".txt"

    def __init__(self) -> None:
        self.calls = 0

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        self.calls += 1
        result = ExportResult(options.out_path, column.fallback_title)
        result.changes.append("every letter turned into a capital")
        write_output(options.out_path, column.text.upper().encode(), result)
        return result


@pytest.fixture
def upper(monkeypatch: pytest.MonkeyPatch) -> _UpperExporter:
    exporter = _UpperExporter()
    monkeypatch.setitem(EXPORTERS, exporter.name, exporter)
    return exporter


def test_a_format_is_chosen_by_name_and_its_changes_are_listed_on_stderr(
    tmp_path: Path, upper: _UpperExporter, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "column.md"
    source.write_text("Good care.\n", encoding="utf-8")
    assert main(["export", str(source), "--format", "upper"]) == 0
    assert (tmp_path / "column.txt").read_bytes() == b"GOOD CARE.\n"
    captured = capsys.readouterr()
    assert "changed: every letter turned into a capital" in captured.err
    assert f"wrote {tmp_path / 'column.txt'}" in captured.out


def test_the_review_gate_runs_before_any_format(tmp_path: Path, upper: _UpperExporter) -> None:
    out = tmp_path / "out.txt"
    with pytest.raises(Exception, match="1 unresolved review mark"):
        export_column("upper", Column("Good {++care++}.\n", tmp_path / "c.md"), ExportOptions(out))
    assert upper.calls == 0
    assert not out.exists()


def test_no_format_may_overwrite_the_column(tmp_path: Path, upper: _UpperExporter) -> None:
    source = tmp_path / "column.md"
    source.write_text("Good care.\n", encoding="utf-8")
    with pytest.raises(Exception, match="overwrite the column itself"):
        export_column("upper", Column("Good care.\n", source), ExportOptions(source))
    assert source.read_text(encoding="utf-8") == "Good care.\n"
    assert upper.calls == 0
