"""Application start: one QApplication, the main window, theme, first start and recovery.

Cold start is a measured target (≤ 1.3× a bare PySide6 window showing the same text), so
this module imports only Qt widgets and the window; Markdown, the renderer and YAML are
imported by the render worker after the window is shown, and the journal is read after
the first paint (`QTimer.singleShot(0, …)`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from columnist import __version__
from columnist.ui.main_window import MainWindow

APP_NAME = "Columnist"
ORGANISATION = "Columnist"

_windows: list[MainWindow] = []  # keeps every open window alive


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


def configure_app(app: QApplication) -> None:
    """Names, icon and theme-following; safe to call more than once."""
    if app.property("columnistConfigured"):
        return
    app.setProperty("columnistConfigured", True)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("columnist")
    app.setWindowIcon(app_icon())
    # The render worker is Python too: hand the GIL back quickly so keystrokes never wait.
    sys.setswitchinterval(0.001)
    QGuiApplication.styleHints().colorSchemeChanged.connect(_on_color_scheme_changed)
    app.aboutToQuit.connect(_flush_all)


def _on_color_scheme_changed(*_args: object) -> None:
    for window in list(_windows):
        if window.settings.get("view/theme") == "system":
            window.apply_theme()


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
    window = MainWindow()
    _windows.append(window)
    window.destroyed.connect(lambda *_: _forget(window))
    window.show()
    QTimer.singleShot(0, window.preview_controller.start)
    return window


def create_main_window(file: str | None = None, offer_recovery: bool = True) -> MainWindow:
    """The main window on `file`, on the sample column at first start, else empty.

    A QApplication must exist. The window is shown; the first preview is rendered and
    the recovery journal offered right after (next event-loop turn).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create_main_window needs a QApplication")
    configure_app(app)
    window = MainWindow()
    _windows.append(window)
    settings = window.settings
    if file:
        window.open_path(file, ask_to_save=False)
    elif not settings.get("files/first_start_done"):
        from columnist.resources import sample_column_path

        try:
            text = Path(sample_column_path()).read_text(encoding="utf-8")
        except OSError:
            text = ""
        if text:
            window.new_from_text(text, "sample-column.md")
    if not settings.get("files/first_start_done"):
        settings.set("files/first_start_done", True)
        settings.sync()
    window.show()
    QTimer.singleShot(0, window.preview_controller.start)
    if offer_recovery:
        QTimer.singleShot(0, window.offer_recovery)
    return window


def run_app(file: str | None) -> int:
    """Run Columnist's window until the last one closes; returns the exit code."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    configure_app(app)
    create_main_window(file)
    return app.exec()
