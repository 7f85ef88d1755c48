"""`columnist review-copy FILE -o OUT.pdf`: the printable review copy, from a shell.

The same PDF as File ▸ Export Review Copy (PDF)… (`export.review_copy`): the column with
its review marks shown and its comments as numbered notes. Written atomically, so an
earlier OUT.pdf stays whole if anything fails. Exit status 0 when written, 2 when the
command line, the column or the output is wrong (the message says which).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "review-copy"


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `review-copy` subcommand (Qt is imported only when it runs)."""
    p = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="make a printable PDF of a column with its review marks and comments",
        description="Write a PDF of the column for a reviewer who reads on paper: added "
        "text underlined, removed text struck through, highlights shaded, comments numbered "
        "and listed at the end; title, author, status and 'Review copy — DATE' on every "
        "page. Exit status 0 when written, 2 when the column or the output is wrong.",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md) to print")
    p.add_argument(
        "-o", "--output", metavar="OUT.pdf",
        help="where to write the PDF (default: FILE with .pdf, beside it; a folder: "
        "FILE's name with .pdf in it)",
    )
    p.set_defaults(func=run)


def _err(message: str) -> int:
    print(f"columnist {NAME}: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Write the review copy; print where it went, or what is wrong (exit 2)."""
    from columnist.document.text_file import OpenError, load_text
    from columnist.export.base import Column, ExportError
    from columnist.export.review_copy import SUFFIX, export_review_copy

    source = Path(args.file)
    out = Path(args.output) if args.output else source.with_suffix(SUFFIX)
    if out.is_dir():
        out = out / source.with_suffix(SUFFIX).name
    try:
        text = load_text(source).text
    except OpenError as exc:
        return _err(exc.message)
    except OSError as exc:
        return _err(f"{source} could not be read ({exc.strerror or exc}).")
    try:
        result = export_review_copy(Column(text, source), out)
    except ExportError as exc:
        return _err(f"{source}: no review copy was written. {exc.message}")
    for warning in result.warnings:
        print(f"columnist {NAME}: warning: {warning}", file=sys.stderr)
    print(f"wrote {result.out_path}")
    return 0
