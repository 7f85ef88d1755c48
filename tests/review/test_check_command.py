"""`columnist check FILE [--json]` in a real process: what it prints and its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from columnist.resources import resource_path
from helpers.claim_sentences import DCH, MARSDEN


def check(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNIST_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "columnist", "check", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "column.md"
    path.write_text(f"---\ntitle: March\ndate: 2019-03-31\n---\n{body}", encoding="utf-8")
    return path


def test_a_wrong_claim_is_an_error_line_with_its_fix_and_exit_1(tmp_path, data_dir) -> None:
    path = write(tmp_path, f"{DCH} is now rated Outstanding.\n\nThe Royal Marsden is rated "
                           "Outstanding.\n")
    result = check(data_dir, path)
    assert result.returncode == 1, result.stderr
    col = 1 + f"{DCH} is now rated ".__len__()
    assert result.stdout.splitlines() == [
        f"{path}:5:{col}: error: The cache has Dorset County Hospital NHS Foundation Trust as "
        "Good since November 2018, not Outstanding. [claim.wrong-rating]",
        "    fix: Change to “Good”",
        f"{path}:7:1: info: The Royal Marsden NHS Foundation Trust is named without a link; "
        "link it to its CQC page so readers and the preview get its rating. [claim.unlinked]",
        "    fix: Link to the CQC page of The Royal Marsden NHS Foundation Trust",
        f"{path}: 1 error, 1 info",
    ]


def test_json_lists_every_finding_with_its_place_and_fixes(tmp_path, data_dir) -> None:
    path = write(tmp_path, f"{MARSDEN} kept its Outstanding rating.\n")
    result = check(data_dir, path, "--json")
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)
    assert {k: finding[k] for k in ("line", "column", "end_line", "end_column", "severity",
                                    "code", "fixes")} == {
        "line": 5, "column": len(MARSDEN) + 2, "end_line": 5, "end_column": len(MARSDEN) + 6,
        "severity": "error", "code": "claim.wrong-change", "fixes": []}
    assert finding["message"].startswith("The cache has The Royal Marsden NHS Foundation Trust "
                                         "moving up from Good to Outstanding")


def test_the_sample_column_passes_with_exit_0(data_dir) -> None:
    result = check(data_dir, resource_path("sample-column.md"), "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [f["code"] for f in found if f["code"].startswith("claim.")] == [
        "claim.old-data", "claim.unverifiable"]
    # The writing checks ran too, as warnings: long sentences and passives in the sample.
    writing = {f["code"] for f in found if not f["code"].startswith("claim.")}
    assert {"plain.long-sentence", "plain.passive"} <= writing
    assert {f["severity"] for f in found} <= {"warning", "info"}


def test_no_writing_checks_runs_the_claims_alone(data_dir) -> None:
    result = check(data_dir, resource_path("sample-column.md"), "--json",
                   "--no-writing-checks")
    assert result.returncode == 0, result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["claim.old-data",
                                                               "claim.unverifiable"]


def test_writing_findings_are_printed_with_their_fixes(tmp_path, data_dir) -> None:
    path = write(tmp_path, "We will utilise the ward on 25/11/2026.\n")
    result = check(data_dir, path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        f"{path}:5:9: info: GOV.UK advises against “utilise”: try “use”. [plain.avoid]",
        "    fix: Change to “use”",
        f"{path}:5:29: warning: House style for dates is day, month in full, year: write "
        "“25 November 2026” (not “25/11/2026”). [style.date]",
        "    fix: Change to “25 November 2026”",
    ]
    assert lines[-1] == f"{path}: 1 warning, 1 info"


def test_an_image_without_alt_text_is_an_error_as_at_export(tmp_path, data_dir) -> None:
    path = write(tmp_path, "![](ward.jpg)\n")
    result = check(data_dir, path, "--json")
    assert result.returncode == 1
    assert [(f["code"], f["severity"]) for f in json.loads(result.stdout)] == [
        ("links.image-alt", "error")]
    quiet = check(data_dir, path, "--no-writing-checks")
    assert quiet.returncode == 0, quiet.stdout


def test_strict_makes_only_spelling_findings_errors() -> None:
    from columnist.cli.check import strict
    from columnist.markdown.lines import LineIndex
    from columnist.review.findings import Finding, Severity

    index = LineIndex("Recieve the the ward.")
    spelling = Finding.at(index, 0, 7, Severity.WARNING, "spelling.unknown", "Recieve?")
    repeated = Finding.at(index, 8, 15, Severity.WARNING, "plain.repeated-word", "Twice.")
    made = strict([spelling, repeated])
    assert [(f.code, f.severity) for f in made] == [
        ("spelling.unknown", Severity.ERROR), ("plain.repeated-word", Severity.WARNING)]


def test_strict_leaves_writing_warnings_as_warnings(data_dir) -> None:
    result = check(data_dir, resource_path("sample-column.md"), "--strict")
    assert result.returncode == 0, result.stdout


def test_a_missing_file_or_a_bad_option_is_exit_2(tmp_path, data_dir) -> None:
    missing = check(data_dir, tmp_path / "nowhere.md")
    assert missing.returncode == 2
    assert "nowhere.md" in missing.stderr and missing.stdout == ""
    bad = check(data_dir, write(tmp_path, "Text.\n"), "--max-age-years", "soon")
    assert bad.returncode == 2
    assert "--max-age-years: not a number of years: 'soon'" in bad.stderr
