"""Columnist: a calm Markdown desk for a monthly column about NHS trusts."""

from __future__ import annotations

# The single source of the version: pyproject.toml reads it from here (hatch), so the
# package metadata, `columnist --version` and the PyInstaller bundle always agree, and
# start-up pays no importlib.metadata lookup.
__version__ = "0.1.0"
APP_NAME = "Columnist"
