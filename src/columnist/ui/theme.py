"""Light and dark appearance that follows the system unless the writer picks one.

`view/theme` is "system", "light" or "dark". "system" reads QStyleHints.colorScheme()
and the app re-applies on colorSchemeChanged, so switching the desktop to dark at dusk
also switches the editor's highlighting and the preview's stylesheet. `ThemeMenu` is the
window feature behind View ▸ Theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

THEMES = ("system", "light", "dark")
LABELS = {"system": "Follow &System", "light": "&Light", "dark": "&Dark"}

# Preview page colours (match render.css LIGHT/DARK "background" and "text").
PAGE = {False: ("#ffffff", "#242424"), True: ("#1b1b1b", "#e3e3e3")}


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_dark(choice: str) -> bool:
    """The effective darkness of a theme setting ("system" asks the desktop)."""
    if choice == "dark":
        return True
    if choice == "light":
        return False
    return system_is_dark()


def dark_palette() -> QPalette:
    """A calm dark palette (not pure black) for Fusion-style widgets."""
    p = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#232323",
        role.WindowText: "#e3e3e3",
        role.Base: "#1b1b1b",
        role.AlternateBase: "#262626",
        role.ToolTipBase: "#2b2b2b",
        role.ToolTipText: "#e3e3e3",
        role.PlaceholderText: "#8a8a8a",
        role.Text: "#e3e3e3",
        role.Button: "#2b2b2b",
        role.ButtonText: "#e3e3e3",
        role.BrightText: "#ffffff",
        role.Highlight: "#3d6fa5",
        role.HighlightedText: "#ffffff",
        role.Link: "#8cc4f0",
        role.LinkVisited: "#b39ddb",
    }
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor("#777777"))
    return p


_palette_dark = False  # what the application shows now (it starts with the light default)
_legible_style = None  # the application's LegibleStyle, once installed
# The edge of a check box or radio button: 3:1 or more on the window colour (Fusion draws
# it a shade darker than the window, ~1.6:1, nearly invisible in the dark palette).
INDICATOR_EDGE = {False: "#767676", True: "#a8a8a8"}  # light, dark


def use_legible_style() -> None:
    """Install `legible_style()` as the application style (once; after the first paint,
    since it re-polishes every widget)."""
    global _legible_style
    app = QApplication.instance()
    if _legible_style is None and isinstance(app, QApplication):
        _legible_style = legible_style()
        app.setStyle(_legible_style)
        if _palette_dark:
            app.setPalette(dark_palette())


def legible_style():
    """The application style, with check boxes and radio buttons whose edge can be seen
    in both palettes."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QProxyStyle, QStyle

    class LegibleStyle(QProxyStyle):
        def drawPrimitive(self, element, option, painter, widget=None) -> None:
            super().drawPrimitive(element, option, painter, widget)
            kind = QStyle.PrimitiveElement
            if element not in (kind.PE_IndicatorCheckBox, kind.PE_IndicatorRadioButton):
                return
            dark = option.palette.window().color().lightness() < 128
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                                  element == kind.PE_IndicatorRadioButton)
            painter.setPen(QColor(INDICATOR_EDGE[dark]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect.adjusted(0, 0, -1, -1)
            if element == kind.PE_IndicatorRadioButton:
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)
            painter.restore()

    return LegibleStyle()


def apply_palette(dark: bool) -> None:
    """Give the application the light or dark palette (no work if it already has it:
    building the standard palette costs ~10 ms of cold start)."""
    global _palette_dark
    app = QApplication.instance()
    if not isinstance(app, QApplication) or dark == _palette_dark:
        return
    _palette_dark = dark
    if dark:
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def page_colours(dark: bool) -> tuple[QColor, QColor]:
    """(background, text) of the preview page."""
    background, text = PAGE[dark]
    return QColor(background), QColor(text)


class ThemeMenu:
    """View ▸ Theme: the choice remembered in `view/theme` and applied to the application
    palette, the editor's highlighting and the preview page."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The submenu (one exclusive group), then the stored choice applied."""
        from PySide6.QtGui import QAction, QActionGroup
        from PySide6.QtWidgets import QMenu

        self._window = window
        self._actions: dict[str, QAction] = {}
        menu = QMenu("T&heme", window)
        group = QActionGroup(menu)
        group.setExclusive(True)
        for key in THEMES:
            action = QAction(LABELS[key], menu)
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self._actions[key] = menus.actions[f"theme_{key}"] = action
        menus.add_menu("view/modes", menu)
        self.apply()

    def set_theme(self, choice: str) -> None:
        """The writer picked `choice` ("system", "light" or "dark")."""
        self._window.save_setting("view/theme", choice)
        self.apply()

    def apply(self) -> None:
        """Apply `view/theme` (following the system when it says so)."""
        window = self._window
        choice = window.settings.get("view/theme")
        if choice not in THEMES:
            choice = "system"
        self._actions[choice].setChecked(True)
        use_legible_style()
        dark = resolve_dark(choice)
        apply_palette(dark)
        window.editor.set_dark(dark)
        window.preview.set_colours(*page_colours(dark))
        if window.preview_controller.dark != dark:
            window.preview_controller.dark = dark
            window.preview_controller.refresh_soon()
