"""The reference for start-up time: a bare PySide6 window showing the same text.

    python benchmarks/bare_window.py FILE [--preview]

A QMainWindow whose central widget is a QPlainTextEdit holding FILE's text: the least any
Qt editor must do to show a column. With `--preview`, the floor for "both panes show the
column": beside the editor, a QTextBrowser (named "Preview", as Columnist's is) showing
FILE converted by Python-Markdown with the same extensions, all done on the GUI thread
before the window is shown. `bench_startup.py` times Columnist against it in the same
run, through the same probe (build_scripts/launch.py), so the ratio is fair.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build_scripts"))


# Columnist's extensions (render/pipeline.py), written out: the floor imports nothing of
# Columnist's.
EXTENSIONS = ["tables", "footnotes", "fenced_code", "sane_lists", "smarty", "pymdownx.critic"]
DEBOUNCE_MS = 30  # Columnist's shortest preview debounce (ui/preview.py MIN_DELAY_MS)


def preview_floor(text: str, live: bool = False) -> tuple[Any, Any, Any]:
    """A QMainWindow with an editor holding `text` beside a QTextBrowser (named "Preview")
    showing it converted by Python-Markdown, on the GUI thread. `live`: the preview is
    converted again DEBOUNCE_MS after each edit, the plainest live preview there is.
    Returns (window, editor, preview)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QTextBrowser

    import markdown

    window = QMainWindow()
    editor = QPlainTextEdit()
    editor.setPlainText(text)
    preview = QTextBrowser()
    preview.setAccessibleName("Preview")
    converter = markdown.Markdown(extensions=EXTENSIONS,
                                  extension_configs={"pymdownx.critic": {"mode": "view"}})

    def render() -> None:
        converter.reset()
        preview.setHtml(converter.convert(editor.toPlainText()))

    render()
    if live:
        timer = QTimer(window)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(render)
        editor.textChanged.connect(timer.start)
    splitter = QSplitter()
    splitter.addWidget(editor)
    splitter.addWidget(preview)
    window.setCentralWidget(splitter)
    return window, editor, preview


def main(argv: list[str]) -> int:
    from launch import PROBE_ENV, PROBE_UNTIL_ENV, install_startup_probe

    launched = os.environ.pop(PROBE_ENV, None)
    if launched:
        until = os.environ.pop(PROBE_UNTIL_ENV, "") == "preview"
        install_startup_probe(float(launched), until_preview=until)
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(argv[:1])
    text = Path(argv[1]).read_text(encoding="utf-8")
    if "--preview" in argv[2:]:
        window, _editor, _preview = preview_floor(text)
    else:
        window = QMainWindow()
        editor = QPlainTextEdit()
        editor.setPlainText(text)
        window.setCentralWidget(editor)
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
