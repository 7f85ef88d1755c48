"""Leave out the Qt plugins a desktop writing app never loads, and the libraries only they need.

PyInstaller's Qt hooks collect every plugin of a used Qt module, and then every shared
library those plugins link. On Linux that includes the embedded-device back ends (EGLFS,
LinuxFB, VNC, evdev/TUIO input), which bring QtNetwork, Kerberos and the EGLFS libraries,
and the GTK3 platform theme, which brings a private copy of cairo/pango/ATK that can clash
with the desktop's own GTK. None of it is used on a laptop's X11/Wayland session, and it
costs space against the 150 MB target.

Used by `columnist.spec`; pure functions over PyInstaller's (dest, source, typecode) tuples
so they can be tested without building.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

TocEntry = tuple[str, str, str]

# Plugin folders (under PySide6/Qt/plugins) that are dropped entirely.
UNUSED_PLUGIN_DIRS = frozenset({"egldeviceintegrations", "generic", "qmltooling", "designer"})
# Individual plugins, by file stem without the `lib` prefix: embedded-device platforms, the
# GTK3 theme (Qt's Fusion style plus the XDG portal theme cover desktops), rare images.
UNUSED_PLUGINS = frozenset(
    {
        "qeglfs",
        "qlinuxfb",
        "qminimalegl",
        "qvkkhrdisplay",
        "qvnc",
        "qgtk3",
        # Image formats a column does not use (PNG, JPEG, GIF, WebP, SVG, ICO stay).
        "qtiff",
        "qtga",
        "qwbmp",
        "qicns",
    }
)


# Libraries every Linux desktop has and the app must share with it rather than bring its
# own: D-Bus's client library (Qt talks to the session bus through it; `./dev setup` and any
# desktop install libdbus-1-3), and with it the systemd and gcrypt libraries only it needs
# (3 MB against the 150 MB cap).
DESKTOP_LIBRARIES = frozenset({"libdbus-1.so.3"})


def _left_out(entry: TocEntry) -> bool:
    """A plugin we do not ship, or a library the desktop provides."""
    return is_unused_plugin(entry[0]) or _name(entry) in DESKTOP_LIBRARIES


def _plugin_stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def is_unused_plugin(dest: str) -> bool:
    """True for a Qt plugin file (by its path inside the bundle) that we leave out."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return False
    after = parts[parts.index("plugins") + 1 :]
    if not after:
        return False
    if after[0] in UNUSED_PLUGIN_DIRS:
        return True
    return len(after) == 2 and _plugin_stem(after[1]) in UNUSED_PLUGINS


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED sonames of an ELF file (via binutils' objdump, which PyInstaller needs)."""
    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.strip().startswith("NEEDED") and len(line.split()) > 1
    ]


def _name(entry: TocEntry) -> str:
    """File name of a TOC entry's destination (Windows separators allowed)."""
    return PurePosixPath(entry[0].replace("\\", "/")).name


def _closure(starts: Iterable[str], needed: Callable[[str], list[str]], by_name: dict) -> set[str]:
    """Basenames of bundled libraries reachable from `starts` through DT_NEEDED."""
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        entry = by_name.get(name)
        if entry is not None:
            todo.extend(needed(entry[1]))
    return seen


def prune(
    binaries: list[TocEntry], needed: Callable[[str], list[str]] = elf_needed
) -> tuple[list[TocEntry], list[TocEntry]]:
    """(kept, dropped): unused plugins and the desktop's own libraries, plus libraries
    needed only by those.

    A library is dropped only if a dropped one needs it (directly or indirectly) and
    nothing kept does, so libraries loaded through ctypes are never touched.
    """
    plugins_out = [b for b in binaries if _left_out(b)]
    rest = [b for b in binaries if not _left_out(b)]
    by_name = {_name(b): b for b in rest}
    only_via_dropped = _closure((n for b in plugins_out for n in needed(b[1])), needed, by_name)
    roots = [b for b in rest if _name(b) not in only_via_dropped]
    still_needed = _closure((n for b in roots for n in needed(b[1])), needed, by_name)
    orphans = only_via_dropped - still_needed
    kept = [b for b in rest if _name(b) not in orphans]
    dropped = plugins_out + [b for b in rest if b not in kept]
    return kept, dropped


def drop_dangling_symlinks(datas: list[TocEntry], dropped: list[TocEntry]) -> list[TocEntry]:
    """Remove PyInstaller's SYMLINK entries that point at a file we dropped."""
    gone = {PurePosixPath(d[0].replace("\\", "/")).as_posix() for d in dropped}
    return [e for e in datas if not (e[2] == "SYMLINK" and e[1].replace("\\", "/") in gone)]


# pyphen ships ~80 hyphenation dictionaries (6 MB); the reading age needs only British
# English, and the bundle has under 1 MB to spare against its 150 MB cap.
PYPHEN_DICTIONARY = "hyph_en_GB.dic"


def keep_one_hyphenation_dictionary(datas: list[TocEntry]) -> list[TocEntry]:
    """`datas` without pyphen's dictionaries other than `PYPHEN_DICTIONARY`.

    >>> keep = ("pyphen/dictionaries/hyph_en_GB.dic", "/s/hyph_en_GB.dic", "DATA")
    >>> drop = ("pyphen/dictionaries/hyph_fr.dic", "/s/hyph_fr.dic", "DATA")
    >>> keep_one_hyphenation_dictionary([keep, drop]) == [keep]
    True
    """
    kept = []
    for entry in datas:
        parts = PurePosixPath(entry[0].replace("\\", "/")).parts
        if (len(parts) >= 3 and parts[-3] == "pyphen" and parts[-2] == "dictionaries"
                and parts[-1] != PYPHEN_DICTIONARY):
            continue
        kept.append(entry)
    return kept
