"""Publishing: the Export dialog on Medium-ready copy, and the Publish to Medium guide."""

from __future__ import annotations

TABLE = """

| Trust | Rating before | Rating now |
|---|---|---|
| University Hospitals Bristol | Outstanding | Outstanding |
| West Midlands Ambulance Service | Outstanding | Outstanding |
"""


def _centre(window, dialog) -> None:
    """Keep the dialog inside the window's frame (the grab is of that area)."""
    frame = window.frameGeometry()
    dialog.move(frame.center() - dialog.rect().center())


def export_dialog(window, stage) -> None:
    """File ▸ Export… on Medium-ready copy, for the column with a table added at its end."""
    from columnist.ui.publishing import PublishingFeature

    window.editor.replace_text(window.editor.text().rstrip("\n") + TABLE)
    window.actions_by_name["export"].trigger()
    dialog = window.feature(PublishingFeature).dialog
    dialog.resize(900, 660)
    _centre(window, dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("medium"))
    stage.wait_until(lambda: "Rating now" in dialog.preview.toPlainText()
                     or "Rating now:" in dialog.preview.toPlainText())
    stage.wait(300)


IMAGE = """

![The ward's improvement board, updated every morning](board.png "The board at the nurses' station")
"""


def medium_guide(window, stage) -> None:
    """File ▸ Publish to Medium…, for the column with an image added, the title and
    subtitle copied (ticked)."""
    import shutil
    from pathlib import Path

    from columnist.ui.publishing import PublishingFeature

    folder = Path(window.session.controller.path).parent
    shutil.copyfile(Path(__file__).resolve().parents[2] / "resources/icons/columnist.png",
                    folder / "board.png")
    window.editor.replace_text(window.editor.text().rstrip("\n") + IMAGE)

    feature = window.feature(PublishingFeature)
    window.actions_by_name["publish_medium"].trigger()
    stage.wait_until(lambda: feature.guide is not None and feature.guide.isVisible())
    guide = feature.guide
    guide.resize(700, 420)
    _centre(window, guide)
    guide.buttons["title"].click()
    guide.buttons["subtitle"].click()
    guide.buttons["body"].setFocus()
    stage.wait(300)


def export_dialog_dark(window, stage) -> None:
    """The Export dialog in the dark theme (View ▸ Theme ▸ Dark), on plain text."""
    from columnist.ui.publishing import PublishingFeature
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    window.actions_by_name["export"].trigger()
    dialog = window.feature(PublishingFeature).dialog
    dialog.resize(900, 660)
    _centre(window, dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("text"))
    stage.wait_until(lambda: dialog.preview.toPlainText().startswith("What re-inspection"))
    stage.wait(300)


SCENES = {"export-dialog": export_dialog, "export-dialog-dark": export_dialog_dark,
          "medium-guide": medium_guide}
