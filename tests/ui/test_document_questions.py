"""The document session's questions, as the writer sees them: reload, compare, conflicts,
a new column over unsaved changes, a file that has gone.

The session asks through the window's `ask` / `inform` / `choose_*` / `show_differences`,
replaced here by a script of answers that records what was asked and shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from columnist.document.journal import Journal
from columnist.settings import Settings
from columnist.ui import document_session as ds
from columnist.ui.app import create_main_window
from columnist.ui.main_window import MainWindow


class Writer:
    """Answers questions from a script (Cancel when it runs out) and remembers them."""

    def __init__(self) -> None:
        self.answers: list[str | None] = []
        self.questions: list[tuple[str, str, list[str]]] = []
        self.told: list[tuple[str, str]] = []
        self.shown: list[tuple[str, str]] = []
        self.save_paths: list[str] = []

    def ask(self, title, text, buttons, default=None, icon="question", details=""):
        self.questions.append((title, text, list(buttons)))
        return self.answers.pop(0) if self.answers else ds.CANCEL

    def inform(self, title, text, icon="warning", details=""):
        self.told.append((title, text))


@pytest.fixture
def writer(monkeypatch) -> Writer:
    who = Writer()
    monkeypatch.setattr(MainWindow, "ask", lambda _w, *a, **k: who.ask(*a, **k))
    monkeypatch.setattr(MainWindow, "inform", lambda _w, *a, **k: who.inform(*a, **k))
    monkeypatch.setattr(MainWindow, "show_differences",
                        lambda _w, title, html: who.shown.append((title, html)))
    monkeypatch.setattr(MainWindow, "choose_save_path",
                        lambda _w, _suggested, encodings=("utf-8",):
                        (who.save_paths.pop(0), encodings[0]) if who.save_paths else None)
    return who


@pytest.fixture
def column(tmp_path: Path) -> Path:
    path = tmp_path / "november.md"
    path.write_text("# November\n\nDear colleagues,\n", encoding="utf-8")
    return path


def open_window(qtbot, file: Path | None = None) -> MainWindow:
    window = create_main_window(str(file) if file else None, offer_recovery=False)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
    return window


def type_text(qtbot, window: MainWindow, text: str) -> None:
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, text)


def test_reload_over_unsaved_changes_asks_and_cancel_keeps_them(qtbot, writer, column):
    window = open_window(qtbot, column)
    type_text(qtbot, window, "Edit ")
    assert not window.session.reload_from_disk()
    title, text, buttons = writer.questions[-1]
    assert title == "Reload from disk"
    assert "november.md" in text and "lose your unsaved changes" in text
    assert buttons == [ds.RELOAD, ds.CANCEL]
    assert window.editor.text() == "Edit # November\n\nDear colleagues,\n"

    writer.answers.append(ds.RELOAD)
    assert window.session.reload_from_disk()
    assert window.editor.text() == "# November\n\nDear colleagues,\n"
    assert not window.isWindowModified()


def test_reloading_a_column_never_saved_says_there_is_nothing_to_reload(qtbot, writer):
    window = open_window(qtbot)
    window.session.new_from_text("Draft\n")
    assert not window.session.reload_from_disk()
    assert writer.told[-1] == ("Nothing to reload", "This column has not been saved yet.")
    assert window.editor.text() == "Draft\n"


def test_compare_after_an_external_change_shows_both_then_asks_again(qtbot, writer, column):
    window = open_window(qtbot, column)
    type_text(qtbot, window, "Mine ")
    column.write_text("# November\n\nTheir paragraph.\n", encoding="utf-8")
    writer.answers += [ds.COMPARE, ds.KEEP_MINE]
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: len(writer.questions) == 2)
    assert writer.questions[0][2] == [ds.RELOAD, ds.KEEP_MINE, ds.COMPARE]
    assert writer.questions[1][2] == [ds.RELOAD, ds.KEEP_MINE]
    title, html = writer.shown[0]
    assert title == "november.md: on disk vs. in the editor"
    assert all(word in html for word in ("Their", "paragraph", "Mine"))
    # Keeping mine: the next save replaces theirs without another question.
    assert window.session.save()
    assert column.read_text(encoding="utf-8") == "Mine # November\n\nDear colleagues,\n"
    assert len(writer.questions) == 2


def test_save_over_a_changed_file_replaces_it_when_the_writer_says_so(qtbot, writer, column):
    window = open_window(qtbot, column)
    type_text(qtbot, window, "Mine ")
    window.session.controller.externallyModified.disconnect()  # as if the watcher missed it
    column.write_text("Theirs\n", encoding="utf-8")
    writer.answers.append(ds.SAVE_OVER)
    assert window.session.save()
    title, _text, buttons = writer.questions[-1]
    assert title == "Changed on disk"
    assert buttons == [ds.SAVE_OVER, ds.RELOAD, ds.COMPARE, ds.CANCEL]
    assert column.read_text(encoding="utf-8") == "Mine # November\n\nDear colleagues,\n"


def test_a_new_column_over_unsaved_changes_can_drop_them(qtbot, writer, column):
    window = open_window(qtbot, column)
    type_text(qtbot, window, "Unwanted ")
    window.session.flush_journal()
    assert Journal().find(str(column)) is not None
    writer.answers.append(ds.DONT_SAVE)
    assert window.session.new_document()
    assert writer.questions[-1][:2] == (
        "Unsaved changes",
        "Save the changes to “november.md” before starting a new column?",
    )
    assert window.editor.text() == ""
    assert window.windowTitle() == "Untitled[*] — Columnist"
    assert Journal().find(str(column)) is None  # the dropped words are not offered again
    assert column.read_text(encoding="utf-8") == "# November\n\nDear colleagues,\n"


def test_a_recent_file_that_has_gone_is_explained_and_forgotten(qtbot, writer, tmp_path):
    gone = tmp_path / "gone.md"
    settings = Settings()
    settings.set("files/recent", [str(gone)])
    settings.sync()
    window = open_window(qtbot)
    assert not window.session.open_path(gone)
    title, text = writer.told[-1]
    assert title == "File not found"
    assert str(gone) in text and "removed from Open Recent" in text
    assert window.recent.paths() == []


def test_a_file_deleted_on_disk_can_be_saved_elsewhere(qtbot, writer, column, tmp_path):
    window = open_window(qtbot, column)
    elsewhere = tmp_path / "kept" / "november.md"
    elsewhere.parent.mkdir()
    writer.answers.append(ds.SAVE_AS)
    writer.save_paths.append(str(elsewhere))
    column.unlink()
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: elsewhere.exists())
    assert writer.questions[0][0] == "File deleted or moved"
    assert elsewhere.read_text(encoding="utf-8") == "# November\n\nDear colleagues,\n"
    assert window.session.controller.path == elsewhere
    assert not column.exists()
