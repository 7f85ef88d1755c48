"""Open Recent: the last ten files (settings `files/recent`), pruned of missing ones."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QWidget

from columnist.settings import MAX_RECENT, Settings


class RecentFiles:
    """The recent-files list over Settings, newest first."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def paths(self) -> list[str]:
        return list(self._settings.get("files/recent"))

    def add(self, path: str) -> None:
        self._settings.add_recent_file(os.path.abspath(path))
        self._settings.sync()

    def remove(self, path: str) -> None:
        self._settings.set("files/recent", [p for p in self.paths() if p != path])
        self._settings.sync()

    def prune(self) -> list[str]:
        """Drop files that no longer exist; returns the ones dropped."""
        paths = self.paths()
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            self._settings.set("files/recent", [p for p in paths if p not in missing][:MAX_RECENT])
            self._settings.sync()
        return missing

    def clear(self) -> None:
        self._settings.set("files/recent", [])
        self._settings.sync()


class RecentMenu(QMenu):
    """Rebuilt each time it opens, so it always shows what exists now."""

    def __init__(
        self,
        recent: RecentFiles,
        open_path: Callable[[str], object],
        report_missing: Callable[[list[str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Open &Recent", parent)
        self._recent = recent
        self._open_path = open_path
        self._report_missing = report_missing
        self.aboutToShow.connect(self.rebuild)

    def rebuild(self) -> None:
        self.clear()
        missing = self._recent.prune()
        if missing:
            self._report_missing(missing)
        paths = self._recent.paths()
        for number, path in enumerate(paths, start=1):
            label = f"&{number % 10} {os.path.basename(path)}"
            action = self.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        if not paths:
            self.addAction("No recent files").setEnabled(False)
        else:
            self.addSeparator()
            self.addAction("Clear List", self._recent.clear)
