"""The Rating Changes panel: the last month of the bundled ratings, a sentence inserted."""

from __future__ import annotations

from PySide6.QtCore import Qt


def changes(window, stage) -> None:
    """Insert ▸ This Month's Rating Changes…, "Improved or kept Outstanding", and the
    sentence inserted after the column's first paragraph."""
    from columnist.ui.changes_panel import ChangesPanel
    from columnist.ui.panels import OutlinePanel

    panel = window.feature(ChangesPanel)
    window.actions_by_name["insert_changes"].trigger()
    view = panel.view
    stage.wait_until(lambda: view.digest is not None)
    view.kind.setCurrentIndex(view.kind.findText("Improved or kept Outstanding"))
    stage.wait_until(lambda: view.row_texts()[:1] == ["Improved (4)"]
                     and len(view.row_texts()) == 5)
    outline = window.feature(OutlinePanel).dock
    window.resizeDocks([panel.dock], [340], Qt.Orientation.Horizontal)
    window.resizeDocks([outline, panel.dock], [120, 640], Qt.Orientation.Vertical)
    lines = window.editor.text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Every month I read"))
    window.move_cursor_to(first, len(lines[first]))
    view.insert_sentence.click()
    stage.wait_until(lambda: "four trusts improved" in window.preview.toPlainText())
    window.editor.go_to_line(first)
    window.move_cursor_to(first, len(window.editor.text().splitlines()[first]))
    stage.wait(600)
    # The preview shows the inserted sentence with its badges.
    window.preview.scroll_to_line(first + 0.6)


SCENES = {"changes": changes}
