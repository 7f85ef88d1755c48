"""`columnist --smoke-test`: what CI and a person checking an install see."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from columnist.smoke_test import SmokeRun, StepFailed, comparable, sample_title

ROOT = Path(__file__).resolve().parents[1]


def run_columnist(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "columnist", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_smoke_test_passes_and_creates_the_cache_in_the_given_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("COLUMNIST_DATA_DIR", None)
    result = run_columnist("--data-dir", str(data), "--smoke-test", env=env)

    lines = result.stdout.strip().splitlines()
    steps = [line for line in lines if line.startswith(("ok ", "FAIL "))]
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line[:5] for line in steps] == ["ok   "] * len(steps)
    assert any("open window on the sample column" in line for line in steps)
    assert any("search the rating cache" in line and "RA7" in line for line in steps)
    assert lines[-1].startswith("smoke test passed")
    # First start on a clean account made the rating cache where it was told to.
    assert (data / "ratings.db").is_file()


def test_smoke_test_without_a_data_dir_leaves_the_user_directories_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env.pop("COLUMNIST_DATA_DIR", None)
    result = run_columnist("--smoke-test", env=env)

    assert "data dir " in result.stdout
    assert not (home / ".local" / "share" / "Columnist").exists()
    assert sorted(p.name for p in home.rglob("*") if "columnist" in p.name.lower()) == []


def test_a_failing_step_is_reported_and_later_steps_that_need_it_are_skipped() -> None:
    lines: list[str] = []
    run = SmokeRun(out=lines.append)

    def broken() -> str:
        raise StepFailed("the preview stayed empty")

    run.step("render", broken)
    run.step("search", lambda: "found", needs="db")
    run.step("export", lambda: "3 KB")

    assert lines == [
        "FAIL render: the preview stayed empty",
        "FAIL search: skipped, an earlier step failed",
        "ok   export (3 KB)",
    ]
    assert not run.passed


def test_an_unexpected_exception_names_its_type() -> None:
    lines: list[str] = []
    run = SmokeRun(out=lines.append)
    run.step("open the cache", lambda: {}["providers"])
    assert lines == ["FAIL open the cache: KeyError: 'providers'"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: King's view\nauthor: X\n---\nBody", "King's view"),
        ('---\ntitle: "Quoted: yes"\n---\n', "Quoted: yes"),
        ("No front matter\n\n# A heading\n\ntext", "A heading"),
    ],
)
def test_the_sample_title_comes_from_front_matter_or_first_heading(text: str, title: str) -> None:
    assert sample_title(text) == title


def test_titles_compare_equal_after_smart_quotes_and_entities() -> None:
    assert comparable("King’s  &amp; “St Thomas’”") == comparable("King's & \"St Thomas'\"")
