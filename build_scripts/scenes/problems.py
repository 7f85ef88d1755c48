"""The checks as you type: a wrong rating underlined in the editor, counted in the status
bar and listed in the Problems panel (View ▸ Problems), in light and dark."""

from __future__ import annotations


def problems(window, stage) -> None:
    """The sample column with one rating claim made wrong, as a writer might mistype it,
    and the Problems panel open on its error."""
    from columnist.review.findings import Severity
    from columnist.ui.problems import ProblemsPanel

    editor = window.editor
    stage.wait_until(lambda: window.ratings.cache_path() is not None)
    wrong = "Requires improvement to Good"
    at = editor.text().index(wrong) + len("Requires improvement to ")
    cursor = editor.textCursor()
    cursor.setPosition(at)
    cursor.setPosition(at + len("Good"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    cursor.insertText("Outstanding")
    panel = window.feature(ProblemsPanel)
    stage.wait_until(lambda: any(f.severity is Severity.ERROR
                                 for f in panel.underlines.shown))
    panel.set_visible(True)
    view = panel.view
    row = next(i for i, f in enumerate(view.shown()) if f.severity is Severity.ERROR)
    view.table.selectRow(row)
    editor.go_to_line(5)
    cursor = editor.textCursor()
    cursor.setPosition(at)
    editor.setTextCursor(cursor)
    editor.setFocus()
    stage.wait(600)


def problems_dark(window, stage) -> None:
    """The same in the dark theme."""
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    problems(window, stage)





def statistics(window, stage) -> None:
    """View ▸ Statistics and Word Count… on the sample column, after a sentence typed;
    the status bar's compact form (words, reading time, reading age) beside it."""
    from PySide6.QtCore import QPoint

    from columnist.ui.statistics_dialog import StatisticsFeature

    editor = window.editor
    stage.wait_until(lambda: window.preview_controller.last_output is not None)
    cursor = editor.textCursor()
    cursor.setPosition(editor.text().index("single trust.") + len("single trust."))
    editor.setTextCursor(cursor)
    stage.type(editor, " Here are three of them.")
    stage.wait_until(lambda: window.status.reading_age.text() != "")  # the checks' run
    dialog = window.feature(StatisticsFeature).show()
    stage.wait_until(lambda: "Words" in dialog.values)
    dialog.adjustSize()
    dialog.move(window.mapToGlobal(QPoint(420, 160)))
    stage.wait(400)


SLIPS = ("On 25th Nov the the inspectors said they recieve 5 reports a week, and in order "
         "to utilise them a review was carried out of 40 percent of the wards that had been "
         "visited by the team before the busy winter months began in earnest.\n\n")


def writing_checks(window, stage) -> None:
    """A paragraph with the slips the writing checks are for (a misspelling, a repeated
    word, words to avoid, a passive, a long sentence, house-style dates, numbers and "per
    cent"), underlined, listed in the Problems panel, and the spelling fixes offered at the
    misspelt word (Ctrl+.)."""
    from PySide6.QtWidgets import QMenu

    from columnist.ui.problems import ProblemsPanel

    editor = window.editor
    stage.wait_until(lambda: window.ratings.cache_path() is not None)
    at = editor.text().index("## Ratings that moved")
    cursor = editor.textCursor()
    cursor.setPosition(at)
    editor.setTextCursor(cursor)
    cursor.insertText(SLIPS)
    panel = window.feature(ProblemsPanel)
    stage.wait_until(lambda: any(f.code.startswith("spelling") for f in panel.underlines.shown))
    panel.set_visible(True)
    view = panel.view
    row = next(i for i, f in enumerate(view.shown()) if f.code.startswith("spelling"))
    view.table.selectRow(row)
    slip = editor.text().index("recieve") + 3
    cursor = editor.textCursor()
    cursor.setPosition(slip)
    editor.setTextCursor(cursor)
    editor.centerCursor()
    editor.setFocus()
    stage.wait(300)
    menu = QMenu(editor)  # what Ctrl+. shows, opened without waiting on it
    panel.add_fixes(menu, panel.at_cursor())
    below = editor.textCursor()  # under the paragraph, so its underlines stay in view
    below.setPosition(editor.text().index("in earnest.") + len("in earnest."))
    menu.popup(editor.viewport().mapToGlobal(editor.cursorRect(below).bottomLeft()))
    stage.wait(600)


SCENES = {"problems": problems, "problems-dark": problems_dark, "statistics": statistics,
          "writing-checks": writing_checks}
