"""Menus and shortcuts: the window's own actions, and the `Feature`s that add theirs.

The menu bar's shape is declared once (`MENU_LAYOUT`: each menu cut into named sections,
a line between sections); the window adds its own actions (`add_window_actions`) and each
feature (the outline, the metadata form, find and replace, the ratings menu, and next the
trust picker, the review panel, export…) installs its own actions, menus and docks into
the section where they belong, whatever the order features are installed in. So a new
feature is one class and one line in the window's list, not more window code.

Standard platform shortcuts (QKeySequence.StandardKey) wherever Qt has one, so Save is
Cmd+S on a Mac and Ctrl+S elsewhere; the README's Shortcuts table lists each action's
shortcut (tests/ui/test_shortcuts_documented.py checks that none is missing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QToolBar

    from columnist.ui.main_window import MainWindow

SK = QKeySequence.StandardKey

# (key, title, sections); an action goes to "key/section", e.g. "view/panels".
MENU_LAYOUT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("file", "&File", ("open", "save", "compare", "export", "quit")),
    ("edit", "&Edit", ("undo", "clipboard", "find", "preferences")),
    ("insert", "&Insert", ("trust", "changes")),
    ("format", "F&ormat", ("inline", "link", "headings", "blocks")),
    ("view", "&View", ("panels", "zoom", "modes")),
    ("review", "Revie&w", ("comments", "suggest", "marks", "checks")),
    ("ratings", "&Ratings", ("update", "data")),
    ("help", "&Help", ("reference", "about")),
)


class Feature(Protocol):
    """Something the window offers that brings its own actions, menus, docks and wiring.

    `install` runs once, when the window is set up: after the window's own services
    (`editor`, `session`, `preview`, `preview_controller`, `ratings`) and actions exist,
    before the stored settings are applied (so a toggle added with `Menus.add_toggle` is
    restored with the others). The window keeps the installed feature; `window.feature(
    Kind)` finds it again.
    """

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Create this feature's widgets and actions in `window`, and wire them."""
        ...


def make_action(
    window: MainWindow,
    text: str,
    slot: Callable[..., object] | None = None,
    shortcut: QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    tip: str = "",
    fallback: str = "",
) -> QAction:
    """A QAction; `fallback` is the shortcut where the platform has no standard one."""
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if fallback and action.shortcut().isEmpty():
        action.setShortcut(QKeySequence(fallback))
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    if slot is not None:
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
    return action


class Menus:
    """The window's menu bar in `MENU_LAYOUT`'s shape, every action by short name, and
    the toolbar features put their most used actions on (`add_tool`)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.actions: dict[str, QAction] = {}
        self.toolbar: QToolBar | None = None
        self._menus: dict[str, QMenu] = {}
        self._section_ends: dict[str, QAction] = {}  # "view/panels" → the line after it
        self._toggles: list[tuple[QAction, str, Callable[[bool], None]]] = []
        bar = window.menuBar()
        for key, title, sections in MENU_LAYOUT:
            menu = bar.addMenu(title)
            # Lines at either end or next to each other (empty sections) are not drawn.
            menu.setSeparatorsCollapsible(True)
            self._menus[key] = menu
            for section in sections:
                self._section_ends[f"{key}/{section}"] = menu.addSeparator()

    def add(self, where: str, name: str, action: QAction) -> QAction:
        """Put `action` at the end of section `where` ("view/panels") as `name`."""
        key = where.split("/", 1)[0]
        self._menus[key].insertAction(self._section_ends[where], action)
        self.actions[name] = action
        return action

    def add_menu(self, where: str, menu: QMenu) -> QMenu:
        """Put a submenu at the end of section `where`."""
        key = where.split("/", 1)[0]
        self._menus[key].insertMenu(self._section_ends[where], menu)
        return menu

    def add_tool(self, action: QAction) -> QAction:
        """Put `action` on the window's toolbar as well as in its menu.

        The toolbar is made with the first tool, with View ▸ Toolbar to hide it (the
        window's saved state remembers that); its buttons show their text, not an icon
        to decode.
        """
        if self.toolbar is None:
            from PySide6.QtWidgets import QToolBar

            bar = self.toolbar = QToolBar("Toolbar", self._window)
            bar.setObjectName("mainToolBar")  # saveState/restoreState find it by name
            bar.setAccessibleName("Toolbar")
            bar.setMovable(False)
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
            toggle = bar.toggleViewAction()
            toggle.setText("&Toolbar")
            self.add("view/panels", "toolbar", toggle)
        self.toolbar.addAction(action)
        return action

    def add_toggle(
        self,
        where: str,
        name: str,
        text: str,
        setting: str,
        apply: Callable[[bool], None],
        shortcut: str | None = None,
    ) -> QAction:
        """A checkable action that calls `apply(on)` and remembers `on` in `setting`.

        Restored from the settings, with every other toggle, by `restore_toggles`; not
        remembered while focus mode hides the panels.
        """
        window = self._window

        def toggled(on: bool) -> None:
            apply(on)
            if not window.in_focus_mode:
                window.save_setting(setting, on)

        action = make_action(window, text, toggled, shortcut, checkable=True)
        self._toggles.append((action, setting, apply))
        return self.add(where, name, action)

    def restore_toggles(self) -> None:
        """Check each toggle as the settings say and apply it."""
        settings = self._window.settings
        for action, setting, apply in self._toggles:
            on = bool(settings.get(setting))
            action.setChecked(on)
            apply(on)


def add_window_actions(window: MainWindow, menus: Menus) -> None:
    """The window's own actions: files, editing, preview, zoom and modes."""
    session, editor = window.session, window.editor

    def add(where: str, name: str, text: str, slot: Callable[..., object],
            shortcut: QKeySequence.StandardKey | str | None = None, checkable: bool = False,
            fallback: str = "") -> QAction:
        action = make_action(window, text, slot, shortcut, checkable, fallback=fallback)
        return menus.add(where, name, action)

    add("file/open", "new", "&New", session.new_document, SK.New)
    add("file/open", "open", "&Open…", session.open_dialog, SK.Open)
    menus.add_menu("file/open", window.recent_menu)
    add("file/save", "save", "&Save", session.save, SK.Save)
    add("file/save", "save_as", "Save &As…", session.save_as, SK.SaveAs,
        fallback="Ctrl+Shift+S")
    add("file/save", "reload", "Reloa&d from Disk", session.reload_from_disk)
    add("file/compare", "compare", "&Compare with a Saved Version…", session.compare_versions)
    add("file/quit", "quit", "&Quit", window.quit_app, SK.Quit, fallback="Ctrl+Q")

    undo = add("edit/undo", "undo", "&Undo", editor.undo, SK.Undo)
    redo = add("edit/undo", "redo", "&Redo", editor.redo, SK.Redo)
    undo.setEnabled(False)
    redo.setEnabled(False)
    editor.undoAvailable.connect(undo.setEnabled)
    editor.redoAvailable.connect(redo.setEnabled)
    add("edit/clipboard", "cut", "Cu&t", editor.cut, SK.Cut)
    add("edit/clipboard", "copy", "&Copy", editor.copy, SK.Copy)
    add("edit/clipboard", "paste", "&Paste", editor.paste, SK.Paste)
    add("edit/clipboard", "select_all", "Select &All", editor.selectAll, SK.SelectAll)

    menus.add_toggle("view/panels", "preview", "&Preview", "view/preview_visible",
                     window.set_preview_visible, "Ctrl+Shift+P")
    add("view/zoom", "zoom_in", "Zoom &In", lambda: window.zoom_by(1), SK.ZoomIn)
    add("view/zoom", "zoom_out", "&Zoom Out", lambda: window.zoom_by(-1), SK.ZoomOut)
    add("view/zoom", "zoom_reset", "&Reset Zoom", window.zoom_reset, "Ctrl+0")
    add("view/modes", "focus_mode", "&Focus Mode", window.set_focus_mode, "F8",
        checkable=True)
    add("view/modes", "full_screen", "F&ull Screen", window.set_full_screen, SK.FullScreen,
        checkable=True, fallback="F11")

