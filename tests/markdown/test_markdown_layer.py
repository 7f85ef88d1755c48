"""The markdown package reads source only: no Qt, no UI, no command line, and no layer
that itself reads the source (document, render, export) — so those may all build on it."""

from __future__ import annotations

import subprocess
import sys


def test_parsing_a_column_loads_no_qt_ui_cli_or_higher_layer():
    code = (
        "import sys\n"
        "from columnist.markdown.column import parse_column\n"
        "parse_column('---\\ntitle: T\\n---\\n# H\\n\\n[x](https://www.cqc.org.uk/provider/RA7)\\n')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6',"
        " 'columnist.ui', 'columnist.cli', 'columnist.document', 'columnist.render',"
        " 'columnist.export')))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
