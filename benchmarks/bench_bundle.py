"""The built bundle: its size, and how fast it starts compared with the venv app.

    python benchmarks/bench_bundle.py [--runs N]     (build it first: ./dev build)

Size: all files under dist/Columnist (MB = 10^6 bytes). Start: process launch → main window
painted with the sample column open, for `dist/Columnist/columnist SAMPLE` and for the
same entry script run by the venv's Python (`build_scripts/launch.py SAMPLE`), alternating,
fresh processes, same probe as bench_startup.py. Targets (issue 4): ≤ 150 MB; ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from harness import (
    LAUNCHER,
    SAMPLE,
    build_script,
    display,
    fresh_data_dir,
    machine,
    median_ms,
    spread_ms,
    time_to_window,
    verdict,
)

SIZE_TARGET_MB = 150.0
RATIO_TARGET = 1.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each (default 9)")
    args = parser.parse_args(argv)
    build = build_script()
    bundle_dir, folder_size = build.bundle_dir, build.folder_size
    executable = build.bundle_executable()
    if not executable.exists():
        print(f"bundle: skipped, no bundle at {bundle_dir()}; build it with `./dev build`")
        return 0
    size = folder_size(bundle_dir()) / 1e6
    print(f"bundle: {machine()}")
    print(
        f"bundle: size {size:.1f} MB ({bundle_dir()}) (target ≤ {SIZE_TARGET_MB:.0f} MB) "
        f"{verdict(size, SIZE_TARGET_MB)}"
    )
    if not SAMPLE.is_file():
        print(f"bundle: start time skipped, the sample column is missing ({SAMPLE})")
        return 0
    bundled_cmd = [str(executable), str(SAMPLE)]
    venv_cmd = [sys.executable, str(LAUNCHER), str(SAMPLE)]
    bundled_data, venv_data = fresh_data_dir(), fresh_data_dir()
    try:
        with display() as where:
            print(f"bundle: display: {where}")
            first = time_to_window(bundled_cmd, bundled_data).shown  # first start, clean account
            time_to_window(venv_cmd, venv_data)
            bundled: list[float] = []
            venv: list[float] = []
            for _ in range(args.runs):
                venv.append(time_to_window(venv_cmd, venv_data).shown)
                bundled.append(time_to_window(bundled_cmd, bundled_data).shown)
    finally:
        shutil.rmtree(bundled_data, ignore_errors=True)
        shutil.rmtree(venv_data, ignore_errors=True)
    b, v = median_ms(bundled), median_ms(venv)
    print(f"bundle: first start of the bundle, fresh data dir {first * 1000:6.0f} ms")
    print(f"bundle: bundled app (median)                      {b:6.0f} ms  ({spread_ms(bundled)})")
    print(f"bundle: venv app (median)                         {v:6.0f} ms  ({spread_ms(venv)})")
    print(f"bundle: ratio {b / v:.2f}× (target ≤ {RATIO_TARGET}×) {verdict(b / v, RATIO_TARGET)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
