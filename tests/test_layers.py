"""Layers point one way (DESIGN.md): each package imports only the layers below it.

Read from the source with `ast`, so a lazy import inside a function counts as much as one
at the top of a module. `paths` and `resources` are shared by every layer; `settings` (the
GUI's QSettings) only by the UI and the command line; QtWidgets only by the UI.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "columnist"
SHARED = {"paths", "resources", "__version__"}

# package -> the columnist packages it may import (itself included)
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "markdown": {"markdown"},
    "document": {"core", "markdown", "document"},
    "ratings": {"core", "markdown", "document", "ratings"},
    "review": {"core", "markdown", "document", "ratings", "review"},
    "render": {"markdown", "ratings", "render"},
    # The publish gate reads the checks' findings (review) and the rating cache (ratings).
    "export": {"markdown", "document", "ratings", "review", "render", "export"},
    "ui": {"core", "markdown", "document", "ratings", "review", "render", "export", "settings",
           "ui"},
    "cli": {"core", "markdown", "document", "ratings", "review", "render", "export",
            "settings", "ui", "cli", "smoke_test"},
}


def _imports(path: Path) -> set[str]:
    """The columnist top-level names and PySide6 modules a file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "columnist" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "PySide6" and len(parts) > 1:
                found.add(f"PySide6.{parts[1]}")
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_the_layers_below_it(package: str) -> None:
    wrong: list[str] = []
    for path in sorted((SRC / package).rglob("*.py")):
        for name in _imports(path):
            if name == "PySide6.QtWidgets" and package not in ("ui", "cli"):
                wrong.append(f"{path.relative_to(SRC)} imports QtWidgets")
            elif (
                not name.startswith("PySide6")
                and name not in SHARED
                and name not in ALLOWED[package]
            ):
                wrong.append(f"{path.relative_to(SRC)} imports columnist.{name}")
    assert wrong == []
