"""Test setup: offscreen Qt, a fresh data directory per test, a clean clipboard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")



@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory (journal, history, settings, cache)."""
    from columnist import paths

    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv(paths.ENV_VAR, str(path))
    paths.set_data_dir(None)
    return path


@pytest.fixture(autouse=True)
def _clear_clipboard(request: pytest.FixtureRequest):
    """A QMimeData left on the clipboard makes offscreen Qt segfault at exit."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.clipboard().clear()


@pytest.fixture
def cqc_dir() -> Path:
    """The real CQC/NHS files in data/cqc (read-only)."""
    from helpers.cqc_files import CQC_DIR

    if not CQC_DIR.is_dir():
        pytest.fail(f"the real CQC files are missing: expected {CQC_DIR}")
    return CQC_DIR


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch):
    """Every window's questions answered from a script (`helpers.questions.Questions`)."""
    from helpers.questions import answer_questions

    return answer_questions(monkeypatch)
