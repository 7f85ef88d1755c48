"""`columnist recover`: get unsaved text back from the recovery journal without the app.

    columnist recover --list [--json]     what can be recovered (document or untitled id)
    columnist recover --print PATH_OR_ID  the text, exactly, on standard output
    columnist recover --discard PATH_OR_ID

It reads the same journal the app writes (in `--data-dir` / `$COLUMNIST_DATA_DIR` when
given), so after a crash the text can be rescued even where no display is available:
`columnist recover --print notes.md > notes-rescued.md`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from columnist.document.journal import Journal, JournalEntry


def register(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    """Add the `recover` subcommand."""
    p = subparsers.add_parser(
        "recover",
        parents=[parent],
        help="list, print or discard unsaved text kept by the recovery journal",
        description="Unsaved text is journalled while you type; after a crash it can be "
        "listed and printed here (the app also offers it on the next start).",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="list recoverable texts (the default)")
    action.add_argument(
        "--print",
        metavar="PATH_OR_ID",
        dest="print_target",
        help="print one recoverable text exactly (its document path, or its ID from --list)",
    )
    action.add_argument(
        "--discard",
        metavar="PATH_OR_ID",
        help="delete one recoverable text for good",
    )
    p.add_argument("--json", action="store_true", help="with --list: machine-readable JSON")
    p.set_defaults(func=run)


def _local_time(entry: JournalEntry) -> str:
    return entry.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _as_json(entry: JournalEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "path": str(entry.path) if entry.path is not None else None,
        "untitled": entry.path is None,
        "saved_at": entry.saved_at.isoformat(),
        "words": entry.words,
        "characters": len(entry.text),
    }


def _report_corrupt(journal: Journal) -> None:
    for file in journal.unreadable_files:
        print(
            f"columnist recover: {file} could not be read (check its permissions); it may "
            "hold unsaved text and was left where it is.",
            file=sys.stderr,
        )
    if journal.corrupt_files:
        count = len(journal.corrupt_files)
        where = journal.corrupt_files[0].parent
        print(
            f"columnist recover: {count} damaged journal file{'s' if count != 1 else ''} "
            f"could not be read and {'were' if count != 1 else 'was'} moved to {where} "
            "(nothing was deleted).",
            file=sys.stderr,
        )


def _not_found(target: str) -> int:
    print(
        f"columnist recover: there is no unsaved text for “{target}”. "
        "Run `columnist recover --list` to see what can be recovered.",
        file=sys.stderr,
    )
    return 1


def _print_list(entries: list[JournalEntry], as_json: bool) -> None:
    if as_json:
        print(json.dumps([_as_json(e) for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        print("No unsaved text to recover.")
        return
    rows = [
        (_local_time(e), str(e.words), e.key, str(e.path) if e.path else "(untitled)")
        for e in entries
    ]
    headers = ("SAVED", "WORDS", "ID", "DOCUMENT")
    widths = [max(len(headers[i]), *(len(r[i]) for r in rows)) for i in range(3)]
    for when, words, key, document in [headers, *rows]:
        print(f"{when:<{widths[0]}}  {words:>{widths[1]}}  {key:<{widths[2]}}  {document}")
    print("\nPrint one with: columnist recover --print ID_OR_PATH > rescued.md")


def run(args: argparse.Namespace) -> int:
    """Run `columnist recover`; returns the exit status."""
    from columnist.document.journal import Journal

    try:
        journal = Journal()
    except OSError as exc:
        print(
            f"columnist recover: the data folder cannot be used ({exc}). "
            "Check --data-dir / COLUMNIST_DATA_DIR.",
            file=sys.stderr,
        )
        return 1

    if args.print_target is not None:
        entry = journal.find(args.print_target)
        _report_corrupt(journal)
        if entry is None:
            return _not_found(args.print_target)
        out = sys.stdout
        out.flush()
        out.buffer.write(entry.text.encode("utf-8", "surrogatepass"))
        out.buffer.flush()
        return 0

    if args.discard is not None:
        entry = journal.find(args.discard)
        _report_corrupt(journal)
        if entry is None:
            return _not_found(args.discard)
        try:
            journal.remove(entry.key)
        except OSError as exc:
            print(
                f"columnist recover: the unsaved text of {entry.label} could not be discarded "
                f"({exc.strerror or exc}); it is still in {journal.directory}.",
                file=sys.stderr,
            )
            return 1
        print(f"Discarded the unsaved text of {entry.label} ({entry.words} words).")
        return 0

    entries = journal.entries()
    _report_corrupt(journal)
    _print_list(entries, args.json)
    return 0
