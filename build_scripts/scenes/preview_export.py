"""The preview beside the exported page: what the writer sees in the window, and the
standalone HTML export of the same column opened in Chromium at the same width.

The left half is the window's preview pane as Qt paints it; the right half is Debian's
Chromium (headless, through the test tools' `page_check.mjs`) showing the file
`columnist export --to html` writes. The scene returns the composed picture, which the
screenshot script saves instead of the window grab.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE_CHECK = ROOT / "tests" / "tools" / "page_check.mjs"
GAP = 16


def _export(window, folder: Path) -> Path:
    """The window's column exported as standalone HTML, as File ▸ Export… writes it (the
    gate only warns that the sample is not approved yet)."""
    from columnist.export import ExportOptions, export_column
    from columnist.export.base import Column

    out = folder / "column.html"
    cache = window.ratings.cache_path()
    export_column("html", Column(window.editor.text(), window.session.controller.path),
                  ExportOptions(out, cache_path=Path(cache) if cache else None))
    return out


def _chromium_shot(page: Path, width: int, height: int, folder: Path) -> Path:
    """Chromium's picture of `page` at `width`×`height` CSS pixels."""
    import os

    subprocess.run(["node", str(PAGE_CHECK), str(width), str(folder), str(page)],
                   check=True, capture_output=True, timeout=120,
                   env={**os.environ, "PAGE_HEIGHT": str(height)})
    return folder / page.name.replace(".html", ".png")


def preview_export(window, stage):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    window.editor.setFocus()
    stage.wait(300)
    preview = window.preview.viewport()
    left = preview.grab().toImage()
    folder = Path(tempfile.mkdtemp(prefix="columnist-preview-export-"))
    right = QImage(str(_chromium_shot(_export(window, folder), preview.width(),
                                      preview.height(), folder)))
    label_height = 28
    picture = QImage(left.width() + GAP + right.width(),
                     label_height + max(left.height(), right.height()),
                     QImage.Format.Format_RGB32)
    picture.fill(QColor("#d0d0d0"))
    painter = QPainter(picture)
    font = QFont("DejaVu Sans")
    font.setPixelSize(14)
    painter.setFont(font)
    painter.setPen(QColor("#202020"))
    painter.drawText(8, 0, left.width(), label_height, Qt.AlignmentFlag.AlignVCenter,
                     "Columnist's preview (Qt)")
    painter.drawText(left.width() + GAP + 8, 0, right.width(), label_height,
                     Qt.AlignmentFlag.AlignVCenter, "The exported HTML in Chromium")
    painter.drawImage(0, label_height, left)
    painter.drawImage(left.width() + GAP, label_height, right)
    painter.end()
    return picture


SCENES = {"preview-export": preview_export}
