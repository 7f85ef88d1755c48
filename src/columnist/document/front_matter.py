"""The YAML front matter of a column: change fields without reformatting.

A column starts with a `---` block of `key: value` lines (DESIGN.md); reading it is
`markdown.front_matter_values` (safe-loaded YAML). Writing never re-dumps the whole block:
`set_fields` rewrites only the lines of the keys whose value really changed and leaves
every other byte alone (unknown keys, their order, comments, quoting style), because the
file belongs to the writer and a diff after changing the status should be one line.

    >>> text = "---\\ntitle: Old\\nx-custom: 1  # kept\\n---\\nBody\\n"
    >>> set_fields(text, {"title": "New: improved"})
    "---\\ntitle: 'New: improved'\\nx-custom: 1  # kept\\n---\\nBody\\n"
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

import yaml

from columnist.markdown.front_matter import locate_front_matter, misplaced_front_matter

_KEY_LINE = re.compile(
    r"""^(?:"(?P<dq>[^"]+)"|'(?P<sq>[^']+)'|(?P<plain>[^\s#:'"\-?][^:]*?|-[^\s:][^:]*?))"""
    r"""[ \t]*:(?:[ \t]|$)"""
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]")


def _strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


# --- writing -------------------------------------------------------------------------


def _loads(snippet: str) -> Any:
    try:
        return yaml.safe_load(snippet)
    except yaml.YAMLError:
        return _Unparsable


class _Unparsable:
    """Marker: a snippet that YAML cannot read (never equal to a real value)."""


def _scalar(value: str, *, in_flow: bool = False, key: str = "") -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else quoted."""
    if key == "date" and _DATE.fullmatch(value):
        return value
    if value and value == value.strip() and not _CONTROL.search(value):
        probe = f"k: [{value}]" if in_flow else f"k: {value}"
        expected = {"k": [value]} if in_flow else {"k": value}
        if _loads(probe) == expected:
            return value
    if _CONTROL.search(value) or "\n" in value:
        return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted
    return "'" + value.replace("'", "''") + "'"


def format_value(key: str, value: Any) -> str:
    """The YAML text for one field's value (tags as a flow list, dates as YYYY-MM-DD)."""
    if key == "tags" and isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if key == "date" else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        items = [
            _scalar(item, in_flow=True) if isinstance(item, str) else format_value("", item)
            for item in value
        ]
        return "[" + ", ".join(items) + "]"
    if isinstance(value, str):
        return _scalar(value, key=key)
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.strip().removesuffix("...").strip()


def _key_of(line: str) -> str | None:
    match = _KEY_LINE.match(line)
    if not match:
        return None
    return match.group("dq") or match.group("sq") or match.group("plain").strip()


def _key_spans(lines: list[str], close: int) -> dict[str, tuple[int, int]]:
    """key -> (first line, end line exclusive) for each top-level key in the block."""
    spans: dict[str, tuple[int, int]] = {}
    index = 1
    while index < close:
        key = _key_of(lines[index])
        if key is None:
            index += 1
            continue
        end = index + 1
        while end < close:
            line = _strip_eol(lines[end])
            if line.startswith((" ", "\t")) or line == "-" or line.startswith("- "):
                end += 1
                continue
            if not line.strip():  # a blank line belongs to the value if indented text follows
                ahead = end
                while ahead < close and not _strip_eol(lines[ahead]).strip():
                    ahead += 1
                if ahead < close and _strip_eol(lines[ahead]).startswith((" ", "\t")):
                    end = ahead
                    continue
            break
        spans.setdefault(key, (index, end))
        index = end
    return spans


def _trailing_comment(line: str) -> tuple[int, str] | None:
    """(column of '#', comment text) of a one-line `key: value  # comment`, else None."""
    whole = _loads(line)
    for match in re.finditer(r"[ \t]#", line):
        if _loads(line[: match.start()]) == whole:
            return match.start() + 1, line[match.start() + 1 :]
    return None


def _rewrite_line(old_lines: list[str], key: str, value_text: str, eol: str) -> str:
    first = _strip_eol(old_lines[0])
    head = first[: first.index(":") + 1]
    new = f"{head} {value_text}"
    if len(old_lines) == 1:
        comment = _trailing_comment(first)
        if comment is not None:
            column, text = comment
            new += " " * max(1, column - len(new)) + text
    return new + eol


def _is_blank_value(value: Any) -> bool:
    return value == "" or (isinstance(value, list | tuple | set) and not value)


def set_fields(text: str, changes: dict[str, Any]) -> str:
    """Apply `changes` to the front matter of `text`, touching only the changed keys' lines.

    A value of None removes the key. New keys are appended at the end of the block; a
    block is created when the text has none (but not when a block sits below blank lines
    at the top: that text is returned unchanged, and the form says why). Keys whose value
    is unchanged (as YAML reads it) are left exactly as written, so passing every field of
    a form is safe.
    """
    block = locate_front_matter(text)
    if block is None:
        if misplaced_front_matter(text) is not None:
            return text  # the writer's block is below blank lines: never add a second one
        additions = [
            f"{key}: {format_value(key, value)}\n"
            for key, value in changes.items()
            if value is not None and not _is_blank_value(value)
        ]
        if not additions:
            return text
        separator = "\n" if text and not text.startswith("\n") else ""
        return "---\n" + "".join(additions) + "---\n" + separator + text

    start, lines, close, rest = block.start, list(block.lines), block.close_index, block.body_offset
    eol = "\r\n" if lines[0].endswith("\r\n") else "\n"
    spans = _key_spans(lines, close)
    edits: list[tuple[int, int, list[str]]] = []  # (first, end, replacement lines)
    appended: list[str] = []
    for key, value in changes.items():
        span = spans.get(key)
        if span is None:
            if value is not None and not _is_blank_value(value):
                appended.append(f"{key}: {format_value(key, value)}{eol}")
            continue
        first, end = span
        if value is None:
            edits.append((first, end, []))
            continue
        old_lines = lines[first:end]
        value_text = format_value(key, value)
        old = _loads("".join(old_lines))
        new = _loads(f"{key}: {value_text}")
        if isinstance(old, dict) and isinstance(new, dict) and old.get(key) == new.get(key):
            continue
        edits.append((first, end, [_rewrite_line(old_lines, key, value_text, eol)]))
    if not edits and not appended:
        return text
    if appended:
        edits.append((close, close, appended))
    for first, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[first:end] = replacement
    return text[:start] + "".join(lines) + text[rest:]
