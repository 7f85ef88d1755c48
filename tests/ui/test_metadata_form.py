"""The metadata form: what it shows, and the edits it sends to the text."""

from __future__ import annotations

import datetime as dt

from columnist.document.front_matter import set_fields
from columnist.markdown.column import parse_column
from columnist.ui.metadata_form import MetadataForm

TEXT = """---
title: Improving ratings despite the pressure
author: Chief Inspector of Hospitals
date: 2026-11-25
status: draft            # draft | in review | approved | published
tags: [NHS, quality improvement]
x-editor-note: keep me
---
Body.
"""


def make(qtbot, text: str = TEXT) -> MetadataForm:
    form = MetadataForm()
    qtbot.addWidget(form)
    form.set_column(parse_column(text))
    return form


def test_fields_show_the_front_matter_without_emitting(qtbot):
    form = MetadataForm()
    qtbot.addWidget(form)
    with qtbot.assertNotEmitted(form.fieldsEdited):
        form.set_column(parse_column(TEXT))
    assert form.title.text() == "Improving ratings despite the pressure"
    assert form.date.text() == "2026-11-25"
    assert form.status.currentText() == "draft"
    assert form.tags.text() == "NHS, quality improvement"
    assert form.subtitle.text() == ""


def test_edits_send_only_the_changed_fields_and_set_fields_rewrites_those_lines(qtbot):
    form = make(qtbot)
    form.title.setText("Better care, whatever the weather")
    form.status.setCurrentText("in review")
    form.tags.setText("NHS, quality improvement, winter")
    with qtbot.waitSignal(form.fieldsEdited) as signal:
        form.flush()
    changes = signal.args[0]
    assert changes == {
        "title": "Better care, whatever the weather",
        "status": "in review",
        "tags": ["NHS", "quality improvement", "winter"],
    }
    new_text = set_fields(TEXT, changes)
    assert "title: Better care, whatever the weather\n" in new_text
    assert "status: in review        # draft | in review | approved | published\n" in new_text
    assert "tags: [NHS, quality improvement, winter]\n" in new_text
    assert "x-editor-note: keep me\n" in new_text and new_text.endswith("---\nBody.\n")
    form.set_column(parse_column(new_text))
    with qtbot.assertNotEmitted(form.fieldsEdited):
        form.flush()


def test_typing_in_a_field_emits_after_a_pause(qtbot):
    form = make(qtbot)
    form.author.setText("CI Hospitals")
    form.author.textEdited.emit("CI Hospitals")
    with qtbot.waitSignal(form.fieldsEdited, timeout=3000) as signal:
        pass
    assert signal.args[0] == {"author": "CI Hospitals"}


def test_date_is_validated_and_emptied_field_removes_the_key(qtbot):
    form = make(qtbot)
    form.date.setText("25/11/2026")
    form.subtitle.setText("For providers")
    with qtbot.waitSignal(form.fieldsEdited) as signal:
        form.flush()
    assert signal.args[0] == {"subtitle": "For providers"}  # the bad date waits
    assert "YYYY-MM-DD" in form.message.text() and form.message.isVisibleTo(form)
    form.date.setText("2026-12-01")
    form.tags.setText("")
    with qtbot.waitSignal(form.fieldsEdited) as signal:
        form.flush()
    assert signal.args[0] == {"date": dt.date(2026, 12, 1), "tags": None}
    new_text = set_fields(TEXT, signal.args[0])
    assert "date: 2026-12-01\n" in new_text and "tags:" not in new_text


def test_malformed_yaml_shows_the_error_and_disables_the_fields(qtbot):
    form = make(qtbot, "---\ntitle: [unclosed\n---\nBody\n")
    assert not form.title.isEnabled() and not form.status.isEnabled()
    assert "not valid YAML" in form.message.text()
    assert "line" in form.message.text()
    with qtbot.assertNotEmitted(form.fieldsEdited):
        form.flush()
    form.set_column(parse_column(TEXT))
    assert form.title.isEnabled() and form.message.isHidden()


def test_unusual_status_is_shown_not_lost(qtbot):
    form = make(qtbot, TEXT.replace("status: draft", "status: on hold"))
    assert form.status.currentText() == "on hold"
    with qtbot.assertNotEmitted(form.fieldsEdited):
        form.flush()


def test_front_matter_below_a_blank_line_is_explained_and_never_doubled(qtbot):
    text = "\n---\ntitle: Below a blank line\n---\nBody.\n"
    form = make(qtbot, text)
    assert not form.title.isEnabled()
    assert not form.message.isHidden()
    assert "line 2 is below blank lines" in form.message.text()
    assert "Delete the blank lines" in form.message.text()
    # Whatever asks, no second block is added above the writer's own.
    assert set_fields(text, {"title": "Typed in the form"}) == text
    # Once the blank line is gone it is front matter again and the form works.
    form.set_column(parse_column(text.lstrip("\n")))
    assert form.title.isEnabled() and form.title.text() == "Below a blank line"


def test_the_window_banner_says_why_front_matter_below_blank_lines_is_not_read(
        qtbot, tmp_path):
    from helpers.windows import window_on

    window = window_on(qtbot, tmp_path, "\n\n---\ntitle: Misplaced\n---\n\nBody.\n")
    qtbot.waitUntil(lambda: not window.banner.isHidden(),
                    timeout=10000)
    assert "line 3 is below blank lines" in window.banner.text()
    window.editor.set_text("---\ntitle: Misplaced\n---\n\nBody.\n")
    qtbot.waitUntil(window.banner.isHidden, timeout=10000)
