"""Cold start: process launch → main window painted with the sample column open.

    python benchmarks/bench_startup.py [--runs N]

Columnist (`build_scripts/launch.py FILE`, which is what the `columnist` command and the
bundle run) against the bare PySide6 reference (`bare_window.py FILE`), alternating, each
run a fresh process, in the same run; prints medians and the ratio. Target: ≤ 1.3×.
"Painted" is the end of the first Paint of a top-level window, timed inside the child from
the launch time the parent passes (see the probe in build_scripts/launch.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each (default 9)")
    args = parser.parse_args(argv)
    if not SAMPLE.is_file():
        print(f"startup: skipped, the sample column is missing ({SAMPLE})")
        return 0
    app_cmd = [sys.executable, str(LAUNCHER), str(SAMPLE)]
    bare_cmd = [sys.executable, str(BARE_WINDOW), str(SAMPLE)]
    data = fresh_data_dir()
    try:
        with display() as where:
            print(f"startup: {machine()}; display: {where}")
            first = time_to_window(app_cmd, data).shown  # first start: settings, cache …
            time_to_window(bare_cmd)  # warm the file cache for the reference too
            app_runs: list[Start] = []
            bare_runs: list[Start] = []
            for _ in range(args.runs):
                bare_runs.append(time_to_window(bare_cmd))
                app_runs.append(time_to_window(app_cmd, data))
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
