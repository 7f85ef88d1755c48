"""Cold start: process launch → main window painted, and → both panes showing the column.

    python benchmarks/bench_startup.py [--runs N] [--runs-both N]

Columnist (`build_scripts/launch.py FILE`, which is what the `columnist` command and the
bundle run) against the bare PySide6 reference (`bare_window.py FILE`), alternating, each
run a fresh process, in the same run; prints medians and the ratio. Target: ≤ 1.3×.
"Painted" is the end of the first Paint of a top-level window, timed inside the child from
the launch time the parent passes (see the probe in build_scripts/launch.py).

Then what the writer waits for: launch → the editor AND the preview painted with the
column in them, for the sample column and generated columns of 5,000 and 50,000 words,
against `bare_window.py FILE --preview` (a QTextBrowser showing the column converted by
Python-Markdown, all on the GUI thread before the window shows). Targets: ≤ 1.2× the
floor at 5,000 words, ≤ 1.0× at 50,000.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from harness import (
    BARE_WINDOW,
    LAUNCHER,
    SAMPLE,
    Start,
    display,
    fresh_data_dir,
    machine,
    median_ms,
    spread_ms,
    time_to_window,
    verdict,
)

TARGET_RATIO = 1.3
BOTH_TARGETS = {"sample column": 1.2, "5,000 words": 1.2, "50,000 words": 1.0}


def both_panes(runs: int, data: Path) -> None:
    """Launch → both panes showing the column, Columnist against the floor, alternating."""
    from long_document import path_for

    for label, path in (("sample column", SAMPLE), ("5,000 words", path_for(5_000)),
                        ("50,000 words", path_for(50_000))):
        app_cmd = [sys.executable, str(LAUNCHER), str(path)]
        bare_cmd = [sys.executable, str(BARE_WINDOW), str(path), "--preview"]
        time_to_window(app_cmd, data, until_preview=True)  # warm the caches for both
        time_to_window(bare_cmd, until_preview=True)
        app_runs, bare_runs = [], []
        for _ in range(runs):
            bare_runs.append(time_to_window(bare_cmd, until_preview=True).preview)
            app_runs.append(time_to_window(app_cmd, data, until_preview=True).preview)
        app, bare = median_ms(app_runs), median_ms(bare_runs)
        target = BOTH_TARGETS[label]
        print(f"startup: both panes showing the {label}: Columnist {app:.0f} ms "
              f"({spread_ms(app_runs)}), floor {bare:.0f} ms ({spread_ms(bare_runs)}): "
              f"{app / bare:.2f}× (target ≤ {target}×) {verdict(app / bare, target)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each (default 9)")
    parser.add_argument("--runs-both", type=int, default=5,
                        help="runs of each for both panes, per column (default 5)")
    args = parser.parse_args(argv)
    if not SAMPLE.is_file():
        print(f"startup: skipped, the sample column is missing ({SAMPLE})")
        return 0
    app_cmd = [sys.executable, str(LAUNCHER), str(SAMPLE)]
    bare_cmd = [sys.executable, str(BARE_WINDOW), str(SAMPLE)]
    data = fresh_data_dir()
    # A warm data folder, as a writer's is after the first day: its rating cache built
    # (a probed start ends at the first paint, long before the cache would be).
    subprocess.run([sys.executable, "-m", "columnist", "ratings", "info", "--data-dir",
                    str(data)], capture_output=True, check=True)
    try:
        with display() as where:
            print(f"startup: {machine()}; display: {where}")
            first = time_to_window(app_cmd, data).shown  # first start: no settings yet
            time_to_window(bare_cmd)  # warm the file cache for the reference too
            app_runs: list[Start] = []
            bare_runs: list[Start] = []
            for _ in range(args.runs):
                bare_runs.append(time_to_window(bare_cmd))
                app_runs.append(time_to_window(app_cmd, data))
            both_panes(args.runs_both, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    app_times = [r.shown for r in app_runs]
    bare_times = [r.shown for r in bare_runs]
    app, bare = median_ms(app_times), median_ms(bare_times)
    ratio = app / bare
    print(f"startup: first start, fresh data dir     {first * 1000:6.0f} ms")
    print(f"startup: Columnist, sample open (median) {app:6.0f} ms  ({spread_ms(app_times)})")
    print(f"startup: bare PySide6 window (median)    {bare:6.0f} ms  ({spread_ms(bare_times)})")
    for label, runs in (("Columnist", app_runs), ("bare window", bare_runs)):
        qapp = median_ms([r.qapp for r in runs])
        after = median_ms([r.shown - r.qapp for r in runs])
        print(
            f"startup:   {label}: launch → QApplication {qapp:.0f} ms, "
            f"QApplication → window painted {after:.0f} ms (medians)"
        )
    print(f"startup: ratio {ratio:.2f}× (target ≤ {TARGET_RATIO}×) {verdict(ratio, TARGET_RATIO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
