"""View ▸ Statistics: the column's figures (`review.statistics`) in a small window, as
Word's and Google Docs' word count dialogs show them, plus the words added since the column
was opened in this window.

The figures are counted off the GUI thread from the editor's text as it is when the window
opens (a 50,000-word column takes a few hundred milliseconds), and again on Refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow
    from columnist.ui.preview import RenderOutput


def session_words(start: int | None, now: int) -> str:
    """The "this session" figure: words added (or removed) since the column was opened.

    >>> session_words(700, 776), session_words(800, 776), session_words(None, 5)
    ('+76', '−24', '–')
    """
    if start is None:
        return "–"
    change = now - start
    return f"+{change:,}" if change >= 0 else f"−{-change:,}"


class StatisticsDialog(QDialog):
    """The figures as a form; `values[label]` is each figure's label widget (tests)."""

    def __init__(self, window: MainWindow, refresh: Callable[[], None]) -> None:
        super().__init__(window)
        self.setWindowTitle("Statistics")
        self.setAccessibleName("Statistics")
        self._form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        self.state = QLabel("Counting…", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        again = buttons.addButton("&Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        again.clicked.connect(lambda: refresh())
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.state)
        layout.addWidget(buttons)

    def show_rows(self, rows: list[tuple[str, str]]) -> None:
        for label, value in rows:
            field = self.values.get(label)
            if field is None:
                field = self.values[label] = QLabel(value, self)
                field.setAccessibleName(label)
                self._form.addRow(f"{label}:", field)
            field.setText(value)
        self.state.setText("")
        self.state.hide()


class StatisticsFeature:
    """View ▸ Statistics… and the count of words at the column's opening."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        from columnist.ui.actions import make_action

        self._window = window
        self.dialog: StatisticsDialog | None = None
        self._start_words: int | None = None
        window.preview_controller.rendered.connect(self._on_rendered)
        window.documentReplaced.connect(self._on_replaced)
        menus.add("view/panels", "statistics",
                  make_action(window, "Statistics and &Word Count…", self.show,
                              tip="Words, sentences, reading time and age of the column"))

    def _on_replaced(self) -> None:
        self._start_words = None

    def _on_rendered(self, out: RenderOutput) -> None:
        if self._start_words is None and out.column is not None:
            self._start_words = out.column.word_count

    def show(self) -> StatisticsDialog:
        """Open the window (one per column window) and count."""
        if self.dialog is None:
            self.dialog = StatisticsDialog(self._window, self.count)
        self.dialog.show()
        self.dialog.raise_()
        self.count()
        return self.dialog

    def count(self) -> None:
        """Count the editor's text now, off the GUI thread."""
        from columnist.core.tasks import run_task

        text = self._window.editor.text()
        start = self._start_words

        def figures() -> list[tuple[str, str]]:
            from columnist.markdown.column import parse_column
            from columnist.review.statistics import column_statistics, statistics_rows

            stats = column_statistics(parse_column(text))
            return [*statistics_rows(stats),
                    ("Words this session", session_words(start, stats.words))]

        def done(rows: Any, error: BaseException | None) -> None:
            if self.dialog is None:
                return
            if error is not None:
                self.dialog.state.setText(f"The figures could not be counted: {error}")
                return
            self.dialog.show_rows(rows)

        run_task(figures, done, lane_name="statistics", receiver=self.dialog)
