"""Write a file so that a crash or a full disk never leaves it half-written.

The bytes go to a temporary file in the *same folder* (so the final rename stays on one
file system and is atomic), are flushed and fsynced, and only then replace the target with
`os.replace`. If anything fails, the temporary file is removed and the target keeps its old
bytes. The folder is fsynced afterwards where the platform allows it, so the rename itself
survives a power cut. The column, the journal and the history all write through here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd` (a separate function so tests can fail it)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_directory(folder: Path) -> None:
    """Make a rename inside `folder` durable; a no-op where directories cannot be opened."""
    if sys.platform.startswith("win"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` atomically; on failure `path` is untouched.

    `mode` sets the permission bits of the new file; by default an existing file's bits are
    kept (a rename would otherwise give the file mkstemp's private 0600).
    Raises OSError (with the original errno) when the bytes cannot be written.
    """
    path = Path(path)
    folder = path.parent
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
        else:
            _apply_default_mode(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_directory(folder)


def _apply_default_mode(tmp: Path) -> None:
    """Give a brand-new file the usual umask-based bits instead of mkstemp's 0600."""
    if sys.platform.startswith("win"):
        return
    umask = _current_umask()
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~umask)


def _current_umask() -> int:
    """The process umask, read without changing it where Linux allows (threads may be saving)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask
