"""Freed C memory goes back to the system once the window is idle, never while typing."""

from __future__ import annotations

import sys

import pytest

from helpers.keys import type_text
from helpers.windows import select, shown_on


def test_memory_is_handed_back_once_typing_rendering_and_checking_have_stopped(
        qtbot, tmp_path, monkeypatch):
    from columnist.ui import idle_memory
    from columnist.ui.idle_memory import IdleMemoryFeature
    from columnist.ui.problems import ProblemsPanel

    monkeypatch.setattr(idle_memory, "IDLE_MS", 400)
    text = "We visited the ward. Staff were kind.\n"
    window = shown_on(qtbot, tmp_path, text)
    idle = window.feature(IdleMemoryFeature)
    checks = window.feature(ProblemsPanel).checks
    qtbot.waitUntil(lambda: checks.checked and idle.released >= 1, timeout=15000)
    qtbot.wait(800)
    settled = idle.released
    for word in (" The", " food", " was", " good."):  # typing keeps it waiting
        select(window, len(window.editor.text()) - 1)
        type_text(window.editor, word)
        qtbot.wait(100)
        assert idle.released == settled
    qtbot.waitUntil(lambda: idle.released > settled, timeout=15000)  # typing paused


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_on_linux_the_c_heap_is_limited_to_two_arenas_and_can_be_trimmed():
    from columnist.core.native_memory import limit_malloc_arenas, release_free_memory

    assert limit_malloc_arenas() is True
    assert isinstance(release_free_memory(), bool)
