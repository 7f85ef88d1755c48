"""`columnist --smoke-test`: prove that an installed copy (venv or bundle) really works.

A packaged app can start fine and still miss a resource, a lazily imported module or a Qt
plugin that only one feature touches. So this walks the main features once, offscreen and
in a throw-away data directory: open the window on the sample column, wait for the preview,
open (first start: create) the rating cache and search it, and export HTML. One line per
step; exit status 0 only if every step worked. CI runs it on the built bundle.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A step that blocks (a modal dialog offscreen, a deadlock) must not hang CI forever.
WATCHDOG_SECONDS = 180.0
PREVIEW_TIMEOUT_SECONDS = 20.0
SEARCH_QUERY = "Bristol"
# University Hospitals Bristol (and Weston) NHS Foundation Trust, by its CQC/ODS code, so
# the check holds whichever of the trust's names the bundled data uses.
SEARCH_EXPECTS_ID = "RA7"


class StepFailed(Exception):
    """A step ran but did not show what it should; the message says what was seen."""


@dataclass
class SmokeRun:
    """Shared state between steps (the window, the cache) and the results so far."""

    out: Callable[[str], None] = print
    results: list[tuple[str, bool]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)

    def step(self, name: str, func: Callable[[], str | None], needs: str | None = None) -> bool:
        """Run one step, print `ok   name (detail)` or `FAIL name: reason`."""
        if needs is not None and needs not in self.state:
            self.out(f"FAIL {name}: skipped, an earlier step failed")
            self.results.append((name, False))
            return False
        try:
            detail = func()
        except StepFailed as exc:
            self.out(f"FAIL {name}: {exc}")
            self.results.append((name, False))
            return False
        except Exception as exc:  # the point is to report any failure and go on
            self.out(f"FAIL {name}: {type(exc).__name__}: {exc}")
            self.results.append((name, False))
            return False
        self.out(f"ok   {name}" + (f" ({detail})" if detail else ""))
        self.results.append((name, True))
        return True

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(ok for _, ok in self.results)


def comparable(text: str) -> str:
    """Fold typography the renderer may add (smart quotes, nbsp, spacing) for comparisons."""
    text = html.unescape(text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\xa0": " "}))
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def sample_title(text: str) -> str:
    """The `title:` of the sample's front matter (else its first heading), as the column
    model reads them."""
    from columnist.markdown.column import parse_column

    column = parse_column(text)
    title = column.front_matter.values.get("title")
    if title and str(title).strip():
        return str(title).strip()
    if column.headings:
        return column.headings[0].text
    raise StepFailed("the sample column has neither a title nor a heading")


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Process Qt events until `condition()` holds or `timeout` seconds pass."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _use_fresh_data_dir() -> Path | None:
    """A temporary data dir unless `--data-dir`/COLUMNIST_DATA_DIR chose one; return it."""
    from columnist import paths

    if os.environ.get(paths.ENV_VAR):
        return None
    temp = Path(tempfile.mkdtemp(prefix="columnist-smoke-"))
    paths.set_data_dir(temp)
    os.environ[paths.ENV_VAR] = str(temp)
    return temp


def _start_watchdog(out: Callable[[str], None]) -> threading.Timer:
    def expire() -> None:
        out(f"FAIL smoke test: no answer within {WATCHDOG_SECONDS:.0f} s (a step is stuck)")
        sys.stdout.flush()
        os._exit(1)

    timer = threading.Timer(WATCHDOG_SECONDS, expire)
    timer.daemon = True
    timer.start()
    return timer


def run_smoke_test(out: Callable[[str], None] | None = None) -> int:
    """Run every step; return 0 only if all passed (the process exit status)."""
    write = out or (lambda line: print(line, flush=True))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from columnist import __version__, paths
    from columnist.resources import sample_column_path

    temp_data = _use_fresh_data_dir()
    watchdog = _start_watchdog(write)
    frozen = "bundle" if getattr(sys, "frozen", False) else "python " + sys.version.split()[0]
    write(f"columnist {__version__} smoke test ({frozen}); data dir {paths.data_dir()}")
    run = SmokeRun(out=write)
    try:
        _run_steps(run, sample_column_path())
    finally:
        _close_window(run)
        handle = run.state.get("handle")
        if handle is not None and hasattr(handle, "close"):
            handle.close()
        watchdog.cancel()
        if temp_data is not None:
            shutil.rmtree(temp_data, ignore_errors=True)
    failed = [name for name, ok in run.results if not ok]
    if failed:
        write(f"smoke test FAILED: {len(failed)} of {len(run.results)} steps")
        return 1
    write(f"smoke test passed: {len(run.results)} steps")
    return 0


def _run_steps(run: SmokeRun, sample: Path) -> None:
    state = run.state

    def read_sample() -> str:
        text = sample.read_text(encoding="utf-8")
        state["title"] = sample_title(text)
        return f"{sample.name}, {len(text.split())} words"

    def open_window() -> str:
        from PySide6.QtWidgets import QApplication

        from columnist import APP_NAME

        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
        state["app"] = app
        from columnist.ui.app import create_main_window

        window = create_main_window(str(sample))
        state["window_ref"] = window
        window.show()
        wait_until(lambda: window.isVisible(), 5.0)
        if comparable(state["title"]) not in comparable(window.editor.text()):
            raise StepFailed("the editor does not show the sample column's text")
        state["window"] = window
        return f"platform {QApplication.platformName()}"

    def preview() -> str:
        window = state["window"]
        want = comparable(state["title"])
        started = time.monotonic()
        if not wait_until(
            lambda: want in comparable(window.preview.toPlainText()), PREVIEW_TIMEOUT_SECONDS
        ):
            shown = window.preview.toPlainText().strip()[:80]
            raise StepFailed(
                f"the preview did not show the title {state['title']!r} within "
                f"{PREVIEW_TIMEOUT_SECONDS:.0f} s (it shows {shown!r})"
            )
        return f"{(time.monotonic() - started) * 1000:.0f} ms"

    def open_cache() -> str:
        from columnist.ratings.cache import open_cache as open_rating_cache

        started = time.monotonic()
        handle = open_rating_cache()
        state["handle"] = handle
        state["db"] = getattr(handle, "db", handle)
        providers = state["db"]["providers"].count
        if providers == 0:
            raise StepFailed("the rating cache has no providers (the seed did not load)")
        notice = getattr(handle, "notice", None)
        took = (time.monotonic() - started) * 1000
        return f"{providers} providers, {took:.0f} ms" + (f"; {notice}" if notice else "")

    def search() -> str:
        from columnist.ratings.search import search as search_ratings

        hits = search_ratings(state["db"], SEARCH_QUERY, 10)
        found = [hit for hit in hits if hit.id == SEARCH_EXPECTS_ID]
        if not found:
            names = [f"{hit.id} {hit.name}" for hit in hits[:5]]
            raise StepFailed(f"trust {SEARCH_EXPECTS_ID} is not among the results: {names}")
        rating = getattr(found[0], "rating", None)
        return f"{found[0].id} {found[0].name}" + (f", {rating}" if rating else "")

    def export() -> str:
        from columnist.cli import main as cli_main

        folder = Path(tempfile.mkdtemp(prefix="columnist-smoke-export-"))
        try:
            target = folder / "sample.html"
            said = io.StringIO()  # keep one line per step: the command's own output goes here
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                status = cli_main(["export", str(sample), "-o", str(target)])
            if status != 0:
                raise StepFailed(
                    f"`columnist export` exited with status {status}: {said.getvalue().strip()}"
                )
            if not target.is_file():
                raise StepFailed(f"`columnist export` wrote no file at {target}")
            written = target.read_text(encoding="utf-8")
            if comparable(state["title"]) not in comparable(written):
                raise StepFailed("the exported HTML does not contain the sample's title")
            if "<script" in written.lower():
                raise StepFailed("the exported HTML contains a <script> element")
            return f"{len(written.encode('utf-8')) // 1024} KB"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    if not run.step("read the sample column", read_sample):
        return
    run.step("open window on the sample column", open_window)
    run.step("preview shows the sample's title", preview, needs="window")
    run.step("open the rating cache (first start: from the seed)", open_cache)
    run.step(f"search the rating cache for {SEARCH_QUERY!r}", search, needs="db")
    run.step("export the sample to HTML", export)


def _close_window(run: SmokeRun) -> None:
    """Close the window and let Qt tidy up, so the process exits cleanly."""
    window = run.state.get("window_ref")
    if window is None:
        return
    try:
        if hasattr(window, "setWindowModified"):
            window.setWindowModified(False)
        window.close()
        window.deleteLater()
        wait_until(lambda: False, 0.1)
    except Exception as exc:  # closing must never turn a pass into a crash
        run.out(f"note: closing the window raised {type(exc).__name__}: {exc}")
