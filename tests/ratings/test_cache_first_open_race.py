"""Several openers of a fresh data folder at once: the cache is built once, all get it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from columnist.ratings.cache import build_lock_path, open_cache


def _providers(path: Path) -> int:
    handle = open_cache(path)
    try:
        return handle.db["providers"].count
    finally:
        handle.close()


def test_threads_opening_a_fresh_cache_at_once_all_get_the_same_finished_cache(tmp_path):
    path = tmp_path / "ratings.db"
    start = threading.Barrier(6)
    counts: list[int] = []
    errors: list[BaseException] = []

    def opener() -> None:
        start.wait()
        try:
            counts.append(_providers(path))
        except BaseException as exc:  # reported below with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(counts) == 6 and len(set(counts)) == 1 and counts[0] > 200
    # Nothing left behind but the cache, its WAL companions and the lock file.
    leftovers = [p.name for p in tmp_path.iterdir() if ".building-" in p.name]
    assert leftovers == []
    assert build_lock_path(path).name == "ratings.db.lock"


def test_processes_opening_a_fresh_cache_at_once_all_succeed(tmp_path):
    path = tmp_path / "ratings.db"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from columnist.ratings.cache import open_cache\n"
        "h = open_cache(Path(sys.argv[1]))\n"
        "print(h.db['providers'].count)\n"
        "h.close()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], [err for _, err in results]
    counts = {int(out.strip()) for out, _ in results}
    assert len(counts) == 1 and counts.pop() > 200


def test_a_leftover_from_a_crashed_build_is_cleared(tmp_path):
    path = tmp_path / "ratings.db"
    crashed = tmp_path / "ratings.db.building-99999-deadbeef"
    crashed.write_bytes(b"half a database")
    assert _providers(path) > 200
    assert not crashed.exists()
