"""Finding unresolved review marks, as the export refusal and the review panel list them."""

from __future__ import annotations

from columnist.render.critic_marks import Mark, find_unresolved_marks


def test_each_kind_with_line_and_column():
    text = (
        "---\ntitle: x\n---\nA {++new++} and {--old--}.\n\n"
        "{~~this~>that~~} {>>KB: why?<<}\n{==hi==}\n"
    )
    marks = find_unresolved_marks(text)
    assert [(m.kind, m.line, m.column) for m in marks] == [
        ("insertion", 3, 2),
        ("deletion", 3, 16),
        ("substitution", 5, 0),
        ("comment", 5, 17),
        ("highlight", 6, 0),
    ]
    assert text[marks[0].start : marks[0].end] == "{++new++}"
    assert marks[3].describe() == "line 6, column 18: comment “KB: why?”"


def test_mark_spanning_lines_and_unclosed_opener():
    text = "Start {++two\nlines++} then {-- never closed\n"
    marks = find_unresolved_marks(text)
    assert marks[0] == Mark("insertion", 0, 6, 6, text.index("++}") + 3, "two\nlines")
    assert marks[1].kind == "unclosed deletion" and (marks[1].line, marks[1].column) == (1, 14)
    assert not marks[1].closed


def test_clean_text_has_no_marks():
    assert find_unresolved_marks("Plain {text} with -- dashes and ++ pluses.\n") == []
