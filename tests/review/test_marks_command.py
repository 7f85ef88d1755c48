"""`columnist review FILE --accept-all|--reject-all [--author AB] [-o OUT]`: the bytes it
writes, what it says, its exit status, and that the original is never lost silently."""

from __future__ import annotations

from pathlib import Path

from columnist.cli import main
from columnist.document.history import History

TEXT = (
    "---\r\ntitle: March\r\n---\r\nThe {~~ward~>unit~~}{>>KB<<} was {++very ++}{>>CD<<}calm."
    "{>>CD: check<<}\r\n"
)


def column(tmp_path: Path, text: str = TEXT) -> Path:
    path = tmp_path / "column.md"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_accept_all_to_another_file_keeps_the_line_endings(tmp_path, capsys):
    path = column(tmp_path)
    out = tmp_path / "clean.md"
    assert main(["review", str(path), "--accept-all", "-o", str(out)]) == 0
    assert out.read_bytes() == b"---\r\ntitle: March\r\n---\r\nThe unit was very calm.\r\n"
    assert path.read_bytes() == TEXT.encode("utf-8")
    assert capsys.readouterr().out == f"{out}: 3 marks accepted\n"


def test_reject_by_author_in_place_keeps_the_previous_text_in_history(tmp_path, capsys):
    path = column(tmp_path)
    assert main(["review", str(path), "--reject-all", "--author", "KB"]) == 0
    assert path.read_bytes() == (
        b"---\r\ntitle: March\r\n---\r\nThe ward was {++very ++}{>>CD<<}calm.{>>CD: check<<}\r\n")
    versions = History().versions(path.resolve())
    assert [History().read_bytes(v) for v in versions] == [TEXT.encode("utf-8")]
    assert "kept in the local history" in capsys.readouterr().err


def test_malformed_marks_are_left_listed_and_exit_1(tmp_path, capsys):
    path = column(tmp_path, "Fine {++new++} but {--half\n")
    assert main(["review", str(path), "--accept-all"]) == 1
    assert path.read_text(encoding="utf-8") == "Fine new but {--half\n"
    assert "line 1: unclosed deletion" in capsys.readouterr().err


def test_bad_author_or_missing_file_is_exit_2_and_writes_nothing(tmp_path, capsys):
    path = column(tmp_path)
    assert main(["review", str(path), "--accept-all", "--author", "k.b."]) == 2
    assert "initials" in capsys.readouterr().err
    assert main(["review", str(tmp_path / "missing.md"), "--reject-all"]) == 2
    assert path.read_bytes() == TEXT.encode("utf-8")
