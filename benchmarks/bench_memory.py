"""Resident memory with the 50,000-word column open and previewed.

    python benchmarks/bench_memory.py [--words 50000]

A fresh process (offscreen) opens the generated document in the real main window, waits
until the preview shows its last word, lets start-up work settle (the checks' first run,
the rating cache opened, the window idle long enough to hand freed memory back:
`ui.idle_memory`), and reports its resident set size and its proportional set size
(psutil RSS and PSS, MB = 10^6 bytes). The data folder is warm, its rating cache built, as
a writer's is after the first day; a first start, which builds the cache from the seed in
the same process, is reported beside it. For scale it also reports a bare PySide6 window
holding the same text in a QPlainTextEdit. Targets: ≤ 150 MB resident; ≤ 110 MB PSS.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MB = 150.0
TARGET_PSS_MB = 110.0
RESULT_PREFIX = "bench-memory-result:"
END_MARKER = "zenith"


def run_child(words: int, bare: bool) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    from harness import pss_mb, rss_mb, wait_for
    from long_document import path_for

    path = path_for(words)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    if bare:
        window = QMainWindow()
        editor = QPlainTextEdit()
        editor.setPlainText(path.read_text(encoding="utf-8"))
        window.setCentralWidget(editor)
        window.resize(1400, 900)
        window.show()
        wait_for(lambda: False, 1.0)
        return {"rss_mb": rss_mb(), "pss_mb": pss_mb()}
    from columnist.ui.app import create_main_window

    started = time.perf_counter()
    window = create_main_window(str(path))
    window.resize(1400, 900)
    window.show()
    shown = wait_for(lambda: not window.preview.document().find(END_MARKER).isNull(), 120)
    if shown is None:
        return {"error": "the preview never showed the document's last word"}
    opened_ms = (time.perf_counter() - started) * 1000
    from columnist.ui.idle_memory import IdleMemoryFeature
    from columnist.ui.problems import ProblemsPanel

    checks = window.feature(ProblemsPanel).checks
    idle = window.feature(IdleMemoryFeature)
    wait_for(lambda: checks.checked and window.ratings.cache_path() is not None, 120)
    wait_for(lambda: False, 1.0)  # background work (outline, word count) settles
    gc.collect()
    released = idle.released
    if wait_for(lambda: idle.released > released, 30) is None:
        return {"error": "the window never went idle"}
    app.processEvents()
    return {"rss_mb": rss_mb(), "pss_mb": pss_mb(), "open_ms": opened_ms}


def measure(words: int, bare: bool, warm: bool = True) -> dict:
    data = tempfile.mkdtemp(prefix="columnist-bench-")
    env = dict(os.environ, COLUMNIST_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
    if warm:  # the rating cache built, as after the first day
        subprocess.run([sys.executable, "-m", "columnist", "ratings", "info", "--data-dir",
                        data], env=env, capture_output=True, check=True)
    command = [sys.executable, __file__, "--child", str(words)] + (["--bare"] if bare else [])
    try:
        proc = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=300, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": "no result within 300 s (the child hung)"}
    finally:
        shutil.rmtree(data, ignore_errors=True)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    return {"error": f"child exited {proc.returncode}: {(proc.stderr or proc.stdout)[-600:]}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(RESULT_PREFIX + json.dumps(run_child(args.child, args.bare)), flush=True)
        os._exit(0)
    from harness import machine, verdict

    print(f"memory: {machine()}; offscreen Qt")
    bare = measure(args.words, bare=True)
    app = measure(args.words, bare=False)
    first = measure(args.words, bare=False, warm=False)
    if "error" in app:
        print(f"memory: could not measure Columnist: {app['error']}")
        return 0
    print(
        f"memory: Columnist, {args.words:,}-word column open and previewed, every check on: "
        f"{app['rss_mb']:.0f} MB resident (target ≤ {TARGET_MB:.0f} MB) "
        f"{verdict(app['rss_mb'], TARGET_MB)}; {app['pss_mb']:.0f} MB PSS "
        f"(target ≤ {TARGET_PSS_MB:.0f} MB) {verdict(app['pss_mb'], TARGET_PSS_MB)}"
    )
    if "rss_mb" in first:
        print(f"memory: the same on a first start (the rating cache built from the seed in "
              f"the process): {first['rss_mb']:.0f} MB resident, {first['pss_mb']:.0f} MB PSS")
    if "rss_mb" in bare:
        print(f"memory: bare PySide6 window with the same text: {bare['rss_mb']:.0f} MB "
              f"resident, {bare['pss_mb']:.0f} MB PSS")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
