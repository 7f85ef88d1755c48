"""A visible focus ring around whatever has the keyboard focus, in both themes.

Fusion marks a focused line edit faintly and a focused editor, preview or outline not at
all, so someone working from the keyboard cannot see where they are. One small overlay
does it for every widget of every window: four thin strips, children of the focused
widget's window, laid along the widget's edges and raised above it; they ignore the
mouse and follow the widget when it (or a parent) moves or resizes. Only the strips are
painted, so typing repaints nothing more than before. The colour is chosen per palette
for a contrast of at least 3:1 with the window and the text background (WCAG's figure
for focus indicators).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget
from shiboken6 import isValid

RING_WIDTH = 2
RING_COLOURS = {False: "#1a5fb4", True: "#78aeed"}  # light palette, dark palette


def ring_colour(palette: QPalette) -> QColor:
    """The ring's colour for a palette (dark when its window colour is dark)."""
    return QColor(RING_COLOURS[palette.window().color().lightness() < 128])


class FocusRing(QObject):
    """Draws the ring for the application's focus widget (`install` once)."""

    _instance: FocusRing | None = None

    @classmethod
    def install(cls) -> FocusRing:
        """The application's ring, made on first use."""
        if cls._instance is None:
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            cls._instance = FocusRing(app)
            app.focusChanged.connect(cls._instance._on_focus_changed)
        return cls._instance

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._strips: dict[QWidget, list[QWidget]] = {}  # window -> its four strips

    def strips(self) -> list[QWidget]:
        """The strips shown now (tests look at where they are)."""
        if self.target is None or not isValid(self.target):
            return []
        return [s for s in self._strips.get(self.target.window(), []) if s.isVisible()]

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for widget in self._watched:
            if isValid(widget):  # a popup's field may be gone already
                widget.removeEventFilter(self)
        self._watched = []
        for strips in self._strips.values():
            for strip in strips:
                if isValid(strip):
                    strip.hide()
        if new is None or isinstance(new, QMenu | QMenuBar) or new.isWindow():
            self.target = None
            return
        self.target = new
        widget: QWidget | None = new
        while widget is not None and not widget.isWindow():
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide):
            self._place()
        return False

    def _window_strips(self, window: QWidget) -> list[QWidget]:
        strips = self._strips.get(window)
        if strips is None or not all(isValid(s) for s in strips):
            strips = []
            for _ in range(4):
                strip = QWidget(window)
                strip.setObjectName("focusRing")
                strip.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                strip.setAutoFillBackground(True)
                strips.append(strip)
            self._strips[window] = strips
            window.destroyed.connect(lambda _o=None, w=window: self._strips.pop(w, None))
        return strips

    def _place(self) -> None:
        target = self.target
        if target is None or not isValid(target):
            return
        window = target.window()
        strips = self._window_strips(window)
        if not target.isVisible():
            for strip in strips:
                strip.hide()
            return
        top_left = target.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, target.size()).intersected(window.rect())
        w = RING_WIDTH
        sides = (
            QRect(rect.left(), rect.top(), rect.width(), w),
            QRect(rect.left(), rect.bottom() - w + 1, rect.width(), w),
            QRect(rect.left(), rect.top(), w, rect.height()),
            QRect(rect.right() - w + 1, rect.top(), w, rect.height()),
        )
        colour = ring_colour(QApplication.palette())
        for strip, side in zip(strips, sides, strict=True):
            palette = strip.palette()
            palette.setColor(QPalette.ColorRole.Window, colour)
            strip.setPalette(palette)
            strip.setGeometry(side)
            strip.show()
            strip.raise_()
