"""The checks as you type in a real window on the bundled rating cache, driven by real
keys: the wrong rating is underlined, counted in the status bar and listed in the Problems
panel; Enter, Ctrl+. and the right-click menu fix it as one undo step; View ▸ Checks
switches a check off and on; F7 walks the findings."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu

from columnist.review.findings import Severity
from columnist.ui.live_checks import LiveFinding
from columnist.ui.main_window import MainWindow
from columnist.ui.problems import ProblemsPanel
from helpers.keys import press, type_text
from helpers.windows import select, shown_on

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RBD = "[Dorset County Hospital NHS Foundation Trust](https://www.cqc.org.uk/provider/RBD)"
WRONG = f"---\ntitle: March\n---\n\n{RBD} is rated Outstanding.\n\nNothing else here.\n"
WRONG_AT = WRONG.index("Outstanding")
RIGHT = WRONG.replace("Outstanding", "Good")


def checked_window(qtbot, tmp_path, text: str = WRONG, wrong: bool = True
                   ) -> tuple[MainWindow, ProblemsPanel]:
    """A shown window on `text` once the cache is open and the checks have run on it (and
    found its error, when `wrong`)."""
    window = shown_on(qtbot, tmp_path, text)
    qtbot.waitUntil(lambda: window.ratings.cache_path() is not None, timeout=15000)
    panel = window.feature(ProblemsPanel)
    qtbot.waitUntil(lambda: panel.checks.checked and not panel.checks.skipped, timeout=15000)
    if wrong:
        qtbot.waitUntil(lambda: bool(errors(panel)), timeout=15000)
    return window, panel


def errors(panel: ProblemsPanel) -> list[LiveFinding]:
    return [f for f in panel.checks.findings() if f.severity is Severity.ERROR]


def test_a_wrong_rating_is_underlined_counted_and_listed_at_its_line(qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path)
    (wrong,) = errors(panel)
    assert wrong.code == "claim.wrong-rating"
    assert wrong.position() == (5, WRONG_AT - WRONG.index("[Dorset") + 1)
    assert "as Good since November 2018, not Outstanding" in wrong.message
    qtbot.waitUntil(lambda: wrong in panel.underlines.shown)
    assert panel.counts.isVisible()
    assert panel.counts.text().startswith("1 error")

    press(window.editor, Qt.Key.Key_L, CTRL | SHIFT)  # View ▸ Problems
    qtbot.waitUntil(lambda: panel.dock.isVisible())
    view = panel.view
    rows = [view.model.index(r, c).data() for r in range(view.model.rowCount())
            for c in range(3)]
    assert f"5:{wrong.position()[1]}" in rows
    assert "Error" in rows
    assert wrong.message in rows
    assert window.settings.get("view/problems_visible") is True


def test_enter_in_the_problems_list_applies_the_fix_and_undo_brings_the_words_back(
        qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path)
    panel.set_visible(True, focus=True)
    view = panel.view
    row = next(i for i, live in enumerate(view.shown()) if live.severity is Severity.ERROR)
    view.table.selectRow(row)
    assert view.fix_button.isEnabled()
    press(view.table, Qt.Key.Key_Return)
    assert window.editor.text() == RIGHT
    qtbot.waitUntil(lambda: not errors(panel), timeout=10000)
    press(window.editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == WRONG
    qtbot.waitUntil(lambda: bool(errors(panel)), timeout=10000)  # checked again: back


def test_ctrl_dot_offers_the_fix_at_the_cursor_and_enter_makes_it(qtbot, tmp_path):
    window, _panel = checked_window(qtbot, tmp_path)
    select(window, WRONG_AT + 3)
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions() if a.isEnabled())
        press(menu, Qt.Key.Key_Down)
        press(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, pick)
    press(window.editor, Qt.Key.Key_Period, CTRL)
    assert chosen[0] == "Change to “Good”"
    assert window.editor.text() == RIGHT


def test_ctrl_dot_away_from_a_problem_says_so(qtbot, tmp_path):
    window, _panel = checked_window(qtbot, tmp_path)
    select(window, WRONG.index("Nothing"))
    press(window.editor, Qt.Key.Key_Period, CTRL)
    assert window.status.currentMessage().startswith("No problem at the cursor")
    assert window.editor.text() == WRONG


def test_the_right_click_menu_lists_the_fix_of_the_words_clicked(qtbot, tmp_path):
    window, _panel = checked_window(qtbot, tmp_path)
    select(window, WRONG_AT + 2)
    point = window.editor.cursorRect().center()
    menu = window.editor.context_menu(point)
    fix = next(a for a in menu.actions() if a.text() == "Change to “Good”")
    fix.trigger()
    assert window.editor.text() == RIGHT


def test_typing_into_the_wrong_word_takes_its_underline_away_at_once(qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path)
    (wrong,) = errors(panel)
    select(window, WRONG_AT + 4)
    type_text(window.editor, "x")
    qtbot.waitUntil(lambda: wrong not in panel.checks.findings(), timeout=2000)
    qtbot.waitUntil(lambda: wrong not in panel.underlines.shown, timeout=2000)


def test_typing_a_new_wrong_claim_is_found_as_you_type(qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path, RIGHT, wrong=False)
    assert not errors(panel)
    at = RIGHT.index("Good")
    select(window, at, at + 4)
    type_text(window.editor, "Inadequate")
    qtbot.waitUntil(lambda: bool(errors(panel)), timeout=10000)
    (wrong,) = errors(panel)
    assert "not Inadequate" in wrong.message
    qtbot.waitUntil(lambda: wrong in panel.underlines.shown)


def test_view_checks_switches_the_claims_check_off_and_on(qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path)
    window.actions_by_name["check_claims"].trigger()  # View ▸ Checks ▸ Rating claims
    assert window.settings.get("checks/claims") is False
    qtbot.waitUntil(lambda: not panel.checks.findings(), timeout=10000)
    assert panel.counts.text() == "No problems"  # the other checks find nothing here
    qtbot.waitUntil(lambda: not panel.underlines.shown)
    window.actions_by_name["check_claims"].trigger()
    assert window.settings.get("checks/claims") is True
    qtbot.waitUntil(lambda: bool(errors(panel)), timeout=10000)


def test_f7_goes_to_the_next_problem_and_shift_f7_back(qtbot, tmp_path):
    text = WRONG + "\nThe Royal Marsden NHS Foundation Trust did well.\n"
    window, _panel = checked_window(qtbot, tmp_path, text)
    select(window, 0)
    press(window.editor, Qt.Key.Key_F7)
    first = window.editor.textCursor().selectionStart()
    assert first == WRONG_AT  # the wrong rating word, selected
    press(window.editor, Qt.Key.Key_F7)
    second = window.editor.textCursor().selectionStart()
    assert second == text.index("The Royal Marsden")  # the unlinked name (info)
    press(window.editor, Qt.Key.Key_F7, SHIFT)
    assert window.editor.textCursor().selectionStart() == first


def test_the_severity_buttons_filter_the_rows_and_count_them(qtbot, tmp_path):
    text = WRONG + "\nThe Royal Marsden NHS Foundation Trust did well.\n"
    _window, panel = checked_window(qtbot, tmp_path, text)
    panel.set_visible(True)
    view = panel.view
    qtbot.waitUntil(lambda: any(f.severity is Severity.INFO for f in view.shown()))
    info = view.filters[Severity.INFO]
    assert info.text() == "1 info"
    info.click()
    assert not any(f.severity is Severity.INFO for f in view.shown())
    assert any(f.severity is Severity.ERROR for f in view.shown())


def test_preferences_switch_the_checks_for_the_open_window(qtbot, tmp_path):
    from columnist.ui.preferences import PreferencesFeature

    window, panel = checked_window(qtbot, tmp_path)
    dialog = window.feature(PreferencesFeature).show()
    box = dialog.fields["checks/claims"]
    assert isinstance(box, QCheckBox) and box.text() == "Check rating claims"
    box.click()
    qtbot.waitUntil(lambda: not panel.checks.findings(), timeout=10000)
    assert not window.actions_by_name["check_claims"].isChecked()
    dialog.close()


def test_a_misspelling_is_underlined_and_add_to_dictionary_takes_it_away(qtbot, tmp_path):
    from columnist.review.personal_dictionary import personal_words

    text = "---\ntitle: March\n---\n\nWe recieve reports from Zorblatt wards.\n"
    window = shown_on(qtbot, tmp_path, text)
    panel = window.feature(ProblemsPanel)

    def spelt() -> list[str]:
        return [live.span.cursor.selectedText() for live in panel.checks.findings()
                if live.code.startswith("spelling.")]

    qtbot.waitUntil(lambda: spelt() == ["recieve", "Zorblatt"], timeout=15000)
    select(window, text.index("Zorblatt") + 2)
    menu = window.editor.context_menu(window.editor.cursorRect().center())
    add = next(a for a in menu.actions() if a.text() == "Add “Zorblatt” to Dictionary")
    add.trigger()
    assert "Zorblatt" in personal_words()
    qtbot.waitUntil(lambda: spelt() == ["recieve"], timeout=15000)
    select(window, text.index("recieve") + 1)
    menu = window.editor.context_menu(window.editor.cursorRect().center())
    next(a for a in menu.actions() if a.text() == "Change to “receive”").trigger()
    assert "We receive reports" in window.editor.text()



def test_findings_arriving_are_not_an_edit_no_undo_step_no_change_no_render(qtbot, tmp_path):
    window, panel = checked_window(qtbot, tmp_path)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "More.")  # after the finding: its offsets hold
    qtbot.waitUntil(lambda: window.editor.document().availableUndoSteps() > 0)
    document = window.editor.document()
    document.setModified(False)
    steps, text = document.availableUndoSteps(), window.editor.text()
    edits: list[str] = []
    document.contentsChanged.connect(lambda: edits.append("contents"))
    window.editor.textChanged.connect(lambda: edits.append("text"))
    (wrong,) = errors(panel)
    panel.checks.show(text, [wrong.finding])  # a result for the text as it is
    (again,) = errors(panel)
    assert again.position() == wrong.position() and again.span.alive()
    assert edits == []
    assert (document.availableUndoSteps(), document.isModified()) == (steps, False)
    assert window.editor.text() == text
    press(window.editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == WRONG  # the one undo step is still the typing


def test_typing_stops_a_check_run_and_the_next_pause_checks_again(qtbot, tmp_path, monkeypatch):
    import threading

    from columnist.review import checks as checks_module

    slow, started, stopped, ran_after = (threading.Event() for _ in range(4))

    def links_images(column, context):
        if not slow.is_set():
            if started.is_set():
                ran_after.set()
            return []
        started.set()
        for _ in range(500):  # at most 5 s; a keystroke stops it long before
            if context.stop():
                stopped.set()
                raise checks_module.ChecksStopped
            threading.Event().wait(0.01)
        return []

    monkeypatch.setattr(checks_module, "CHECKS", tuple(
        c._replace(run=links_images) if c.key == "links_images" else c
        for c in checks_module.CHECKS))
    window, panel = checked_window(qtbot, tmp_path)
    from columnist.ui import live_checks

    # A long pause: a run stopped only because a newer text was asked for would stop
    # after it; the keystroke itself must stop it.
    monkeypatch.setattr(live_checks, "PAUSE_MS", 3000)
    slow.set()
    panel.checks.rerun()
    qtbot.waitUntil(started.is_set, timeout=5000)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, "A")  # the writer types again while the checks run
    qtbot.waitUntil(stopped.is_set, timeout=1500)
    slow.clear()
    qtbot.waitUntil(ran_after.is_set, timeout=10000)  # after the pause: checked again
    qtbot.waitUntil(lambda: bool(errors(panel)), timeout=10000)
    assert errors(panel)[0].code == "claim.wrong-rating"
