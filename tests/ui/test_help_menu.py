"""Help ▸ Keyboard Shortcuts (from the real menus, searchable), the Markdown and review-marks
reference (rendered by the preview's renderer) and About (version, licences, attribution)."""

from __future__ import annotations

import re
from importlib.metadata import metadata
from pathlib import Path

from PySide6.QtCore import Qt

from columnist import __version__
from columnist.ratings.provenance import ATTRIBUTION
from columnist.ui.help_menu import COMPONENTS, HelpMenu
from helpers.keys import press, type_text
from helpers.windows import made_active, open_window

CTRL = Qt.KeyboardModifier.ControlModifier
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def shown(qtbot):
    return made_active(qtbot, open_window(qtbot))


def test_ctrl_slash_lists_every_menu_entry_and_the_search_narrows_it(qtbot, questions):
    window = shown(qtbot)
    press(window.editor, Qt.Key.Key_Slash, CTRL)
    dialog = window.feature(HelpMenu).shortcuts
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    rows = {dialog.list.topLevelItem(i).text(0): dialog.list.topLevelItem(i).text(1)
            for i in range(dialog.list.topLevelItemCount())}
    for action in window.actions_by_name.values():
        if action.menu() is None and action.text():
            assert action.text().replace("&", "") in rows
    assert rows["Bold"] == "Ctrl+B"
    assert rows["Trust…"] == "Ctrl+T"
    assert rows["Reload from Disk"] == ""  # listed, with no shortcut
    qtbot.waitUntil(dialog.search.hasFocus)
    type_text(dialog.search, "heading")
    assert dialog.visible_actions() == [f"Heading {n}" for n in range(1, 7)]
    dialog.search.clear()
    type_text(dialog.search, "ctrl+shift+v")
    assert dialog.visible_actions() == ["Paste as Plain Text"]
    dialog.close()


def test_f1_shows_markdown_and_review_marks_as_the_preview_renders_them(qtbot, questions):
    window = shown(qtbot)
    press(window.editor, Qt.Key.Key_F1)
    dialog = window.feature(HelpMenu).reference
    assert dialog is not None and dialog.isVisible()
    page = dialog.view.toPlainText()
    assert "**bold** and *italic*" in page  # as typed
    assert "{~~old~>new~~}" in page and "Suggested replacement" in page
    html = dialog.view.toHtml()
    assert "font-weight:700" in html  # the rendered bold
    dialog.close()


def test_about_names_the_version_the_licences_and_the_data_attribution(qtbot, questions):
    window = shown(qtbot)
    dialog = window.feature(HelpMenu).show_about()
    text = re.sub(r"\s+", " ", dialog.view.toPlainText())
    assert f"Columnist {__version__}" in text
    assert ATTRIBUTION in text
    assert "Open Government Licence v3.0" in text
    for component in COMPONENTS:
        assert f"{component.name} {component.licence}" in text
    dialog.close()


def test_every_dependency_is_credited_with_the_licence_its_package_declares():
    # The [project] dependencies list: one quoted requirement a line (tomllib is 3.11+).
    block = PYPROJECT.read_text(encoding="utf-8").split("\ndependencies = [", 1)[1]
    declared = re.findall(r'^\s*"([^"]+)",', block.split("\n]", 1)[0], re.MULTILINE)
    assert len(declared) >= 10
    names = {re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower()
             for requirement in declared}
    credited = {c.distribution.lower() for c in COMPONENTS}
    assert names <= credited, f"add to help_menu.COMPONENTS: {sorted(names - credited)}"
    for component in COMPONENTS:
        meta = metadata(component.distribution)
        found = " ".join(filter(None, [meta.get("License-Expression"), meta.get("License"),
                                       *(meta.get_all("Classifier") or [])]))
        word = component.licence.split("-")[0]  # "LGPL", "BSD", "MIT", "Apache"
        assert word in found, f"{component.distribution}: {found!r}"
