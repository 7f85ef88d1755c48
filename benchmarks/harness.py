"""Shared helpers for the benchmarks: paths, a display, timing a fresh process's start.

Benchmarks are measurements, not tests: each prints its figures next to the target and
says MISS when a target is missed, but exits 0 unless it could not measure at all.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import psutil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
LAUNCHER = ROOT / "build_scripts" / "launch.py"
BARE_WINDOW = ROOT / "benchmarks" / "bare_window.py"
SAMPLE = ROOT / "resources" / "sample-column.md"

sys.path.insert(0, str(ROOT / "build_scripts"))
from launch import PROBE_ENV, PROBE_PREFIX, PROBE_UNTIL_ENV  # noqa: E402


def build_script() -> ModuleType:
    """build_scripts/build.py as a module (bundle paths and sizes)."""
    spec = importlib.util.spec_from_file_location("columnist_build", LAUNCHER.with_name("build.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def machine() -> str:
    """One line describing where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    cores = psutil.cpu_count(logical=True)
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {cores} cores, {memory:.0f} GiB RAM, "
        f"Python {platform.python_version()}"
    )


def timed_ms(work, *args) -> float:
    """Milliseconds `work(*args)` takes, once."""
    started = time.perf_counter()
    work(*args)
    return (time.perf_counter() - started) * 1000


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISS"


@contextlib.contextmanager
def display() -> Iterator[str]:
    """A display for real windows: the session's, else a private Xvfb, else offscreen Qt.

    Yields a description of what is used; sets DISPLAY or QT_QPA_PLATFORM in os.environ for
    child processes and restores them afterwards.
    """
    saved = {k: os.environ.get(k) for k in ("DISPLAY", "QT_QPA_PLATFORM")}
    server: subprocess.Popen[bytes] | None = None
    try:
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            yield "offscreen (QT_QPA_PLATFORM=offscreen)"
        elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
            yield f"the session's display {os.environ.get('DISPLAY') or 'wayland'}"
        elif sys.platform.startswith("linux") and shutil.which("Xvfb"):
            read_fd, write_fd = os.pipe()
            server = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    "1600x1000x24",
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write_fd,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            os.close(write_fd)
            with os.fdopen(read_fd) as pipe:
                number = pipe.readline().strip()
            if not number:
                raise RuntimeError("Xvfb did not start")
            os.environ["DISPLAY"] = f":{number}"
            os.environ.pop("QT_QPA_PLATFORM", None)
            yield f"Xvfb :{number} (xcb)"
        else:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            yield "offscreen (no display, no Xvfb)"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass(frozen=True)
class Start:
    """Seconds from launch to the first painted window, to the QApplication existing, and
    (when asked for) to the preview painted with the column in it."""

    shown: float
    qapp: float
    preview: float = 0.0


def time_to_window(
    command: Sequence[str], data_dir: Path | None = None, timeout: float = 60.0,
    until_preview: bool = False,
) -> Start:
    """When `command`, launched now, first painted a window (via the probe).

    The child runs with Python's ordinary bytecode cache (PYTHONDONTWRITEBYTECODE is
    dropped): an installed Columnist (pip compiles the wheel, the bundle ships .pyc) never
    compiles its source at start, so a development shell that forbids .pyc files would
    otherwise add ~16 ms of compiling Columnist's modules to every launch, a cost no user
    pays and the one-file reference barely has. Callers warm up once (writing the cache).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if data_dir is not None:
        env["COLUMNIST_DATA_DIR"] = str(data_dir)
    if until_preview:
        env[PROBE_UNTIL_ENV] = "preview"
    env[PROBE_ENV] = repr(time.time())
    result = subprocess.run(
        list(command), env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith(PROBE_PREFIX):
            fields = line[len(PROBE_PREFIX) :].split()
            named = dict(f.split("=", 1) for f in fields[1:] if "=" in f)
            return Start(shown=float(fields[0]), qapp=float(named.get("qapp", 0.0)),
                         preview=float(named.get("preview", 0.0)))
    raise RuntimeError(
        f"{Path(command[-2] if len(command) > 1 else command[0]).name} showed no window "
        f"(exit {result.returncode}): {(result.stderr or result.stdout).strip()[-400:]}"
    )


def fresh_data_dir(prefix: str = "columnist-bench-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def median_ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000


def spread_ms(values: Sequence[float]) -> str:
    return f"min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f} ms, n={len(values)}"


def rss_mb(pid: int | None = None) -> float:
    """Resident set size in MB (10^6 bytes) of a process (default: this one)."""
    return psutil.Process(pid or os.getpid()).memory_info().rss / 1e6


def pss_mb(pid: int | None = None) -> float:
    """Proportional set size in MB: resident pages, each shared one divided among the
    processes sharing it (Linux; elsewhere the resident set size)."""
    process = psutil.Process(pid or os.getpid())
    try:
        return process.memory_full_info().pss / 1e6
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss / 1e6


def wait_for(condition, timeout: float, step_ms: int = 5) -> float | None:
    """Run the Qt event loop until `condition()`, asked every `step_ms`; seconds it took,
    or None on timeout.

    A real event loop that sleeps between events, as the app's does: a loop calling
    processEvents() returns at once when nothing is pending and would spin, holding the
    GIL against the app's worker threads (a 50,000-word first preview took 4–50 s instead
    of ~1 s while a condition searched the page in such a loop).
    """
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    if condition():
        return 0.0
    loop = QEventLoop()
    outcome: list[float | None] = []
    failed: list[BaseException] = []

    def check() -> None:
        try:
            met = condition()
        except BaseException as error:  # raised here, not lost in a slot (and no hang)
            failed.append(error)
            loop.quit()
            return
        if met:
            outcome.append(time.perf_counter() - started)
        elif time.perf_counter() - started >= timeout:
            outcome.append(None)
        else:
            return
        loop.quit()

    timer = QTimer()
    timer.setInterval(step_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if failed:
        raise failed[0]
    return outcome[0] if outcome else None
