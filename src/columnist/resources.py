"""Find bundled resources (CSS, the rating seed, the sample column) wherever we run.

Three layouts: a source checkout / editable install (`<repo>/resources`), an installed
wheel (`columnist/_resources`), and a PyInstaller bundle (`sys._MEIPASS/resources`).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The directory holding Columnist's bundled resources."""
    candidates: list[Path] = []
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.append(Path(frozen_base) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here / "_resources", here.parent.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "Columnist's resources folder is missing; looked in: "
        + ", ".join(str(c) for c in candidates)
        + ". Reinstall Columnist."
    )


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. `resource_path("css", "preview.css")`."""
    return resources_dir().joinpath(*parts)


def sample_column_path() -> Path:
    """The sample column opened on first start."""
    return resource_path("sample-column.md")
