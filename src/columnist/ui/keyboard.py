"""Working from the keyboard: moving between panes, and panels that take the focus.

View ▸ Next Pane (Ctrl+Tab or F6) and Previous Pane (Ctrl+Shift+Tab or Shift+F6) move
the focus round the editor, the preview and every visible dock (outline, metadata, rating
changes, and any a feature adds), in the order they sit in the window. Showing the
outline or the metadata form from its shortcut puts the focus in it; hiding it while it
has the focus gives the focus back to the text. The focus is always visible
(`focus_ring`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from columnist.ui.actions import make_action
from columnist.ui.focus_ring import FocusRing

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow


def focus_target(pane: QWidget) -> QWidget:
    """The widget in `pane` that takes the focus: the pane, or its first field."""
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return pane
    for child in pane.findChildren(QWidget):
        if (child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(pane)
                and child.isEnabled()):
            return child
    return pane


class KeyboardFeature:
    """Pane cycling, focusing panels, and the focus ring (see the module docstring)."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Next/Previous Pane in the View menu; the panel toggles focus what they show."""
        self._window = window
        next_pane = make_action(window, "Ne&xt Pane", lambda: self.cycle(1))
        # On macOS "Ctrl" means Cmd, and Cmd+Tab switches applications: there it is the
        # Control key itself ("Meta" to Qt), as in Safari and Xcode.
        ctrl = "Meta" if sys.platform == "darwin" else "Ctrl"
        next_pane.setShortcuts([f"{ctrl}+Tab", "F6"])
        previous = make_action(window, "Previous P&ane", lambda: self.cycle(-1))
        previous.setShortcuts([f"{ctrl}+Shift+Tab", f"{ctrl}+Shift+Backtab", "Shift+F6"])
        for action in (next_pane, previous):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menus.add("view/modes", "next_pane", next_pane)
        menus.add("view/modes", "previous_pane", previous)
        for name in ("outline", "metadata"):
            action = menus.actions.get(name)
            if action is not None:
                action.triggered.connect(lambda on, n=name: self._panel_toggled(n, on))
        FocusRing.install()

    def panes(self) -> list[QWidget]:
        """The visible panes in window order: editor, preview, then the docks."""
        window = self._window
        panes: list[QWidget] = [window.editor]
        if window.preview.isVisible():
            panes.append(window.preview)
        docks = [dock for dock in window.findChildren(QDockWidget)
                 if dock.isVisible() and dock.widget() is not None]
        docks.sort(key=lambda d: (d.mapTo(window, d.rect().topLeft()).x(),
                                  d.mapTo(window, d.rect().topLeft()).y()))
        panes.extend(dock.widget() for dock in docks)
        return panes

    def cycle(self, step: int) -> QWidget:
        """Focus the next (`step` 1) or previous (-1) pane; returns the focused widget."""
        panes = self.panes()
        focus = QApplication.focusWidget()
        current = next((i for i, pane in enumerate(panes)
                        if focus is not None and (pane is focus or pane.isAncestorOf(focus))),
                       -1 if step > 0 else 0)
        pane = panes[(current + step) % len(panes)]
        target = focus_target(pane)
        target.setFocus(Qt.FocusReason.TabFocusReason if step > 0
                        else Qt.FocusReason.BacktabFocusReason)
        return target

    def _panel_toggled(self, name: str, on: bool) -> None:
        from columnist.ui.panels import MetadataPanel, OutlinePanel

        window = self._window
        dock = (window.feature(OutlinePanel).dock if name == "outline"
                else window.feature(MetadataPanel).dock)
        if on and dock.widget() is not None:
            focus_target(dock.widget()).setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif not on:
            focus = QApplication.focusWidget()
            if focus is None or dock.isAncestorOf(focus):
                window.editor.setFocus(Qt.FocusReason.OtherFocusReason)
