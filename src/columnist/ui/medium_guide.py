"""Publish to Medium: the title, the subtitle, the body and the images, one step each.

Medium's editor merges a body pasted into its title field into the title (the whole story
becomes one enormous heading), and it drops pasted images. So the writer copies the title
on its own and pastes it into Medium's title, then the subtitle, then the body, then
uploads each image with its alt text and caption. Each step is a button that puts
exactly that on the clipboard; a tick shows the steps done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from columnist.export.medium import MediumCopy
from columnist.ui.publishing import changes_note, medium_mime, show_in_folder, text_mime

TICK = "✓"
WHY = (
    "Medium merges a body pasted into its title field into the title, and it drops pasted "
    "images. So copy and paste each part on its own: the title into Medium's title, the "
    "subtitle just below it, then the body, then upload each image with its alt text and "
    "caption."
)


class MediumGuide(QDialog):
    """The steps, each a button with a tick beside it once done."""

    def __init__(self, copy: MediumCopy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish to Medium")
        self.resize(620, 520)
        self.copy = copy
        self.buttons: dict[str, QPushButton] = {}
        self.ticks: dict[str, QLabel] = {}

        why = QLabel(WHY, self)
        why.setWordWrap(True)
        steps = QWidget(self)
        self._grid = QGridLayout(steps)
        self._grid.setColumnStretch(2, 1)
        self._add("title", "Copy &Title", f"Title: {copy.title}",
                  lambda: text_mime(copy.title))
        if copy.subtitle:
            self._add("subtitle", "Copy &Subtitle", f"Subtitle: {copy.subtitle}",
                      lambda: text_mime(copy.subtitle))
        changed = changes_note(copy)
        self._add("body", "Copy &Body", f"The body, as rich text and plain text{changed}",
                  lambda: medium_mime(copy))
        seen: set[str] = set()
        for image in copy.images:
            if image.name in seen:
                continue
            seen.add(image.name)
            self._add(f"alt:{image.name}", f"Alt Text of {image.name}",
                      f"Upload {image.name} where “{image.placeholder()}” is; its alt text: "
                      f"{image.alt or '(none: add one)'}", lambda i=image: text_mime(i.alt))
            if image.caption:
                self._add(f"caption:{image.name}", f"Caption of {image.name}",
                          f"Its caption: {image.caption}",
                          lambda i=image: text_mime(i.caption))
            if image.source is not None:
                folder = QPushButton(f"Show {image.name} in Folder", steps)
                folder.clicked.connect(lambda _c=False, p=image.source: show_in_folder(p))
                self._grid.addWidget(folder, len(self.buttons) - 1, 3)
        self._grid.setRowStretch(len(self.buttons), 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(steps)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(scroll, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def _add(self, key: str, label: str, what: str, mime: Callable[[], QMimeData]) -> None:
        row = len(self.buttons)  # one row a step
        button = QPushButton(f"{row + 1}. {label}", self)
        text = QLabel(what, self)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tick = QLabel("", self)
        tick.setAccessibleName("Not done yet")
        tick.setMinimumWidth(tick.fontMetrics().horizontalAdvance(TICK) * 2)
        button.setAccessibleDescription(what)

        def copied() -> None:
            QApplication.clipboard().setMimeData(mime())
            tick.setText(TICK)
            tick.setAccessibleName("Done")

        button.clicked.connect(copied)
        self._grid.addWidget(tick, row, 0)
        self._grid.addWidget(button, row, 1)
        self._grid.addWidget(text, row, 2)
        self.buttons[key] = button
        self.ticks[key] = tick

    def done_steps(self) -> list[str]:
        """The steps ticked so far, in order."""
        return [key for key, tick in self.ticks.items() if tick.text() == TICK]
