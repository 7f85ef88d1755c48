"""The `columnist` command: opens the app, or runs a subcommand over the same services.

`columnist [FILE]` opens the window; `columnist recover|ratings|export|check|review|
review-copy|stats …` work without a display. Subcommand modules are imported only when named,
so opening the app pays for nothing it does not use (cold start is a measured target).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from columnist import __version__

# name -> module that provides `register(subparsers)`; each registered parser sets `func`.
SUBCOMMANDS: dict[str, str] = {
    "recover": "columnist.cli.recover",
    "ratings": "columnist.cli.ratings",
    "export": "columnist.cli.export",
    "check": "columnist.cli.check",
    "review-copy": "columnist.cli.review_copy",
    "review": "columnist.cli.review",
    "stats": "columnist.cli.stats",
}


def _global_options(suppress_defaults: bool) -> argparse.ArgumentParser:
    """Options valid before or after a subcommand (`--data-dir` everywhere)."""
    default = argparse.SUPPRESS if suppress_defaults else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where the journal, history, settings and rating cache live "
        "(default: $COLUMNIST_DATA_DIR, else the per-user data directory)",
    )
    return parent


def _first_command(argv: Sequence[str]) -> str | None:
    """The first positional word, skipping option values, or None."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token == "--data-dir":
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token
    return None


def build_parser(with_subcommands: bool) -> argparse.ArgumentParser:
    """The parser for `columnist [FILE]` or, when a subcommand is named, for subcommands."""
    parser = argparse.ArgumentParser(
        prog="columnist",
        description="Columnist: write, check and export a monthly column about NHS trusts.",
        parents=[_global_options(suppress_defaults=False)],
    )
    parser.add_argument("--version", action="version", version=f"columnist {__version__}")
    if with_subcommands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for module_name in SUBCOMMANDS.values():
            module = importlib.import_module(module_name)
            module.register(subparsers, _global_options(suppress_defaults=True))
    else:
        parser.add_argument("file", nargs="?", metavar="FILE", help="column to open")
        parser.add_argument(
            "--smoke-test",
            action="store_true",
            help="open the sample offscreen, render, search ratings, export; print one line "
            "per step; exit 0 only if every step worked",
        )
        parser.epilog = "commands: " + ", ".join(SUBCOMMANDS) + " (columnist COMMAND --help)"
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `columnist` console script and `python -m columnist`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = _first_command(args_list)
    parser = build_parser(with_subcommands=command in SUBCOMMANDS)
    args = parser.parse_args(args_list)

    from columnist import paths

    if getattr(args, "data_dir", None):
        paths.set_data_dir(args.data_dir)
        os.environ[paths.ENV_VAR] = str(paths.data_dir())

    if command in SUBCOMMANDS:
        func = getattr(args, "func", None)
        if func is None:
            parser.parse_args([command, "--help"])
            return 2
        try:
            return int(func(args) or 0)
        except KeyboardInterrupt:
            print("columnist: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0

    if getattr(args, "smoke_test", False):
        from columnist.smoke_test import run_smoke_test

        return run_smoke_test()

    from columnist.cli.gui import launch

    return launch(args.file)
