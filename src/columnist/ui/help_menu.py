"""The Help menu: Keyboard Shortcuts, the Markdown and review-marks reference, About.

- **Keyboard Shortcuts** lists every entry of the window's real menus (walked when it
  opens, so a feature's new action is there without anyone writing it down), with its
  shortcuts, and a search field that narrows the list as you type.
- **Markdown and Review Marks** shows each piece of syntax as typed beside what the
  preview makes of it: the right-hand column is rendered by the preview's own renderer.
- **About Columnist**: the version, the licences of the bundled components and data, and
  the CQC / NHS England attribution the ratings carry (`ratings.provenance.ATTRIBUTION`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from columnist.ui.actions import make_action

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

SK = QKeySequence.StandardKey


class Component(NamedTuple):
    """A bundled component: its distribution name (as in pyproject.toml), what it is
    called, and its licence (SPDX)."""

    distribution: str
    name: str
    licence: str


# Every runtime dependency in pyproject.toml, and what they bring with them
# (tests/ui/test_help_menu.py checks the list against pyproject and the installed metadata).
COMPONENTS: tuple[Component, ...] = (
    Component("PySide6-Essentials", "Qt 6 and PySide6", "LGPL-3.0-only"),
    Component("Markdown", "Python-Markdown", "BSD-3-Clause"),
    Component("pymdown-extensions", "PyMdown Extensions", "MIT"),
    Component("PyYAML", "PyYAML", "MIT"),
    Component("nh3", "nh3 (ammonia)", "MIT"),
    Component("platformdirs", "platformdirs", "MIT"),
    Component("sqlite-utils", "sqlite-utils", "Apache-2.0"),
    Component("python-calamine", "python-calamine", "MIT"),
    Component("syntok", "syntok", "MIT"),
    Component("rapidfuzz", "RapidFuzz", "MIT"),
    Component("keyring", "keyring", "MIT"),
    Component("filelock", "filelock", "MIT"),
    Component("markdownify", "markdownify", "MIT"),
    Component("beautifulsoup4", "Beautiful Soup", "MIT"),
    Component("chunspell", "chunspell (with Hunspell: MPL-1.1/GPL-2.0/LGPL-2.1), for the "
              "spelling check", "MIT"),
    Component("spylls", "Spylls (the spelling check where chunspell has no wheel)", "MIT"),
    Component("pyphen", "Pyphen (hyphenation patterns, for the reading age)",
              "LGPL-2.1-or-later OR GPL-2.0-or-later OR MPL-1.1"),
)

# (what you type, what it is); the preview's renderer shows the result.
MARKDOWN_REFERENCE: tuple[tuple[str, str], ...] = (
    ("## A heading", "Heading (# to ######; Medium has two sizes: ## and ###)"),
    ("**bold** and *italic*", "Emphasis"),
    ("[CQC](https://www.cqc.org.uk/)", "Link (to a trust's CQC page: a trust reference)"),
    ("- one\n- two", "Bulleted list"),
    ("1. first\n2. second", "Numbered list"),
    ("> A quotation", "Quote"),
    ("`inline code`", "Code"),
    ("```\ncode block\n```", "Code block"),
    ("---", "Horizontal rule (a blank line above it)"),
    ("![Alt text](photo.jpg)", "Image from the column's folder"),
    ("A note.[^1]\n\n[^1]: The footnote.", "Footnote"),
)
REVIEW_REFERENCE: tuple[tuple[str, str], ...] = (
    ("{++added text++}", "Suggested insertion"),
    ("{--removed text--}", "Suggested deletion"),
    ("{~~old~>new~~}", "Suggested replacement"),
    ("{>>KB: check this<<}", "Comment (your initials first)"),
    ("{==highlighted==}", "Highlight"),
)


# Keys of an ordinary keyboard; Qt also binds media and Sun keys ("Paste", "Redo", F18) to
# the standard actions, which would only confuse the list.
_KEYS = {"Ins", "Del", "Tab", "Home", "End", "Esc", "Space", "Return", "Enter", "Backspace",
         "PgUp", "PgDown", "Left", "Right", "Up", "Down"}


def ordinary(keys: str) -> bool:
    """Whether a shortcut is typed on an ordinary keyboard.

    >>> ordinary("Ctrl+Shift+Z"), ordinary("F11"), ordinary("Redo"), ordinary("F18")
    (True, True, False, False)
    >>> ordinary("Shift+Ins"), ordinary("Ctrl+Shift+Backtab"), ordinary("Ctrl++")
    (True, False, True)
    """
    last = keys[:-1].rsplit("+", 1)[-1] + keys[-1] if keys.endswith("+") else \
        keys.rsplit("+", 1)[-1]
    if len(last) <= 1 or last in _KEYS:
        return True
    return last[0] == "F" and last[1:].isdigit() and int(last[1:]) <= 12


def menu_entries(window: MainWindow) -> list[tuple[str, str, list[str]]]:
    """(menu path, entry, shortcuts as the platform writes them) for every entry of the
    window's menus, in menu order."""
    entries: list[tuple[str, str, list[str]]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} ▸ {text}")
                continue
            keys = [s.toString(QKeySequence.SequenceFormat.NativeText)
                    for s in action.shortcuts() if not s.isEmpty()]
            keys = [k for k in keys if ordinary(k)]
            entries.append((path, text, keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return entries


class ShortcutsDialog(QDialog):
    """Every menu entry with its shortcuts; the search narrows the list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 560)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search: an action, a menu or a key")
        self.search.setAccessibleName("Search shortcuts")
        self.search.setClearButtonEnabled(True)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName("Keyboard shortcuts")
        self.list.setHeaderLabels(["Action", "Shortcut", "Menu"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        for path, text, keys in menu_entries(window):
            QTreeWidgetItem(self.list, [text, " or ".join(keys), path])
        self.list.resizeColumnToContents(0)
        self.list.resizeColumnToContents(1)
        self.search.textChanged.connect(self.narrow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("Alt and the underlined letter opens a menu; in a menu, "
                                "the underlined letter chooses the entry.", self))
        layout.addWidget(buttons)
        self.search.setFocus()

    def narrow(self, query: str) -> None:
        """Show only the rows whose action, shortcut or menu contain every word typed."""
        words = query.lower().split()
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            row = " ".join(item.text(column) for column in range(3)).lower()
            item.setHidden(not all(word in row for word in words))

    def visible_actions(self) -> list[str]:
        """The action names the list shows now."""
        return [self.list.topLevelItem(i).text(0) for i in range(self.list.topLevelItemCount())
                if not self.list.topLevelItem(i).isHidden()]


def reference_html(dark: bool = False) -> str:
    """The reference page: each example as typed, and as the preview renders it."""
    from columnist.render.css import preview_css
    from columnist.render.pipeline import Renderer
    from columnist.render.qt_html import adapt_for_qt

    renderer = Renderer()

    def table(title: str, rows: tuple[tuple[str, str], ...]) -> str:
        body = "".join(
            f"<tr><td width='26%'>{html.escape(what)}</td>"
            f"<td width='40%'><pre>{html.escape(source)}</pre></td>"
            f"<td width='34%'>{adapt_for_qt(renderer.render(source).html)}</td></tr>"
            for source, what in rows
        )
        return (f"<h3>{html.escape(title)}</h3>"
                "<table width='100%' cellspacing='0' cellpadding='4'>"
                "<tr><th align='left'>What</th><th align='left'>You type</th>"
                "<th align='left'>The preview shows</th></tr>"
                f"{body}</table>")

    return (
        f"<html><head><style>{preview_css(dark)}"
        "body, p, li, td { font-size: 14px; } p, li { margin-top: 0; margin-bottom: 2px; "
        "line-height: 120%; } p.h2 { font-size: 18px; margin: 0; } pre { font-size: 13px; "
        "margin: 0; } h3 { font-size: 16px; margin-top: 12px; }</style></head><body>"
        + table("Markdown", MARKDOWN_REFERENCE)
        + table("Review marks (CriticMarkup)", REVIEW_REFERENCE)
        + "<p>Review marks stay in the file until accepted or rejected; an export refuses "
          "a column that still has any.</p></body></html>"
    )


def about_html() -> str:
    """Version, licences of the bundled components and data, and the attribution."""
    from columnist import __version__
    from columnist.ratings.provenance import ATTRIBUTION

    rows = "".join(f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.licence)}</td></tr>"
                   for c in COMPONENTS)
    return (
        f"<h2>Columnist {__version__}</h2>"
        "<p>A calm Markdown desk for the Chief Inspector of Hospitals' monthly column, with "
        "CQC ratings kept right. Columnist is MIT-licensed.</p>"
        "<h3>Data</h3>"
        "<p>CQC ratings (October 2018 and March 2019) and NHS England's ODS list of NHS "
        "trusts (June 2026), under the Open Government Licence v3.0 "
        "(nationalarchives.gov.uk/doc/open-government-licence/version/3/).</p>"
        f"<p><i>{html.escape(ATTRIBUTION)}</i></p>"
        "<h3>Bundled components</h3>"
        f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
        "<p>Python (PSF-2.0) and SQLite (public domain) are bundled in the standalone app.</p>"
    )


def text_dialog(window: QWidget, title: str, page: str, name: str) -> QDialog:
    """A dialog showing `page` (HTML) in a read-only browser, closed with Close or Esc."""
    dialog = QDialog(window)
    dialog.setWindowTitle(title)
    dialog.resize(640, 620)
    view = QTextBrowser(dialog)
    view.setOpenLinks(False)
    view.setAccessibleName(name)
    view.setHtml(page)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    dialog.view = view  # type: ignore[attr-defined]
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog


class HelpMenu:
    """Help ▸ Keyboard Shortcuts, Markdown and Review Marks, About Columnist."""

    shortcuts: ShortcutsDialog | None = None
    reference: QDialog | None = None
    _reference_dark = False
    about: QDialog | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The three entries (About in the application menu on macOS)."""
        self._window = window
        menus.add("help/reference", "shortcuts", make_action(
            window, "&Keyboard Shortcuts…", self.show_shortcuts, "Ctrl+/"))
        menus.add("help/reference", "reference", make_action(
            window, "&Markdown and Review Marks…", self.show_reference, SK.HelpContents,
            fallback="F1"))
        about = make_action(window, "&About Columnist", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        menus.add("help/about", "about", about)

    def show_shortcuts(self) -> ShortcutsDialog:
        """The list, made afresh (a feature may have added entries since)."""
        if self.shortcuts is not None:
            self.shortcuts.deleteLater()
        self.shortcuts = ShortcutsDialog(self._window)
        self.shortcuts.show()
        return self.shortcuts

    def show_reference(self) -> QDialog:
        from columnist.ui import theme

        dark = theme.resolve_dark(str(self._window.settings.get("view/theme")))
        if self.reference is None or self._reference_dark != dark:  # in the theme shown
            if self.reference is not None:
                self.reference.deleteLater()
            self._reference_dark = dark
            self.reference = text_dialog(self._window, "Markdown and Review Marks",
                                         reference_html(dark), "Markdown reference")
        self.reference.show()
        return self.reference

    def show_about(self) -> QDialog:
        if self.about is None:
            self.about = text_dialog(self._window, "About Columnist", about_html(), "About")
        self.about.show()
        return self.about
