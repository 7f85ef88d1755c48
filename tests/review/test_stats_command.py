"""`columnist stats FILE [--json]` in a real process: the table, the JSON, exit 2 on a
file error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "published-column-example.txt"


def stats(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNIST_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "columnist", "stats", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_the_table(tmp_path, data_dir) -> None:
    path = tmp_path / "column.md"
    path.write_text("---\ntitle: March\n---\nWe visited the ward. Staff were kind.\n",
                    encoding="utf-8")
    result = stats(data_dir, path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == ["Words                7", "Characters           37",
                         "Sentences            2", "Paragraphs           1",
                         "Reading time         1 minute"]
    assert lines[5].startswith("Reading age          ")
    assert lines[6:] == ["Longest sentence     4 words, line 4",
                         "                     We visited the ward."]


def test_json_of_the_published_column(data_dir) -> None:
    result = stats(data_dir, EXAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["reading_time_minutes"] == 2 and figures["words"] > 450
    assert figures["longest_sentence_line"] > 0


def test_a_missing_file_is_exit_2_with_a_message(tmp_path, data_dir) -> None:
    result = stats(data_dir, tmp_path / "nowhere.md")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("columnist stats: ") and "nowhere.md" in result.stderr
