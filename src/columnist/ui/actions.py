"""Menus and shortcuts of the main window, declared in one table-like function.

Standard platform shortcuts (QKeySequence.StandardKey) wherever Qt has one, so Save is
Cmd+S on a Mac and Ctrl+S elsewhere; the README's shortcut table is generated from the
same labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

if TYPE_CHECKING:
    from columnist.ui.main_window import MainWindow

SK = QKeySequence.StandardKey


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[..., object] | None = None,
    shortcut: QKeySequence.StandardKey | str | None = None,
    checkable: bool = False,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    if slot is not None:
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create File, Edit and View menus; returns the actions by short name."""
    from columnist.ui.recent_files import RecentMenu

    a: dict[str, QAction] = {}
    editor = window.editor
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    a["new"] = _action(window, "&New", window.new_document, SK.New)
    a["open"] = _action(window, "&Open…", window.open_dialog, SK.Open)
    a["save"] = _action(window, "&Save", window.save, SK.Save)
    a["save_as"] = _action(window, "Save &As…", window.save_as, SK.SaveAs)
    if a["save_as"].shortcut().isEmpty():
        a["save_as"].setShortcut(QKeySequence("Ctrl+Shift+S"))
    a["compare"] = _action(window, "&Compare with a Saved Version…", window.compare_versions)
    a["reload"] = _action(window, "&Reload from Disk", window.reload_from_disk)
    a["quit"] = _action(window, "&Quit", window.quit_app, SK.Quit)
    if a["quit"].shortcut().isEmpty():
        a["quit"].setShortcut(QKeySequence("Ctrl+Q"))
    file_menu.addAction(a["new"])
    file_menu.addAction(a["open"])
    window.recent_menu = RecentMenu(
        window.recent, window.open_path, window.report_missing_recent, file_menu
    )
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    for name in ("save", "save_as", "compare", "reload"):
        file_menu.addAction(a[name])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])

    edit_menu = bar.addMenu("&Edit")
    a["undo"] = _action(window, "&Undo", editor.undo, SK.Undo)
    a["redo"] = _action(window, "&Redo", editor.redo, SK.Redo)
    a["cut"] = _action(window, "Cu&t", editor.cut, SK.Cut)
    a["copy"] = _action(window, "&Copy", editor.copy, SK.Copy)
    a["paste"] = _action(window, "&Paste", editor.paste, SK.Paste)
    a["select_all"] = _action(window, "Select &All", editor.selectAll, SK.SelectAll)
    a["find"] = _action(window, "&Find…", window.find_bar.show_find, SK.Find)
    a["replace"] = _action(window, "R&eplace…", window.find_bar.show_replace, SK.Replace)
    if a["replace"].shortcut().isEmpty():
        a["replace"].setShortcut(QKeySequence("Ctrl+H"))
    a["find_next"] = _action(window, "Find &Next", window.find_bar.find_next, SK.FindNext)
    a["find_previous"] = _action(
        window, "Find Pre&vious", window.find_bar.find_previous, SK.FindPrevious
    )
    a["undo"].setEnabled(False)
    a["redo"].setEnabled(False)
    editor.undoAvailable.connect(a["undo"].setEnabled)
    editor.redoAvailable.connect(a["redo"].setEnabled)
    for name in ("undo", "redo", None, "cut", "copy", "paste", "select_all", None,
                 "find", "replace", "find_next", "find_previous"):
        if name is None:
            edit_menu.addSeparator()
        else:
            edit_menu.addAction(a[name])

    view_menu = bar.addMenu("&View")
    a["preview"] = _action(window, "&Preview", window.set_preview_visible, "Ctrl+Shift+P",
                           checkable=True)
    a["outline"] = _action(window, "&Outline", window.set_outline_visible, "Ctrl+Shift+O",
                           checkable=True)
    a["metadata"] = _action(window, "&Metadata", window.set_metadata_visible, "Ctrl+Shift+M",
                            checkable=True)
    a["scroll_sync"] = _action(window, "&Scroll Sync", window.set_scroll_sync, checkable=True)
    a["zoom_in"] = _action(window, "Zoom &In", lambda: window.zoom_by(1), SK.ZoomIn)
    a["zoom_out"] = _action(window, "Zoom &Out", lambda: window.zoom_by(-1), SK.ZoomOut)
    a["zoom_reset"] = _action(window, "&Reset Zoom", window.zoom_reset, "Ctrl+0")
    a["focus_mode"] = _action(window, "&Focus Mode", window.set_focus_mode, "F8",
                              checkable=True)
    a["full_screen"] = _action(window, "F&ull Screen", window.set_full_screen, SK.FullScreen,
                               checkable=True)
    if a["full_screen"].shortcut().isEmpty():
        a["full_screen"].setShortcut(QKeySequence("F11"))
    for name in ("preview", "outline", "metadata", "scroll_sync", None, "zoom_in",
                 "zoom_out", "zoom_reset", None, "focus_mode", "full_screen"):
        if name is None:
            view_menu.addSeparator()
        else:
            view_menu.addAction(a[name])
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    group.setExclusive(True)
    for key, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(label, window)
        action.setCheckable(True)
        action.setData(key)
        group.addAction(action)
        theme_menu.addAction(action)
        action.triggered.connect(lambda _checked=False, k=key: window.set_theme(k))
        a[f"theme_{key}"] = action

    ratings_menu = bar.addMenu("&Ratings")
    a["ratings_import"] = _action(window, "&Import CQC File…",
                                  lambda: window.ratings_ui.import_file(),
                                  tip="Add a CQC Latest ratings, CQC directory or ODS file")
    a["ratings_refresh"] = _action(window, "&Refresh from CQC API…",
                                   lambda: window.ratings_ui.refresh_from_api(),
                                   tip="Fetch the ratings that changed from CQC's API")
    a["ratings_data"] = _action(window, "Ratings &Data…", lambda: window.ratings_ui.show_data(),
                                tip="What the rating cache holds and how current it is")
    for name in ("ratings_import", "ratings_refresh", None, "ratings_data"):
        if name is None:
            ratings_menu.addSeparator()
        else:
            ratings_menu.addAction(a[name])
    return a
