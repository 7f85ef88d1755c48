"""`columnist check FILE [--json] [--strict] [--no-writing-checks] [--max-age-years N]
[--rating-case CASE]`: the rating claims and the writing checks, from a shell.

Runs the rating-claim check against the cache and the writing checks (plain English, house
style, links and images, and spelling once it is a check): their findings are warnings and
suggestions, apart from an image without alt text, which the export refuses too.
`--strict` makes spelling mistakes (codes `spelling` and `spelling.…`) errors, for a
publishing pipeline that must stop on them; `--no-writing-checks` runs the claims alone.

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
from typing import TYPE_CHECKING

from columnist.review.checks import DEFAULT_MAX_AGE_YEARS, RATING_CASES

if TYPE_CHECKING:
    from columnist.markdown.column import ColumnModel
    from columnist.review.findings import Finding

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
        help="check a column's rating claims against the CQC rating cache, and its writing",
        description="Check what a column says about each trust's CQC rating against the "
        "local rating cache: wrong ratings, false improvements or 'kept' claims, negations, "
        "links whose text names another trust, unknown or closed trusts, names written "
        "without a link, old ratings. Then the writing checks: British English spelling, "
        "plain English (long "
        "sentences, words to avoid, passive voice, repeated words, reading age), house "
        "style (dates, numbers, 'NHS foundation trust', rating words, 'per cent'), links and "
        "images (link text, alt text); these are warnings and suggestions, except an image "
        "without alt text. Exit status 1 when any finding is an error.",
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
    p.add_argument("--strict", action="store_true",
                   help="treat spelling mistakes as errors (exit status 1)")
    p.add_argument("--no-writing-checks", action="store_true",
                   help="check the rating claims only (no plain English, house style, links "
                   "and images)")
    p.add_argument("--rating-case", choices=RATING_CASES, default=RATING_CASES[0],
                   help="how house style writes the rating words (default: %(default)s, "
                   "'rated Good')")
    p.set_defaults(func=run)


def is_spelling(code: str) -> bool:
    """True for a spelling finding's code (`spelling`, `spelling.unknown`, …).

    >>> is_spelling("spelling.unknown"), is_spelling("spelling"), is_spelling("style.date")
    (True, True, False)
    """
    return code == "spelling" or code.startswith("spelling.")


def strict(findings: list[Finding]) -> list[Finding]:
    """`findings` with each spelling finding made an error (`--strict`)."""
    import dataclasses

    from columnist.review.findings import Severity

    return [dataclasses.replace(f, severity=Severity.ERROR) if is_spelling(f.code) else f
            for f in findings]


def writing_findings(column: ColumnModel, args: argparse.Namespace) -> list[Finding]:
    """The findings of every writing check (each check but the claims)."""
    from columnist.review.checks import CHECKS, CheckContext, run_checks

    writing = [c.key for c in CHECKS if not c.needs_ratings]
    context = CheckContext(None, {"house_style/rating_case": args.rating_case})
    return run_checks(column, context, writing)


def _counts(findings: list[Finding]) -> str:
    from columnist.review.findings import counts_label

    return counts_label(findings, none="no problems found")


def run(args: argparse.Namespace) -> int:
    """Check FILE; print the findings; 1 if any is an error, 2 if FILE cannot be read."""
    from columnist.cli.column_file import read_column

    source = Path(args.file)
    text = read_column("check", source)
    if text is None:
        return 2

    from columnist.markdown.column import parse_column
    from columnist.ratings.cache import open_cache
    from columnist.review.findings import sort_findings
    from columnist.review.rating_claims import check_rating_claims

    column = parse_column(text)
    handle = open_cache()
    try:
        if handle.notice:
            print(f"columnist check: {handle.notice}", file=sys.stderr)
        findings = check_rating_claims(column, handle.db, max_age_years=args.max_age_years)
    finally:
        handle.close()
    if not args.no_writing_checks:
        findings = sort_findings(findings + writing_findings(column, args))
    if args.strict:
        findings = strict(findings)

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
