"""`columnist check FILE [--json] [--max-age-years N]`: the rating-claim check, from a shell.

Prints one line per finding, as a compiler does, with its quick fixes under it:

    column.md:16:92: error: The cache has … as Good since …, not Outstanding. [claim.wrong-rating]
        fix: Change to “Good”

or, with `--json`, a list of objects (`line`, `column`, `end_line`, `end_column`,
`severity`, `code`, `message`, `fixes`, and the offsets `start`/`end`). Exit status: 1 when
any finding is an error, 0 otherwise, 2 when the command line or the file is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from columnist.review.rating_claims import DEFAULT_MAX_AGE_YEARS

NAME = "check"


def _years(value: str) -> float:
    try:
        years = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of years: {value!r}") from None
    if not years > 0:
        raise argparse.ArgumentTypeError("the age must be more than 0 years")
    return years


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `check` subcommand (the checker is imported when it runs)."""
    p = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="check the rating claims in a column against the CQC rating cache",
        description="Check what a column says about each trust's CQC rating against the "
        "local rating cache: wrong ratings, false improvements or 'kept' claims, negations, "
        "links whose text names another trust, unknown or closed trusts, names written "
        "without a link, old ratings. Exit status 1 when any finding is an error.",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md) to check")
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.add_argument(
        "--max-age-years", type=_years, default=DEFAULT_MAX_AGE_YEARS, metavar="N",
        help=f"warn about a claimed rating published more than N years (default "
        f"{DEFAULT_MAX_AGE_YEARS:g}) before the newest ratings in the cache, or before the "
        "column's date if that is earlier; a cache that is itself old for the column gets one "
        "warning per column instead of one per sentence",
    )
    p.set_defaults(func=run)


def _counts(findings: list) -> str:
    from columnist.review.findings import counts_label

    return counts_label(findings, none="no problems found")


def run(args: argparse.Namespace) -> int:
    """Check FILE; print the findings; 1 if any is an error, 2 if FILE cannot be read."""
    from columnist.document.text_file import OpenError, load_text

    source = Path(args.file)
    try:
        text = load_text(source).text
    except OpenError as exc:
        print(f"columnist check: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"columnist check: {source} could not be read ({exc.strerror or exc}).",
              file=sys.stderr)
        return 2

    from columnist.ratings.cache import open_cache
    from columnist.review.rating_claims import check_rating_claims

    handle = open_cache()
    try:
        if handle.notice:
            print(f"columnist check: {handle.notice}", file=sys.stderr)
        findings = check_rating_claims(text, handle.db, max_age_years=args.max_age_years)
    finally:
        handle.close()

    if args.json:
        json.dump([f.as_dict() for f in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print(f"{source}:{finding.line}:{finding.column}: {finding.severity}: "
                  f"{finding.message} [{finding.code}]")
            for fix in finding.fixes:
                print(f"    fix: {fix.label}")
        print(f"{source}: {_counts(findings)}")
    return 1 if any(f.is_error for f in findings) else 0
