"""The bundle build: which Qt plugins and libraries are left out, and the build's messages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"ship_{name}", ROOT / "build_scripts" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prune = load("bundle_prune")
build = load("build")

PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("dest", "unused"),
    [
        (f"{PLUGINS}/platforms/libqxcb.so", False),
        (f"{PLUGINS}/platforms/libqwayland.so", False),
        (f"{PLUGINS}/platforms/libqoffscreen.so", False),
        (f"{PLUGINS}/platforms/libqvnc.so", True),
        (f"{PLUGINS}/platforms/libqeglfs.so", True),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", True),
        (f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so", False),
        (f"{PLUGINS}/generic/libqtuiotouchplugin.so", True),
        (f"{PLUGINS}/egldeviceintegrations/libqeglfs-x11-integration.so", True),
        (f"{PLUGINS}/imageformats/libqjpeg.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", False),
        ("PySide6/Qt/lib/libQt6Gui.so.6", False),
    ],
)
def test_only_embedded_device_plugins_and_the_gtk_theme_are_left_out(
    dest: str, unused: bool
) -> None:
    assert prune.is_unused_plugin(dest) is unused


def test_libraries_only_a_dropped_plugin_needs_are_dropped_and_shared_ones_kept() -> None:
    def entry(dest: str) -> tuple[str, str, str]:
        return (dest, "/src/" + Path(dest).name, "BINARY")

    vnc = entry(f"{PLUGINS}/platforms/libqvnc.so")
    xcb = entry(f"{PLUGINS}/platforms/libqxcb.so")
    network = entry("PySide6/Qt/lib/libQt6Network.so.6")
    krb5 = entry("libkrb5.so.3")
    gui = entry("PySide6/Qt/lib/libQt6Gui.so.6")
    ctypes_lib = entry("libloadedbyctypes.so.1")
    needs = {
        "libqvnc.so": ["libQt6Network.so.6", "libQt6Gui.so.6"],
        "libqxcb.so": ["libQt6Gui.so.6"],
        "libQt6Network.so.6": ["libkrb5.so.3", "libc.so.6"],
        "libQt6Gui.so.6": [],
        "libkrb5.so.3": [],
        "libloadedbyctypes.so.1": [],
    }
    binaries = [vnc, xcb, network, krb5, gui, ctypes_lib]

    kept, dropped = prune.prune(binaries, needed=lambda src: needs[Path(src).name])

    assert sorted(d[0] for d in dropped) == sorted([vnc[0], network[0], krb5[0]])
    assert kept == [xcb, gui, ctypes_lib]


def test_the_desktops_dbus_library_is_left_out_with_what_only_it_needs() -> None:
    def entry(dest: str) -> tuple[str, str, str]:
        return (dest, "/src/" + Path(dest).name, "BINARY")

    qt_dbus = entry("PySide6/Qt/lib/libQt6DBus.so.6")
    core = entry("PySide6/Qt/lib/libQt6Core.so.6")
    dbus, systemd = entry("libdbus-1.so.3"), entry("libsystemd.so.0")
    gcrypt, zstd = entry("libgcrypt.so.20"), entry("libzstd.so.1")
    needs = {
        "libQt6DBus.so.6": ["libdbus-1.so.3"], "libQt6Core.so.6": ["libzstd.so.1"],
        "libdbus-1.so.3": ["libsystemd.so.0"],
        "libsystemd.so.0": ["libgcrypt.so.20", "libzstd.so.1"],
        "libgcrypt.so.20": [], "libzstd.so.1": [],
    }
    kept, dropped = prune.prune([qt_dbus, core, dbus, systemd, gcrypt, zstd],
                                needed=lambda src: needs[Path(src).name])

    assert sorted(d[0] for d in dropped) == sorted([dbus[0], systemd[0], gcrypt[0]])
    assert kept == [qt_dbus, core, zstd]  # Qt Core still needs zstd


def test_symlinks_to_dropped_libraries_go_with_them() -> None:
    dropped = [("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY")]
    datas = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("resources/sample-column.md", "/repo/resources/sample-column.md", "DATA"),
    ]
    assert prune.drop_dangling_symlinks(datas, dropped) == datas[1:]


def test_the_build_names_what_is_missing_and_how_to_get_it(monkeypatch) -> None:
    monkeypatch.setattr(build.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(build.shutil, "which", lambda name: None)
    problems = build.missing_prerequisites()
    assert any("PyInstaller is not installed" in p and "./dev build" in p for p in problems)
    if sys.platform.startswith("linux"):
        assert any("binutils" in p for p in problems)


def test_build_refuses_to_start_without_prerequisites(monkeypatch, capsys) -> None:
    monkeypatch.setattr(build, "missing_prerequisites", lambda: ["PyInstaller is missing."])
    monkeypatch.setattr(build, "build", lambda **_: pytest.fail("must not build"))
    assert build.main([]) == 2
    assert "build: PyInstaller is missing." in capsys.readouterr().err


def test_bundle_size_counts_files_under_the_folder(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_bytes(b"y" * 24)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert build.folder_size(tmp_path) == 1024


def test_only_the_british_hyphenation_dictionary_is_bundled() -> None:
    def data(dest: str) -> tuple[str, str, str]:
        return (dest, f"/site-packages/{dest}", "DATA")

    datas = [data("pyphen/dictionaries/hyph_en_GB.dic"),
             data("pyphen/dictionaries/hyph_en_US.dic"),
             data("pyphen/dictionaries/hyph_de_DE.dic"),
             data("resources/plain_english/words_to_avoid.txt")]
    assert prune.keep_one_hyphenation_dictionary(datas) == [datas[0], datas[3]]
