"""The checks as you type, as a feature: underlines, the Problems panel, quick fixes, the
status-bar counts and View ▸ Checks.

`LiveChecks` runs the enabled checks off the GUI thread on each render's column model and
keeps the findings on their words; `FindingUnderlines` draws the visible ones. This module
puts them in the window:

- View ▸ Problems (Ctrl+Shift+L, remembered as `view/problems_visible`): the dock listing
  every finding (`ui.problems_view`); a click goes there, Enter applies the first fix.
- Review ▸ Quick Fix (Ctrl+.): the fixes of the finding at the cursor, as a menu at the
  cursor, like a code editor's light bulb; the same fixes in the editor's right-click menu,
  and for a spelling mistake "Add “word” to Dictionary" (the personal word list).
- Review ▸ Next Problem / Previous Problem (F7 / Shift+F7, as Word's F7 walks the
  proofing marks): the cursor to the next finding, wrapping round.
- The status bar: "2 errors, 1 warning" (or "No problems"); a click opens the panel.
- View ▸ Checks: each check on or off (`checks/<key>`, also in Preferences), applied at
  once: its findings go, or come on the next run.

The services decide what is wrong (`review.checks`); nothing here knows a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QPushButton

from columnist.review.findings import counts_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from columnist.review.findings import Fix
    from columnist.ui.actions import Menus
    from columnist.ui.finding_underlines import FindingUnderlines
    from columnist.ui.live_checks import LiveChecks, LiveFinding
    from columnist.ui.main_window import MainWindow
    from columnist.ui.problems_view import ProblemsView

NO_CACHE = "not checked: the rating cache is not open yet"


def state_line(checked: bool, enabled: frozenset[str], skipped: list[str], found: int) -> str:
    """What the panel says under its list about the run itself.

    >>> state_line(False, frozenset({"claims"}), [], 0)
    'Checking…'
    >>> state_line(True, frozenset(), [], 0)
    'Every check is switched off (View ▸ Checks).'
    >>> state_line(True, frozenset({"claims"}), ["Rating claims"], 0)
    'Rating claims: not checked: the rating cache is not open yet.'
    >>> state_line(True, frozenset({"claims"}), [], 0)
    'No problems found.'
    """
    if not enabled:
        return "Every check is switched off (View ▸ Checks)."
    if not checked:
        return "Checking…"
    if skipped:
        return f"{', '.join(skipped)}: {NO_CACHE}."
    return "" if found else "No problems found."


def with_mnemonic(label: str, used: set[str]) -> str:
    """`label` with an Alt key: its first letter not in `used` (which it joins).

    >>> used = set()
    >>> with_mnemonic("Rating claims", used), with_mnemonic("Readability", used)
    ('&Rating claims', 'R&eadability')
    """
    for i, char in enumerate(label):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return f"{label[:i]}&{label[i:]}"
    return label


class ProblemsPanel:
    """The live checks' home in the window (see the module docstring)."""

    checks: LiveChecks
    underlines: FindingUnderlines
    dock: QDockWidget
    counts: QPushButton

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Checks, underlines, dock, actions, status-bar counts and wiring."""
        from columnist.ui.actions import make_action
        from columnist.ui.finding_underlines import FindingUnderlines
        from columnist.ui.live_checks import LiveChecks
        from columnist.ui.panels import add_dock, follow_dock

        self._window = window
        self._view: ProblemsView | None = None  # made on first show (cold start)
        self.checks = LiveChecks(window)
        self.underlines = FindingUnderlines(window.editor, self.checks)
        # Below editor and preview, as an IDE's problem list: the messages are sentences.
        self.dock = add_dock(window, "Problems", "problemsDock",
                             area=Qt.DockWidgetArea.BottomDockWidgetArea)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._update_view())
        action = menus.add_toggle("view/panels", "problems", "Prob&lems",
                                  "view/problems_visible", self.set_visible, "Ctrl+Shift+L")
        follow_dock(window, self.dock, action)
        self._toggle = action
        self.counts = QPushButton("", window.status)
        self.counts.setFlat(True)
        self.counts.setAccessibleName("Problems")
        self.counts.setToolTip("Show the Problems panel (Ctrl+Shift+L)")
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts.clicked.connect(lambda: self.set_visible(True, focus=True))
        window.status.addPermanentWidget(self.counts)
        for name, text, slot, keys in (
            ("quick_fix", "&Quick Fix…", self.quick_fix, "Ctrl+."),
            ("next_problem", "Next &Problem", lambda: self.step(+1), "F7"),
            ("previous_problem", "Previous Pro&blem", lambda: self.step(-1), "Shift+F7"),
        ):
            menus.add("review/checks", name, make_action(window, text, slot, keys))
        menus.add_menu("view/panels", self._checks_menu(window, menus))
        window.editor.add_context_menu_provider(self._context_menu)
        self.checks.changed.connect(self._on_changed)
        window.ratings.opened.connect(self._on_changed)
        self._on_changed()

    # -- View ▸ Checks ------------------------------------------------------------------

    def _checks_menu(self, window: MainWindow, menus: Menus) -> QMenu:
        from columnist.review.checks import CHECKS

        menu = QMenu("Chec&ks", window)
        self._check_actions: dict[str, QAction] = {}
        used: set[str] = set()
        for check in CHECKS:
            action = menu.addAction(with_mnemonic(check.label, used))
            action.setCheckable(True)
            action.setChecked(bool(window.settings.get(f"checks/{check.key}")))
            action.toggled.connect(lambda on, key=check.key: self.switch(key, on))
            self._check_actions[check.key] = action
            menus.actions[f"check_{check.key}"] = action
        return menu

    def switch(self, key: str, on: bool) -> None:
        """Switch the check `key` on or off, in this window now and in the settings."""
        self._window.save_setting(f"checks/{key}", on)
        self.settings_changed()

    def settings_changed(self) -> None:
        """The settings may have changed (View ▸ Checks, Preferences, another window):
        the menu follows them, and the checks run again if what they would do differs."""
        settings = self._window.settings
        for key, action in self._check_actions.items():
            on = bool(settings.get(f"checks/{key}"))
            if action.isChecked() != on:
                action.blockSignals(True)
                action.setChecked(on)
                action.blockSignals(False)
        self.checks.settings_changed()
        self._on_changed()  # "Checks off" at once; the findings follow the re-run

    # -- the panel and the status bar ----------------------------------------------------

    @property
    def view(self) -> ProblemsView:
        """The panel's widget (`ui.problems_view.ProblemsView`), made on first use."""
        if self._view is None:
            from columnist.ui.problems_view import ProblemsView

            view = ProblemsView(self._window)
            view.jumpRequested.connect(self.go_to)
            view.fixRequested.connect(self.apply_fix)
            self.dock.setWidget(view)
            self._window.resizeDocks([self.dock], [200], Qt.Orientation.Vertical)
            self._view = view
            self._update_view()
        return self._view

    def set_visible(self, on: bool, focus: bool = False) -> None:
        """Show or hide the dock (making the list first); `focus` puts the keys in it."""
        if on:
            _ = self.view
            self.dock.show()
            self._toggle.setChecked(True)
            if focus:
                self.dock.raise_()
                self.view.table.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.view.model.rows and not self.view.table.currentIndex().isValid():
                    self.view.table.selectRow(0)
        else:
            self.dock.hide()

    def _state(self) -> str:
        checks = self.checks
        return state_line(checks.checked, checks.enabled(), checks.skipped,
                          len(checks.findings()))

    def _on_changed(self) -> None:
        found = self.checks.findings()
        if not self.checks.enabled():
            text = "Checks off"
        elif not self.checks.checked:
            text = ""
        else:
            text = counts_label([live.finding for live in found])
        self.counts.setText(text)
        self.counts.setVisible(bool(text))
        if self._view is not None and self.dock.isVisible():
            self._view.set_findings(found, self._state())

    def _update_view(self) -> None:
        if self._view is not None:
            self._view.set_findings(self.checks.findings(), self._state())

    # -- going and fixing ----------------------------------------------------------------

    def go_to(self, live: LiveFinding, focus_editor: bool = True) -> None:
        """Select the finding's words in the editor, centred."""
        editor = self._window.editor
        cursor = editor.textCursor()
        cursor.setPosition(live.span.end)
        cursor.setPosition(live.span.start, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        if focus_editor:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_fix(self, live: LiveFinding, fix: Fix) -> None:
        """Make `fix` (one undo step), or say why not."""
        if live.apply(fix):
            self._window.status.showMessage(f"Fixed: {fix.label}", 4000)
            self.checks.changed.emit()  # the fixed finding's words changed: it goes
        else:
            self._window.status.showMessage(
                "That fix no longer fits the text (it changed since the check); the next "
                "check offers a new one.", 6000)

    def at_cursor(self) -> list[LiveFinding]:
        """The findings at the editor's cursor (or touching its selection)."""
        cursor = self._window.editor.textCursor()
        return [live for live in self.checks.between(cursor.selectionStart(),
                                                      cursor.selectionEnd())
                if live.alive()]

    def quick_fix(self) -> None:
        """Ctrl+.: the fixes of the finding at the cursor, as a menu at the cursor."""
        found = self.at_cursor()
        if not found:
            self._window.status.showMessage(
                "No problem at the cursor. F7 goes to the next one.", 4000)
            return
        menu = QMenu(self._window.editor)
        self.add_fixes(menu, found)
        editor = self._window.editor
        menu.exec(editor.viewport().mapToGlobal(editor.cursorRect().bottomLeft()))

    def add_fixes(self, menu: QMenu, found: list[LiveFinding]) -> None:
        """Each finding's message (greyed) and its fixes, for a menu."""
        from columnist.ui.finding_underlines import SEVERITY_WORDS

        for live in found:
            title = menu.addAction(f"{SEVERITY_WORDS[live.severity]}: {live.message}")
            title.setEnabled(False)
            fixes = live.usable_fixes()
            for fix in fixes:
                menu.addAction(fix.label).triggered.connect(
                    lambda _c=False, lv=live, f=fix: self.apply_fix(lv, f))
            if live.code.startswith("spelling."):
                word = live.span.cursor.selectedText()
                menu.addAction(f"Add “{word}” to Dictionary").triggered.connect(
                    lambda _c=False, w=word: self.add_to_dictionary(w))
            elif not fixes:
                menu.addAction("(no quick fix)").setEnabled(False)

    def add_to_dictionary(self, word: str) -> None:
        """Put `word` in the personal word list (the data folder's, for every column) and
        check again, so its underline goes here and in every open window."""
        from columnist.review.personal_dictionary import add_personal_word
        from columnist.ui.preferences import open_windows

        add_personal_word(word)
        self._window.status.showMessage(f"“{word}” added to your dictionary.", 4000)
        for window in open_windows():
            try:
                window.feature(ProblemsPanel).checks.rerun()
            except LookupError:
                continue

    def _context_menu(self, menu: QMenu, position: QPoint) -> None:
        where = self._window.editor.cursorForPosition(position).position()
        found = self.checks.at(where)
        if found:
            self.add_fixes(menu, found)

    def step(self, direction: int) -> None:
        """Move the cursor to the next (+1) or previous (-1) finding, wrapping round."""
        found = [live for live in self.checks.findings() if live.alive()]
        if not found:
            self._window.status.showMessage("No problems found.", 3000)
            return
        cursor = self._window.editor.textCursor()
        if direction > 0:
            after = [live for live in found if live.span.start > cursor.selectionStart()]
            target = after[0] if after else found[0]
        else:
            before = [live for live in found if live.span.start < cursor.selectionStart()]
            target = before[-1] if before else found[-1]
        self.go_to(target)
        line, column = target.position()
        self._window.status.showMessage(f"Line {line}, column {column}: {target.message}", 6000)
