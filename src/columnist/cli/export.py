"""`columnist export FILE --to html|… [-o PATH] [--draft]`: the GUI's export, from a shell.

The formats are the registered exporters (`export.EXPORTERS`); `--format` is kept as
another name for `--to`. Exit status: 0 when the file was written (warnings on stderr),
1 when the publish gate refused the column (stderr lists each problem as
`FILE:LINE:COL: message`, as a compiler does), 2 when the command line is wrong or the
column cannot be read or the export cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

USAGE_ERROR = 2
REFUSED = 1


def _formats() -> tuple[str, ...]:
    """The export formats' names (a cheap import: the exporters render lazily)."""
    from columnist.export import EXPORTERS

    return tuple(EXPORTERS)


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `export` subcommand (heavy imports wait until it runs)."""
    formats = _formats()
    p = subparsers.add_parser(
        "export",
        parents=[parent],
        help="export a column (" + ", ".join(formats) + ")",
        description="Export a column. html: one standalone HTML file (inline CSS, nothing "
        "remote). The publish gate refuses a column with review marks, images without alt "
        "text or outside its folder, or rating claims the cache contradicts, and lists "
        "where; --draft exports anyway, marked as a draft. Exit status: 0 written, 1 "
        "refused, 2 usage or file error.",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md) to export")
    p.add_argument("--to", "--format", dest="format", choices=formats, default="html",
                   help="output format (default html; --format is the same option)")
    p.add_argument(
        "-o", "--output", metavar="PATH",
        help="file or folder to write to (default: FILE with the format's extension, beside it)",
    )
    p.add_argument("--draft", action="store_true",
                   help="export even though the gate refuses; the output is marked as a draft")
    from columnist.export.format_options import add_arguments

    add_arguments(p)  # each format's own options, declared in export.format_options
    p.set_defaults(func=run)


def _read(path: Path) -> str:
    """The column's text (as the editor would load it); ValueError carries the message."""
    from columnist.document.text_file import OpenError, load_text

    try:
        return load_text(path).text
    except OpenError as exc:
        raise ValueError(exc.message) from None
    except OSError as exc:
        raise ValueError(f"{path} could not be read ({exc.strerror or exc}).") from None


def _cache_path() -> Path | None:
    """The rating cache (built from the seed on first use), or None with a word why."""
    from columnist.ratings.cache import open_cache

    try:
        handle = open_cache()
    except Exception as exc:  # a broken cache must not stop an export; the gate says so
        print(f"columnist export: the rating cache could not be opened ({exc}); rating "
              "claims are not checked", file=sys.stderr)
        return None
    try:
        if handle.notice:
            print(f"columnist export: {handle.notice}", file=sys.stderr)
        return handle.path
    finally:
        handle.close()


def run(args: argparse.Namespace) -> int:
    """Export; print where the file went (stdout), or why not (stderr, exit 1 or 2)."""
    from columnist.export import (
        Column,
        ExportError,
        ExportOptions,
        PublishRefused,
        default_output,
        export_column,
    )

    source = Path(args.file)
    out = Path(args.output) if args.output else default_output(source, args.format)
    if out.is_dir():
        out = out / default_output(source, args.format).name
    try:
        text = _read(source)
    except ValueError as exc:
        print(f"columnist export: {exc}", file=sys.stderr)
        return USAGE_ERROR
    from columnist.export.format_options import extra_from

    options = ExportOptions(out, extra_from(args), draft=args.draft, cache_path=_cache_path())
    try:
        result = export_column(args.format, Column(text, source), options)
    except PublishRefused as exc:
        print(f"columnist export: {source} was not exported: {len(exc.problems)} "
              f"{'problem' if len(exc.problems) == 1 else 'problems'} (fix them, or "
              "export anyway with --draft):", file=sys.stderr)
        for problem in exc.problems:
            print(problem.located(source), file=sys.stderr)
        return REFUSED
    except ExportError as exc:
        print(f"columnist export: {source} was not exported.\n{exc.message}", file=sys.stderr)
        return USAGE_ERROR
    for problem in result.problems:
        label = "not fixed (draft)" if problem.is_error else "warning"
        print(f"{source}:{problem.line}:{problem.column}: {label}: {problem.message}",
              file=sys.stderr)
    for change in result.changes:
        print(f"columnist export: changed: {change}", file=sys.stderr)
    for warning in result.warnings:
        print(f"columnist export: warning: {warning}", file=sys.stderr)
    for image in result.images_copied:
        print(f"copied image {image}")
    print(f"wrote {result.out_path}" + (" (marked as a draft)" if args.draft else ""))
    return 0
