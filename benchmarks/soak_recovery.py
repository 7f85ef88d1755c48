"""Soak test of the journal's promise: anything typed two seconds before a crash comes back.

    python benchmarks/soak_recovery.py [--rounds 100] [--seed N] [--keep]

Needs Xvfb and xdotool (`apt-get install -y xvfb xdotool`). The script starts its own Xvfb
(on a free display), then for each round:

1. starts the real app, `python -m columnist --data-dir FRESH [FILE]`, in a real X window,
   on (a) a saved file, (b) an untitled document (a fresh data folder's first start shows the
   sample as an untitled copy) or (c) a 50,000-word column (`long_document.py`), in turn;
2. waits until the window is up and the document is in place (the window exists and the
   start-up has written its settings file), focuses it and presses Ctrl+End;
3. types letters and spaces with xdotool, as X key events through the same path a keyboard
   takes: continuous bursts (30–400 ms between keys, never a second) broken by pauses of
   0.3–2.5 s, and records when each key went out;
4. at a random moment 3–14 s after the first key, kills the app with SIGKILL;
5. asks `columnist recover --print` (the file's path, or the untitled text's ID from
   `recover --list --json`) and checks that it holds everything typed at least two seconds
   before the kill.

It prints one line per round, each loss in detail (what was missing, typed how long before
the kill), and finally "recovered R of N". Every wait has a timeout, so a round that hangs
is counted as a loss with the reason, and the soak goes on. Exit status: 0 when every round
recovered, 1 otherwise. It is not a `bench_*` (it takes about 15 s a round), so
`run_all.py` does not run it; run it on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from long_document import path_for  # noqa: E402

PROMISE_S = 2.0  # text typed this long before the kill must come back
KILL_WINDOW_S = (3.0, 14.0)  # the kill comes this long after the first key
START_TIMEOUT_S = 90.0
COMMAND_TIMEOUT_S = 60.0
SCENARIOS = ("saved file", "untitled", "50,000 words")
SAVED_TEXT = "# December\n\nDear colleagues,\n\nThis month I want to write about waiting lists.\n"
WORDS = (
    "care", "ward", "staff", "trust", "rating", "good", "plan", "kind", "safe", "team",
    "nurse", "patient", "wait", "list", "quality", "improve", "listen", "learn", "lead",
    "visit", "report", "change",
)


@dataclass
class Round:
    """What one round typed and what came back."""

    number: int
    scenario: str
    typed: list[tuple[float, str]]  # (time.monotonic() when the key had gone out, char)
    killed_at: float = 0.0
    recovered: str = ""
    problem: str = ""  # why the round could not be run or checked, if it could not

    def required(self) -> str:
        """The characters typed at least PROMISE_S before the kill, in order."""
        return "".join(c for when, c in self.typed if when <= self.killed_at - PROMISE_S)

    def ok(self) -> bool:
        """The recovered text holds everything required (typed contiguously at the end)."""
        return not self.problem and self.required() in self.recovered

    def loss(self) -> str:
        """What is missing, for the report."""
        if self.problem:
            return self.problem
        required = self.required()
        kept = _longest_kept_prefix(required, self.recovered)
        first_lost = len(kept)
        lost_at = [w for w, c in self.typed if w <= self.killed_at - PROMISE_S][first_lost]
        return (
            f"{len(required) - first_lost} of {len(required)} characters typed at least "
            f"{PROMISE_S:.0f} s before the kill are missing, from one typed "
            f"{self.killed_at - lost_at:.1f} s before it: {required[first_lost:][:60]!r}"
        )


def _longest_kept_prefix(required: str, recovered: str) -> str:
    """The longest start of `required` found in `recovered` (binary search: it shrinks)."""
    low, high = 0, len(required)
    while low < high:
        middle = (low + high + 1) // 2
        if required[:middle] in recovered:
            low = middle
        else:
            high = middle - 1
    return required[:low]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll `condition` until true; TimeoutError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


class Display:
    """An Xvfb server of our own, on the display number it picks (`-displayfd`)."""

    def __init__(self) -> None:
        if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
            raise SystemExit("soak_recovery: needs Xvfb and xdotool "
                             "(apt-get install -y xvfb xdotool)")
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24",
             "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()  # written once the server accepts clients
        if not number:
            self.process.kill()
            raise SystemExit("soak_recovery: Xvfb did not start")
        self.name = f":{number}"

    def xdotool(self, *args: str) -> str:
        """Run xdotool on this display; its standard output."""
        done = subprocess.run(
            ["xdotool", *args], env=dict(os.environ, DISPLAY=self.name),
            capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False,
        )
        return done.stdout

    def close(self) -> None:
        """Stop the server."""
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def columnist(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m columnist --data-dir DATA ARGS…`, without a display."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, "-m", "columnist", "--data-dir", str(data), *args],
        env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False,
    )


def recovered_text(data: Path, file: Path | None) -> str:
    """What `columnist recover --print` gives back ("" when nothing is there)."""
    target = str(file) if file is not None else None
    if target is None:
        listing = columnist(data, "recover", "--list", "--json")
        untitled = [e["key"] for e in json.loads(listing.stdout or "[]") if e["untitled"]]
        if len(untitled) != 1:
            return ""
        target = untitled[0]
    printed = columnist(data, "recover", "--print", target)
    return printed.stdout if printed.returncode == 0 else ""


def keystrokes(rnd: random.Random):
    """Characters with the gap before each: continuous bursts broken by pauses."""
    while True:
        burst = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 12))) + " "
        yield burst[0], rnd.choice((0.3, 0.6, 0.9, 1.2, 1.6, 2.5))  # a pause, then a burst
        for char in burst[1:]:
            yield char, rnd.uniform(0.03, 0.4)


def run_round(number: int, display: Display, rnd: random.Random, work: Path) -> Round:
    """One start, typing, SIGKILL and check (see the module docstring)."""
    scenario = SCENARIOS[number % len(SCENARIOS)]
    folder = Path(tempfile.mkdtemp(prefix=f"round-{number}-", dir=work))
    data = folder / "data"
    file: Path | None = None
    if scenario == "saved file":
        file = folder / "december.md"
        file.write_text(SAVED_TEXT, encoding="utf-8")
    elif scenario == "50,000 words":
        file = folder / "long-column.md"
        shutil.copyfile(path_for(50_000), file)
    result = Round(number, scenario, [])
    env = dict(os.environ, DISPLAY=display.name, QT_QPA_PLATFORM="xcb",
               PYTHONPATH=str(ROOT / "src"))
    with (folder / "app.log").open("wb") as log:
        app = subprocess.Popen(
            [sys.executable, "-m", "columnist", "--data-dir", str(data),
             *([str(file)] if file is not None else [])],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        windows: list[str] = []

        def window_is_up() -> bool:
            if app.poll() is not None:
                raise RuntimeError(f"the app exited with {app.returncode} before typing")
            windows[:] = display.xdotool(
                "search", "--pid", str(app.pid), "--onlyvisible", "--name", "Columnist"
            ).split()
            return bool(windows) and (data / "settings.ini").exists()

        wait_for(window_is_up, START_TIMEOUT_S, "the window and its document")
        display.xdotool("windowfocus", "--sync", windows[0])
        display.xdotool("key", "ctrl+End")
        kill_after = rnd.uniform(*KILL_WINDOW_S)
        started = time.monotonic()
        for char, gap in keystrokes(rnd):
            if result.typed:
                time.sleep(gap)  # the typist's rhythm
            if time.monotonic() - started >= kill_after:
                break
            display.xdotool("type", "--delay", "0", char)
            result.typed.append((time.monotonic(), char))
        result.killed_at = time.monotonic()
        app.send_signal(signal.SIGKILL)
        app.wait(COMMAND_TIMEOUT_S)
        result.recovered = recovered_text(data, file)
    except (TimeoutError, RuntimeError, subprocess.TimeoutExpired) as exc:
        result.problem = f"could not run the round: {exc}"
        log_tail = (folder / "app.log").read_text(encoding="utf-8", errors="replace")[-2000:]
        if log_tail.strip():
            result.problem += "; the app printed:\n    " + log_tail.strip().replace(
                "\n", "\n    "
            )
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(COMMAND_TIMEOUT_S)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100, help="how many kills (100)")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's rhythm")
    parser.add_argument("--keep", action="store_true",
                        help="keep each round's folder (data, file, app log) for a look")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rnd = random.Random(seed)
    print(f"soak_recovery: {args.rounds} rounds, seed {seed}", flush=True)
    display = Display()
    work = Path(tempfile.mkdtemp(prefix="columnist-soak-"))
    losses: list[Round] = []
    try:
        for number in range(1, args.rounds + 1):
            result = run_round(number, display, rnd, work)
            required = len(result.required()) if not result.problem else 0
            state = "recovered" if result.ok() else "LOST"
            print(f"round {number} ({result.scenario}): {state}; {len(result.typed)} keys, "
                  f"{required} typed {PROMISE_S:.0f} s or more before the kill", flush=True)
            if not result.ok():
                losses.append(result)
                print(f"  loss: {result.loss()}", flush=True)
    finally:
        display.close()
        if args.keep:
            print(f"soak_recovery: the rounds' folders are in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"recovered {args.rounds - len(losses)} of {args.rounds}")
    for result in losses:
        print(f"  lost in round {result.number} ({result.scenario}): {result.loss()}")
    return 0 if not losses else 1


if __name__ == "__main__":
    sys.exit(main())
