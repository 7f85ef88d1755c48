"""Build the one-folder Columnist app for this OS with PyInstaller.

    python build_scripts/build.py [--clean]      (or `./dev build`)

Produces `dist/Columnist/` (macOS: also `dist/Columnist.app`) from
`build_scripts/columnist.spec` and prints the bundle's path and size. The result needs no
Python on the target machine; copy the whole folder. A bundle is built for the OS it is
built on: build on Windows for Windows, on macOS for macOS.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_scripts" / "columnist.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_NAME = "Columnist"
SIZE_TARGET_MB = 150


def bundle_dir(dist: Path = DIST) -> Path:
    """The one-folder app that the build produces."""
    return dist / APP_NAME


def bundle_executable(dist: Path = DIST) -> Path:
    """The executable inside the bundle that runs both the GUI and the commands."""
    if sys.platform.startswith("win"):
        return bundle_dir(dist) / "columnist-cli.exe"
    return bundle_dir(dist) / "columnist"


def folder_size(path: Path) -> int:
    """Bytes used by the files under `path` (symlinks counted once, as links)."""
    total = 0
    for entry in path.rglob("*"):
        if entry.is_file() and not entry.is_symlink():
            total += entry.stat().st_size
    return total


def missing_prerequisites() -> list[str]:
    """What this machine lacks to build, each as one sentence saying how to get it."""
    problems: list[str] = []
    if importlib.util.find_spec("PyInstaller") is None:
        problems.append(
            "PyInstaller is not installed in this Python: run `./dev build` (it installs the "
            "`build` extra) or `python -m pip install -e '.[build]'`."
        )
    try:
        from importlib.metadata import PackageNotFoundError, version

        version("columnist")
    except PackageNotFoundError:
        problems.append(
            "Columnist is not installed in this Python (its metadata goes into the bundle): "
            "run `python -m pip install -e '.[build]'` from the repository root."
        )
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        problems.append(
            "`objdump` is missing; PyInstaller needs binutils on Linux: "
            "`sudo apt-get install binutils` (Debian/Ubuntu)."
        )
    if sys.platform == "darwin" and shutil.which("codesign") is None:
        problems.append("`codesign` is missing: install the Xcode command line tools.")
    if not (ROOT / "resources").is_dir():
        problems.append(f"the resources folder is missing: expected {ROOT / 'resources'}.")
    return problems


def build(clean: bool = False, dist: Path = DIST) -> Path:
    """Run PyInstaller on the spec; return the bundle folder. Raises SystemExit on failure."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    env = dict(os.environ)
    # The build must not pick up a display or write into the user's data directory.
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build: PyInstaller failed (exit {result.returncode}); see above.")
    print(f"build: PyInstaller took {time.monotonic() - started:.0f} s")
    return bundle_dir(dist)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache first")
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    args = parser.parse_args(argv)

    problems = missing_prerequisites()
    if problems:
        for problem in problems:
            print(f"build: {problem}", file=sys.stderr)
        return 2
    folder = build(clean=args.clean, dist=args.dist.resolve())
    executable = bundle_executable(args.dist.resolve())
    if not executable.exists():
        print(f"build: the bundle has no executable at {executable}", file=sys.stderr)
        return 1
    size_mb = folder_size(folder) / 1e6
    print(f"build: bundle  {folder}")
    print(f"build: run     {executable}")
    print(f"build: size    {size_mb:.1f} MB (target ≤ {SIZE_TARGET_MB} MB on Linux)")
    if sys.platform == "darwin":
        print(f"build: app     {args.dist.resolve() / (APP_NAME + '.app')}")
    if sys.platform.startswith("linux") and size_mb > SIZE_TARGET_MB:
        print(f"build: warning: the bundle is over {SIZE_TARGET_MB} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
