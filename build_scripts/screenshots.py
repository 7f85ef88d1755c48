"""Take the README's screenshots from the real window, under Xvfb, on the bundled data.

    .venv/bin/python build_scripts/screenshots.py            # every scene
    .venv/bin/python build_scripts/screenshots.py picker     # scenes whose name starts so

Each scene is a function in a module under `build_scripts/scenes/` listed in that module's
`SCENES` (name → function). The function gets a real `MainWindow` (1200×800, a fresh data
folder, the rating cache opened from the bundled seed, the sample column loaded as a
saved file) and a `Stage` to wait and type with; it sets the window up as a writer would
and returns. The screen area the window covers is then grabbed, popups and dialogs
included, into `docs/screenshots/NAME.png`; a scene that returns a picture of its own (a
`QImage`, such as the preview beside Chromium's export) has that saved instead.

Without a display the script re-runs itself under `xvfb-run` (1440×900×24). The grabs are
of what X shows, so look at them: they are what a writer sees.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SCENE_DIR = Path(__file__).resolve().parent / "scenes"
SIZE = (1200, 800)


class Stage:
    """What a scene may do besides using the window: wait for a condition, type keys."""

    def __init__(self, app) -> None:
        self.app = app

    def wait(self, ms: int) -> None:
        """Let the event loop run for `ms` milliseconds (animations, renders)."""
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.005)

    def wait_until(self, condition: Callable[[], object], timeout_ms: int = 15000) -> None:
        """Run the event loop until `condition()` is true (or fail with the scene's name)."""
        end = time.monotonic() + timeout_ms / 1000
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the scene's condition never came true")
            self.app.processEvents()
            time.sleep(0.005)

    def type(self, widget, text: str) -> None:
        """Type `text` into `widget` as key events (as the keyboard would)."""
        from PySide6.QtTest import QTest

        for char in text:
            QTest.keyClicks(widget, char)
            self.app.processEvents()

    def key(self, widget, key, modifiers=None) -> None:
        """Press one key (a Qt.Key), with modifiers (Qt.KeyboardModifier) if given."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, key, modifiers or Qt.KeyboardModifier.NoModifier)
        self.app.processEvents()


def scenes() -> dict[str, Callable]:
    """Every scene, by name, from `build_scripts/scenes/*.py`."""
    sys.path.insert(0, str(SCENE_DIR.parent))
    found: dict[str, Callable] = {}
    for path in sorted(SCENE_DIR.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"scenes.{path.stem}")
        found.update(module.SCENES)
    return found


def _grab(window, path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    frame = window.frameGeometry()
    screen = QGuiApplication.primaryScreen()
    shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    path.parent.mkdir(parents=True, exist_ok=True)
    shot.save(str(path))


def take(names: list[str]) -> int:
    """Open a fresh window for each chosen scene, run it, grab it."""
    data = Path(tempfile.mkdtemp(prefix="columnist-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    from columnist import paths
    from columnist.ui.app import configure_app, create_main_window

    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_app(app)
    stage = Stage(app)
    sample = ROOT / "resources" / "sample-column.md"
    chosen = {n: f for n, f in scenes().items() if not names or any(n.startswith(x) for x in names)}
    if not chosen:
        print(f"screenshots: no scene matches {' '.join(names)}", file=sys.stderr)
        return 2
    built: Path | None = None  # the first scene's cache, copied to the others (fresh settings)
    for name, scene in chosen.items():
        folder = data / name
        folder.mkdir()
        paths.set_data_dir(folder / "data")
        if built is not None:  # SQLite's backup: consistent even while the cache is open
            with sqlite3.connect(built) as source, sqlite3.connect(paths.ratings_db_path()) as to:
                source.backup(to)
        column = folder / "improvement-is-hard-won.md"
        shutil.copyfile(sample, column)
        window = create_main_window(str(column), offer_recovery=False)
        window.resize(*SIZE)
        window.move(40, 40)
        window.show()
        window.raise_()
        window.activateWindow()
        stage.wait_until(lambda w=window: w.preview.toPlainText().strip())
        stage.wait_until(lambda w=window: w.ratings.cache_path() is not None, timeout_ms=60000)
        built = built or Path(window.ratings.cache_path())
        stage.wait(600)
        picture = scene(window, stage)  # a scene may compose its own picture (a QImage)
        stage.wait(400)
        if picture is not None:
            picture.save(str(OUT / f"{name}.png"))
        else:
            _grab(window, OUT / f"{name}.png")
        print(f"screenshots: {OUT.relative_to(ROOT) / (name + '.png')}")
        window.editor.document().setModified(False)
        window.close()
        stage.wait(100)
    shutil.rmtree(data, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        return subprocess.call(
            ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", sys.executable, __file__, *argv]
        )
    return take(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
