"""`columnist export FILE [--format html] [-o OUT]`: the GUI's export, from a shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _formats() -> tuple[str, ...]:
    """The export formats' names (a cheap import: the exporters render lazily)."""
    from columnist.export import EXPORTERS

    return tuple(EXPORTERS)


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `export` subcommand (heavy imports wait until it runs)."""
    p = subparsers.add_parser(
        "export",
        parents=[parent],
        help="export a column as a standalone HTML file",
        description="Export a column as a standalone HTML file (inline CSS, nothing remote). "
        "Refuses a column that still has review marks, and says where they are.",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md) to export")
    p.add_argument("--format", choices=_formats(), default="html", help="output format (html)")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file or folder to write to (default: FILE with the format's extension, beside it)",
    )
    p.set_defaults(func=run)


def _read(path: Path) -> str:
    """The column's text (as the editor would load it); ValueError carries the message."""
    from columnist.document.text_file import OpenError, load_text

    try:
        return load_text(path).text
    except OpenError as exc:
        raise ValueError(exc.message) from None


def run(args: argparse.Namespace) -> int:
    """Export; print where the file went (stdout) or what is wrong (stderr, exit 1)."""
    from columnist.export import Column, ExportError, ExportOptions, default_output, export_column

    source = Path(args.file)
    out = Path(args.output) if args.output else default_output(source, args.format)
    if out.is_dir():
        out = out / default_output(source, args.format).name
    try:
        text = _read(source)
    except ValueError as exc:
        print(f"columnist export: {exc}", file=sys.stderr)
        return 1
    try:
        result = export_column(args.format, Column(text, source), ExportOptions(out))
    except ExportError as exc:
        print(f"columnist export: {source} was not exported.\n{exc.message}", file=sys.stderr)
        return 1
    for change in result.changes:
        print(f"columnist export: changed: {change}", file=sys.stderr)
    for warning in result.warnings:
        print(f"columnist export: warning: {warning}", file=sys.stderr)
    for image in result.images_copied:
        print(f"copied image {image}")
    print(f"wrote {result.out_path}")
    return 0
