"""Exporting a column: one interface (`base.Exporter`), formats registered by name.

`export_column(name, column, options)` runs the steps every format shares (the
review-mark gate, never overwriting the column itself) and then the format's exporter.

>>> sorted(EXPORTERS)
['html']
>>> EXPORTERS["html"].suffix
'.html'
"""

from __future__ import annotations

from pathlib import Path

from columnist.export.base import Column, Exporter, ExportError, ExportOptions, ExportResult
from columnist.export.gate import UnresolvedMarksError, check_review_marks
from columnist.export.html import HtmlExporter

EXPORTERS: dict[str, Exporter] = {exporter.name: exporter for exporter in (HtmlExporter(),)}

__all__ = [
    "EXPORTERS",
    "Column",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "UnresolvedMarksError",
    "default_output",
    "export_column",
]


def default_output(source: Path, name: str) -> Path:
    """The column's file with the format's suffix, beside it (`column.md` → `column.html`)."""
    return source.with_suffix(EXPORTERS[name].suffix)


def export_column(name: str, column: Column, options: ExportOptions) -> ExportResult:
    """Export `column` as format `name`; raise ExportError (UnresolvedMarksError for review
    marks) with the sentence to show. Nothing is written when it raises before writing."""
    out_path = Path(options.out_path)
    if column.source_path is not None and out_path.resolve() == column.source_path.resolve():
        raise ExportError(
            f"The export would overwrite the column itself ({out_path}); choose another name."
        )
    check_review_marks(column)
    return EXPORTERS[name].export(column, options)
