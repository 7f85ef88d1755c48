"""Dropping a Markdown file on the window (or on the editor) opens it.

One event filter on the window and on the editor's viewport: the editor would otherwise
insert the dropped file's path as text. Only local files with a column's suffix are
taken; anything else is left to the widget underneath.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

OPENABLE_SUFFIXES = (".md", ".markdown", ".txt")
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def dropped_path(mime: Any) -> str | None:
    """The first local file in `mime` that Columnist opens, or None."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(OPENABLE_SUFFIXES):
            return url.toLocalFile()
    return None


class FileDrop(QObject):
    """Accepts drags of column files over `targets` and calls `open_path(path)` on a drop."""

    def __init__(self, open_path: Callable[[str], object], *targets: QWidget) -> None:
        super().__init__(targets[0])
        self._open_path = open_path
        for target in targets:
            target.setAcceptDrops(True)
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take drags and drops of column files; let everything else through."""
        kind = event.type()
        if kind not in _DRAG_EVENTS:
            return False
        path = dropped_path(event.mimeData())  # type: ignore[attr-defined]
        if not path:
            return False
        event.acceptProposedAction()  # type: ignore[attr-defined]
        if kind == QEvent.Type.Drop:
            # Open after the drop finishes: a dialog inside a drop handler confuses some
            # platforms.
            QTimer.singleShot(0, lambda: self._open_path(path))
        return True
