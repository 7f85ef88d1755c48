"""Turn a returned copy into suggestions: the column's text with the reviewer's changes as
CriticMarkup, word by word, ready to accept or reject.

A reviewer often edits a copy of the column (sent by email, opened in another editor) and
sends it back. `suggest_changes(original, returned)` compares the two word by word and
writes each difference into the column's own text as a mark (`markdown.critic`'s grammar):
words only in the returned copy become `{++added++}`, words only in the column
`{--deleted--}`, a replaced run `{~~old~>new~~}`. Accepting every mark gives the returned
copy; rejecting every mark gives the column back.

    >>> differences_as_suggestions("The ward was busy.\\n", "The ward was very busy.\\n")
    'The ward was {++very ++}busy.\\n'
    >>> differences_as_suggestions("Rated good.\\n", "Rated outstanding.\\n")
    'Rated {~~good.~>outstanding.~~}\\n'

Some changes cannot be marks without breaking something, so they are *described* instead,
in one comment at the end of the text, and left as the column has them:

- the front matter (YAML: a mark inside it would stop the title and date being read);
- fenced code (text in a fence is never Markdown, so a mark there would show as text);
- existing review marks (marks do not nest), and text with braces that would close or
  open a mark early.

    >>> result = suggest_changes("---\\ntitle: Old\\n---\\nText.\\n",
    ...                          "---\\ntitle: New\\n---\\nText.\\n")
    >>> result.notes
    ['The front matter differs: title: “Old” → “New”.']
    >>> result.text.endswith("{>>Not marked as suggestions: The front matter differs: "
    ...                      "title: “Old” → “New”.<<}")
    True

A column or returned copy with a malformed mark (an unclosed `{++`) is refused with a
`CompareError` saying where, because new marks next to it could join up with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from columnist.document.history import WORD_TOKEN, word_opcodes
from columnist.markdown.critic import KINDS, SUB_ARROW, scan_marks
from columnist.markdown.fences import FENCE_LINE, fenced_spans
from columnist.markdown.front_matter import is_closing_line, locate_front_matter

_OPENER = re.compile("|".join(re.escape("{" + code) for code in KINDS))
"""Any mark's opener, from the one grammar's kinds."""


class CompareError(ValueError):
    """The texts cannot be turned into suggestions; `message` says why and where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Suggestions:
    """The column's text with the differences as marks, and what could not be marked
    (`notes`, also written as one comment at the end of `text`). `marks`: how many marks
    were made."""

    text: str
    marks: int = 0
    notes: list[str] = field(default_factory=list)


class _Token(NamedTuple):
    text: str
    kept: bool  # a fence or an existing mark: compared whole, never cut or marked


def _tokens(body: str) -> list[_Token]:
    """`body` cut into words and spaces, each fenced block and each mark one token."""
    spans = sorted(
        [*fenced_spans(body), *((m.start, m.end) for m in scan_marks(body))]
    )
    tokens: list[_Token] = []
    pos = 0
    for start, end in spans:
        if start < pos:  # a mark inside a fence: the fence already holds it
            continue
        tokens.extend(_Token(w, False) for w in WORD_TOKEN.findall(body, pos, start))
        tokens.append(_Token(body[start:end], True))
        pos = end
    tokens.extend(_Token(w, False) for w in WORD_TOKEN.findall(body, pos))
    return tokens


def _fits(content: str, closer: str) -> bool:
    """True when `content` between an opener and `closer` reads back as exactly itself:
    no opener inside it, not even one its end makes with the closer ("{~" then "~>" reads
    "{~~"), and no earlier closer (`markdown.critic` closes at the first).

    >>> _fits("{~", SUB_ARROW), _fits("{~", "--}"), _fits("a --}", "--}")
    (False, True, False)
    """
    return (not _OPENER.search(content + closer)
            and (content + closer).find(closer) == len(content))


def _mark(removed: str, added: str) -> str | None:
    """The CriticMarkup for one difference, or None when it cannot be written safely."""
    if removed and added:
        if _fits(removed, SUB_ARROW) and _fits(added, KINDS["~~"][0]):
            return f"{{~~{removed}{SUB_ARROW}{added}~~}}"
        deletion, insertion = _mark(removed, ""), _mark("", added)
        return deletion + insertion if deletion and insertion else None
    if removed:
        return f"{{--{removed}--}}" if _fits(removed, KINDS["--"][0]) else None
    return f"{{++{added}++}}" if _fits(added, KINDS["++"][0]) else None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _refuse_malformed(text: str, which: str) -> None:
    for mark in scan_marks(text):
        if mark.problem:
            article = "an" if mark.problem[0] in "aeiou" else "a"
            shown = text[mark.start : mark.start + 24].split("\n", 1)[0]
            raise CompareError(
                f"{which} has {article} {mark.problem} review mark on line "
                f"{_line_of(text, mark.start)} (“{shown}…”). Close or remove it first, so "
                "that new suggestions cannot join up with it."
            )


def _shown(value: object) -> str:
    """A front-matter value as the writer typed it: dates as 2026-11-25, lists with commas."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _front_matter_note(old: str, new: str) -> str:
    """One sentence on how two front-matter blocks differ, field by field (as the column
    model reads them)."""
    from columnist.markdown.column import parse_column

    before = parse_column(old).front_matter.values if old else {}
    after = parse_column(new).front_matter.values if new else {}
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        if before.get(key) == after.get(key):
            continue
        if key not in after:
            changes.append(f"{key} removed (was “{_shown(before[key])}”)")
        elif key not in before:
            changes.append(f"{key}: “{_shown(after[key])}” added")
        else:
            changes.append(f"{key}: “{_shown(before[key])}” → “{_shown(after[key])}”")
    described = "; ".join(changes) if changes else "its layout or comments changed"
    return f"The front matter differs: {described}."


def _comment_safe(note: str) -> str:
    """A note as comment text: no brace can open or close a mark inside it."""
    return note.replace("{", "(").replace("}", ")").replace("<<", "‹‹")


def _split_front_matter(text: str) -> tuple[str, str]:
    block = locate_front_matter(text)
    return (text[: block.body_offset], text[block.body_offset :]) if block else ("", text)


def _describe(removed: str, added: str, line: int) -> str:
    def short(words: str) -> str:
        words = " ".join(words.split())
        return f"“{words[:60]}{'…' if len(words) > 60 else ''}”"

    if "```" in removed + added or "~~~" in removed + added:
        what = "a code block"
    elif _OPENER.search(removed + added):
        what = "a review mark"
    else:
        what = "text with braces"
    if removed and added:
        return f"line {line}: {what} changes from {short(removed)} to {short(added)}"
    if removed:
        return f"line {line}: {what} is removed ({short(removed)})"
    return f"line {line}: {what} is added ({short(added)})"


_MAX_WORD_DIFF = 4000  # tokens a side: more, and a changed stretch is one replacement


def _lines(tokens: list[_Token]) -> list[list[_Token]]:
    """The tokens cut after each line break (a fence or a mark stays inside its line)."""
    lines: list[list[_Token]] = []
    line: list[_Token] = []
    for token in tokens:
        line.append(token)
        if not token.kept and "\n" in token.text:
            lines.append(line)
            line = []
    if line:
        lines.append(line)
    return lines


def _word_runs(
    a: list[_Token], b: list[_Token]
) -> list[tuple[list[_Token], list[_Token] | None]]:
    """Unchanged runs and differences, word by word: lines are matched first and words
    only within the lines that changed, which keeps a long column fast (every space is a
    token, so one word-level match of two whole columns is quadratic)."""
    a_lines, b_lines = _lines(a), _lines(b)
    runs: list[tuple[list[_Token], list[_Token] | None]] = []
    joined = ["".join(t.text for t in line) for line in a_lines]
    other = ["".join(t.text for t in line) for line in b_lines]
    for tag, i1, i2, j1, j2 in word_opcodes(joined, other):
        old = [t for line in a_lines[i1:i2] for t in line]
        if tag == "equal":
            runs.append((old, None))
            continue
        new = [t for line in b_lines[j1:j2] for t in line]
        if len(old) > _MAX_WORD_DIFF or len(new) > _MAX_WORD_DIFF:
            runs.append((old, new))
            continue
        for word_tag, k1, k2, m1, m2 in word_opcodes([t.text for t in old],
                                                     [t.text for t in new]):
            runs.append((old[k1:k2], None) if word_tag == "equal"
                        else (old[k1:k2], new[m1:m2]))
    return runs


def _joinable(run: tuple[list[_Token], list[_Token] | None]) -> bool:
    """A replacement of plain words (no fence or mark in it)."""
    removed, added = run
    return bool(removed and added) and not any(t.kept for t in (*removed, *(added or ())))


def _changes(
    a: list[_Token], b: list[_Token]
) -> list[tuple[list[_Token], list[_Token] | None]]:
    """The texts' runs in order: (tokens, None) for an unchanged run, (removed, added) for
    a difference. Replacements one space apart are joined; an addition or deletion that
    starts with a space is slid one word on when it can be ("One. {--Two. --}Three."
    rather than "One.{-- Two.--} Three."), so a mark starts at a word, as a person would
    mark it."""
    runs: list[tuple[list[_Token], list[_Token] | None]] = []
    for run in _word_runs(a, b):
        # "{~~talk about~>look at~~}", not "{~~talk~>look~~} {~~about~>at~~}": two
        # replacements with one space between them are one.
        if (
            len(runs) >= 2 and _joinable(run) and _joinable(runs[-2])
            and runs[-1][1] is None and len(runs[-1][0]) == 1
            and runs[-1][0][0].text in (" ", "\t")
        ):
            space = runs.pop()[0]
            removed, added = runs.pop()
            assert added is not None
            run = ([*removed, *space, *run[0]], [*added, *space, *run[1]])
        runs.append(run)
    for index in range(1, len(runs) - 1):
        removed, added = runs[index]
        after, after_none = runs[index + 1]
        before = runs[index - 1][0]
        if added is None or after_none is not None or runs[index - 1][1] is not None:
            continue
        if removed and added:
            continue
        chunk = removed or added
        while chunk and after and chunk[0].text == after[0].text and chunk[0].text.isspace():
            before.append(chunk[0])
            chunk = [*chunk[1:], after[0]]
            after = after[1:]
        runs[index] = (chunk, []) if removed else ([], chunk)
        runs[index + 1] = (after, None)
    return runs


def _note_separator(text: str) -> str:
    """What goes between the text and the closing note: nothing (so that rejecting the
    note gives the text back), unless the last line is a fence or closes the front matter,
    which a comment on the same line would break."""
    last = text.rsplit("\n", 1)[-1]
    if not last or not (FENCE_LINE.fullmatch(last) or is_closing_line(last)):
        return ""
    return "\n"


def suggest_changes(original: str, returned: str) -> Suggestions:
    """`original` with every difference from `returned` as a review mark (see the module).

    Raises CompareError when either text has a malformed mark.
    """
    _refuse_malformed(original, "The column")
    _refuse_malformed(returned, "The returned copy")
    head, body = _split_front_matter(original)
    returned_head, returned_body = _split_front_matter(returned)
    notes: list[str] = []
    if head != returned_head:
        notes.append(_front_matter_note(head, returned_head))

    a, b = _tokens(body), _tokens(returned_body)
    parts: list[str] = [head]
    marks = 0
    offset = len(head)
    for removed_tokens, added_tokens in _changes(a, b):
        removed = "".join(t.text for t in removed_tokens)
        if added_tokens is None:
            parts.append(removed)
            offset += len(removed)
            continue
        added = "".join(t.text for t in added_tokens)
        kept = any(t.kept for t in (*removed_tokens, *added_tokens))
        mark = None if kept else _mark(removed, added)
        if mark is None:
            notes.append(_describe(removed, added, _line_of(original, offset)))
            parts.append(removed)
        else:
            parts.append(mark)
            marks += mark.count("{")
        offset += len(removed)
    text = "".join(parts)
    if notes:
        listed = "; ".join(_comment_safe(note) for note in notes)
        text += _note_separator(text) + f"{{>>Not marked as suggestions: {listed}<<}}"
    return Suggestions(text, marks, notes)


def differences_as_suggestions(original: str, returned: str) -> str:
    """`original` with the differences from `returned` as CriticMarkup (`suggest_changes`,
    text only)."""
    return suggest_changes(original, returned).text
