"""Format ▸ Bold, Italic, Link, headings, lists, quote, code and rule, as text operations.

Each operation takes the text and the selection (Python offsets `start`, `end`) and
returns one `Edit`: the span to replace, its replacement and the selection afterwards.
The editor applies it as one undo step. No Qt here, so every case is a doctest.

Each one toggles: applied where it already holds, it takes the markup away again (bold on
bold text, a second Ctrl+2 on a level-2 heading, bullets on a bulleted list). Lists,
quotes, code blocks and rules get the blank lines Python-Markdown needs around them (a
list straight after a paragraph line is not a list there).

    >>> apply(toggle_bold, "a word here", 2, 6)
    'a **word** here'
    >>> apply(toggle_bold, "a **word** here", 4, 8)
    'a word here'
    >>> apply(toggle_italic, "put it in italics", 7, 7)   # the word at the cursor
    'put it *in* italics'
    >>> apply(toggle_italic, "***both***", 3, 7)          # bold stays, italic goes
    '**both**'
    >>> apply(set_heading, "Title", 0, 0, 2), apply(set_heading, "## Title", 3, 3, 2)
    ('## Title', 'Title')
    >>> apply(toggle_bullets, "Intro\\none\\ntwo", 6, 13)
    'Intro\\n\\n- one\\n- two'
    >>> apply(toggle_link, "See the report.", 8, 14, "https://www.cqc.org.uk/provider/RA7")
    'See the [report](https://www.cqc.org.uk/provider/RA7).'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from columnist.markdown.fences import closes_fence, opening_fence
from columnist.markdown.links import scan_links
from columnist.markdown.lists import match_list_item, match_quote

_HEADING = re.compile(r"(?P<marks>#{1,6})(?:[ \t]+|$)")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_WORD = re.compile(r"[\w'’-]")
_URL = re.compile(r"(?:https?://|mailto:)\S+$", re.IGNORECASE)
# Spans on one line: **strong**, *emphasis*, `code` (the markers, then the inside).
_SPANS = {
    "**": re.compile(r"(?<!\*)(\*\*)(?=[^\s*]|\*(?!\*))(.+?)(?<=\S)\*\*"),
    "*": re.compile(r"(?<![*\\])(\*)(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)"),
    "`": re.compile(r"(?<!`)(`)(?!`)(.+?)(?<!`)`(?!`)"),
}


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `replacement`; afterwards select `selection`
    (start, end offsets in the new text)."""

    start: int
    end: int
    replacement: str
    selection: tuple[int, int]

    def apply(self, text: str) -> str:
        """The text after the edit.

        >>> Edit(0, 1, "A", (0, 1)).apply("abc")
        'Abc'
        """
        return text[: self.start] + self.replacement + text[self.end :]


def apply(operation: Callable[..., Edit], text: str, start: int, end: int, *args: object
          ) -> str:
    """`operation`'s result as text (for examples and tests)."""
    return operation(text, start, end, *args).apply(text)


# -- inline: bold, italic, code ------------------------------------------------------------


def toggle_bold(text: str, start: int, end: int) -> Edit:
    """`**` around the selection (or the word at the cursor), or taken away.

    >>> apply(toggle_bold, "two words", 0, 9), apply(toggle_bold, "**two words**", 5, 5)
    ('**two words**', 'two words')
    >>> toggle_bold("", 0, 0)   # nothing to wrap: the cursor lands between the markers
    Edit(start=0, end=0, replacement='****', selection=(2, 2))
    """
    return _toggle_inline(text, start, end, "**")


def toggle_italic(text: str, start: int, end: int) -> Edit:
    """`*` around the selection, or taken away (bold markers are left alone).

    >>> apply(toggle_italic, "an *aside*", 4, 9), apply(toggle_italic, "**strong**", 2, 8)
    ('an aside', '***strong***')
    """
    return _toggle_inline(text, start, end, "*")


def toggle_code(text: str, start: int, end: int) -> Edit:
    """Backticks around the selection (inline code), or taken away.

    >>> apply(toggle_code, "run ls now", 4, 6), apply(toggle_code, "run `ls` now", 5, 5)
    ('run `ls` now', 'run ls now')
    """
    return _toggle_inline(text, start, end, "`")


def _run(text: str, at: int, step: int, char: str) -> int:
    """How many `char` in a row from `at` going `step` (-1: to the left of `at`)."""
    count = 0
    index = at - 1 if step < 0 else at
    while 0 <= index < len(text) and text[index] == char:
        count += 1
        index += step
    return count


def _holds(run: int, marker: str) -> bool:
    """Whether a run of `run` marker characters includes `marker` (`***` is both)."""
    if marker == "**":
        return run in (2, 3)
    if marker == "*":
        return run in (1, 3)
    return run == 1


def _word_at(text: str, at: int) -> tuple[int, int]:
    start = end = at
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]):
        end += 1
    return start, end


def _toggle_inline(text: str, start: int, end: int, marker: str) -> Edit:
    start, end = min(start, end), max(start, end)
    if "\n" in text[start:end]:
        return _toggle_inline_lines(text, start, end, marker)
    char, size = marker[0], len(marker)
    if start == end:
        if text[start - size : start] == marker and text[start : start + size] == marker:
            return Edit(start - size, start + size, "", (start - size, start - size))
        start, end = _word_at(text, start)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    inner = text[start:end]
    left, right = _run(inner, 0, 1, char), _run(inner, len(inner), -1, char)
    if left < len(inner) and _holds(left, marker) and _holds(right, marker):
        body = inner[size:-size]
        return Edit(start, end, body, (start, start + len(body)))
    if _holds(_run(text, start, -1, char), marker) and _holds(_run(text, end, 1, char), marker):
        return Edit(start - size, end + size, inner, (start - size, end - size))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, start)
    for match in _SPANS[marker].finditer(text, line_start, line_end):
        open_at, close_at = match.start(2), match.end(2)
        if open_at <= start and end <= close_at:
            body = text[open_at:close_at]
            shift = size
            return Edit(open_at - size, close_at + size, body,
                        (start - shift, end - shift))
    if start == end:
        return Edit(start, end, marker * 2, (start + size, start + size))
    return Edit(start, end, f"{marker}{inner}{marker}", (start + size, end + size))


def _toggle_inline_lines(text: str, start: int, end: int, marker: str) -> Edit:
    """Markers around each line of a selection over several lines (Markdown emphasis
    never crosses a blank line), or taken from each when every line has them."""
    first, last = _line_start(text, start), _line_end(text, end)
    lines = text[first:last].split("\n")
    char, size = marker[0], len(marker)

    def content(line: str) -> tuple[str, str]:
        prefix = _block_prefix(line)
        return prefix, line[len(prefix) :].strip()

    def wrapped(body: str) -> bool:
        return (len(body) > 2 * size and _holds(_run(body, 0, 1, char), marker)
                and _holds(_run(body, len(body), -1, char), marker))

    bodies = [content(line) for line in lines]
    remove = all(wrapped(body) for _prefix, body in bodies if body)
    out = []
    for prefix, body in bodies:
        if not body:
            out.append(prefix.rstrip())
        elif remove:
            out.append(prefix + body[size:-size])
        elif wrapped(body):
            out.append(prefix + body)
        else:
            out.append(f"{prefix}{marker}{body}{marker}")
    replacement = "\n".join(out)
    return Edit(first, last, replacement, (first, first + len(replacement)))


# -- links ----------------------------------------------------------------------------------


def toggle_link(text: str, start: int, end: int, clipboard: str = "") -> Edit:
    """Make the selection (or the word at the cursor) a link's text, or unlink.

    The clipboard's text is the link's target when it is a URL; the target is selected
    either way, so typing replaces it. Inside a link, the link becomes its text again.

    >>> toggle_link("See the report.", 8, 14, "not a url")
    Edit(start=8, end=14, replacement='[report]()', selection=(17, 17))
    >>> apply(toggle_link, "See [the report](https://x.org).", 10, 10)
    'See the report.'
    >>> toggle_link("", 0, 0, "https://x.org")   # nothing selected: type the text
    Edit(start=0, end=0, replacement='[](https://x.org)', selection=(1, 1))
    """
    start, end = min(start, end), max(start, end)
    line_start, line_end = _line_start(text, start), _line_end(text, start)
    for link in scan_links(text[line_start:line_end]).links:
        link_start, link_end = link.start + line_start, link.end + line_start
        if link.kind == "inline" and not link.image and link_start <= start and end <= link_end:
            return Edit(link_start, link_end, link.label,
                        (link_start, link_start + len(link.label)))
    if start == end:
        start, end = _word_at(text, start)
    label = text[start:end]
    url = clipboard.strip() if _URL.match(clipboard.strip()) and "\n" not in clipboard.strip() \
        else ""
    replacement = f"[{label}]({url})"
    if not label:
        return Edit(start, end, replacement, (start + 1, start + 1))
    url_at = start + len(label) + 3
    return Edit(start, end, replacement, (url_at, url_at + len(url)))


# -- lines: headings, lists, quotes -----------------------------------------------------------


def set_heading(text: str, start: int, end: int, level: int) -> Edit:
    """The selected lines as headings of `level` (1–6), or body text (`level` 0, or the
    same level again).

    >>> apply(set_heading, "# Big", 0, 0, 3), apply(set_heading, "### Small", 0, 0, 0)
    ('### Big', 'Small')
    """
    first, last = _line_start(text, start), _line_end(text, max(start, end - 1))
    lines = text[first:last].split("\n")
    levels = [len(m["marks"]) if (m := _HEADING.match(line)) else 0
              for line in lines if line.strip()]
    if level and levels and all(found == level for found in levels):
        level = 0
    out = []
    for line in lines:
        match = _HEADING.match(line)
        body = line[match.end() :] if match else line
        out.append(f"{'#' * level} {body}" if level and body.strip() else body)
    return _line_edit(text, first, last, out, start, end)


def toggle_bullets(text: str, start: int, end: int) -> Edit:
    """`- ` before each selected line, replacing numbers; taken away when all have one.

    >>> apply(toggle_bullets, "1. one\\n2. two", 0, 12), apply(toggle_bullets, "- a\\n- b", 0, 6)
    ('- one\\n- two', 'a\\nb')
    """
    return _toggle_list(text, start, end, numbered=False)


def toggle_numbers(text: str, start: int, end: int) -> Edit:
    """`1. `, `2. `… before each selected line, replacing bullets; taken away when all
    are numbered.

    >>> apply(toggle_numbers, "- one\\n- two", 0, 11), apply(toggle_numbers, "1. a", 0, 0)
    ('1. one\\n2. two', 'a')
    """
    return _toggle_list(text, start, end, numbered=True)


def _toggle_list(text: str, start: int, end: int, numbered: bool) -> Edit:
    first, last = _selected_lines(text, start, end)
    lines = text[first:last].split("\n")
    items = [match_list_item(line) for line in lines]

    def is_kind(match: re.Match[str] | None) -> bool:
        return match is not None and (match["number"] is not None) == numbered

    filled = [(line, item) for line, item in zip(lines, items, strict=True) if line.strip()]
    remove = bool(filled) and all(is_kind(item) for _line, item in filled)
    out, number = [], 0
    for line, item in zip(lines, items, strict=True):
        if not line.strip():
            out.append(line)
            continue
        indent = item["indent"] if item else ""
        body = line[item.end() :] if item else line.lstrip()
        if item and item["task"] and not remove:  # a task box stays with its item
            body = item["task"] + body
        if remove:
            out.append(indent + body)
        else:
            number += 1
            out.append(f"{indent}{number}. {body}" if numbered else f"{indent}- {body}")
    return _block_edit(text, first, last, out, start, end, spaced=not remove,
                       joins=lambda line: match_list_item(line) is not None)


def toggle_quote(text: str, start: int, end: int) -> Edit:
    """`> ` before each selected line (blank lines inside become `>`), or one level of
    quote taken away when every line is quoted.

    >>> apply(toggle_quote, "one\\n\\ntwo", 0, 8), apply(toggle_quote, "> one\\n>\\n> two", 0, 13)
    ('> one\\n>\\n> two', 'one\\n\\ntwo')
    """
    first, last = _selected_lines(text, start, end)
    lines = text[first:last].split("\n")
    remove = all(match_quote(line) for line in lines)
    if remove:
        out = [re.sub(r"^([ \t]*)>[ \t]?", r"\1", line, count=1) for line in lines]
    else:
        out = [f"> {line}" if line.strip() else ">" for line in lines]
    return _block_edit(text, first, last, out, start, end, spaced=not remove,
                       joins=lambda line: match_quote(line) is not None)


# -- blocks: code, rule -------------------------------------------------------------------------


def toggle_code_block(text: str, start: int, end: int) -> Edit:
    """The selected lines inside a ``` fence, or the fence around them taken away.

    >>> apply(toggle_code_block, "a\\nx = 1\\nb", 2, 2)
    'a\\n\\n```\\nx = 1\\n```\\n\\nb'
    >>> apply(toggle_code_block, "```\\nx = 1\\n```", 4, 4)
    'x = 1'
    """
    first, last = _selected_lines(text, start, end)
    all_lines = text.split("\n")
    top = text.count("\n", 0, first)
    bottom = top + text.count("\n", first, last)
    # Inside a fence already (or on one of its lines): take that fence away.
    fence_at = None
    for index in range(top, -1, -1):
        fence = opening_fence(all_lines[index])
        if fence is None:
            continue
        close = next((i for i in range(index + 1, len(all_lines))
                      if closes_fence(all_lines[i], fence)), None)
        if close is not None and close >= bottom:
            fence_at = (index, close)
        break
    if fence_at is not None:
        open_line, close_line = fence_at
        starts = _starts(text)
        block_start = starts[open_line]
        block_end = starts[close_line] + len(all_lines[close_line])
        inner = all_lines[open_line + 1 : close_line]
        replacement = "\n".join(inner)
        return Edit(block_start, block_end, replacement,
                    (block_start, block_start + len(replacement)))
    lines = text[first:last].split("\n")
    out = ["```", *lines, "```"]
    edit = _block_edit(text, first, last, out, start, end, spaced=True, joins=lambda _l: False)
    if not text[first:last].strip():  # an empty block: the cursor goes inside it
        at = edit.start + edit.replacement.index("```\n") + 4
        return Edit(edit.start, edit.end, edit.replacement, (at, at))
    return edit


def toggle_rule(text: str, start: int, end: int) -> Edit:
    """A horizontal rule (`---`) after the cursor's line, as a block of its own; on a
    rule, the rule taken away.

    >>> apply(toggle_rule, "One.\\nTwo.", 0, 0)
    'One.\\n\\n---\\n\\nTwo.'
    >>> apply(toggle_rule, "One.\\n\\n---\\n\\nTwo.", 7, 7)
    'One.\\n\\nTwo.'
    """
    first, last = _line_start(text, start), _line_end(text, start)
    if _RULE.match(text[first:last]):
        cut_start, cut_end = first, last
        if text[cut_end : cut_end + 2] == "\n\n" or (text[cut_end:cut_end + 1] == "\n"
                                                      and cut_end + 1 == len(text)):
            cut_end += 1
        if cut_start > 0 and text[cut_end:cut_end + 1] == "\n":
            cut_end += 1
        elif cut_start > 0:
            cut_start -= 1
        return Edit(cut_start, cut_end, "", (cut_start, cut_start))
    if not text[first:last].strip():
        return _block_edit(text, first, last, ["---"], start, start, spaced=True,
                           joins=lambda _l: False, cursor_after=True)
    return _block_edit(text, last, last, ["---"], last, last, spaced=True,
                       joins=lambda _l: False, cursor_after=True, insert=True)


# -- helpers ------------------------------------------------------------------------------------


def _starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _selected_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """(first line's start, last line's end): a selection ending at the start of a line
    does not take that line."""
    start, end = min(start, end), max(start, end)
    if end > start and text[end - 1 : end] == "\n":
        end -= 1
    return _line_start(text, start), _line_end(text, end)


def _block_prefix(line: str) -> str:
    """A line's list marker, quote marker or heading marks (kept when wrapping its text)."""
    for match in (match_list_item(line), match_quote(line), _HEADING.match(line)):
        if match is not None:
            return line[: match.end()]
    return line[: len(line) - len(line.lstrip())]


def _line_edit(text: str, first: int, last: int, out: list[str], start: int, end: int) -> Edit:
    """Replace lines [first, last) with `out`; the selection covers the changed lines
    when it covered more than the cursor, else the cursor stays at the end of its line."""
    replacement = "\n".join(out)
    if start == end:
        at = first + len(replacement.split("\n", 1)[0])
        return Edit(first, last, replacement, (at, at))
    return Edit(first, last, replacement, (first, first + len(replacement)))


def _block_edit(text: str, first: int, last: int, out: list[str], start: int, end: int,
                spaced: bool, joins: Callable[[str], bool], cursor_after: bool = False,
                insert: bool = False) -> Edit:
    """Replace lines [first, last) with `out`, with a blank line before and after it when
    `spaced` and the neighbouring line is text that would run into the block (a line
    `joins` says belongs with it, such as another list item, needs none)."""
    before = text[:first]
    after = text[last:]
    previous = before[:-1].rsplit("\n", 1)[-1] if before.endswith("\n") else ""
    following = after[1:].split("\n", 1)[0] if after.startswith("\n") else ""
    lead = trail = ""
    if insert:
        lead = "\n\n" if previous or text[:first].strip() else ""
        lead = "\n\n" if text[_line_start(text, first):first].strip() else lead
        trail = "\n" if after.startswith("\n") and following.strip() else ""
        if not after.startswith("\n") and after:
            trail = "\n\n"
    elif spaced:
        if previous.strip() and not joins(previous):
            lead = "\n"
        if following.strip() and not joins(following):
            trail = "\n"
    replacement = lead + "\n".join(out) + trail
    if cursor_after:
        at = first + len(replacement) - len(trail)
        return Edit(first, last, replacement, (at, at))
    body_start = first + len(lead)
    if start == end and not insert:
        at = body_start + len(out[0]) if len(out) == 1 else body_start
        return Edit(first, last, replacement, (at, at))
    return Edit(first, last, replacement,
                (body_start, body_start + len(replacement) - len(lead) - len(trail)))
