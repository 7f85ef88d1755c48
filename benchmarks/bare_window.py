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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build_scripts"))


def main(argv: list[str]) -> int:
    from launch import PROBE_ENV, PROBE_UNTIL_ENV, install_startup_probe

    launched = os.environ.pop(PROBE_ENV, None)
    if launched:
        until = os.environ.pop(PROBE_UNTIL_ENV, "") == "preview"
        install_startup_probe(float(launched), until_preview=until)
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(argv[:1])
    window = QMainWindow()
    editor = QPlainTextEdit()
    text = Path(argv[1]).read_text(encoding="utf-8")
    editor.setPlainText(text)
    if "--preview" in argv[2:]:
        from PySide6.QtWidgets import QSplitter, QTextBrowser

        import markdown

        preview = QTextBrowser()
        preview.setAccessibleName("Preview")
        # Columnist's extensions (render/pipeline.py), written out: the floor imports
        # nothing of Columnist's.
        extensions = ["tables", "footnotes", "fenced_code", "sane_lists", "smarty",
                      "pymdownx.critic"]
        preview.setHtml(markdown.markdown(
            text, extensions=extensions,
            extension_configs={"pymdownx.critic": {"mode": "view"}}))
        splitter = QSplitter()
        splitter.addWidget(editor)
        splitter.addWidget(preview)
        window.setCentralWidget(splitter)
    else:
        window.setCentralWidget(editor)
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
