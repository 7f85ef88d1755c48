"""The values of a column's front matter: its YAML read safely, or the error and its line.

The reading half of the front matter (the grammar of where the block is lives in
`markdown.front_matter`, which the highlighter loads before the first paint, so YAML is
imported here, not there). `yaml.safe_load` only: a file can never run code. Malformed
YAML is reported with the line it names, counted in the whole file, and the text is kept
exactly as it is. Writing fields back byte-exactly is `document.front_matter.set_fields`.

    >>> front, body = split_front_matter("---\\ntitle: Good news\\n---\\nBody\\n")
    >>> front.data, front.error, body
    ({'title': 'Good news'}, None, 'Body\\n')
    >>> split_front_matter("---\\ntitle: [unclosed\\n---\\n")[0].error_line
    3
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from columnist.markdown.front_matter import locate_front_matter

FIELDS = ("title", "subtitle", "author", "date", "status", "tags")
STATUSES = ("draft", "in review", "approved", "published")

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


@dataclass
class FrontMatter:
    """The parsed front-matter block of a text.

    `data` is what `yaml.safe_load` gave (dates come back as `datetime.date`), or `{}` when
    the YAML is malformed, in which case `error` says where ("line 3: …", counted in the
    whole file, 1-based) and the text is kept exactly as it is.
    """

    data: dict[str, Any]
    error: str | None
    end_line: int  # 0-based index of the closing '---' line
    body_offset: int  # character offset where the body starts (after the closing line)
    start_offset: int = 0  # 1 when the text starts with a BOM character
    error_line: int | None = None  # the 1-based line `error` names, when it names one


def _strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


def _describe_yaml_error(exc: yaml.YAMLError, lines: list[str]) -> tuple[str, int | None]:
    """('line N: problem ("the line")', N) with N counted in the whole file (1-based)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return f"the front matter is not valid YAML: {problem}", None
    file_line = mark.line + 2  # +1 for the opening '---', +1 for 1-based counting
    block_index = mark.line + 1
    shown = _strip_eol(lines[block_index]).strip() if block_index < len(lines) else ""
    suffix = f' ("{shown}")' if shown else ""
    return f"line {file_line}: {problem}{suffix}", file_line


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Split `text` into (front matter, body); (None, text) when there is no block.

    A block is a first line `---` and a later line `---` (or `...`). Malformed YAML still
    counts as a block (with `error` set) so that the body is never mistaken for it.
    """
    block = locate_front_matter(text)
    if block is None:
        return None, text
    lines, close, body_offset = list(block.lines), block.close_index, block.body_offset
    source = "".join(lines[1:close])
    data: dict[str, Any] = {}
    error: str | None = None
    error_line: int | None = None
    try:
        loaded = yaml.load(source, Loader=_SAFE_LOADER) if source.strip() else {}
    except yaml.YAMLError as exc:
        error, error_line = _describe_yaml_error(exc, lines)
    else:
        if isinstance(loaded, dict):
            data = {str(k): v for k, v in loaded.items()}
        elif loaded is not None:
            error, error_line = "line 2: the front matter must be `key: value` lines", 2
    fm = FrontMatter(data, error, close, body_offset, block.start, error_line)
    return fm, text[body_offset:]
