"""Local history: the bytes each save replaced, and a readable comparison."""

from __future__ import annotations

from pathlib import Path

from columnist import paths
from columnist.document.history import History, diff_html, diff_text


def test_record_keeps_previous_bytes_newest_first(tmp_path: Path) -> None:
    history = History(tmp_path / "h")
    doc = tmp_path / "column.md"
    doc.write_bytes(b"first\r\n")
    v1 = history.record(doc, b"first\r\n")
    v2 = history.record(doc, "second caf\u00e9\n".encode())
    assert v1 is not None and v2 is not None
    versions = history.versions(doc)
    assert [v.id for v in versions] == [v2.id, v1.id]
    assert history.read_text(versions[0]) == "second café\n"
    assert history.read_text(versions[1]) == "first\n"
    assert history.read_bytes(versions[1]) == b"first\r\n"
    assert versions[1].size == 7 and versions[1].path == doc.resolve()
    assert history.documents() == [doc.resolve()]


def test_identical_consecutive_versions_are_stored_once(tmp_path: Path) -> None:
    history = History(tmp_path)
    doc = tmp_path / "column.md"
    assert history.record(doc, b"same") is not None
    assert history.record(doc, b"same") is None
    assert len(history.versions(doc)) == 1


def test_documents_have_separate_histories_and_old_versions_are_pruned(tmp_path: Path) -> None:
    history = History(tmp_path / "h", max_versions=3)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for n in range(5):
        history.record(a, f"a{n}".encode())
    history.record(b, b"b0")
    assert [history.read_text(v) for v in history.versions(a)] == ["a4", "a3", "a2"]
    assert [history.read_text(v) for v in history.versions(b)] == ["b0"]


def test_unwritable_history_never_blocks(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert History(blocker).record(tmp_path / "c.md", b"old") is None


def test_default_history_in_data_dir(data_dir: Path) -> None:
    assert History().directory == paths.history_dir()
    assert paths.history_dir().is_relative_to(data_dir)


def test_diff_html_marks_words_and_escapes_text() -> None:
    old = "Intro\nThe trust was rated good.\nSame\n<script>alert(1)</script>\n"
    new = "Intro\nThe trust was rated outstanding.\nSame\nA new closing line\n"
    page = diff_html(old, new, "Saved 25 Nov", "Current text")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "line-through" in page and "underline" in page
    # Each change also carries a text marker, so it reads without colour.
    assert "[\u2212<span" in page and ">good.</span>]" in page
    assert "[+<span" in page and ">outstanding.</span>]" in page
    assert "Saved 25 Nov" in page and "Current text" in page
    assert "2 changes" in page


def test_diff_html_folds_long_unchanged_runs() -> None:
    old = "\n".join(f"line {n}" for n in range(40)) + "\n"
    new = old.replace("line 20\n", "line twenty\n")
    page = diff_html(old, new, "a", "b")
    assert "unchanged lines" in page
    assert "line 5<" not in page and "line 19<" in page


def test_diff_html_of_equal_texts_says_so() -> None:
    assert "identical" in diff_html("a\n", "a\n", "x", "y")


def test_diff_text_is_a_unified_diff() -> None:
    out = diff_text("a\nb\n", "a\nc\n", "old.md", "new.md")
    assert out.splitlines() == ["--- old.md", "+++ new.md", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
    assert diff_text("same\n", "same\n", "x", "y") == ""


def test_history_size_is_capped_but_the_newest_version_stays(tmp_path: Path) -> None:
    history = History(tmp_path / "h", max_bytes=250)
    doc = tmp_path / "big.md"
    for n in range(4):
        history.record(doc, bytes([65 + n]) * 100)
    assert [history.read_text(v)[0] for v in history.versions(doc)] == ["D", "C"]
    history.record(doc, b"x" * 1000)  # larger than the cap on its own
    assert [v.size for v in history.versions(doc)] == [1000]


def test_diff_html_renders_struck_and_underlined_words_in_qt(qapp) -> None:
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(diff_html("rated good today\n", "rated outstanding today\n", "old", "new"))
    assert "rated [\u2212good] today" in document.toPlainText()
    formats: dict[str, tuple[bool, bool]] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            formats[fragment.text()] = (fmt.fontStrikeOut(), fmt.fontUnderline())
            it += 1
        block = block.next()
    assert formats["good"] == (True, False)
    assert formats["outstanding"] == (False, True)
    assert formats["[\u2212"] == (False, False)  # the marker is not struck through
