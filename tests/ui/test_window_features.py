"""Features bring their own actions, menus and docks: what the writer finds in the menus,
and what a new feature gets without any change to the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QToolBar

from columnist import settings as settings_module
from columnist.ui import main_window as main_window_module
from columnist.ui.main_window import MainWindow
from columnist.ui.panels import OutlinePanel, add_dock, follow_dock
from helpers.windows import open_window


def labels(menu) -> list[str]:
    """The menu as the writer reads it: entries, with "—" for a line between groups."""
    out: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            if out and out[-1] != "—":
                out.append("—")
        else:
            out.append(action.text())
    while out and out[-1] == "—":
        out.pop()
    return out


def menu(window: MainWindow, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


@pytest.fixture
def window(qtbot, questions):
    return open_window(qtbot)


def test_the_menus_read_as_before_whatever_feature_added_each_entry(window):
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File", "&Edit", "&Insert", "F&ormat", "&View", "Revie&w", "&Ratings", "&Help"]
    assert labels(menu(window, "&File")) == [
        "&New", "&Open…", "Open &Recent", "—", "&Save", "Save &As…",
        "Reloa&d from Disk", "—", "&Compare with a Saved Version…", "Compare with &File…", "—",
        "&Export…", "Publish to &Medium…", "Export Review Cop&y (PDF)…", "—", "&Quit"]
    assert labels(menu(window, "&Edit")) == [
        "&Undo", "&Redo", "—", "Cu&t", "&Copy", "&Paste", "Select &All",
        "Paste as Plain Te&xt", "Copy for &Medium", "—", "&Find…", "R&eplace…", "Find &Next",
        "Find Pre&vious", "—", "Preference&s…"]
    assert labels(menu(window, "&Insert")) == ["&Trust…", "—", "This Month's Rating &Changes…"]
    assert labels(menu(window, "&View")) == [
        "&Preview", "&Outline", "&Metadata", "&Scroll Sync", "Rating &Changes", "&Toolbar",
        "Re&view Panel", "Prob&lems", "Chec&ks", "Statistics and &Word Count…", "—",
        "Zoom &In", "&Zoom Out", "&Reset Zoom",
        "—", "&Focus Mode", "F&ull Screen", "T&heme", "Ne&xt Pane", "Previous P&ane"]
    assert labels(menu(window, "Revie&w")) == [
        "&Comment…", "&Reply to Comment…", "—", "&Suggest Changes", "—", "&Next Mark",
        "Pre&vious Mark", "&Accept Mark at Cursor", "Re&ject Mark at Cursor", "—",
        "&Quick Fix…", "Next &Problem", "Previous Pro&blem"]
    assert labels(menu(window, "&Ratings")) == [
        "&Import CQC File…", "&Refresh from CQC API…", "—", "Ratings &Data…"]


class NotesPanel:
    """A feature the window has never heard of: a dock with a remembered View toggle."""

    def install(self, window, menus) -> None:
        self.dock = add_dock(window, "Notes", "notesDock", QLabel("No notes yet"))
        action = menus.add_toggle("view/panels", "notes", "&Notes", "view/notes_visible",
                                  self.dock.setVisible)
        follow_dock(window, self.dock, action)


@pytest.fixture
def with_notes_panel(monkeypatch):
    option = settings_module.Option("view/notes_visible", bool, True, "Show the notes panel")
    monkeypatch.setitem(settings_module.OPTIONS, option.name, option)
    real = main_window_module._features
    monkeypatch.setattr(main_window_module, "_features", lambda: (*real(), NotesPanel()))


def test_a_new_feature_gets_its_menu_entry_dock_and_remembered_toggle(qtbot, with_notes_panel):
    first = open_window(qtbot)
    notes = first.feature(NotesPanel)
    assert labels(menu(first, "&View"))[:11] == [
        "&Preview", "&Outline", "&Metadata", "&Scroll Sync", "Rating &Changes", "&Toolbar",
        "Re&view Panel", "Prob&lems", "Chec&ks", "Statistics and &Word Count…", "&Notes"]
    assert notes.dock.isVisibleTo(first)
    first.actions_by_name["notes"].setChecked(False)
    assert not notes.dock.isVisibleTo(first)

    again = open_window(qtbot)
    assert not again.actions_by_name["notes"].isChecked()
    assert not again.feature(NotesPanel).dock.isVisibleTo(again)


def test_focus_mode_hides_every_panel_and_brings_them_back(qtbot, with_notes_panel):
    window = open_window(qtbot)
    outline, notes = window.feature(OutlinePanel).dock, window.feature(NotesPanel).dock
    toolbar = window.findChild(QToolBar, "mainToolBar")
    window.actions_by_name["focus_mode"].setChecked(True)
    assert not outline.isVisibleTo(window) and not notes.isVisibleTo(window)
    assert not window.preview.isVisibleTo(window) and not toolbar.isVisibleTo(window)
    assert window.actions_by_name["notes"].isChecked()  # hidden for now, not switched off
    window.actions_by_name["focus_mode"].setChecked(False)
    assert outline.isVisibleTo(window) and notes.isVisibleTo(window)
    assert window.preview.isVisibleTo(window) and toolbar.isVisibleTo(window)
    assert window.settings.get("view/notes_visible") is True


def test_a_feature_not_installed_is_said_plainly(window):
    with pytest.raises(LookupError, match="NotesPanel"):
        window.feature(NotesPanel)


def test_windows_share_the_one_settings_the_app_made(qtbot, window):
    again = open_window(qtbot)
    assert again.settings is window.settings
