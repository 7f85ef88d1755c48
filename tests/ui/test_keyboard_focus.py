"""From the keyboard alone: Ctrl+Tab / F6 round the panes, panel shortcuts that focus
what they show, a preview scrolled by keys, a visible focus ring in both themes, and Tab
that stays in the metadata form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from columnist.ui.focus_ring import FocusRing, ring_colour
from columnist.ui.panels import MetadataPanel, OutlinePanel
from helpers.keys import press
from helpers.windows import window_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
COLUMN = "---\ntitle: March\n---\n\n## One\n\nText.\n\n## Two\n\nMore text.\n"


def shown(qtbot, tmp_path, text=COLUMN):
    window = window_on(qtbot, tmp_path, text)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    return window


def focused():
    return QApplication.focusWidget()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    press(focused(), k, mods)


def test_ctrl_tab_and_f6_go_round_editor_preview_outline_and_metadata(qtbot, tmp_path, questions):
    window = shown(qtbot, tmp_path)
    window.actions_by_name["metadata"].trigger()
    outline = window.feature(OutlinePanel).view
    form = window.feature(MetadataPanel).form
    window.editor.setFocus()
    order = [window.preview, outline, form.title, window.editor]
    for expected in order:
        key(qtbot, Qt.Key.Key_Tab, CTRL)
        assert focused() is expected
    for expected in reversed(order[:-1]):
        key(qtbot, Qt.Key.Key_Backtab, CTRL | SHIFT)
        assert focused() is expected
    key(qtbot, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert focused() is window.editor
    key(qtbot, Qt.Key.Key_F6)
    assert focused() is window.preview
    key(qtbot, Qt.Key.Key_F6, SHIFT)
    assert focused() is window.editor
    assert window.editor.text() == COLUMN  # no Tab went into the text


def test_a_hidden_preview_is_skipped(qtbot, tmp_path, questions):
    window = shown(qtbot, tmp_path)
    window.actions_by_name["preview"].trigger()  # hide it
    key(qtbot, Qt.Key.Key_F6)
    assert focused() is window.feature(OutlinePanel).view


def test_outline_and_metadata_shortcuts_focus_what_they_show(qtbot, tmp_path, questions):
    window = shown(qtbot, tmp_path)
    outline = window.feature(OutlinePanel)
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)  # shown at start: hides it
    assert not outline.dock.isVisible() and focused() is window.editor
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    assert outline.dock.isVisible() and focused() is outline.view
    key(qtbot, Qt.Key.Key_M, CTRL | SHIFT)
    form = window.feature(MetadataPanel).form
    assert focused() is form.title
    qtbot.waitUntil(lambda: form.title.text() == "March")
    key(qtbot, Qt.Key.Key_M, CTRL | SHIFT)  # hidden while focused: back to the text
    assert focused() is window.editor


def test_tab_from_the_last_metadata_field_wraps_to_the_first_never_into_the_text(
        qtbot, tmp_path, questions):
    window = shown(qtbot, tmp_path)
    key(qtbot, Qt.Key.Key_M, CTRL | SHIFT)
    form = window.feature(MetadataPanel).form
    form.tags.setFocus()
    qtbot.waitUntil(form.tags.hasFocus)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.title
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.subtitle
    form.title.setFocus()
    key(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is form.tags
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert window.editor.text() == COLUMN


def test_the_preview_scrolls_from_the_keyboard(qtbot, tmp_path, questions):
    long = "---\ntitle: Long\n---\n\n" + "".join(
        f"## Part {n}\n\nA paragraph of the column, long enough to wrap. " * 1 + "\n\n"
        for n in range(120))
    window = shown(qtbot, tmp_path, long)
    bar = window.preview.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 2000, timeout=10000)
    key(qtbot, Qt.Key.Key_F6)
    assert focused() is window.preview
    before = bar.value()  # scroll sync may have put it by the editor's first line
    key(qtbot, Qt.Key.Key_Down)
    assert bar.value() == before + bar.singleStep()
    key(qtbot, Qt.Key.Key_PageDown)
    assert bar.value() == before + bar.singleStep() + bar.pageStep()
    key(qtbot, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    key(qtbot, Qt.Key.Key_PageUp)
    assert bar.value() == bar.maximum() - bar.pageStep()
    key(qtbot, Qt.Key.Key_Home)
    assert bar.value() == 0
    key(qtbot, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep()


def relative_luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_pane_shows_a_focus_ring_that_stands_out_in_both_themes(
        qtbot, tmp_path, questions, theme):
    window = shown(qtbot, tmp_path)
    window.actions_by_name[f"theme_{theme}"].trigger()
    window.actions_by_name["metadata"].trigger()
    window.editor.setFocus()
    ring = FocusRing.install()
    palette = QApplication.palette()
    colour = ring_colour(palette)
    assert contrast(colour, palette.window().color()) >= 3
    assert contrast(colour, palette.base().color()) >= 3
    for _ in range(4):
        target = focused()
        qtbot.waitUntil(lambda t=target: ring.target is t and len(ring.strips()) == 4)
        frame = QRect(target.mapTo(window, QPoint(0, 0)), target.size())
        strips = ring.strips()
        assert QRect(strips[0].geometry()).united(strips[1].geometry()).united(
            strips[2].geometry()).united(strips[3].geometry()) == frame.intersected(window.rect())
        image = window.grab().toImage()
        top = strips[0].geometry()
        seen = image.pixelColor(top.center())
        assert seen.name() == colour.name(), f"no ring drawn on {target.accessibleName()}"
        key(qtbot, Qt.Key.Key_F6)
    window.actions_by_name["theme_light"].trigger()


def test_the_ring_follows_a_widget_that_moves(qtbot, tmp_path, questions):
    window = shown(qtbot, tmp_path)
    key(qtbot, Qt.Key.Key_F6)
    ring = FocusRing.install()
    qtbot.waitUntil(lambda: ring.target is window.preview)
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0] + 100, sizes[1] - 100])
    frame = QRect(window.preview.mapTo(window, QPoint(0, 0)), window.preview.size())
    qtbot.waitUntil(lambda: ring.strips()[0].geometry().left() == frame.left())
