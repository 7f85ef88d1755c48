"""The reference for start-up time: a bare PySide6 window showing the same text.

    python benchmarks/bare_window.py FILE

A QMainWindow whose central widget is a QPlainTextEdit holding FILE's text: the least any
Qt editor must do to show a column. `bench_startup.py` times Columnist against it in the
same run, through the same probe (build_scripts/launch.py), so the ratio is fair.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build_scripts"))


def main(argv: list[str]) -> int:
    from launch import PROBE_ENV, install_startup_probe

    launched = os.environ.pop(PROBE_ENV, None)
    if launched:
        install_startup_probe(float(launched))
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(argv[:1])
    window = QMainWindow()
    editor = QPlainTextEdit()
    editor.setPlainText(Path(argv[1]).read_text(encoding="utf-8"))
    window.setCentralWidget(editor)
    window.resize(1200, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
