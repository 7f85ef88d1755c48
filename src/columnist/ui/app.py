"""Application start: one QApplication, the main window, theme, first start and recovery.

Cold start is a measured target (≤ 1.3× a bare PySide6 window showing the same text), so
this module imports only Qt widgets and the window; Markdown, the renderer and YAML are
imported by the render worker after the window is shown, and the journal is read after
the first paint (`QTimer.singleShot(0, …)`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from columnist import __version__
from columnist.settings import Settings
from columnist.ui.main_window import APP_NAME, MainWindow, window_title

ORGANISATION = "Columnist"

_windows: list[MainWindow] = []  # keeps every open window alive
_settings: Settings | None = None


def app_settings() -> Settings:
    """The one `Settings` of this process, handed to every window and what it builds.

    Made on first use, never at import time (the data directory may be chosen on the
    command line first); a different data directory (each test has its own) gets its own.
    """
    global _settings
    from columnist import paths

    if _settings is None or _settings.file != paths.settings_file():
        _settings = Settings()
    return _settings


def app_icon() -> QIcon:
    from columnist.resources import resource_path

    icon = QIcon()
    for name in ("columnist.png", "columnist.svg"):
        try:
            path = resource_path("icons", name)
        except FileNotFoundError:
            continue
        if path.is_file():
            icon.addFile(str(path))
    return icon


def configure_app(app: QApplication, icon: bool = True) -> None:
    """Names, icon and theme-following; safe to call more than once.

    `icon=False` leaves the window icon for later (`set_app_icon`): reading the icon files
    costs ~2 ms that the cold start spends after the first paint instead.
    """
    if icon:
        set_app_icon(app)
    if app.property("columnistConfigured"):
        return
    app.setProperty("columnistConfigured", True)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("columnist")
    # The render worker is Python too: hand the GIL back quickly so keystrokes never wait.
    sys.setswitchinterval(0.001)
    QGuiApplication.styleHints().colorSchemeChanged.connect(_on_color_scheme_changed)
    app.aboutToQuit.connect(_flush_all)


def set_app_icon(app: QApplication) -> None:
    """The application's window icon (once)."""
    if not app.property("columnistIcon"):
        app.setProperty("columnistIcon", True)
        app.setWindowIcon(app_icon())


def _on_color_scheme_changed(*_args: object) -> None:
    from columnist.ui.theme import ThemeMenu

    for window in list(_windows):
        if window.settings.get("view/theme") == "system":
            # A window still finishing its set-up applies the theme when it gets there.
            with contextlib.suppress(LookupError):
                window.feature(ThemeMenu).apply()


def _flush_all() -> None:
    for window in list(_windows):
        try:
            window.flush_journal()
        except RuntimeError:  # already deleted
            continue


def _forget(window: MainWindow) -> None:
    if window in _windows:
        _windows.remove(window)


def new_window() -> MainWindow:
    """Another empty window (restoring several recovered texts)."""
    window = MainWindow(app_settings())
    _windows.append(window)
    window.destroyed.connect(lambda *_: _forget(window))
    window.show()
    QTimer.singleShot(0, window.preview_controller.start)
    return window


def create_main_window(
    file: str | None = None, offer_recovery: bool = True, deferred: bool = False
) -> MainWindow:
    """The main window on `file`, on the sample column at first start, else empty.

    A QApplication must exist. The window is shown; the first preview is rendered and
    the recovery journal offered right after (next event-loop turn). `deferred=True`
    (cold start) shows the editor with the text first and builds the rest after the
    first paint; tests use the default, which returns a complete window.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create_main_window needs a QApplication")
    configure_app(app, icon=not deferred)
    if not deferred:
        _limit_malloc_arenas()  # a cold start does it after the first paint (`_finish`)
    window = MainWindow(app_settings(), deferred=deferred)
    _windows.append(window)
    window.destroyed.connect(lambda *_: _forget(window))
    if deferred:
        early = _quick_text(file, window.settings)
        if early is not None:
            window.editor.set_text(early[1])
            window.setWindowTitle(window_title(early[0]))
        _AfterFirstPaint(window, lambda: _finish(window, file, offer_recovery))
        window.show()
        return window
    _open_initial(window, file)
    window.show()
    QTimer.singleShot(0, window.preview_controller.start)
    if offer_recovery:
        QTimer.singleShot(0, lambda: _offer_recovery(window))
    return window


def _limit_malloc_arenas() -> None:
    """Two C-heap arenas for the lanes about to start (`core.native_memory`); after the
    first paint at a cold start, as importing ctypes costs ~2 ms."""
    from columnist.core.native_memory import limit_malloc_arenas

    limit_malloc_arenas()


def _offer_recovery(window: MainWindow) -> None:
    from columnist.ui.recovery import offer_recovery

    offer_recovery(window, new_window)


def _quick_text(file: str | None, settings: Settings) -> tuple[str, str] | None:
    """(name, text) to paint at once: plain UTF-8 only; anything else waits for the
    document controller, which explains problems properly."""
    if file:
        path = Path(file)
        name = path.name
    elif not settings.get("files/first_start_done"):
        from columnist.resources import sample_column_path

        path = sample_column_path()
        name = "Untitled"  # shown as an untitled copy: Save asks where
    else:
        return None
    try:
        if path.stat().st_size > 2_000_000:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "\r" in text or text.startswith("\ufeff") or "\0" in text:
        return None
    return name, text


class _AfterFirstPaint(QObject):
    """Runs `callback` once the window has painted for the first time (or after 500 ms),
    so the writer sees the text before the rest of the window is built."""

    def __init__(self, window: MainWindow, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(500, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._run)  # after this paint has been carried out
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            parent = self.parent()
            if isinstance(parent, QObject):
                parent.removeEventFilter(self)
            callback()


def _finish(window: MainWindow, file: str | None, offer_recovery: bool) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        set_app_icon(app)
    if file:
        window.show_first_screen(Path(file).absolute().parent)
    elif not window.settings.get("files/first_start_done"):
        window.show_first_screen(None)  # the sample column, shown untitled
    _limit_malloc_arenas()
    window.finish_setup()
    _open_initial(window, file)
    window.preview_controller.start()
    if offer_recovery:
        _offer_recovery(window)


def _open_initial(window: MainWindow, file: str | None) -> None:
    settings = window.settings
    if file:
        if not window.session.open_path(file, ask_to_save=False):
            window.session.new_from_text("")
    elif not settings.get("files/first_start_done"):
        from columnist.resources import sample_column_path

        try:
            text = Path(sample_column_path()).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # a damaged install: start empty, not crash
            text = ""
        if text:
            window.session.new_from_text(text)
    if not settings.get("files/first_start_done"):
        settings.set("files/first_start_done", True)
        settings.sync()


def run_app(file: str | None) -> int:
    """Run Columnist's window until the last one closes; returns the exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    configure_app(app, icon=False)
    create_main_window(file, deferred=True)
    return app.exec()
