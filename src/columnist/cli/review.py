"""`columnist review FILE --accept-all|--reject-all [--author AB] [-o OUT]`: resolve marks.

The same service as the review panel (`review.marks.resolve_all`): every well-formed
suggestion accepted (or rejected), comments removed, highlights kept as text; with
`--author`, only that reviewer's marks. Malformed marks (unclosed, nested) are left as
they are and listed, so nothing is lost.

The result goes to OUT (`-o`, atomically) or, without it, back to FILE itself; then the
bytes it replaces are first kept in the local history (File ▸ Compare with a Saved
Version shows them), and the command says so. The file's encoding and line endings are
kept. Exit status: 0 done, 1 malformed marks remain, 2 when the command line or a file is
wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "review"


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `review` subcommand."""
    p = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="accept or reject the review marks (suggestions and comments) in a column",
        description="Accept or reject every CriticMarkup suggestion in a column (or only "
        "one reviewer's) and remove the comments. Without -o the column is rewritten in "
        "place and its previous text kept in the local history. Exit status 1 when "
        "malformed marks remain (they are listed and left as they are).",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--accept-all", action="store_true", help="accept every suggestion")
    which.add_argument("--reject-all", action="store_true", help="reject every suggestion")
    p.add_argument("--author", metavar="AB",
                   help="only the marks of the reviewer with these initials")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write the result here (default: FILE itself)")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"columnist review: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Resolve the marks of FILE; see the module docstring for the exit status."""
    from columnist.document.text_file import OpenError, SaveError, encode_text, save_text
    from columnist.review.marks import malformed, resolve_all, review_marks, valid_initials

    source = Path(args.file)
    if args.author is not None and not valid_initials(args.author):
        return _fail(f"--author takes a reviewer's initials in capitals (e.g. KB), not "
                     f"{args.author!r}.")
    from columnist.document.text_file import load_text

    try:
        loaded = load_text(source)
    except OpenError as exc:
        return _fail(exc.message)
    except OSError as exc:
        return _fail(f"{source} could not be read ({exc.strerror or exc}).")

    text = loaded.text
    accept = bool(args.accept_all)
    before = [m for m in review_marks(text) if not m.problem
              and (args.author is None or m.author == args.author)]
    result = resolve_all(text, accept=accept, author=args.author)
    target = Path(args.output) if args.output else source
    try:
        if target.resolve() == source.resolve():
            from columnist.document.history import History

            if result != text:
                History().record(source.resolve(), source.read_bytes())
                print(f"columnist review: the previous text of {source} is kept in the local "
                      "history (File ▸ Compare with a Saved Version).", file=sys.stderr)
        encode_text(result, loaded.format)  # unencodable: nothing written
        save_text(target, result, loaded.format)
    except SaveError as exc:
        return _fail(exc.message)
    except OSError as exc:
        return _fail(f"{target} could not be written ({exc.strerror or exc}).")

    verb = "accepted" if accept else "rejected"
    who = f" by {args.author}" if args.author else ""
    print(f"{target}: {len(before)} mark{'s' if len(before) != 1 else ''}{who} {verb}")
    left = malformed(result)
    for mark in left:
        print(f"{target}: {mark.describe()}: malformed, left as it is; fix it by hand",
              file=sys.stderr)
    return 1 if left else 0
