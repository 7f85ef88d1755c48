"""The window's questions answered from a script, so no test ever waits on a dialog.

Every blocking dialog goes through `MainWindow.ask` / `inform` / `choose_*` /
`show_differences`; `answer_questions` replaces them for the test and records what the
writer would have been asked and told.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from columnist.ui.main_window import MainWindow


class Questions:
    """What the window asked and said. Script answers in `answers` (else "Cancel") and
    save paths in `save_paths` (else None: the writer cancels the file dialog)."""

    def __init__(self) -> None:
        self.questions: list[tuple[str, str, list[str]]] = []
        self.answers: list[str | None] = []
        self.informed: list[tuple[str, str]] = []
        self.details: list[str] = []
        self.icons: list[str] = []
        self.save_paths: list[str | None] = []
        self.save_suggestions: list[str] = []  # the path each Save As dialog suggested
        self.save_encodings: list[str] = []  # encodings to choose in the Save As dialogs
        self.save_encodings_offered: list[list[str]] = []
        self.differences: list[tuple[str, str]] = []

    def ask(self, title: str, text: str, buttons: Any, default: str | None = None,
            icon: str = "question", details: str = "") -> str | None:
        self.questions.append((title, text, list(buttons)))
        return self.answers.pop(0) if self.answers else "Cancel"

    def inform(self, title: str, text: str, icon: str = "warning", details: str = "") -> None:
        self.informed.append((title, text))
        self.icons.append(icon)
        self.details.append(details)

    def titles(self) -> list[str]:
        """The titles of the messages shown so far, in order."""
        return [title for title, _text in self.informed]

    def text_of(self, title: str) -> str:
        """The text of the first message shown with `title`."""
        return next(text for shown, text in self.informed if shown == title)

    def choose_save_path(self, suggested: str,
                         encodings: Sequence[str] = ("utf-8",)) -> tuple[str, str] | None:
        """The next scripted path, in the next scripted encoding (else the dialog's
        default, the first offered); `save_encodings_offered` records the choices."""
        self.save_suggestions.append(suggested)
        self.save_encodings_offered.append(list(encodings))
        if not self.save_paths or self.save_paths[0] is None:
            if self.save_paths:
                self.save_paths.pop(0)
            return None
        encoding = self.save_encodings.pop(0) if self.save_encodings else encodings[0]
        return self.save_paths.pop(0), encoding

    def show_differences(self, title: str, html: str) -> None:
        self.differences.append((title, html))


def answer_questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Route every window's dialogs to one `Questions` record for this test."""
    record = Questions()
    monkeypatch.setattr(MainWindow, "ask", lambda _w, *a, **k: record.ask(*a, **k))
    monkeypatch.setattr(MainWindow, "inform", lambda _w, *a, **k: record.inform(*a, **k))
    monkeypatch.setattr(
        MainWindow, "choose_save_path", lambda _w, *a, **k: record.choose_save_path(*a, **k)
    )
    monkeypatch.setattr(
        MainWindow, "show_differences", lambda _w, *a, **k: record.show_differences(*a, **k)
    )
    return record
