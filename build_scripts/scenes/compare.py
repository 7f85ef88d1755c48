"""Comparing with a returned copy, its differences as suggestions, and the review copy."""

from __future__ import annotations

from pathlib import Path

from columnist.ui.compare_feature import CompareFeature

# A reviewer's edits to the sample column, as they come back by email.
EDITS = (
    ("a workforce stretched thin", "a workforce stretched very thin"),
    ("I want to talk about the ones", "I want to look at the ones"),
    ("not a verdict for all time.", "not a final verdict."),
    ("status: draft", "status: in review"),
)


def _returned_copy(window) -> Path:
    """The sample with the reviewer's edits, beside the column."""
    text = window.editor.text()
    for old, new in EDITS:
        text = text.replace(old, new, 1)
    path = Path(window.session.controller.path).with_name("column-from-KB.md")
    path.write_text(text, encoding="utf-8")
    return path


def compare(window, stage) -> None:
    """File ▸ Compare with File… on the reviewer's copy, inline, word by word."""
    from columnist.ui.compare_feature import CompareFeature

    feature = window.feature(CompareFeature)
    feature.compare_with_file(str(_returned_copy(window)))
    dialog = feature.dialog
    stage.wait_until(dialog.isVisible)
    dialog.resize(1100, 700)
    dialog.move(window.frameGeometry().topLeft() + window.rect().center()
                - dialog.rect().center())
    dialog.pane.inline.setChecked(True)
    stage.wait(300)


def compare_dark(window, stage) -> None:
    """The same dialog side by side, in the dark theme."""
    from columnist.ui.theme import ThemeMenu

    window.feature(ThemeMenu).set_theme("dark")
    stage.wait(800)
    compare(window, stage)
    window.feature(CompareFeature).dialog.pane.inline.setChecked(False)
    stage.wait(300)


def compare_suggestions(window, stage) -> None:
    """The differences turned into suggestions, in the editor and the preview."""
    from columnist.ui.compare_feature import CompareFeature

    feature = window.feature(CompareFeature)
    feature.compare_with_file(str(_returned_copy(window)))
    dialog = feature.dialog
    stage.wait_until(dialog.isVisible)
    dialog.suggest_button.click()
    stage.wait_until(lambda: "{++very ++}" in window.editor.text())
    stage.wait_until(lambda: "very" in window.preview.toPlainText())
    window.editor.go_to_line(9)
    stage.wait(600)


def review_copy(window, stage) -> None:
    """File ▸ Export Review Copy (PDF)… open in the menu; page 1 of the PDF of the sample
    with the suggestions and two comments, drawn as in the PDF, to review-copy-page.png."""
    import datetime as dt

    from columnist.export.base import Column
    from columnist.export.review_copy import review_copy_content, review_copy_page_image

    compare_suggestions(window, stage)
    text = window.editor.text().replace(
        "A rating is a snapshot",
        "{==A rating is a snapshot==}{>>KB: Lovely line; keep it.<<}", 1,
    ).replace(
        "often in less time than people expect:",
        "often in less time than people expect:{>>AB: Can we say how long?<<}", 1,
    )
    window.editor.replace_text(text)
    content = review_copy_content(Column(text, window.session.controller.path),
                                  dt.date(2026, 12, 4))
    out = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "review-copy-page.png"
    review_copy_page_image(content).save(str(out))
    print(f"screenshots: {out.name}")
    menu = window.menuBar().actions()[0].menu()
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    stage.wait(300)
    menu.setActiveAction(window.actions_by_name["review_copy"])


SCENES = {"compare": compare, "compare-dark": compare_dark,
          "compare-suggestions": compare_suggestions,
          "review-copy": review_copy}
