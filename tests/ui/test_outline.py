"""The outline: nested headings, a click jumps to the heading's line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from columnist.markdown.headings import Heading
from columnist.ui.outline import OutlineView

HEADINGS = [
    Heading(1, "Introduction", 8),
    Heading(2, "Why ratings matter", 12),
    Heading(3, "Evidence", 20),
    Heading(2, "What we saw", 30),
    Heading(1, "Next month", 44),
]


def make(qtbot) -> OutlineView:
    outline = OutlineView()
    qtbot.addWidget(outline)
    outline.set_headings(HEADINGS)
    outline.show()
    qtbot.waitExposed(outline)
    return outline


def test_headings_are_nested_by_level(qtbot):
    outline = make(qtbot)
    assert outline.topLevelItemCount() == 2
    intro = outline.topLevelItem(0)
    assert [intro.child(i).text(0) for i in range(intro.childCount())] == [
        "Why ratings matter",
        "What we saw",
    ]
    assert intro.child(0).child(0).text(0) == "Evidence"


def test_click_emits_the_heading_line(qtbot):
    outline = make(qtbot)
    evidence = outline.topLevelItem(0).child(0).child(0)
    rect = outline.visualItemRect(evidence)
    with qtbot.waitSignal(outline.headingActivated) as signal:
        qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [20]


def test_enter_emits_the_heading_line(qtbot):
    outline = make(qtbot)
    outline.setFocus()
    outline.setCurrentItem(outline.topLevelItem(1))
    with qtbot.waitSignal(outline.headingActivated) as signal:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                outline, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
            )
    assert signal.args == [44]


def test_current_line_highlights_its_section(qtbot):
    outline = make(qtbot)
    outline.set_current_line(25)
    assert outline.currentItem().text(0) == "Evidence"
    outline.set_current_line(30)
    assert outline.currentItem().text(0) == "What we saw"
    outline.set_current_line(3)  # in the front matter, before any heading
    assert outline.currentItem() is None
    # New headings keep the highlight on the same section.
    outline.set_current_line(44)
    outline.set_headings([*HEADINGS, Heading(2, "Thanks", 50)])
    assert outline.currentItem().text(0) == "Next month"
