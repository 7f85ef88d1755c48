"""The rating cache in the window: status label, badges and footer, import, refresh, errors."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from columnist import paths
from columnist.ui import ratings_dialogs
from helpers.cqc_files import (
    PROVIDER_HEADER,
    damage_pages,
    fingerprint,
    provider_sheet_rows,
    write_csv,
)
from helpers.fake_cqc_api import KEY, FakeCqcApi

ATTRIBUTION = "Contains CQC data © Care Quality Commission"
COLUMN = """---
title: Test column
---

This month [Guy's and St Thomas'](https://www.cqc.org.uk/provider/RJ1) did well.
"""


@pytest.fixture
def messages(questions):
    """What the window told or asked the writer (`helpers.questions`), not message boxes."""
    return questions


@pytest.fixture(autouse=True)
def no_system_keyring(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Tests never read or write the real keyring; by default there is none."""
    import keyring
    import keyring.errors

    def refuse(*_args: object) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "get_password", lambda *_a: None)
    monkeypatch.setattr(keyring, "set_password", refuse)
    monkeypatch.delenv("CQC_API_KEY", raising=False)
    return {}


def open_window(qtbot, tmp_path: Path, text: str = COLUMN):
    from columnist.ui.app import create_main_window

    column = tmp_path / "column.md"
    column.write_text(text, encoding="utf-8")
    window = create_main_window(str(column), offer_recovery=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.ratings.cache_path() is not None, timeout=10000)
    return window


def close(window) -> None:
    window.editor.document().setModified(False)
    window.close()


def preview_text(window) -> str:
    return window.preview.toPlainText()


def cache_db():
    import sqlite_utils

    return sqlite_utils.Database(paths.ratings_db_path())


def newer_rj1_csv(cqc_dir: Path, tmp_path: Path, published: dt.date) -> Path:
    """A real-shaped CQC Latest ratings (providers) CSV: Guy's re-rated Outstanding."""
    rows = provider_sheet_rows(cqc_dir, {"RJ1": ("Guy's and St Thomas' NHS Foundation Trust",
                                                 "London", "SE1 7EH")})
    iso = published.isoformat()
    for row in rows:
        row[14] = "Outstanding"
        row[15] = ("date", iso, f"{published:%d/%m/%Y}")
    return write_csv(tmp_path / "Latest_ratings_providers.csv", [PROVIDER_HEADER, *rows])


# ---------------------------------------------------------------------- start


def test_status_label_says_how_current_and_warns_when_old(qtbot, tmp_path, messages,
                                                          monkeypatch):
    window = open_window(qtbot, tmp_path)
    label = window.ratings_ui.label
    assert label.isVisible()
    assert label.text() == "CQC ratings as published up to March 2019"
    assert re.search(r"over \d+ years old", label.toolTip())
    assert "Import CQC File" in label.toolTip()
    assert "font-weight: 600" in label.styleSheet()  # amber
    assert messages.informed == []  # a healthy cache: nothing to tell
    menu = [a.text() for a in window.menuBar().actions()]
    assert "&Ratings" in menu
    close(window)


def test_corrupt_cache_is_moved_aside_rebuilt_and_the_user_told(qtbot, tmp_path, messages,
                                                                monkeypatch, data_dir):
    garbage = b"this is not a database, it was damaged" * 100
    paths.ratings_db_path().write_bytes(garbage)
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.ratings_ui.notice_dialog is not None, timeout=5000)
    box = window.ratings_ui.notice_dialog
    assert box.windowTitle() == "Ratings Cache Rebuilt" and box.isVisible()
    assert "moved aside" in box.text() and "ratings.db.corrupt-" in box.text()
    assert box.detailedText() == ""  # "file is not a database" says it all
    moved = list(paths.ratings_db_path().parent.glob("ratings.db.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert window.ratings_ui.label.text() == "CQC ratings as published up to March 2019"
    close(window)


def test_a_damaged_cache_notice_fits_the_screen_with_the_check_under_details(
        qtbot, tmp_path, messages, monkeypatch):
    from columnist.ratings.cache import open_cache

    open_cache().close()
    damage_pages(paths.ratings_db_path())
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: window.ratings_ui.notice_dialog is not None, timeout=5000)
    box = window.ratings_ui.notice_dialog
    assert "ratings.db.corrupt-" in box.text()
    assert "import your CQC files again" in box.text()
    assert "On tree page" not in box.text() + box.informativeText()
    assert "On tree page" in box.detailedText()
    assert box.sizeHint().height() < 900
    assert box.icon() == QMessageBox.Icon.Warning
    close(window)


# ---------------------------------------------------------------------- preview


def test_trust_link_shows_badge_and_footer_with_attribution(qtbot, tmp_path, messages,
                                                            monkeypatch):
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: ATTRIBUTION in preview_text(window), timeout=10000)
    text = preview_text(window)
    assert "Good · Mar 2016" in text  # Guy's overall rating in the bundled data
    assert re.search(r"CQC ratings as published up to March 2019 \(over \d+ years old\)", text)
    assert "Open Government Licence v3.0" in text
    close(window)


def test_no_trust_link_means_no_footer(qtbot, tmp_path, messages, monkeypatch):
    window = open_window(qtbot, tmp_path,
                         text="# Plain\n\nNo trusts named here.\n")
    qtbot.waitUntil(lambda: "No trusts named here" in preview_text(window), timeout=10000)
    with qtbot.waitSignal(window.preview_controller.rendered, timeout=10000):
        window.preview_controller.refresh_soon()  # a render with the cache open
    assert ATTRIBUTION not in preview_text(window)
    close(window)


def test_unreadable_cache_in_the_preview_is_reported_in_the_status_bar(
        qtbot, tmp_path, messages, monkeypatch):
    import columnist.ratings.lookup as lookup

    def broken(*_args):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(lookup, "current_rating", broken)
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: "Rating badges are not shown" in window.status.currentMessage(),
                    timeout=10000)
    assert "malformed" in window.status.currentMessage()
    close(window)


# ---------------------------------------------------------------------- import


def test_import_through_the_menu_updates_badge_and_status(qtbot, tmp_path, messages,
                                                          monkeypatch, cqc_dir):
    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(lambda: "Good · Mar 2016" in preview_text(window), timeout=10000)
    recent = dt.date.today() - dt.timedelta(days=20)
    csv_path = newer_rj1_csv(cqc_dir, tmp_path, recent)
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(csv_path))
    # A reader holding a snapshot open (as the render thread may) must not block the import.
    reader = sqlite3.connect(paths.ratings_db_path())
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM ratings").fetchone()
    try:
        window.actions_by_name["ratings_import"].trigger()
        assert window.ratings_ui.progress_dialog is not None
        qtbot.waitUntil(lambda: "Import Finished" in messages.titles(), timeout=15000)
    finally:
        reader.rollback()
        reader.close()
    assert "Latest_ratings_providers.csv" in messages.text_of("Import Finished")
    assert window.ratings_ui.progress_dialog is None
    month = f"{recent:%B} {recent.year}"
    label = window.ratings_ui.label
    assert label.text() == f"CQC ratings as published up to {month}"
    assert label.styleSheet() == ""  # fresh: no longer amber
    badge = f"Outstanding · {recent:%b %Y}"
    qtbot.waitUntil(lambda: badge in preview_text(window), timeout=10000)
    assert f"CQC ratings as published up to {month}." in preview_text(window)
    close(window)


def test_importing_the_same_file_again_says_nothing_changed_in_dialog_and_status_bar(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    window = open_window(qtbot, tmp_path)
    csv_path = newer_rj1_csv(cqc_dir, tmp_path, dt.date.today() - dt.timedelta(days=20))
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(csv_path))
    for expected in (1, 2):
        window.actions_by_name["ratings_import"].trigger()
        qtbot.waitUntil(lambda n=expected: messages.titles().count("Import Finished") == n,
                        timeout=15000)
    second = [text for title, text in messages.informed if title == "Import Finished"][-1]
    assert "already imported" in second and "nothing changed" in second
    assert window.status.currentMessage() == (
        "Nothing changed: Latest_ratings_providers.csv was already imported"
    )
    close(window)


def test_a_file_that_is_not_a_cqc_file_says_so_and_changes_nothing(
        qtbot, tmp_path, messages, monkeypatch):
    window = open_window(qtbot, tmp_path)
    db = cache_db()
    before = fingerprint(db)
    bad = write_csv(tmp_path / "budget.csv", [["Month", "Spend"], ["May", "12"]])
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(bad))
    window.actions_by_name["ratings_import"].trigger()
    qtbot.waitUntil(lambda: "This File Cannot Be Imported" in messages.titles(), timeout=10000)
    text = messages.text_of("This File Cannot Be Imported")
    assert text.startswith("budget.csv: ") and "unchanged" in text
    assert fingerprint(db) == before
    assert window.ratings_ui.label.text() == "CQC ratings as published up to March 2019"
    db.conn.close()
    close(window)


def test_a_cache_that_cannot_be_opened_for_an_import_is_reported_and_not_left_busy(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    from columnist.ratings import service as ratings_service

    window = open_window(qtbot, tmp_path)
    csv = newer_rj1_csv(cqc_dir, tmp_path, dt.date(2019, 4, 1))

    def locked(_path):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(ratings_service, "_connect", locked)
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(csv))
    window.actions_by_name["ratings_import"].trigger()
    qtbot.waitUntil(lambda: "Import Failed" in messages.titles(), timeout=10000)
    text = messages.text_of("Import Failed")
    assert "unable to open database file" in text and "unchanged" in text
    assert not window.ratings.busy
    close(window)


def test_cancel_leaves_the_ratings_unchanged(qtbot, tmp_path, messages, monkeypatch,
                                             cqc_dir):
    from columnist.ratings import importers

    real_import = importers.import_file
    started = threading.Event()

    def slow_import(db, path, progress=None, cancel=None):
        started.set()
        progress(0, 10, "Reading providers")
        cancel.wait(10)  # until the user presses Cancel
        return real_import(db, path, progress=progress, cancel=cancel)

    monkeypatch.setattr(importers, "import_file", slow_import)
    window = open_window(qtbot, tmp_path)
    db = cache_db()
    before = fingerprint(db)
    csv_path = newer_rj1_csv(cqc_dir, tmp_path, dt.date.today())
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(csv_path))
    window.actions_by_name["ratings_import"].trigger()
    dialog = window.ratings_ui.progress_dialog
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 10, timeout=5000)  # determinate
    assert started.is_set()
    qtbot.mouseClick(dialog.cancel_button, ratings_dialogs.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in messages.titles(), timeout=10000)
    assert messages.text_of("Cancelled") == "Import cancelled; the ratings are unchanged."
    assert fingerprint(db) == before
    db.conn.close()
    close(window)


# ---------------------------------------------------------------------- API refresh


def test_refresh_from_the_api_with_a_key_from_the_environment(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    monkeypatch.setenv("CQC_API_KEY", KEY)
    window = open_window(qtbot, tmp_path)
    with FakeCqcApi(cqc_dir) as api:
        window.settings.set("ratings/api_url", api.url)
        window.actions_by_name["ratings_refresh"].trigger()
        qtbot.waitUntil(lambda: "Refresh Finished" in messages.titles(), timeout=15000)
    assert "providers and" in messages.text_of("Refresh Finished")
    db = cache_db()
    assert db.execute("SELECT COUNT(*) FROM imports WHERE source = 'cqc-api'").fetchone()[0] == 1
    db.conn.close()
    assert "March 2019" not in window.ratings_ui.label.text()
    close(window)


def test_a_finished_refresh_or_import_is_told_with_an_information_icon(
        qtbot, tmp_path, monkeypatch, cqc_dir):
    shown: list[tuple[str, QMessageBox.Icon]] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: shown.append((box.windowTitle(), box.icon())) or 0)
    monkeypatch.setenv("CQC_API_KEY", KEY)
    window = open_window(qtbot, tmp_path)
    # The window's own message boxes this time (no `messages` recorder).
    with FakeCqcApi(cqc_dir) as api:
        window.settings.set("ratings/api_url", api.url)
        window.actions_by_name["ratings_refresh"].trigger()
        qtbot.waitUntil(lambda: any(t == "Refresh Finished" for t, _ in shown), timeout=15000)
    csv_path = newer_rj1_csv(cqc_dir, tmp_path, dt.date.today())
    monkeypatch.setattr(ratings_dialogs, "choose_cqc_file", lambda _parent: str(csv_path))
    window.actions_by_name["ratings_import"].trigger()
    qtbot.waitUntil(lambda: any(t == "Import Finished" for t, _ in shown), timeout=15000)
    icons = dict(shown)
    assert icons["Refresh Finished"] == QMessageBox.Icon.Information
    assert icons["Import Finished"] == QMessageBox.Icon.Information
    close(window)


def test_no_key_prompts_and_without_a_keyring_uses_it_for_this_session(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    prompts: list[int] = []

    def prompt(_parent):
        prompts.append(1)
        return KEY

    monkeypatch.setattr(ratings_dialogs, "prompt_api_key", prompt)
    window = open_window(qtbot, tmp_path)
    with FakeCqcApi(cqc_dir) as api:
        window.settings.set("ratings/api_url", api.url)
        window.actions_by_name["ratings_refresh"].trigger()
        qtbot.waitUntil(lambda: "Refresh Finished" in messages.titles(), timeout=15000)
        assert "this session" in messages.text_of("CQC API Key")
        window.actions_by_name["ratings_refresh"].trigger()  # asks no second time
        qtbot.waitUntil(lambda: messages.titles().count("Refresh Finished") == 2,
                        timeout=15000)
    assert prompts == [1]
    settings_text = "".join(p.read_text(errors="replace")
                            for p in paths.data_dir().rglob("*") if p.is_file()
                            and not p.name.startswith("ratings.db"))
    assert KEY not in settings_text
    close(window)


def test_a_refused_key_is_said_clearly_and_nothing_is_applied(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    monkeypatch.setenv("CQC_API_KEY", "not-the-key")
    window = open_window(qtbot, tmp_path)
    db = cache_db()
    before = fingerprint(db)
    messages.answers.append(ratings_dialogs.CLOSE)
    with FakeCqcApi(cqc_dir) as api:
        window.settings.set("ratings/api_url", api.url)
        window.actions_by_name["ratings_refresh"].trigger()
        qtbot.waitUntil(lambda: bool(messages.questions), timeout=15000)
    title, text, _buttons = messages.questions[0]
    assert title == "CQC Refused the Key" and "unchanged" in text
    assert "not-the-key" not in text
    assert fingerprint(db) == before
    db.conn.close()
    close(window)


def test_network_failure_is_reported(qtbot, tmp_path, messages, monkeypatch):
    monkeypatch.setenv("CQC_API_KEY", KEY)
    window = open_window(qtbot, tmp_path)
    with socket_that_refuses() as url:
        window.settings.set("ratings/api_url", url)
        window.ratings_ui.api_retries = 0
        window.ratings_ui.refresh_from_api()
        qtbot.waitUntil(lambda: "Refresh from CQC Failed" in messages.titles(),
                        timeout=20000)
    assert "unchanged" in messages.text_of("Refresh from CQC Failed")
    close(window)


class socket_that_refuses:
    """A 127.0.0.1 port with nothing listening (connection refused at once)."""

    def __enter__(self) -> str:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return f"http://127.0.0.1:{self.port}/public/v1"

    def __exit__(self, *exc: object) -> None:
        return None


# ---------------------------------------------------------------------- data dialog


def test_ratings_data_dialog_shows_counts_sources_currency_and_attribution(
        qtbot, tmp_path, messages, monkeypatch):
    window = open_window(qtbot, tmp_path)
    window.actions_by_name["ratings_data"].trigger()
    dialog = window.ratings_ui.data_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "CQC ratings as published up to March 2019" in text
    assert re.search(r"over \d+ years old", text)
    assert "NHS trusts" in text and "Locations:" in text
    assert "nhs-ratings-snapshot" in text and "nhs_ratings_snapshot_2019-03.csv" in text
    assert "2019-03-01" in text  # its edition date
    assert ATTRIBUTION in text
    dialog.close()
    close(window)


def test_rate_limit_that_never_lifts_is_reported_and_nothing_is_applied(
        qtbot, tmp_path, messages, monkeypatch, cqc_dir):
    monkeypatch.setenv("CQC_API_KEY", KEY)
    window = open_window(qtbot, tmp_path)
    db = cache_db()
    before = fingerprint(db)
    with FakeCqcApi(cqc_dir) as api:
        api.always["/providers"] = 429
        window.settings.set("ratings/api_url", api.url)
        window.ratings_ui.api_retries = 1
        window.actions_by_name["ratings_refresh"].trigger()
        qtbot.waitUntil(lambda: "Refresh from CQC Failed" in messages.titles(),
                        timeout=15000)
    text = messages.text_of("Refresh from CQC Failed")
    assert "429" in text or "too many" in text.lower()
    assert fingerprint(db) == before
    db.conn.close()
    close(window)


def test_the_cache_opening_after_the_preview_adds_badges_to_the_page_shown(
        qtbot, tmp_path, messages, monkeypatch):
    """The preview of the column is on screen before the cache opens; when it opens, the
    badges are put into that page (the paragraphs without a trust link are not rebuilt),
    and the window does not wait for the cache to show the preview."""
    from columnist.ratings import service

    release = threading.Event()
    real_open = service._open_work

    def held_open():
        release.wait(20)
        return real_open()

    monkeypatch.setattr(service, "_open_work", held_open)
    from columnist.ui.app import create_main_window

    column = tmp_path / "column.md"
    column.write_text(COLUMN.replace("This month", "A paragraph without a trust.\n\nThis month"),
                      encoding="utf-8")
    window = create_main_window(str(column), offer_recovery=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "without a trust" in preview_text(window), timeout=10000)
    assert "Good · Mar 2016" not in preview_text(window)  # no cache yet: no badge
    page = window.preview.document()
    plain = page.begin()
    while plain.isValid() and "without a trust" not in plain.text():
        plain = plain.next()
    release.set()
    qtbot.waitUntil(lambda: "Good · Mar 2016" in preview_text(window), timeout=15000)
    assert window.preview.document() is page  # the same page, with the badge put in
    assert plain.isValid() and plain.text() == "A paragraph without a trust."
    close(window)
