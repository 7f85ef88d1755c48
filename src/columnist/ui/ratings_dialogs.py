"""The rating cache in the window: status label, Ratings menu actions and their dialogs.

The cache needs no UI of its own beyond progress and messages: a status-bar label says
how current the ratings are (amber, with a tooltip, when they are old), Ratings ▸ Import
CQC File… and Refresh from CQC API… run as `ratings.service.RatingsService` jobs (off the
GUI thread) behind a progress dialog with Cancel, and Ratings ▸ Ratings Data… shows what
the cache holds.

Blocking questions go through the window's `ask` / `inform` (the rebuilt-cache notice,
which arrives while the window opens, is a window-modal box of its own with a collapsed
details part, `notice_box`), and the file chooser and
key prompt are the module functions `choose_cqc_file` / `prompt_api_key`, so tests
replace them. The CQC API key is read and stored through `ratings.api_key` (the system
keyring, never the settings or a log); without a keyring it is kept in memory for this
session only.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from columnist.ratings.api_key import environment_key, keyring_key, store_api_key
from columnist.ratings.service import (
    AUTH_ERROR,
    CANCELLED,
    FILE_ERROR,
    Currency,
    RatingsService,
)
from columnist.ui.status import ElidedLabel

if TYPE_CHECKING:
    from columnist.ui.main_window import MainWindow

CQC_FILE_FILTER = "CQC files (*.ods *.xlsx *.csv);;All files (*)"
PORTAL_URL = "https://api-portal.service.cqc.org.uk"
OLD_STYLE = "color: #9a5b00; font-weight: 600;"  # amber on a light status bar
OLD_STYLE_DARK = "color: #f0b429; font-weight: 600;"  # amber on a dark one
REFRESH_HINT = "Refresh with Ratings ▸ Import CQC File… or Ratings ▸ Refresh from CQC API…"
ENTER_ANOTHER_KEY, CLOSE = "Enter Another Key…", "Close"


def gui_warning(currency: Currency) -> str | None:
    """The age warning in the app's words (provenance's mentions the command line)."""
    if not currency.warning:
        return None
    if currency.age and currency.age.startswith("over "):
        return f"{currency.label} — {currency.age}. {REFRESH_HINT}"
    return f"{currency.label}. {REFRESH_HINT}"


# ---------------------------------------------------------------------- replaceable prompts


def choose_cqc_file(parent: QWidget | None) -> str | None:
    """Ask for a CQC Latest ratings / directory / ODS file (None if cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import CQC File", "", CQC_FILE_FILTER)
    return path or None


class ApiKeyDialog(QDialog):
    """Asks for the CQC API subscription key (shown as dots, never echoed anywhere)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("CQC API Key")
        layout = QVBoxLayout(self)
        text = QLabel(
            "Refreshing from CQC's API needs a free subscription key from CQC's developer "
            f'portal: <a href="{PORTAL_URL}">{PORTAL_URL}</a> (sign up, subscribe to the '
            "public API, then copy the primary key).<br/><br/>The key is kept in your "
            "system keyring, never in Columnist's settings or logs.",
            self,
        )
        text.setWordWrap(True)
        text.setOpenExternalLinks(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("Primary or secondary key")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(text)
        layout.addWidget(self.key_edit)
        layout.addWidget(buttons)

    def key(self) -> str:
        return self.key_edit.text().strip()


def prompt_api_key(parent: QWidget | None) -> str | None:
    """Ask for the key (None if cancelled or left empty)."""
    dialog = ApiKeyDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.key() or None


# ---------------------------------------------------------------------- dialogs


class ProgressDialog(QDialog):
    """Progress of an import or refresh, with Cancel (window-modal, never blocking)."""

    cancelRequested = Signal()

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.message = QLabel(text, self)
        self.message.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until a total is known
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self._on_cancel)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)

    def set_progress(self, done: int, total: int, message: str) -> None:
        """Determinate when the total is known, a busy bar otherwise."""
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        if message and self.cancel_button.isEnabled():
            self.message.setText(message)

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.message.setText("Cancelling… (nothing is changed until the end)")
        self.cancelRequested.emit()

    def reject(self) -> None:  # Esc / the close button cancel too
        if self.cancel_button.isEnabled():
            self._on_cancel()


def ratings_data_html(info: Any, path: Path, warning: str | None) -> str:
    """The "Ratings data" page: counts, sources with edition dates, as-of, attribution."""
    e = html.escape

    def n(value: int | None) -> str:
        return f"{value or 0:,}"

    parts = [f"<h3>{e(info.as_of_label)}</h3>"]
    if warning:
        parts.append(f'<p style="{OLD_STYLE}">{e(warning)}</p>')
    flagged = f" ({n(info.flagged_ratings)} with a rating word not recognised)" if (
        info.flagged_ratings) else ""
    parts.append(
        f"<p>Providers: {n(info.providers)} ({n(info.nhs_trusts)} NHS trusts, "
        f"{n(info.open_nhs_trusts)} open)<br/>Locations: {n(info.locations)}<br/>"
        f"Ratings: {n(info.ratings)}{flagged}</p>"
    )
    rows = "".join(
        f"<tr><td>{e(s.source)}</td><td>{e(s.edition_date or '?')}</td>"
        f"<td>{e((s.imported_at or '?')[:10])}</td><td>{e(s.file_name or '')}</td></tr>"
        for s in info.sources
    ) or '<tr><td colspan="4">none yet</td></tr>'
    parts.append(
        "<p><b>Sources</b></p><table cellpadding=\"3\"><tr><th align=\"left\">Source</th>"
        "<th align=\"left\">Edition</th><th align=\"left\">Imported</th>"
        f"<th align=\"left\">File</th></tr>{rows}</table>"
    )
    parts.append(f"<p>Last CQC API refresh: {e(info.last_api_sync or 'never')}<br/>"
                 f"Cache file: {e(str(path))}</p>")
    parts.append(f"<p><small>{e(info.attribution)}</small></p>")
    return "".join(parts)


class RatingsDataDialog(QDialog):
    """Ratings ▸ Ratings Data…: what the cache holds and how current it is."""

    def __init__(self, page_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ratings Data")
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(page_html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


def notice_box(parent: QWidget | None, title: str, text: str, details: str) -> QMessageBox:
    """A warning whose raw `details` sit in Qt's collapsed "Show Details…" part.

    The integrity check behind a damaged cache lists up to 100 problems: in the body (the
    window's `inform` shows its details there) the dialog would run off a 900-pixel
    screen; the details part is hidden until asked for, and scrolls.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    if details:
        box.setDetailedText(details)
    return box


# ---------------------------------------------------------------------- window glue


class RatingsUi(QObject):
    """Connects `RatingsService` to the window: status label, messages, menu actions."""

    def __init__(self, window: MainWindow, service: RatingsService) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.progress_dialog: ProgressDialog | None = None
        self.data_dialog: RatingsDataDialog | None = None
        self.notice_dialog: QMessageBox | None = None
        self._session_key: str | None = None
        self._open_error: str | None = None
        self.api_timeout = 30.0  # seconds per request
        self.api_retries = 4  # for 429, 5xx, time-outs and dropped connections
        self.label = ElidedLabel("", window.status)
        self.label.setObjectName("ratingsAsOf")
        self.label.setContentsMargins(8, 0, 8, 0)
        self.label.hide()
        window.status.addPermanentWidget(self.label)
        service.opened.connect(self._on_opened)
        service.changed.connect(self._on_changed)
        service.notice.connect(self._on_notice)
        service.openFailed.connect(self._on_open_failed)
        service.lookupFailed.connect(self._on_lookup_failed)
        service.progress.connect(self._on_progress)
        service.jobFinished.connect(self._on_job_finished)
        service.jobFailed.connect(self._on_job_failed)

    # -- status -------------------------------------------------------------------

    def update_label(self) -> None:
        currency = self.service.currency_info
        if currency is None:
            return
        warning = gui_warning(currency)
        self.label.setText(currency.label)
        dark = self.window.palette().window().color().lightness() < 128
        self.label.setStyleSheet((OLD_STYLE_DARK if dark else OLD_STYLE) if warning else "")
        self.label.setToolTip(warning or f"{currency.label}. {REFRESH_HINT}")
        self.label.setAccessibleDescription(warning or "")
        self.label.show()

    def _refresh_preview(self) -> None:
        controller = getattr(self.window, "preview_controller", None)
        if controller is not None:
            controller.refresh_when_free()  # the page under way is kept; badges follow

    def _on_opened(self) -> None:
        self.update_label()
        self._refresh_preview()

    def _on_changed(self) -> None:
        self.update_label()
        self._refresh_preview()

    def _on_notice(self, notice: str, details: str) -> None:
        self.window.status.showMessage("The ratings cache was rebuilt: see the message.", 15000)
        if self.notice_dialog is not None:
            self.notice_dialog.deleteLater()
        self.notice_dialog = notice_box(self.window, "Ratings Cache Rebuilt", notice, details)
        self.notice_dialog.open()

    def _on_open_failed(self, message: str) -> None:
        self._open_error = message
        self.label.setText("CQC ratings unavailable")
        self.label.setStyleSheet("color: #b3261e;")
        self.label.setToolTip(f"The ratings cache could not be opened: {message}")
        self.label.show()
        self.window.status.showMessage(
            f"The ratings cache could not be opened ({message}); rating badges are off.", 20000
        )

    def _on_lookup_failed(self, message: str) -> None:
        self.window.status.showMessage(message, 20000)

    # -- jobs ---------------------------------------------------------------------

    def _can_start(self, what: str) -> bool:
        if self.service.busy and self.service.cache_path() is not None:
            self.window.inform(what, "A ratings import or refresh is already running.",
                               icon="info")
            return False
        if self.service.cache_path() is None:
            text = (f"The ratings cache could not be opened ({self._open_error})."
                    if self._open_error else
                    "The ratings cache is still being opened; try again in a moment.")
            self.window.inform(what, text, icon="info")
            return False
        return True

    def _begin(self, title: str, text: str) -> None:
        self._close_progress()
        dialog = ProgressDialog(title, text, self.window)
        dialog.cancelRequested.connect(self.service.cancel)
        self.progress_dialog = dialog
        dialog.show()

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.set_progress(done, total, message)

    def import_file(self) -> None:
        """Ratings ▸ Import CQC File…"""
        title = "Import CQC File"
        if not self._can_start(title):
            return
        chosen = choose_cqc_file(self.window)
        if not chosen:
            return
        path = Path(chosen)
        if not path.is_file():
            self.window.inform(title, f"{path.name}: no such file.")
            return
        self._importing = path.name
        self._begin("Importing CQC Ratings", f"Reading {path.name}…")
        self.service.run_import(path)

    def _api_key(self) -> str | None:
        """The environment's key, else the one given this session, else the keyring's."""
        return environment_key() or self._session_key or keyring_key()

    def _ask_for_key(self) -> str | None:
        key = prompt_api_key(self.window)
        if not key:
            return None
        self._session_key = key
        problem = store_api_key(key)
        if problem:
            self.window.inform(
                "CQC API Key",
                "No system keyring is available on this computer, so the key cannot be "
                "stored safely. It is used for this session only (until you quit Columnist) "
                f"and is not written to the settings or any log. (Keyring: {problem}.)",
                icon="info",
            )
        return key

    def refresh_from_api(self, key: str | None = None) -> None:
        """Ratings ▸ Refresh from CQC API…"""
        title = "Refresh from CQC API"
        if not self._can_start(title):
            return
        key = key or self._api_key() or self._ask_for_key()
        if not key:
            return
        # Imported here: the client brings in http and ssl (~9 MB), which a window that
        # never refreshes from the API should not carry.
        from columnist.ratings.api_client import api_base_url

        url = api_base_url(str(self.window.settings.get("ratings/api_url") or ""))
        scope = str(self.window.settings.get("ratings/sync_scope") or "trusts")
        self._begin("Refreshing from CQC", "Asking CQC's API what changed…")
        self.service.run_sync(url, key, scope="all" if scope == "all" else "trusts",
                              timeout=self.api_timeout, retries=self.api_retries)

    def _on_job_finished(self, job: str, report: Any) -> None:
        self._close_progress()
        if job == "import":
            name = getattr(self, "_importing", "")
            if getattr(report, "already_imported", False):  # the dialog says the same
                self.window.status.showMessage(
                    f"Nothing changed: {name} was already imported", 10000
                )
            else:
                self.window.status.showMessage(f"Imported {name}", 10000)
            self.window.inform("Import Finished", f"{name}: {report.summary()}",
                               icon="info")
        else:
            self.window.status.showMessage("Ratings refreshed from CQC", 10000)
            self.window.inform("Refresh Finished", sync_summary(report), icon="info")

    def _on_job_failed(self, job: str, kind: str, message: str) -> None:
        self._close_progress()
        if kind == CANCELLED:
            self.window.status.showMessage(message, 10000)
            self.window.inform("Cancelled", message, icon="info")
            return
        if job == "import":
            name = getattr(self, "_importing", "")
            extra = "" if "unchanged" in message else " The ratings are unchanged."
            title = "This File Cannot Be Imported" if kind == FILE_ERROR else "Import Failed"
            self.window.inform(title, f"{name}: {message}{extra}")
            return
        extra = "" if "unchanged" in message else " The ratings are unchanged."
        if kind == AUTH_ERROR:
            answer = self.window.ask(
                "CQC Refused the Key", f"{message}{extra}", [ENTER_ANOTHER_KEY, CLOSE],
                default=CLOSE, icon="warning",
            )
            if answer == ENTER_ANOTHER_KEY:
                self._session_key = None
                key = self._ask_for_key()
                if key:
                    self.refresh_from_api(key)
            return
        self.window.inform("Refresh from CQC Failed", f"{message}{extra}")

    # -- data dialog --------------------------------------------------------------

    def show_data(self) -> None:
        """Ratings ▸ Ratings Data…"""
        path = self.service.cache_path()
        if path is None:
            self._can_start("Ratings Data")
            return
        from columnist.ratings.connection import connect_reader
        from columnist.ratings.info import cache_info

        db = connect_reader(path)
        try:
            info = cache_info(db)
        finally:
            db.conn.close()
        currency = self.service.currency_info
        warning = gui_warning(currency) if currency is not None else info.age_warning
        if self.data_dialog is not None:
            self.data_dialog.deleteLater()
        self.data_dialog = RatingsDataDialog(ratings_data_html(info, path, warning),
                                             self.window)
        self.data_dialog.show()


def sync_summary(report: Any) -> str:
    """One paragraph about a finished API refresh (as `columnist ratings sync` says it)."""
    resumed = " (resumed)" if getattr(report, "resumed", False) else ""
    since = f" since {report.start}" if getattr(report, "start", None) else ""
    flagged = f" ({report.ratings_flagged} flagged)" if getattr(
        report, "ratings_flagged", 0) else ""
    return (
        f"CQC API {report.mode} refresh{since}{resumed}: {report.providers_fetched} "
        f"providers and {report.locations_fetched} locations fetched; "
        f"{report.providers_added} providers, {report.locations_added} locations and "
        f"{report.ratings_added} ratings added{flagged}."
    )
