"""The preview pane shows everything the writer typed, and nothing from outside the folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from columnist.ui.preview import PreviewDocument
from helpers.hostile_html import AFTER, HOSTILE
from helpers.windows import window_on


def test_the_preview_keeps_the_paragraph_after_each_hostile_construct(
    qtbot, tmp_path: Path, questions
) -> None:
    window = window_on(qtbot, tmp_path, "Start.\n")
    qtbot.waitUntil(lambda: "Start." in window.preview.toPlainText())
    for name, (typed, visible) in HOSTILE.items():
        window.editor.replace_text(f"# {name}\n\n{typed}\n\n{AFTER}\n\nThe end.\n")
        qtbot.waitUntil(lambda name=name: name in window.preview.toPlainText(), timeout=5000)
        shown = window.preview.toPlainText()
        assert AFTER in shown, name
        assert "The end." in shown, name
        assert visible in shown, name


def test_the_preview_notes_a_removed_element_with_its_line(qtbot, tmp_path: Path, questions):
    window = window_on(qtbot, tmp_path, "Intro.\n\n<script>steal()</script>\n\nAfter.\n")
    qtbot.waitUntil(lambda: "After." in window.preview.toPlainText())
    shown = window.preview.toPlainText()
    assert "[removed: <script> element, line 3]" in shown
    assert "steal" not in shown


def _picture(path: Path) -> None:
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    assert picture.save(str(path), "PNG")


def test_the_preview_loads_no_file_from_outside_the_column_folder(tmp_path: Path) -> None:
    folder = tmp_path / "column"
    folder.mkdir()
    _picture(folder / "inside.png")
    _picture(tmp_path / "outside.png")
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    doc = PreviewDocument(folder)
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert doc.loadResource(kind, QUrl("inside.png")) is not None
    assert doc.loadResource(kind, QUrl.fromLocalFile(str(folder / "inside.png"))) is not None
    assert doc.loadResource(kind, QUrl("../outside.png")) is None
    assert doc.loadResource(kind, QUrl.fromLocalFile(str(tmp_path / "outside.png"))) is None
    assert doc.loadResource(kind, QUrl("link.png")) is None
    assert doc.loadResource(kind, QUrl("https://example.org/tracker.png")) is None
    assert PreviewDocument(None).loadResource(kind, QUrl("inside.png")) is None


def test_the_preview_shows_why_an_image_is_not_shown(qtbot, tmp_path: Path, questions):
    folder = tmp_path / "column"
    folder.mkdir()
    _picture(tmp_path / "outside.png")
    window = window_on(qtbot, folder, "Intro.\n\n![x](../outside.png)\n\nAfter.\n")
    qtbot.waitUntil(lambda: "After." in window.preview.toPlainText())
    assert "[Image not shown: ../outside.png is outside the column's folder]" in (
        window.preview.toPlainText()
    )
