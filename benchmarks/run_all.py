"""Run the benchmarks: `./dev bench` (all) or `./dev bench NAME …` (e.g. `startup`, `typing`).

Each `benchmarks/bench_*.py` runs as its own process (so one's memory or Qt state cannot
colour another's figures) and prints its own figures with the target and ok/MISS. The
desk's benchmarks run first, then the others in name order. Exit status is non-zero only
if a benchmark crashed; a missed target is a figure to report, not an error.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST = ["startup", "typing", "memory", "bundle"]


def available() -> dict[str, Path]:
    """Benchmark name → script, in the order they run."""
    found = {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}
    order = [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]
    return {name: found[name] for name in order}


def resolve(names: list[str]) -> dict[str, Path]:
    benches = available()
    chosen: dict[str, Path] = {}
    for raw in names:
        name = Path(raw).stem.removeprefix("bench_")
        if name not in benches:
            raise SystemExit(
                f"bench: no benchmark called {raw!r}; choose from: {', '.join(benches)}"
            )
        chosen[name] = benches[name]
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        print("benchmarks: " + ", ".join(available()))
        return 0
    benches = resolve(args) if args else available()
    crashed: list[str] = []
    for name, script in benches.items():
        print(f"== {name} ({script.relative_to(HERE.parent)})", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"== {name}: {time.monotonic() - started:.0f} s", flush=True)
        if result.returncode != 0:
            crashed.append(f"{name} (exit {result.returncode})")
    if crashed:
        print("bench: these benchmarks failed to run: " + ", ".join(crashed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
