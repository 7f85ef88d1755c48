"""The find bar's check boxes in the dark theme: the box is drawn with a contrast of at
least 3:1 against the bar (WCAG's figure for the parts of a control), ticked or not."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from columnist.ui.find_replace import FindFeature
from helpers.windows import open_window


def luminance(colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast(a, b) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("checked", [False, True])
def test_find_bar_check_boxes_stand_out_from_the_bar(qtbot, questions, theme, checked):
    window = open_window(qtbot)
    window.actions_by_name[f"theme_{theme}"].trigger()
    window.show()
    qtbot.waitExposed(window)
    window.actions_by_name["find"].trigger()
    bar = window.feature(FindFeature).bar
    qtbot.waitUntil(bar.isVisible)
    for box in (bar.case_box, bar.words_box, bar.regex_box):
        box.setChecked(checked)
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator,
                                               option, box)
        image = box.grab().toImage()
        background = QApplication.palette().window().color()
        best = max(contrast(image.pixelColor(x, y), background)
                   for x in range(indicator.left(), indicator.right() + 1)
                   for y in range(indicator.top(), indicator.bottom() + 1))
        assert best >= 3, f"{box.text()}: the box is barely visible ({best:.2f}:1)"
    window.actions_by_name["theme_light"].trigger()
