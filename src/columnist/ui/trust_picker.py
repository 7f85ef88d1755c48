"""The trust picker: Ctrl+T, a few letters, Enter: a link to the trust's CQC page at the cursor.

As quick as a code editor's completion or Zotero's citation picker: a popup at the text
cursor with a search field, the matching trusts, hospitals and other providers (name,
code, kind, town, the current overall rating as a badge in words with its date; closed
ones marked) and a details pane for the selected one (the five key questions, the
previous rating). Enter inserts `[Name](https://www.cqc.org.uk/provider/CODE)` at the
cursor (`/location/…` for a hospital site); selected text becomes the link text, and the
picker opens already searching for it. Alt+Enter adds the rating phrase (", rated Good in
March 2019"). Up, Down, Page Up and Page Down choose; Esc closes and puts the writer back
in the text, unchanged. The insertion is one undo step.

Every query runs off the GUI thread, on the picker's lane with the picker's own SQLite
connection (`PickerQueries`), through `LatestRunner`s: a keystroke supersedes the query
still running and stale results are dropped, so typing never waits for the cache. The
search is `ratings.search.search` (its ratings come from the one lookup), the details
`ratings.info.subject_detail`, the link `markdown.trust_links.trust_reference` and the
phrase `ratings.phrases.with_rating`.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from columnist.core.tasks import LatestRunner, Ticket, lane
from columnist.ui.trust_results import HIT_ROLE, TrustResultsView

if TYPE_CHECKING:
    from columnist.ratings.info import SubjectDetail
    from columnist.ratings.search import SearchHit
    from columnist.ui.actions import Menus
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.main_window import MainWindow

LANE = "picker"
RESULT_LIMIT = 40  # a few screenfuls for Page Down; the search stays well under 5 ms
POPUP_SIZE = QSize(760, 380)
OPENING = "The ratings cache is opening…"
HINT = "Enter: insert link · Alt+Enter: with its rating · Esc: close"
EMPTY = "Type a few letters of a trust's or hospital's name, its town or its code."
_NAVIGATION = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class RatingsSource(Protocol):
    """What the picker needs from the window's `RatingsService` (thread-safe calls)."""

    def cache_path(self) -> Path | None: ...

    def generation(self) -> int: ...


class PickerQueries:
    """Search and details over the picker's own connection, used on the picker lane only.

    The connection is opened on first use and again whenever the service's generation
    changes (the cache re-opened, an import or a refresh committed); a failing one is
    closed, so the next query tries afresh.
    """

    def __init__(self, source: RatingsSource) -> None:
        self._source = source
        self._db: Any = None
        self._generation = -1

    def _database(self) -> Any:
        generation = self._source.generation()
        if generation != self._generation:
            self.close()
            self._generation = generation
        if self._db is None:
            path = self._source.cache_path()
            if path is None:
                raise RuntimeError("the ratings cache is not open yet")
            from columnist.ratings.connection import connect_reader

            self._db = connect_reader(path)
        return self._db

    def search(self, query: str) -> list[SearchHit]:
        from columnist.ratings.search import search

        try:
            return search(self._database(), query, RESULT_LIMIT)
        except Exception:
            self.close()
            raise

    def details(self, kind: str, ident: str) -> SubjectDetail | None:
        from columnist.ratings.info import subject_detail

        try:
            return subject_detail(self._database(), ident, kind)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):  # a broken connection: nothing to close
                self._db.conn.close()
            self._db = None


def popup_position(anchor: QRect, size: QSize, screen: QRect) -> QPoint:
    """Top-left of a popup of `size` just below `anchor` (the text cursor, in global
    coordinates), or above it when there is no room below; always inside `screen`."""
    x = max(screen.left(), min(anchor.left(), screen.right() + 1 - size.width()))
    y = anchor.bottom() + 1
    if y + size.height() > screen.bottom() + 1:
        above = anchor.top() - size.height()
        y = above if above >= screen.top() else screen.bottom() + 1 - size.height()
    return QPoint(x, max(screen.top(), y))


def details_html(hit: SearchHit, detail: SubjectDetail | None) -> str:
    """The details pane: who it is, the current overall rating, the five key questions and
    the rating before (all as words; dates in English)."""
    from columnist.ratings.phrases import day_month_year

    def esc(text: str | None) -> str:
        return html.escape(text or "")

    place = " · ".join(x for x in (hit.category, hit.town, hit.id) if x)
    parts = [f"<p><b>{esc(hit.name)}</b><br/>{esc(place)}"]
    if not hit.is_open:
        parts.append("<br/><b>Closed</b>: no longer registered with CQC")
    if detail is not None and detail.provider_name:
        parts.append(f"<br/>Part of {esc(detail.provider_name)}")
    parts.append("</p>")
    if detail is None:
        return "".join(parts)
    overall = detail.overall
    if overall is None:
        parts.append("<p>No CQC rating in the cache.</p>")
        return "".join(parts)
    parts.append(f"<p>Overall: <b>{esc(overall['rating'])}</b><br/>"
                 f"Published {esc(day_month_year(overall['published']))}</p>")
    rows = []
    for question in detail.key_questions:
        when = ""
        if question["published"] != overall["published"]:
            when = f" ({esc(day_month_year(question['published']))})"
        rows.append(f"<tr><td>{esc(question['key_question'])}</td>"
                    f"<td>&nbsp;&nbsp;{esc(question['rating'])}{when}</td></tr>")
    if rows:
        parts.append("<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")
    previous = detail.previous_overall
    if previous is None:
        parts.append("<p>No earlier rating in the cache.</p>")
    else:
        parts.append(f"<p>Previously: {esc(previous['rating'])}, "
                     f"{esc(day_month_year(previous['published']))}</p>")
    return "".join(parts)


class TrustPicker(QFrame):
    """The popup (see the module docstring). `open()` shows it at the editor's cursor."""

    inserted = Signal(str)  # the Markdown just inserted
    notice = Signal(str)  # something for the status bar (no rating to say…)
    closed = Signal()

    def __init__(self, editor: MarkdownEditor, source: RatingsSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent or editor, Qt.WindowType.Popup)
        self._editor = editor
        self._source = source
        self._queries = PickerQueries(source)
        self._link_text = ""
        self._pending_insert: bool | None = None  # Enter before the results: with rating?
        self.unavailable: str | None = None  # why the cache cannot be opened at all
        self.setAccessibleName("Trust picker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.resize(POPUP_SIZE)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Trust, hospital, town or code")
        self.search.setAccessibleName("Search for a trust or hospital")
        self.search.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Picker status")
        self.list = TrustResultsView(self)
        self.list.setAccessibleName("Matching trusts and hospitals")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the field
        self.details = QLabel(self)
        self.details.setAccessibleName("Details of the selected trust")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setFixedWidth(250)
        self.details.setContentsMargins(8, 4, 4, 4)
        hint = QLabel(HINT, self)
        hint.setAccessibleName("Picker keys")
        small = hint.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        hint.setFont(small)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.status)
        left.addWidget(self.list, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 1)
        body.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addLayout(body, 1)
        layout.addWidget(hint)

        self._searcher: LatestRunner[str, list[SearchHit]] = LatestRunner(
            lambda ticket: self._queries.search(ticket.payload), self._on_found,
            self._on_failed, lane_name=LANE, parent=self)
        self._detailer: LatestRunner[tuple[str, str], SubjectDetail | None] = LatestRunner(
            lambda ticket: self._queries.details(*ticket.payload), self._on_details,
            self._on_details_failed, lane_name=LANE, parent=self)
        self.search.textChanged.connect(self._query_changed)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.clicked.connect(lambda _index: self.insert(False))
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)

    # ------------------------------------------------------------------ opening

    def open(self) -> None:
        """Show at the text cursor; the selected text (one line) is the search and will be
        the link text."""
        cursor = self._editor.textCursor()
        selected = cursor.selectedText()
        if "\u2029" in selected or "\u2028" in selected:  # across lines: not a link text
            cursor.clearSelection()
            self._editor.setTextCursor(cursor)
            selected = ""
        self._link_text = selected.strip()
        self._pending_insert = None
        self.search.blockSignals(True)
        self.search.setText(self._link_text)
        self.search.blockSignals(False)
        self.list.results.set_hits("", [])
        self._show_details(None, None)
        self._query_changed(self.search.text())
        self._place()
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)
        self.search.selectAll()

    def _place(self) -> None:
        editor = self._editor
        rect = editor.cursorRect()
        anchor = QRect(editor.viewport().mapToGlobal(rect.topLeft()), rect.size())
        screen = editor.screen().availableGeometry()
        # Inside the window when it has room (the popup belongs to it), else the screen.
        area = screen.intersected(editor.window().geometry())
        if area.width() < self.width() or area.height() < self.height():
            area = screen
        self.move(popup_position(anchor, self.size(), area))

    def refresh(self) -> None:
        """Ask again (the cache has opened or changed), if the picker is showing."""
        if self.isVisible():
            self._query_changed(self.search.text())

    def set_unavailable(self, message: str | None) -> None:
        """The cache could not be opened: say so instead of searching."""
        self.unavailable = message
        self.refresh()

    # ------------------------------------------------------------------ searching

    def _query_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self._searcher.invalidate()
            self.list.results.set_hits("", [])
            self._show_details(None, None)
            self._say(EMPTY)
            return
        if self.unavailable:
            self._say(f"The ratings cache could not be opened: {self.unavailable}")
            return
        if self._source.cache_path() is None:
            self._say(OPENING)
            return
        self._searcher.request(query)

    def _on_found(self, hits: list[SearchHit], ticket: Ticket[str]) -> None:
        if ticket.payload != self.search.text().strip():
            return  # the field changed without a newer request (emptied, cache closed)
        self.list.results.set_hits(ticket.payload, hits)
        if hits:
            self._say("")
            self.list.setCurrentIndex(self.list.results.index(0))
        else:
            self._show_details(None, None)
            self._say(f"Nothing matches “{ticket.payload}”. Try fewer letters, a town or "
                      "an ODS code.")
        if self._pending_insert is not None:
            with_rating, self._pending_insert = self._pending_insert, None
            if hits:
                self.insert(with_rating)

    def _on_failed(self, error: BaseException, ticket: Ticket[str]) -> None:
        self._pending_insert = None
        self._say(f"The ratings cache could not be read ({error}). Your text is unchanged.")

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(bool(message))

    # ------------------------------------------------------------------ details

    def current_hit(self) -> SearchHit | None:
        index = self.list.currentIndex()
        hit = index.data(HIT_ROLE) if index.isValid() else None
        return hit

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # The pane changes when the details arrive (a few ms): laying out its rich text
        # here too would hold up painting the list the writer is looking at.
        hit = current.data(HIT_ROLE) if current.isValid() else None
        if hit is not None:
            self._detailer.request((hit.kind, hit.id))

    def _on_details(self, detail: SubjectDetail | None,
                    ticket: Ticket[tuple[str, str]]) -> None:
        hit = self.current_hit()
        if hit is not None and (hit.kind, hit.id) == ticket.payload:
            self._show_details(hit, detail)

    def _on_details_failed(self, error: BaseException, ticket: Ticket[tuple[str, str]]) -> None:
        self.details.setText(f"<p>The details could not be read ({html.escape(str(error))}).</p>")

    def _show_details(self, hit: SearchHit | None, detail: SubjectDetail | None) -> None:
        self.details.setText(details_html(hit, detail) if hit is not None else "")

    # ------------------------------------------------------------------ keys and inserting

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _NAVIGATION:
                if watched is not self.list:
                    QApplication.sendEvent(self.list, QKeyEvent(event))
                    return True
                return False
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.insert(bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)

    def _results_are_current(self) -> bool:
        return self.list.results.query == self.search.text().strip()

    def insert(self, with_rating: bool = False) -> bool:
        """Insert the chosen result's link at the cursor (one undo step) and close.

        Enter pressed before the results for the latest keystroke have arrived inserts
        the first of them when they do, not a result of an older query.
        """
        if not self._results_are_current() and self.search.text().strip():
            if self._source.cache_path() is not None and not self.unavailable:
                self._pending_insert = with_rating
            return False
        hit = self.current_hit()
        if hit is None:
            return False
        from columnist.markdown.trust_links import trust_reference
        from columnist.ratings.phrases import rating_phrase
        from columnist.ratings.phrases import with_rating as phrased

        markdown = trust_reference(self._link_text or hit.name, hit.kind, hit.id)
        if with_rating:
            if rating_phrase(hit.rating, hit.rating_date) is None:
                self.notice.emit(f"No CQC rating to say for {hit.name}: inserted the link "
                                 "alone.")
            markdown = phrased(markdown, hit.rating, hit.rating_date)
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(markdown)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self.close()
        self.inserted.emit(markdown)
        return True

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._pending_insert = None
        self._editor.setFocus(Qt.FocusReason.PopupFocusReason)
        self.closed.emit()

    def close_connection_later(self) -> Callable[..., None]:
        """A callable that closes the picker's connection on its lane, for the window's
        `destroyed` (it holds the connection, not this widget, which goes too)."""
        queries = self._queries

        def close(*_args: object) -> None:
            with contextlib.suppress(RuntimeError):  # the lane has stopped (quitting)
                lane(LANE).submit(queries.close)

        return close


class TrustPickerFeature:
    """Insert ▸ Trust… (Ctrl+T), on the toolbar and in the editor's context menu."""

    picker: TrustPicker | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The action in three places; the cache's state followed for the picker."""
        from columnist.ui.actions import make_action

        self._window = window
        self._unavailable: str | None = None
        action = make_action(window, "&Trust…", self.open, "Ctrl+T",
                             tip="Insert a link to a trust or hospital, with its CQC rating")
        action.setIconText("Insert Trust")
        action.setToolTip("Insert a link to a trust or hospital (Ctrl+T)")
        self.action = menus.add("insert/trust", "insert_trust", action)
        menus.add_tool(action)
        window.editor.add_context_menu_provider(self._add_to_context_menu)
        ratings = window.ratings
        ratings.opened.connect(self._cache_opened)
        ratings.changed.connect(self._refresh)
        ratings.openFailed.connect(self._cache_failed)

    def _add_to_context_menu(self, menu: Any, _position: QPoint) -> None:
        entry = menu.addAction("Insert &Trust Link…")
        entry.setShortcut(self.action.shortcut())  # shown as a hint; the window's fires
        entry.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        entry.triggered.connect(self.open)

    def open(self) -> None:
        """Open the picker at the cursor (made the first time)."""
        if self.picker is None:
            window = self._window
            self.picker = TrustPicker(window.editor, window.ratings, window)
            self.picker.set_unavailable(self._unavailable)
            self.picker.notice.connect(lambda text: window.status.showMessage(text, 6000))
            window.destroyed.connect(self.picker.close_connection_later())
        self.picker.open()

    def _refresh(self) -> None:
        if self.picker is not None:
            self.picker.refresh()

    def _cache_opened(self) -> None:
        self._unavailable = None
        if self.picker is not None:
            self.picker.set_unavailable(None)

    def _cache_failed(self, message: str) -> None:
        self._unavailable = message
        if self.picker is not None:
            self.picker.set_unavailable(message)
