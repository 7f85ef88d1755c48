"""The exporter seam: what every export format gets, returns and may raise.

Each format (standalone HTML today; Medium-ready copy and plain text next) is one small
`Exporter`: a name, a file suffix and `export(column, options)`. What every format needs
done the same way is not inside any exporter: the publish gate (`export.gate`), the
refusal to overwrite the column itself, copying local images (`export.images`) and the
atomic write of each output file (`write_output`). `export.export_column` runs the shared
steps and then the exporter.

>>> column = Column("# Winter pressures\\n\\nText.\\n", Path("notes.md"))
>>> column.fallback_title
'notes'
>>> [heading.text for heading in column.model.headings]
['Winter pressures']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from columnist.export.gate import Problem
    from columnist.markdown.column import ColumnModel


class ExportError(Exception):
    """The export could not be written; `message` says what is wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Column:
    """The column being exported: its whole text (front matter included), its file, and
    its column model (read once, on first use, and shared by the gate and the exporter)."""

    text: str
    source_path: Path | None = None

    @cached_property
    def model(self) -> ColumnModel:
        """The column model of `text` (front matter, headings, marks, links, images)."""
        from columnist.markdown.column import parse_column

        return parse_column(self.text)

    @property
    def source_dir(self) -> Path | None:
        """The folder relative images are read from (None for an unsaved column)."""
        return self.source_path.parent if self.source_path is not None else None

    @property
    def fallback_title(self) -> str:
        """The file's stem: the title of a column with no title and no heading."""
        return self.source_path.stem if self.source_path is not None else "Untitled"


# What a copy exported anyway, past the publish gate, starts with, in every format (the
# HTML's banner, the Medium copy's and the plain text's first line): the word, then the rest.
DRAFT_NOTE = ("Draft", "not approved for publication. Exported anyway; do not publish this copy.")


@dataclass(frozen=True)
class ExportOptions:
    """Where the export goes, and the options every format may read.

    `draft`: the user chose to export anyway; what the gate refuses becomes a warning and
    the output is marked as a draft. `cache_path`: the rating cache the gate's rating-claim
    check reads (and the HTML export's ratings after links; None: no cache, claims not
    checked). `extra`: a format's own options by name (`export.format_options`: the HTML
    export's `embed_images` and `ratings`, the text export's `wrap`, …).
    """

    out_path: Path
    extra: Mapping[str, Any] = field(default_factory=dict)
    draft: bool = False
    cache_path: Path | None = None


@dataclass
class ExportResult:
    """What the export did: the main file written (`out_path`), every file written,
    images copied beside it, the changes the format made to the column (a Medium export
    turning a table into a list, say: never silent), warnings for the user, and what the
    publish gate still had to say (`problems`: warnings, and as a draft the errors too)."""

    out_path: Path
    title: str
    written: list[Path] = field(default_factory=list)
    images_copied: list[Path] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the gate's, with their places


class Exporter(Protocol):
    """One export format."""

    name: str  # "html": the CLI's --to value
    label: str  # "Standalone HTML": what a menu or dialog shows
    suffix: str  # ".html": the default output file's suffix

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        """Write the column; raise ExportError with a sentence when that is impossible."""
        ...


def write_output(path: Path, data: bytes, result: ExportResult) -> None:
    """Write one output file atomically (an earlier file there stays intact on failure)."""
    from columnist.document.atomic import atomic_write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Could not write {path}: {reason}. Choose another folder (-o) or free space."
        ) from exc
    result.written.append(path)
