"""The README's Shortcuts table lists every shortcut the window's menus give."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

from helpers.windows import open_window

README = Path(__file__).resolve().parents[2] / "README.md"


def shortcuts_table() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("### Shortcuts", 1)[1].split("\n## ", 1)[0]


def test_every_menu_shortcut_is_in_the_readme_table(qtbot, questions):
    window = open_window(qtbot)
    # Cells, "A / B" and "A, B" split on the separators; "Ctrl+," and "Ctrl+/" stay keys.
    table = re.sub(r"\||\s/\s|,\s(?!\|)", "  ", shortcuts_table())
    missing = []
    for name, action in window.actions_by_name.items():
        shortcut = action.shortcut()  # the first one, as the menu shows it
        if shortcut.isEmpty():
            continue
        keys = shortcut.toString(QKeySequence.SequenceFormat.PortableText)
        if f" {keys} " not in table:
            missing.append(f"{action.text().replace('&', '')} ({name}): {keys}")
    assert not missing, "add these to the README's Shortcuts table: " + "; ".join(missing)
