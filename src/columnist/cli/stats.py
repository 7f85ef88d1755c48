"""`columnist stats FILE [--json]`: the column's statistics, from a shell.

The same figures as the app's statistics (`review.statistics`): words, characters,
sentences, paragraphs, reading time, reading age and the longest sentence with its line.
Printed as a small table, or with `--json` as one object (`words`, `characters`,
`sentences`, `paragraphs`, `reading_time_minutes`, `reading_age`, `grade`,
`longest_sentence`, `longest_sentence_words`, `longest_sentence_line`). Exit status 0,
or 2 when the command line or the file is wrong (the message says which).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from columnist.review.statistics import ColumnStatistics

NAME = "stats"


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """Add the `stats` subcommand (the statistics are imported when it runs)."""
    p = subparsers.add_parser(
        NAME,
        parents=[parent],
        help="print a column's words, sentences, reading time and reading age",
        description="Count a column as a reader reads it (front matter, markup, link "
        "addresses and review notes left out): words, characters, sentences, paragraphs, "
        "reading time at 265 words a minute, reading age (Flesch-Kincaid grade + 5) and "
        "the longest sentence. Exit status 2 when the file cannot be read.",
    )
    p.add_argument("file", metavar="FILE", help="the column (.md) to count")
    p.add_argument("--json", action="store_true", help="print the figures as a JSON object")
    p.set_defaults(func=run)


def table(stats: ColumnStatistics) -> str:
    """The figures as the command prints them, one a line.

    >>> from columnist.markdown.column import parse_column
    >>> from columnist.review.statistics import column_statistics
    >>> print(table(column_statistics(parse_column("We visited the ward."))))
    Words                4
    Characters           20
    Sentences            1
    Paragraphs           1
    Reading time         1 minute
    Reading age          6 (grade 0.7)
    Longest sentence     4 words, line 1
                         We visited the ward.
    """
    from columnist.review.statistics import statistics_rows

    rows = statistics_rows(stats)
    lines = [f"{label:<20} {value}" for label, value in rows]
    if stats.longest_sentence:
        lines += textwrap.wrap(stats.longest_sentence, width=78, initial_indent=" " * 21,
                               subsequent_indent=" " * 21)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Count FILE; print the table (or JSON); 2 if FILE cannot be read."""
    from columnist.cli.column_file import read_column

    source = Path(args.file)
    text = read_column(NAME, source)
    if text is None:
        return 2

    from columnist.markdown.column import parse_column
    from columnist.review.statistics import column_statistics

    stats = column_statistics(parse_column(text))
    if args.json:
        json.dump(stats.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(table(stats))
    return 0
