"""The window shows what the render worker's column model says, after every edit."""

from __future__ import annotations

import pytest

from columnist.ui.panels import MetadataPanel, OutlinePanel
from helpers.windows import window_on

COLUMN = """---
title: March
status: draft
---

## Winter

Three words here.
"""


@pytest.fixture
def window(qtbot, tmp_path, questions):
    made = window_on(qtbot, tmp_path, COLUMN)
    qtbot.waitUntil(lambda: made.preview_controller.last_output is not None
                    and made.feature(OutlinePanel).view.topLevelItemCount() == 1)
    return made


def test_the_render_output_carries_the_model_of_the_text_it_rendered(window, qtbot):
    out = window.preview_controller.last_output
    assert out is not None and out.column is not None
    assert out.column.text == window.editor.text()
    assert [h.text for h in out.column.headings] == ["Winter"]
    assert out.words == out.column.word_count == 4


def test_an_edit_reaches_outline_word_count_banner_and_form(window, qtbot):
    outline = window.feature(OutlinePanel).view
    metadata = window.feature(MetadataPanel)
    metadata.set_visible(True)
    qtbot.waitUntil(lambda: metadata.form.title.text() == "March")
    text = window.editor.text()
    broken = text.replace("status: draft", "status: [draft") + "\n## Spring\n\nTwo more.\n"
    window.editor.replace_text(broken)
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 2)
    assert outline.topLevelItem(1).text(0) == "Spring"
    assert window.status.words.text() == "7 words"
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window))
    assert "line 4" in window.banner.text()  # YAML notices the open list on the next line
    assert not metadata.form.title.isEnabled()
    assert "line 4" in metadata.form.message.text()
    window.editor.replace_text(text)
    qtbot.waitUntil(lambda: not window.banner.isVisibleTo(window))
    assert metadata.form.title.isEnabled() and outline.topLevelItemCount() == 1
