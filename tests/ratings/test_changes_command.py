"""`columnist ratings changes --markdown`: the column's Markdown from the command line.

Run as a user runs it (a subprocess on a fresh data folder, so the cache is made from the
bundled 2018 → 2019 data); stdout carries the Markdown alone, so it can be appended to a
column.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TRUST = "https://www.cqc.org.uk/provider/"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("changes-data")


def changes(data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "columnist", "--data-dir", str(data), "ratings", "changes",
         *argv],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )


def test_markdown_list_of_last_month(data):
    done = changes(data, "--since", "2019-01-28", "--markdown", "--trusts-only")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 16
    assert lines[0] == (f"- [Gloucestershire Hospitals NHS Foundation Trust]({TRUST}RTE) "
                        "moved from Requires improvement to Good.")
    assert lines[4] == (f"- [Mid Essex Hospital Services NHS Trust]({TRUST}RQ8) moved from "
                        "Good to Requires improvement.")
    # How current, and the licence's attribution, go to stderr.
    assert "CQC ratings as published up to March 2019" in done.stderr
    assert "Contains CQC data © Care Quality Commission" in done.stderr


def test_sentence_style_with_kind_filter(data):
    done = changes(data, "--since", "2019-01-28", "--markdown", "--style", "sentence",
                   "--kind", "improved", "--kind", "declined")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "In the past month, four trusts improved on re-inspection: "
        f"[Gloucestershire Hospitals NHS Foundation Trust]({TRUST}RTE), "
        f"[Royal Brompton & Harefield NHS Foundation Trust]({TRUST}RT3), "
        f"[Solent NHS Trust]({TRUST}R1C) and "
        "[The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust]"
        f"({TRUST}RL1) moved from Requires improvement to Good. "
        f"[Mid Essex Hospital Services NHS Trust]({TRUST}RQ8) was rated lower on "
        "re-inspection, moving from Good to Requires improvement.\n"
    )


def test_region_filter_over_the_whole_2018_2019_history(data):
    done = changes(data, "--since", "2018-08-31", "--until", "2019-02-28", "--markdown",
                   "--style", "sentence", "--region", "North West", "--kind",
                   "improved,kept-outstanding")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Between 1 September 2018 and 28 February 2019, "
        f"[The Christie NHS Foundation Trust]({TRUST}RBV) kept its Outstanding rating, and "
        f"[North West Ambulance Service NHS Trust]({TRUST}RX7) improved on re-inspection, "
        "moving from Requires improvement to Good.\n"
    )


def test_filters_apply_to_the_plain_and_json_output_too(data):
    done = changes(data, "--since", "2019-01", "--until", "2019-01", "--region", "south east")
    assert done.returncode == 0, done.stderr
    assert "RXH    Brighton and Sussex University Hospitals NHS Trust: improved from " \
           "Inadequate to Good" in done.stdout
    assert "RQ8" not in done.stdout  # East of England

    done = changes(data, "--since", "2019-01", "--until", "2019-01", "--kind", "declined",
                   "--json")
    found = json.loads(done.stdout)
    assert [(c["id"], c["group"], c["region"]) for c in found["changes"]] == [
        ("TAJ", "declined", None), ("RQ8", "declined", "East of England")]


def test_nothing_matching_writes_nothing(data):
    done = changes(data, "--since", "2019-01-28", "--markdown", "--kind", "first")
    assert done.returncode == 0
    assert done.stdout == ""
    assert "no rating changes match" in done.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "28/01/2019", "--markdown"],
         "'28/01/2019' is not a date: use YYYY-MM-DD or YYYY-MM"),
        (["--since", "2019-01", "--region", "Wales"],
         "the cache places no provider in a region called 'Wales'; the regions it records "
         "are: East of England, London, Midlands"),
        (["--since", "2019-01", "--kind", "better"], "--kind: unknown kind 'better'"),
        (["--since", "2019-01", "--markdown", "--json"], "choose one of --json and --markdown"),
    ],
)
def test_bad_input_is_explained_with_exit_2(data, argv, message):
    done = changes(data, *argv)
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
