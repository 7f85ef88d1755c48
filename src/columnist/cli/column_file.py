"""Reading the column a command was given, with the one message for a file that cannot be
read (every command that reads a column exits 2 with it).

    >>> import io, contextlib
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     read_column("stats", "/no/such/column.md") is None
    True
    >>> err.getvalue().startswith("columnist stats: ")
    True
"""

from __future__ import annotations

import sys
from pathlib import Path


def read_column(command: str, file: str | Path) -> str | None:
    """The text of `file`, or None after printing why it cannot be read to stderr."""
    from columnist.document.text_file import OpenError, load_text

    source = Path(file)
    try:
        return load_text(source).text
    except OpenError as exc:
        message = exc.message
    except OSError as exc:
        message = f"{source} could not be read ({exc.strerror or exc})."
    print(f"columnist {command}: {message}", file=sys.stderr)
    return None
