"""The checks as you type: what they cost the typing, and how soon an underline follows an
edit.

    python benchmarks/bench_live_checks.py [--words 5000 50000] [--edits 12]

1. Typing stalls with every check on, beside the same typing with every check off (the
   floor), each in a fresh process on the same generated column (`bench_typing`'s typist
   and 1 ms heartbeat). Target: no stall over 16 ms with the checks on.
2. Edit → underline painted: in the real window, a rating word in a sentence about a trust
   in the middle of the column is replaced by a wrong one (one edit, as a writer would
   retype it); the figure is the time until the error on the new word is underlined in
   the editor and the editor has painted, beside the time until the render of the edited
   text arrives (the floor: the checks run on the column model that render brings).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STALL_TARGET_MS = 16.0
RESULT_PREFIX = "bench-live-checks-result:"
RATED = re.compile(r"\]\(https://www\.cqc\.org\.uk/provider/\w+\) was rated "
                   r"(Outstanding|Good|Inadequate)\b")


def checks_off_settings(data: Path) -> None:
    """A settings file in `data` with every check switched off."""
    from columnist.review.checks import CHECKS

    lines = ["[checks]"] + [f"{check.key}=false" for check in CHECKS]
    (data / "settings.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")


def typing_pair(words: int, chars: int) -> None:
    """Typing with the checks on, then off, each in a fresh process."""
    import bench_typing

    for label, prepare in (("checks on", None), ("checks off (floor)", checks_off_settings)):
        result = bench_typing.measure(words, chars, prepare=prepare)
        if result.error:
            print(f"typing {words:,} words, {label}: could not measure: {result.error}")
            continue
        verdict = ("ok" if result.max_stall_ms <= STALL_TARGET_MS else "MISS") \
            if label == "checks on" else ""
        print(f"typing {words:,} words, {label}: max stall {result.max_stall_ms:.1f} ms, "
              f"p99 gap {result.p99_gap_ms:.1f} ms, {result.stalls_over_target} gaps > "
              f"{STALL_TARGET_MS:.0f} ms {verdict}".rstrip())


def run_child(words: int, edits: int) -> dict[str, object]:
    """In this process: the window on the column, `edits` rating words replaced, timed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from harness import wait_for
    from long_document import path_for

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    from columnist.review.findings import Severity
    from columnist.ui.app import create_main_window
    from columnist.ui.problems import ProblemsPanel

    window = create_main_window(str(path_for(words)))
    window.resize(1400, 900)
    window.show()
    panel = window.feature(ProblemsPanel)
    if wait_for(lambda: window.ratings.cache_path() is not None and panel.checks.checked
                and not panel.checks.skipped, 120) is None:
        return {"error": "the checks never ran on the column"}
    wait_for(lambda: False, 1.0)
    editor = window.editor
    text = editor.text()
    sites = [m for m in RATED.finditer(text) if m.start() > len(text) // 3]
    sites = sites or list(RATED.finditer(text))
    if not sites:
        return {"error": "no rated sentence to edit"}
    rendered: dict[str, float] = {}

    def on_rendered(out: object) -> None:
        column = getattr(out, "column", None)
        if column is not None and column.text == editor.text():
            rendered.setdefault("at", time.perf_counter())

    window.preview_controller.rendered.connect(on_rendered)
    underline_ms: list[float] = []
    preview_ms: list[float] = []
    for n in range(edits):
        site = sites[n % len(sites)]
        start, end = site.span(1)
        old = site.group(1)
        errors = [f for f in panel.checks.between(start, end)
                  if f.severity is Severity.ERROR and f.usable_fixes()]
        right = errors[0].usable_fixes()[0].text if errors else old
        new = next(r for r in ("Inadequate", "Outstanding", "Good") if r not in (old, right))
        cursor = editor.textCursor()
        cursor.setPosition(start)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        wait_for(lambda: False, 0.3)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        rendered.clear()
        began = time.perf_counter()
        cursor.insertText(new)

        def underlined(at: int = start, word: str = new) -> bool:
            return any(f.severity is Severity.ERROR and f.span.start == at
                       and f.span.end == at + len(word) for f in panel.underlines.shown)

        if wait_for(underlined, 20) is None:
            return {"error": f"no underline appeared on {new!r} (was {old!r}, right {right!r})"}
        editor.viewport().repaint()  # what the writer sees: the underline painted
        underline_ms.append((time.perf_counter() - began) * 1000)
        preview_ms.append((rendered.get("at", time.perf_counter()) - began) * 1000)
        cursor.setPosition(start)
        cursor.setPosition(start + len(new), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(old)
        wait_for(lambda: False, 0.8)
    return {"underline_ms": underline_ms, "preview_ms": preview_ms,
            "findings": len(panel.checks.findings())}


def underline_latency(words: int, edits: int) -> None:
    data = tempfile.mkdtemp(prefix="columnist-bench-")
    env = dict(os.environ, COLUMNIST_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", str(words), "--edits",
                               str(edits)], env=env, capture_output=True, text=True,
                              timeout=600, check=False)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    name = f"edit → underline, {words:,} words"
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX):])
            break
    else:
        print(f"{name}: could not measure: {(proc.stderr or proc.stdout).strip()[-400:]}")
        return
    if "error" in result:
        print(f"{name}: could not measure: {result['error']}")
        return
    under, floor = result["underline_ms"], result["preview_ms"]
    print(f"{name}: median {statistics.median(under):.0f} ms, worst {max(under):.0f} ms "
          f"over {len(under)} edits ({result['findings']} findings in the column); "
          f"floor, edit → its render: median {statistics.median(floor):.0f} ms, "
          f"worst {max(floor):.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="*", default=[5_000, 50_000])
    parser.add_argument("--edits", type=int, default=12)
    parser.add_argument("--chars", type=int, default=200)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(RESULT_PREFIX + json.dumps(run_child(args.child, args.edits)), flush=True)
        os._exit(0)
    from harness import machine

    print(f"live checks: {machine()}; offscreen Qt, one fresh process per measurement")
    for words in args.words:
        typing_pair(words, args.chars)
        underline_latency(words, args.edits)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
