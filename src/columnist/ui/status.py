"""The status bar: words, reading time and age, cursor position, save state and warnings.

Word counts come from the render worker (counting 50,000 words on every keystroke on the
GUI thread would cost more than the keystroke), so they lag the text by one debounce; the
reading age comes from each run of the checks (`ui.live_checks`), after a typing pause.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


def reading_age_label(age: int) -> str:
    """The status bar's compact reading age; none for 0 (no sentence, or not read yet).

    >>> reading_age_label(14), reading_age_label(0)
    ('Reading age 14', '')
    """
    return f"Reading age {age}" if age else ""


def reading_time_label(minutes: int) -> str:
    """ "4 min read", Medium's wording."""
    return f"{minutes} min read"


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the window;
    the whole text is its tooltip (and its accessible description)."""

    MIN_CHARS = 12  # what it keeps at the least: "Saved — not…"

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        least = self.fontMetrics().horizontalAdvance("x" * self.MIN_CHARS)
        return QSize(min(hint.width(), least + margins.left() + margins.right()), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         shown)

    def shown_text(self) -> str:
        """The text as painted at the label's current width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())


class StatusPanel(QStatusBar):
    """Permanent labels on the right, transient messages and warnings on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No message may change the window's size: long ones are shortened on screen.
        self.warning = ElidedLabel("", self)
        self.warning.setStyleSheet("color: #b3261e;")
        self.warning.hide()
        self.words = QLabel("0 words", self)
        self.reading = QLabel("", self)
        self.reading_age = QLabel("", self)  # after each check run (live_checks)
        self.reading_age.setToolTip("Reading age (Flesch–Kincaid), as View ▸ Statistics "
                                    "gives it")
        self.position = QLabel("Ln 1, Col 1", self)
        self.save_state = ElidedLabel("", self)
        self.addWidget(self.warning, 1)
        # A passing message is painted within the bar (never widening it); whole in the
        # tooltip while it shows.
        self.messageChanged.connect(self.setToolTip)
        for label in (self.words, self.reading, self.reading_age, self.position,
                      self.save_state):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)

    def set_counts(self, words: int, minutes: int) -> None:
        self.words.setText(f"{words:,} word{'s' if words != 1 else ''}")
        self.reading.setText(reading_time_label(minutes) if words else "")

    def set_reading_age(self, age: int) -> None:
        """The column's reading age (`reading_age_label`)."""
        self.reading_age.setText(reading_age_label(age))

    def set_position(self, line: int, column: int) -> None:
        """1-based line and column, as a writer counts them."""
        self.position.setText(f"Ln {line}, Col {column}")

    def set_save_state(self, text: str) -> None:
        self.save_state.setText(text)

    def set_warning(self, text: str | None) -> None:
        """A lasting warning (large file, journal failing); None clears it."""
        self.warning.setText(text or "")
        self.warning.setVisible(bool(text))

