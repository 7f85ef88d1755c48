"""Main window and files: title, save, recent files, drag and drop, bad files, disk changes.

Every question the document session asks goes through `MainWindow.ask`, replaced here by
a script of answers, so the tests see exactly what the writer would be asked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from columnist.settings import Settings
from columnist.ui import document_session as ds
from columnist.ui.app import create_main_window
from columnist.ui.main_window import MainWindow
from helpers import keys


@pytest.fixture
def asked(questions):
    """The window's questions, answered from the test's script (`helpers.questions`)."""
    return questions


@pytest.fixture
def open_window(qtbot, asked):
    windows: list[MainWindow] = []

    def make(file: str | os.PathLike[str] | None = None) -> MainWindow:
        window = create_main_window(str(file) if file else None, offer_recovery=False)
        qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.editor.document().setModified(False)
        window.close()


def type_text(_qtbot, window: MainWindow, text: str) -> None:
    """Type into the editor with real key events (any character: `helpers.keys`)."""
    window.editor.setFocus()
    keys.type_text(window.editor, text)


def test_title_shows_the_name_and_the_modified_marker(open_window, qtbot, tmp_path):
    column = tmp_path / "march.md"
    column.write_text("# March\n\nHello.\n", encoding="utf-8")
    window = open_window(column)
    assert window.windowTitle() == "march.md[*] — Columnist"
    assert not window.isWindowModified()
    type_text(qtbot, window, "x")
    assert window.isWindowModified()
    assert window.status.save_state.text().startswith("Unsaved")


def test_save_writes_the_file_byte_exactly_and_updates_recent_files(open_window, qtbot, tmp_path):
    column = tmp_path / "crlf.md"
    column.write_bytes(b"---\r\ntitle: Old\r\nzeta: 1\r\n---\r\n\r\nBody\r\n")
    window = open_window(column)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window, "More")
    assert window.session.save()
    assert column.read_bytes() == b"---\r\ntitle: Old\r\nzeta: 1\r\n---\r\n\r\nBody\r\nMore"
    assert not window.isWindowModified()
    assert Settings().get("files/recent")[0] == str(column)


def test_first_start_shows_the_sample_as_an_untitled_copy(open_window, qtbot, asked, tmp_path):
    from columnist.resources import sample_column_path

    before = sample_column_path().read_bytes()
    window = open_window()
    assert window.session.controller.path is None
    assert window.windowTitle() == "Untitled[*] — Columnist"  # a copy, not the bundled file
    assert not window.isWindowModified()
    assert window.editor.text() == before.decode("utf-8")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window, "x")
    target = tmp_path / "mine.md"
    asked.save_paths.append(str(target))
    assert window.session.save()  # no path yet: Save asks where (Save As)
    # …suggesting a name made from the column's title.
    assert Path(asked.save_suggestions[-1]).name == (
        "what-re-inspection-tells-us-about-improvement.md"
    )
    assert target.read_bytes() == before + b"x"
    assert sample_column_path().read_bytes() == before
    # The sample is shown once only.
    assert Settings().get("files/first_start_done") is True


@pytest.mark.parametrize("first_start", [True, False], ids=["sample", "empty"])
def test_quitting_an_untouched_new_column_leaves_nothing_to_recover(
        qtbot, asked, first_start):
    from columnist.core.tasks import lane
    from columnist.document.controller import JOURNAL_LANE
    from columnist.document.journal import Journal

    if not first_start:
        Settings().set("files/first_start_done", True)
    window = create_main_window(None, offer_recovery=False, deferred=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "preview_controller", None) is not None
                    and window.preview_controller.last_output is not None, timeout=10000)
    assert (window.editor.text() != "") == first_start
    qtbot.waitUntil(lambda: not window.session.controller.journal_pending, timeout=5000)
    window.close()  # Ctrl+Q: nothing is asked, nothing is journalled
    lane(JOURNAL_LANE).submit(lambda: None).result(timeout=5)
    assert asked.questions == []
    assert Journal().entries() == []
    assert not window.isWindowModified()


def test_dropping_a_markdown_file_opens_it(open_window, qtbot, tmp_path):
    column = tmp_path / "dropped.markdown"
    column.write_text("# Dropped column\n", encoding="utf-8")
    window = open_window()
    window.editor.document().setModified(False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(column))])
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)  # Qt delivers a drop only after an accepted enter
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    qtbot.waitUntil(lambda: window.session.controller.path == column)
    assert window.editor.text() == "# Dropped column\n"
    assert window.windowTitle().startswith("dropped.markdown")


def test_dropping_asks_to_save_unsaved_changes_first(open_window, qtbot, asked, tmp_path):
    first = tmp_path / "first.md"
    first.write_text("one\n", encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("two\n", encoding="utf-8")
    window = open_window(first)
    type_text(qtbot, window, "edited ")
    asked.answers.append("Cancel")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    for kind in (QDragEnterEvent, QDropEvent):  # Qt delivers a drop after an accepted enter
        QApplication.sendEvent(window, kind(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                                            Qt.MouseButton.LeftButton,
                                            Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: len(asked.questions) == 1)
    assert asked.questions[0][2] == [ds.SAVE, ds.DONT_SAVE, ds.CANCEL]
    assert window.session.controller.path == first
    assert window.editor.text() == "edited one\n"


def test_read_only_save_offers_save_as_and_keeps_the_buffer(open_window, qtbot, asked, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write read-only files")
    folder = tmp_path / "locked"
    folder.mkdir()
    column = folder / "locked.md"
    column.write_text("original\n", encoding="utf-8")
    window = open_window(column)
    type_text(qtbot, window, "new ")
    column.chmod(0o444)
    folder.chmod(0o555)
    try:
        asked.answers.append("Cancel")
        assert not window.session.save()
    finally:
        folder.chmod(0o755)
        column.chmod(0o644)
    _title, text, buttons = asked.questions[-1]
    assert buttons == [ds.SAVE_AS, ds.CANCEL]
    assert "locked.md" in text or "read" in text.lower() or "permission" in text.lower()
    assert column.read_text(encoding="utf-8") == "original\n"
    assert window.editor.text() == "new original\n"
    assert window.isWindowModified()
    # Save As then writes elsewhere.
    other = tmp_path / "copy.md"
    asked.save_paths.append(str(other))
    assert window.session.save_as()
    assert other.read_text(encoding="utf-8") == "new original\n"


def test_a_windows_1252_file_is_offered_and_opened_as_cp1252(open_window, asked, tmp_path):
    column = tmp_path / "old.md"
    column.write_bytes("Caf\u00e9 \u2013 r\u00e9sum\u00e9\n".encode("cp1252"))
    window = open_window()
    asked.answers.append(None)  # first: the writer closes the question
    assert not window.session.open_path(column, ask_to_save=False)
    assert window.session.controller.path != column
    options = asked.questions[-1][2]
    assert options[0].startswith("Open as") and options[-1] == "Cancel"
    asked.answers.append(options[0])
    assert window.session.open_path(column, ask_to_save=False)
    assert window.editor.text() == "Caf\u00e9 \u2013 r\u00e9sum\u00e9\n"
    assert window.session.controller.format.encoding == "cp1252"


def _open_as_cp1252(window, asked, column) -> None:
    asked.answers.append("Open as Windows-1252")
    assert window.session.open_path(column, ask_to_save=False)
    assert window.session.controller.format.encoding == "cp1252"


def test_a_character_windows_1252_lacks_is_saved_by_saving_as_utf8(
        open_window, asked, qtbot, tmp_path):
    column = tmp_path / "old.md"
    old_bytes = "Caf\u00e9 menu\r\n".encode("cp1252")
    column.write_bytes(old_bytes)
    window = open_window()
    _open_as_cp1252(window, asked, column)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window, "\u2713")  # ✓ is not in Windows-1252
    asked.answers.append("Save as UTF-8")
    assert window.session.save()
    _title, text, options = asked.questions[-1]
    assert "cannot hold the character “\u2713”" in text and "UTF-8" in text
    assert options == ["Save as UTF-8", "Save As…", "Cancel"]
    # The same file, now UTF-8, line endings kept; the old bytes are in the history.
    assert column.read_bytes() == "Caf\u00e9 menu\r\n\u2713".encode()
    assert window.session.controller.format.encoding == "utf-8"
    assert not window.isWindowModified()
    history = window.session.controller.history
    assert [history.read_bytes(v) for v in history.versions(column)] == [old_bytes]


def test_save_as_offers_the_file_encoding_first_and_saves_in_the_one_chosen(
        open_window, asked, qtbot, tmp_path):
    column = tmp_path / "old.md"
    column.write_bytes("Caf\u00e9\n".encode("cp1252"))
    window = open_window()
    _open_as_cp1252(window, asked, column)
    utf8_copy, cp1252_copy = tmp_path / "utf8.md", tmp_path / "cp1252.md"
    asked.save_paths.append(str(utf8_copy))
    asked.save_encodings.append("utf-8")
    assert window.session.save_as()
    assert asked.save_encodings_offered[-1] == ["cp1252", "utf-8", "utf-8-sig"]
    assert utf8_copy.read_bytes() == "Caf\u00e9\n".encode()
    asked.save_paths.append(str(cp1252_copy))
    asked.save_encodings.append("cp1252")
    assert window.session.save_as()
    assert asked.save_encodings_offered[-1][0] == "utf-8"  # the column is UTF-8 now
    assert cp1252_copy.read_bytes() == "Caf\u00e9\n".encode("cp1252")


def test_a_binary_file_gets_a_message_and_is_not_opened(open_window, asked, tmp_path):
    picture = tmp_path / "photo.md"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    window = open_window()
    before = window.editor.text()
    assert not window.session.open_path(picture, ask_to_save=False)
    assert asked.informed and asked.informed[-1][0] == "Not a text file"
    assert window.editor.text() == before


def test_missing_recent_file_is_pruned_with_a_message(open_window, tmp_path):
    gone = tmp_path / "gone.md"
    kept = tmp_path / "kept.md"
    kept.write_text("k\n", encoding="utf-8")
    settings = Settings()
    settings.set("files/recent", [str(gone), str(kept)])
    settings.sync()
    window = open_window()
    window.recent_menu.rebuild()
    assert Settings().get("files/recent") == [str(kept)]
    assert "gone.md" in window.status.currentMessage()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert any("kept.md" in label for label in labels)


def test_external_change_asks_and_never_overwrites(open_window, qtbot, asked, tmp_path):
    column = tmp_path / "shared.md"
    column.write_text("mine\n", encoding="utf-8")
    window = open_window(column)
    type_text(qtbot, window, "edit ")
    asked.answers.append(ds.KEEP_MINE)
    column.write_text("theirs, longer\n", encoding="utf-8")
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: len(asked.questions) == 1)
    assert asked.questions[0][2] == [ds.RELOAD, ds.KEEP_MINE, ds.COMPARE]
    assert column.read_text(encoding="utf-8") == "theirs, longer\n"
    assert window.editor.text() == "edit mine\n"
    # Keeping my version: the next save replaces theirs, as the writer chose.
    assert window.session.save()
    assert column.read_text(encoding="utf-8") == "edit mine\n"


def test_external_change_reload_shows_their_text(open_window, qtbot, asked, tmp_path):
    column = tmp_path / "shared.md"
    column.write_text("mine\n", encoding="utf-8")
    window = open_window(column)
    asked.answers.append(ds.RELOAD)
    column.write_text("theirs, longer\n", encoding="utf-8")
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: window.editor.text() == "theirs, longer\n")
    assert not window.isWindowModified()


def test_save_after_an_unnoticed_external_change_asks_first(open_window, qtbot, asked, tmp_path):
    column = tmp_path / "shared.md"
    column.write_text("mine\n", encoding="utf-8")
    window = open_window(column)
    type_text(qtbot, window, "edit ")
    window.session.controller.externallyModified.disconnect()  # as if the watcher missed it
    column.write_text("theirs, longer\n", encoding="utf-8")
    asked.answers.append("Cancel")
    assert not window.session.save()
    assert asked.questions[-1][2][0] == ds.SAVE_OVER
    assert column.read_text(encoding="utf-8") == "theirs, longer\n"


def test_deleted_file_keeps_the_text_and_offers_to_recreate(open_window, qtbot, asked, tmp_path):
    column = tmp_path / "gone.md"
    column.write_text("precious words\n", encoding="utf-8")
    window = open_window(column)
    asked.answers.append(ds.RECREATE)
    column.unlink()
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: len(asked.questions) == 1)
    _title, text, buttons = asked.questions[0]
    assert buttons == [ds.RECREATE, ds.SAVE_AS, ds.NOT_NOW]
    assert "your text is still here" in text.lower()
    assert window.editor.text() == "precious words\n"
    assert column.read_text(encoding="utf-8") == "precious words\n"


def test_a_file_replaced_by_a_folder_is_reported_and_save_offers_save_as(
        open_window, qtbot, asked, tmp_path):
    column = tmp_path / "gone.md"
    column.write_text("precious words\n", encoding="utf-8")
    window = open_window(column)
    asked.answers.append(ds.NOT_NOW)
    column.unlink()
    column.mkdir()  # another program put a folder of the same name in its place
    window.session.controller.check_disk()
    qtbot.waitUntil(lambda: len(asked.questions) == 1)
    title, text, buttons = asked.questions[0]
    assert title == "File replaced by a folder"
    assert "is now a folder" in text and "your text is still here" in text.lower()
    assert buttons == [ds.SAVE_AS, ds.NOT_NOW]
    assert window.editor.document().isModified()
    # Saving does not call it "changed by another program": it offers Save As.
    elsewhere = tmp_path / "kept.md"
    asked.answers.append(ds.SAVE_AS)
    asked.save_paths.append(str(elsewhere))
    assert window.session.save()
    title, text, buttons = asked.questions[1]
    assert title == "Could not save"
    assert "is now a folder" in text and "changed by another program" not in text
    assert buttons == [ds.SAVE_AS, ds.CANCEL]
    assert elsewhere.read_text(encoding="utf-8") == "precious words\n"
    assert column.is_dir() and not any(column.iterdir())


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(open_window, qtbot, asked,
                                                                      tmp_path):
    column = tmp_path / "c.md"
    column.write_text("a\n", encoding="utf-8")
    window = open_window(column)
    type_text(qtbot, window, "b")
    asked.answers.append(ds.CANCEL)
    assert not window.close()
    assert window.isVisible()
    asked.answers.append(ds.SAVE)
    assert window.close()
    assert column.read_text(encoding="utf-8") == "ba\n"


def test_malformed_front_matter_shows_a_banner_and_keeps_the_text(open_window, qtbot, tmp_path):
    column = tmp_path / "bad.md"
    text = "---\ntitle: [unclosed\n---\n\nBody text\n"
    column.write_text(text, encoding="utf-8")
    window = open_window(column)
    assert window.editor.text() == text
    # The banner comes with the first render's column model (read off the GUI thread).
    qtbot.waitUntil(lambda: window.banner.isVisibleTo(window))
    assert window.banner.isVisibleTo(window)
    assert "front matter" in window.banner.text()


def test_large_file_opens_with_a_warning_in_the_status_bar(open_window, tmp_path):
    column = tmp_path / "big.md"
    paragraph = "word " * 19 + "\n\n"
    column.write_text(paragraph * (10 * 1024 * 1024 // len(paragraph) + 1), encoding="utf-8")
    window = open_window(column)
    assert window.session.controller.path == column
    assert window.status.warning.isVisibleTo(window)
    assert "MB" in window.status.warning.text()


def test_app_icon_and_names(open_window):
    window = open_window()
    app = QApplication.instance()
    assert app.applicationName() == "Columnist"
    assert not app.windowIcon().isNull()
    assert Path(window.windowTitle().split("[*]")[0]).name


@pytest.mark.parametrize("problem", ["read_only", "disk_full"])
def test_save_refused_by_the_disk_offers_save_as_and_keeps_everything(
    open_window, qtbot, asked, tmp_path, monkeypatch, problem
):
    """Works as root too: the disk's refusal is simulated where the file is written."""
    from columnist.document import controller as controller_module
    from columnist.document.text_file import SaveError

    column = tmp_path / "column.md"
    column.write_text("original\n", encoding="utf-8")
    window = open_window(column)
    type_text(qtbot, window, "new ")

    def refuse(*_args, **_kwargs):
        raise SaveError("The disk refused the save.", **{problem: True})

    monkeypatch.setattr(controller_module, "save_text", refuse)
    asked.answers.append(ds.CANCEL)
    assert not window.session.save()
    assert asked.questions[-1][2] == [ds.SAVE_AS, ds.CANCEL]
    assert column.read_text(encoding="utf-8") == "original\n"
    assert window.editor.text() == "new original\n"
    assert window.isWindowModified()


def test_an_unreadable_bundled_sample_gets_a_message(open_window, asked, tmp_path, monkeypatch):
    import columnist.resources as resources

    damaged = tmp_path / "install" / "sample-column.md"  # a broken install: a garbled sample
    damaged.parent.mkdir()
    damaged.write_bytes(b"# Sample\n\xff\xfe\x00 garbled")
    monkeypatch.setattr(resources, "sample_column_path", lambda: damaged)
    window = open_window()
    before = window.editor.text()
    assert not window.session.open_path(damaged, ask_to_save=False)
    title, text = asked.informed[-1]
    assert title == "Cannot open the sample column" and "Reinstall Columnist" in text
    assert window.editor.text() == before
