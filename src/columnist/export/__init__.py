"""Exporting a column: one interface (`base.Exporter`), formats registered by name.

`export_column(name, column, options)` runs the steps every format shares (the publish
gate, `export.gate`; never overwriting the column itself) and then the format's exporter.
`publish_problems(column, cache_path)` is the gate's list without exporting.

>>> sorted(EXPORTERS)
['html', 'medium', 'text']
>>> EXPORTERS["html"].suffix
'.html'
"""

from __future__ import annotations

from pathlib import Path

from columnist.export.base import Column, Exporter, ExportError, ExportOptions, ExportResult
from columnist.export.gate import (
    Problem,
    PublishRefused,
    UnresolvedMarksError,
    check_publishable,
    publish_problems,
)
from columnist.export.html import HtmlExporter
from columnist.export.medium import MediumExporter
from columnist.export.text import TextExporter

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        HtmlExporter(),
        MediumExporter(),
        TextExporter(),
    )
}

__all__ = [
    "EXPORTERS",
    "Column",
    "ExportError",
    "ExportOptions",
    "ExportResult",
    "Exporter",
    "Problem",
    "PublishRefused",
    "UnresolvedMarksError",
    "check_output_path",
    "default_output",
    "export_column",
    "publish_problems",
]


def default_output(source: Path, name: str) -> Path:
    """The column's file with the format's suffix, beside it (`column.md` → `column.html`)."""
    return source.with_suffix(EXPORTERS[name].suffix)


def check_output_path(column: Column, out_path: Path) -> None:
    """Raise ExportError when writing `out_path` would overwrite the column itself."""
    out_path = Path(out_path)
    if column.source_path is not None and out_path.resolve() == column.source_path.resolve():
        raise ExportError(
            f"The export would overwrite the column itself ({out_path}); choose another name."
        )


def export_column(name: str, column: Column, options: ExportOptions) -> ExportResult:
    """Export `column` as format `name`; raise ExportError (PublishRefused when the gate
    refuses) with the sentence to show. Nothing is written when it raises before writing.
    What the gate still has to say is the result's `problems` (beside the format's
    own `warnings`)."""
    check_output_path(column, options.out_path)
    problems = check_publishable(column, options.cache_path, draft=options.draft)
    result = EXPORTERS[name].export(column, options)
    result.problems[:0] = problems
    return result
