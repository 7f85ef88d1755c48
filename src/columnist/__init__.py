"""Columnist: a calm Markdown desk for a monthly column about NHS trusts."""

from __future__ import annotations


def _version() -> str:
    """The installed package version (also right inside a PyInstaller bundle)."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("columnist")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "0.1.0"


__version__ = _version()
APP_NAME = "Columnist"
