"""The `columnist` command itself: version, the no-display message, where data lives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from columnist import __version__
from columnist.document.journal import Journal


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "columnist", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_version_prints_the_package_version():
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"columnist {__version__}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland check is Linux's")
def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["COLUMNIST_DATA_DIR"] = str(tmp_path)
    result = _run(env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display found" in lines[0]
    assert "xvfb-run columnist" in lines[0]
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "Traceback" not in result.stderr


def _journal_in(directory: Path, text: str) -> None:
    Journal(directory / "journal").write("untitled-cli-test", text, None)


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_option_before_or_after_the_command(tmp_path: Path, where: str):
    chosen = tmp_path / "chosen"
    _journal_in(chosen, "Text kept in the chosen data dir")
    option = ["--data-dir", str(chosen)]
    command = ["recover", "--list", "--json"]
    args = option + command if where == "before" else command + option
    result = _run(*args)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["words"] for e in entries] == [7]  # "Text kept in the chosen data dir"


def test_environment_variable_chooses_the_data_dir(tmp_path: Path):
    chosen = tmp_path / "from-env"
    _journal_in(chosen, "From the environment")
    env = dict(os.environ, COLUMNIST_DATA_DIR=str(chosen))
    result = _run("recover", "--print", "untitled-cli-test", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "From the environment"


def test_option_wins_over_the_environment_variable(tmp_path: Path):
    _journal_in(tmp_path / "env", "in env dir")
    _journal_in(tmp_path / "opt", "in option dir")
    env = dict(os.environ, COLUMNIST_DATA_DIR=str(tmp_path / "env"))
    result = _run("--data-dir", str(tmp_path / "opt"), "recover", "--print", "untitled-cli-test",
                  env=env)
    assert result.stdout == "in option dir"
