"""The writing desk: editor | preview, docks, menus and status bar, laid out and wired.

The window holds no rules of its own. `DocumentSession` asks every question about the
file (over `DocumentController`, which opens, saves, journals and watches it);
`PreviewController` renders off the GUI thread; `recovery` offers back what a crash left;
and each feature (`actions.Feature`: find and replace, outline, metadata, scroll sync,
theme, the ratings menu) installs its own actions, menus and docks. The window lays them out,
applies the stored settings once, and provides the dialogs the others ask through
(`ask` / `inform` / `choose_*`), which tests replace, so no test ever waits on a
QMessageBox.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from columnist.settings import Settings
from columnist.ui import theme
from columnist.ui.editor import MarkdownEditor
from columnist.ui.status import StatusPanel

if TYPE_CHECKING:
    # Annotations only; each Qt class costs its first use ~0.3 ms, kept off the cold start.
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QCloseEvent

    from columnist.ui.actions import Feature, Menus
    from columnist.ui.preview import RenderOutput

# Imported on first use, not at start-up (cold start is a measured target): the document
# layer (YAML, difflib), the session, the preview, the features and the dialogs.

APP_NAME = "Columnist"
BANNER_STYLE = (
    "QLabel { background: #fff3cd; color: #5c4400; padding: 6px 10px; "
    "border-bottom: 1px solid #e0c97a; }"
)
RATINGS_OPEN_DELAY_MS = 200  # after the first paint and the first preview have started

F = TypeVar("F")


def window_title(name: str) -> str:
    """The title for a column called `name` (`[*]` is where Qt shows "modified").

    >>> window_title("march.md")
    'march.md[*] — Columnist'
    """
    return f"{name}[*] — {APP_NAME}"


def _features() -> tuple[Feature, ...]:
    """What this window offers besides editing and previewing, in install order."""
    from columnist.ui.autosave import AutosaveFeature
    from columnist.ui.changes_panel import ChangesPanel
    from columnist.ui.comments import CommentsFeature
    from columnist.ui.compare_feature import CompareFeature
    from columnist.ui.find_replace import FindFeature
    from columnist.ui.format_menu import FormatMenu
    from columnist.ui.help_menu import HelpMenu
    from columnist.ui.idle_memory import IdleMemoryFeature
    from columnist.ui.keyboard import KeyboardFeature
    from columnist.ui.panels import MetadataPanel, OutlinePanel
    from columnist.ui.paste import PasteFeature
    from columnist.ui.preferences import PreferencesFeature
    from columnist.ui.problems import ProblemsPanel
    from columnist.ui.publishing import PublishingFeature
    from columnist.ui.ratings_menu import RatingsMenu
    from columnist.ui.review_copy_menu import ReviewCopyMenu
    from columnist.ui.review_panel import ReviewPanel
    from columnist.ui.scroll_sync import ScrollSyncFeature
    from columnist.ui.statistics_dialog import StatisticsFeature
    from columnist.ui.suggesting import SuggestingFeature
    from columnist.ui.theme import ThemeMenu
    from columnist.ui.trust_picker import TrustPickerFeature

    return (FindFeature(), OutlinePanel(), MetadataPanel(), ScrollSyncFeature(), ThemeMenu(),
            RatingsMenu(), ChangesPanel(), TrustPickerFeature(),
            FormatMenu(), PasteFeature(), PreferencesFeature(), AutosaveFeature(),
            HelpMenu(), KeyboardFeature(), PublishingFeature(),
            CompareFeature(), ReviewCopyMenu(),
            CommentsFeature(), SuggestingFeature(), ReviewPanel(), ProblemsPanel(),
            StatisticsFeature(), IdleMemoryFeature())


def first_start_geometry(available: QRect) -> QRect:
    """Where the window opens the first time: most of the screen (editor and preview each
    get a comfortable width), centred; never more than the screen.

    >>> first_start_geometry(QRect(0, 0, 1440, 900))
    PySide6.QtCore.QRect(72, 45, 1296, 810)
    >>> first_start_geometry(QRect(0, 0, 3840, 2160)).size()
    PySide6.QtCore.QSize(2000, 1300)
    >>> first_start_geometry(QRect(0, 25, 1024, 743))
    PySide6.QtCore.QRect(0, 25, 1024, 743)
    """
    width = min(available.width(), max(1200, min(2000, round(available.width() * 0.9))))
    height = min(available.height(), max(800, min(1300, round(available.height() * 0.9))))
    return QRect(available.x() + (available.width() - width) // 2,
                 available.y() + (available.height() - height) // 2, width, height)


UPDATING = "Updating…"  # what a pane shows while it waits for the new document's render


class MainWindow(QMainWindow):
    """One column in one window. Attributes: settings, editor, status, session (with its
    controller), preview, preview_controller, ratings, ratings_ui, actions_by_name,
    banner; `feature(Kind)` for the installed features. `documentReplaced` is emitted when
    another text is about to be shown (panes clear until its first render)."""

    documentReplaced = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 deferred: bool = False) -> None:
        """`deferred=True` (the app's cold start) builds only what the first paint needs
        (editor, status bar); `finish_setup()` adds the rest right after it is shown."""
        super().__init__(parent)
        self.settings = settings
        self.closing = False
        self.in_focus_mode = False
        self._focus_saved: dict[QWidget, bool] = {}
        self._front_matter_problem: str | None = None
        self._restoring = False
        self._ready = False
        self._features: list[Feature] = []
        self._first_screen_of: str | None = None  # the text show_first_screen rendered

        # --- central area: [banner / editor / find bar] | preview -------------------
        self.editor = MarkdownEditor(self)
        left = QWidget(self)
        self._column = QVBoxLayout(left)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.editor, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.status = StatusPanel(self)
        self.setStatusBar(self.status)
        self._apply_first_paint_settings()
        if not deferred:
            self.finish_setup()

    def _apply_first_paint_settings(self) -> None:
        """What the first paint shows: size and place, the theme, the text's zoom."""
        geometry = self.settings.get("window/geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            screen = self.screen() or QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1200, 800)
            self.setGeometry(first_start_geometry(area))
        self.setWindowTitle(window_title("Untitled"))
        if theme.resolve_dark(str(self.settings.get("view/theme"))):
            theme.apply_palette(True)
            self.editor.set_dark(True)
        zoom = int(self.settings.get("editor/zoom"))
        if zoom:
            self.editor.set_zoom(zoom)

    def finish_setup(self) -> None:
        """Session, preview, features, menus and the other settings (after the first
        paint at start)."""
        if self._ready:
            return
        from columnist.document.controller import DocumentController
        from columnist.ratings.service import RatingsService
        from columnist.render.badges import lookup_factory
        from columnist.ui.actions import Menus, add_window_actions
        from columnist.ui.document_session import DocumentSession
        from columnist.ui.file_drop import FileDrop
        from columnist.ui.preview import PreviewController
        from columnist.ui.ratings_dialogs import RatingsUi
        from columnist.ui.recent_files import RecentFiles, RecentMenu

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setMinimumWidth(1)  # a long word in the message never widens the window
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self._column.insertWidget(0, self.banner)
        # The rating cache opens in a worker shortly after the window is shown.
        self.ratings = RatingsService(self)
        self.ratings_ui = RatingsUi(self, self.ratings)
        self._add_preview()
        self.preview_controller = PreviewController(
            self.preview, self.editor.text, lookup_factory(self.ratings), parent=self
        )
        self.recent = RecentFiles(self.settings)
        self.session = DocumentSession(self, DocumentController(parent=self))
        self.recent_menu = RecentMenu(self.recent, self.session.open_path,
                                      self.session.report_missing_recent, self)

        menus = Menus(self)
        self.actions_by_name = menus.actions
        add_window_actions(self, menus)
        for feature in _features():
            feature.install(self, menus)
            self._features.append(feature)
        FileDrop(self.session.open_path, self, self.editor.viewport())
        QTimer.singleShot(RATINGS_OPEN_DELAY_MS, self.ratings.start)

        self._ready = True
        self._wire()
        self._restoring = True  # applying stored values: nothing to write (faster start)
        try:
            self._restore_layout(menus)
        finally:
            self._restoring = False
        # A new editor can report itself modified (its set-up touches the document); an
        # empty, untouched window must not ask "Save changes?".
        self.editor.document().setModified(False)
        self.session.update_title()

    def _add_preview(self) -> None:
        """The preview pane beside the editor, at its stored share and zoom (once)."""
        if hasattr(self, "preview"):
            return
        from columnist.ui.preview import PreviewView

        self.preview = PreviewView(self)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        splitter = self.settings.get("window/splitter")
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))
        zoom = int(self.settings.get("editor/zoom"))
        if zoom:
            self.preview.set_zoom(zoom)

    def show_first_screen(self, base_dir: Path | None) -> None:
        """Cold start, right after the first paint: the preview pane, with the top of the
        column in it, before the rest of the window is built.

        Rendered here, on the GUI thread (`preview.first_screen`, bounded by
        FIRST_SCREEN_CHARS), because the render lane would start only after that set-up
        (~100 ms); without badges, which the rating cache adds later; read back instead
        when the column is as it was last shown (`render.page_cache`). The document
        session then opens the same text and the lane builds the whole page
        (`take_first_screen`).
        """
        from PySide6.QtGui import QFont

        from columnist.paths import data_dir
        from columnist.render.page_cache import PageCache, page_key
        from columnist.ui.preview import FIRST_SCREEN_CHARS, RenderJob, first_screen

        self._add_preview()
        text = self.editor.text()
        if not self.settings.get("view/preview_visible"):
            self.preview.hide()
            return
        if not text.strip():
            return
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the pane's width
        dark = theme.resolve_dark(str(self.settings.get("view/theme")))
        self.preview.set_colours(*theme.page_colours(dark))
        job = RenderJob(text, dark, self.preview.layout_width(),
                        QFont(QGuiApplication.font()), base_dir, first_chars=FIRST_SCREEN_CHARS)
        cache, key = PageCache(data_dir()), page_key(text, dark=dark, base_dir=base_dir)
        kept = cache.recall(key)  # the column as it was last shown: no renderer to import
        shown = first_screen(job, kept)
        self.preview.set_document(shown.document, shown.anchors, shown.page, shown.anchor_blocks)
        if kept is None:
            cache.remember(key, shown.html)
        self._first_screen_of = text
        self.repaint()  # on screen now: the set-up that follows keeps the GUI thread busy

    def take_first_screen(self, text: str) -> bool:
        """Whether the preview already shows the first screen of `text` (a cold start's,
        see `show_first_screen`); asked once, by the session opening it."""
        shown, self._first_screen_of = self._first_screen_of == text, None
        return shown

    def feature(self, kind: type[F]) -> F:
        """The installed feature of type `kind` (its widgets and actions)."""
        for feature in self._features:
            if isinstance(feature, kind):
                return feature
        raise LookupError(f"no {kind.__name__} in this window")

    def add_below_editor(self, widget: QWidget) -> None:
        """Place a feature's bar under the editor (the find bar)."""
        self._column.addWidget(widget)

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        editor = self.editor
        editor.textChanged.connect(self.preview_controller.request)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.zoomChanged.connect(self._on_editor_zoomed)
        self.preview_controller.rendered.connect(self._on_rendered)
        self.preview_controller.failed.connect(
            lambda message: self.status.showMessage(f"Preview failed: {message}", 8000)
        )
        self.preview.anchorClicked.connect(self._on_link_clicked)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._on_app_state)

    # ------------------------------------------------------------------ dialogs (tests replace)

    def ask(
        self,
        title: str,
        text: str,
        buttons: Sequence[str],
        default: str | None = None,
        icon: str = "question",
        details: str = "",
    ) -> str | None:
        """Ask a question; returns the chosen button label (None if dismissed)."""
        from columnist.ui import dialogs

        return dialogs.ask(self, title, text, buttons, default, icon, details)

    def inform(self, title: str, text: str, icon: str = "warning", details: str = "") -> None:
        """Tell the writer something (no decision needed)."""
        from columnist.ui import dialogs

        dialogs.inform(self, title, text, icon, details)

    def choose_open_path(self, directory: str) -> str | None:
        """The column file to open (None: cancelled)."""
        from columnist.ui import dialogs

        return dialogs.open_path(self, directory)

    def choose_save_path(
        self, suggested: str, encodings: Sequence[str] = ("utf-8",)
    ) -> tuple[str, str] | None:
        """(where, in which of `encodings`) to save; None: cancelled. The dialog has
        confirmed any overwrite; the first encoding is the default."""
        from columnist.ui import dialogs

        return dialogs.save_path(self, suggested, encodings)

    def choose_recovery(self, entries: Sequence[Any]) -> tuple[str, list[Any]]:
        """("restore" | "discard" | "later", the chosen journal entries)."""
        from columnist.ui import dialogs

        return dialogs.choose_recovery(self, entries)

    def show_differences(self, title: str, html: str) -> None:
        """Show a rendered diff."""
        from columnist.ui import dialogs

        dialogs.show_html(self, title, html)

    # ------------------------------------------------------------------ text and status

    def _on_cursor_moved(self) -> None:
        cursor = self.editor.textCursor()
        self.status.set_position(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    def _on_rendered(self, out: RenderOutput) -> None:
        """The column model the worker read with this render: counts and the YAML banner
        (the outline and metadata panels take it from the same signal)."""
        from columnist.markdown.word_count import reading_time_minutes

        column = out.column
        self.status.set_counts(column.word_count, reading_time_minutes(column.word_count))
        front = column.front_matter
        if front.error:
            problem = (
                f"The front matter (between the --- lines at the top) is not valid YAML: "
                f"{front.error}. Your text is kept as it is; fix it here or in the Metadata "
                "panel."
            )
        elif front.misplaced_line is not None:
            problem = (
                f"The front matter on line {front.misplaced_line} is below blank lines, so "
                "its title and other fields are not read (it shows as body text). Delete the "
                "blank lines above its first --- line."
            )
        else:
            problem = None
        self._set_front_matter_problem(problem)

    def begin_new_document(self, base_dir: Path | None) -> None:
        """Another text is about to be shown: every pane says it is updating until the
        first render of that text arrives, instead of showing the previous document."""
        from PySide6.QtGui import QTextDocument

        self.preview_controller.new_document(base_dir)
        self.preview_controller.last_output = None
        self.status.words.setText("Counting words…")
        self.status.set_reading_age(0)
        self.status.reading.setText("")
        self._set_front_matter_problem(None)
        placeholder = QTextDocument()
        placeholder.setDocumentMargin(24)
        placeholder.setTextWidth(self.preview.layout_width())
        muted = self.palette().placeholderText().color().name()
        placeholder.setHtml(f'<p style="color: {muted}; font-size: 16px;">{UPDATING}</p>')
        self.preview.set_document(placeholder, [])
        self.documentReplaced.emit()

    def _set_front_matter_problem(self, problem: str | None) -> None:
        if problem == self._front_matter_problem:
            return
        self._front_matter_problem = problem
        if problem:
            self.banner.setText(problem)
        self.banner.setVisible(bool(problem))

    def _on_link_clicked(self, url: QUrl) -> None:
        """Links open in the system browser only when clicked, and only safe kinds."""
        if url.scheme().lower() in ("http", "https", "mailto", "file"):
            QDesktopServices.openUrl(url)

    # ------------------------------------------------------------------ view

    def save_setting(self, name: str, value: Any) -> None:
        """Remember a view choice (not while the stored ones are being applied)."""
        if self._restoring:
            return
        self.settings.set(name, value)
        self.settings.sync()

    def set_preview_visible(self, on: bool) -> None:
        self.preview.setVisible(on)
        self.preview_controller.visible = on
        if on:
            self.preview_controller.refresh_soon()

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(int(self.settings.get("editor/zoom")) + steps)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def set_zoom(self, steps: int) -> None:
        steps = max(-8, min(20, steps))
        self.editor.set_zoom(steps)
        self.preview.set_zoom(steps)
        self.save_setting("editor/zoom", steps)

    def _on_editor_zoomed(self, steps: int) -> None:
        self.preview.set_zoom(steps)
        self.save_setting("editor/zoom", steps)

    def _panels(self) -> list[QWidget]:
        """The preview, every dock a feature added and the toolbar: what focus mode hides."""
        from PySide6.QtWidgets import QDockWidget, QToolBar

        return [self.preview, *self.findChildren(QDockWidget), *self.findChildren(QToolBar)]

    def set_focus_mode(self, on: bool) -> None:
        """Only the text: side panels hidden, the editor's centred measure and dimming."""
        self.editor.set_focus_mode(on)
        if on and not self.in_focus_mode:
            self.in_focus_mode = True
            self._focus_saved = {panel: panel.isVisible() for panel in self._panels()}
            for panel in self._focus_saved:
                panel.hide()
            self.preview_controller.visible = False
        elif not on and self.in_focus_mode:
            saved, self._focus_saved = self._focus_saved, {}
            self.in_focus_mode = False
            for panel, visible in saved.items():
                panel.setVisible(visible)
            self.preview_controller.visible = saved[self.preview]
            if saved[self.preview]:
                self.preview_controller.refresh_soon()
        self.editor.setFocus()

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    # ------------------------------------------------------------------ settings

    def _restore_layout(self, menus: Menus) -> None:
        """The stored settings not applied before the first paint (once, at set-up)."""
        s = self.settings
        state = s.get("window/state")
        if state:
            self.restoreState(QByteArray(state))
        menus.restore_toggles()
        size = int(s.get("editor/font_size"))
        if size > 0:
            self.editor.set_base_point_size(size)

    def save_window_settings(self) -> None:
        s = self.settings
        # QByteArray, not bytes: QSettings would pickle a Python bytes object.
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/splitter", self.splitter.saveState())
        s.sync()

    # ------------------------------------------------------------------ events

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.flush_journal()
        else:
            self.session.controller.check_disk()

    def flush_journal(self) -> None:
        """Write unsaved text to the recovery journal now (focus loss, quit)."""
        if self._ready:
            self.session.flush_journal()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.flush_journal()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._ready:  # closed before start-up finished: nothing edited yet
            event.accept()
            return
        self.flush_journal()
        if not self.session.maybe_save_changes("closing"):
            event.ignore()
            return
        self.save_window_settings()
        self.closing = True
        self.preview_controller.stop()
        event.accept()

    def quit_app(self) -> None:
        QApplication.closeAllWindows()

    def move_cursor_to(self, line: int, column: int = 0) -> None:
        """Put the cursor at 0-based (line, column) — for tests and 'go to'."""
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
        self.editor.setTextCursor(cursor)
