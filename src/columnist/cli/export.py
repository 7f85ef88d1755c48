"""`columnist export FILE [--format html] [-o OUT]`: the GUI's export, from a shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("html",)


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
    p.add_argument("--format", choices=FORMATS, default="html", help="output format (html)")
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
    from columnist.export.html import ExportError, export_html

    source = Path(args.file)
    out = Path(args.output) if args.output else source.with_suffix(".html")
    if out.is_dir():
        out = out / source.with_suffix(".html").name
    try:
        text = _read(source)
    except ValueError as exc:
        print(f"columnist export: {exc}", file=sys.stderr)
        return 1
    try:
        report = export_html(text, source, out)
    except ExportError as exc:
        print(f"columnist export: {source} was not exported.\n{exc.message}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"columnist export: warning: {warning}", file=sys.stderr)
    for image in report.images_copied:
        print(f"copied image {image}")
    print(f"wrote {report.out_path}")
    return 0
