"""The review workflow: a column with comments and suggestions, the Review panel open."""

from __future__ import annotations

from PySide6.QtCore import Qt


def review(window, stage) -> None:
    """Two reviewers' marks on the sample column (made through the comment and suggesting
    features, as a reviewer would), suggesting mode on, the Review panel beside the text."""
    from columnist.review.marks import add_comment
    from columnist.ui.panels import OutlinePanel
    from columnist.ui.review_panel import ReviewPanel
    from columnist.ui.suggesting import SuggestingFeature

    editor = window.editor
    suggesting = window.feature(SuggestingFeature)

    def select(needle: str, length: int | None = None) -> None:
        at = editor.text().index(needle)
        cursor = editor.textCursor()
        cursor.setPosition(at)
        cursor.setPosition(at + (len(needle) if length is None else length),
                           cursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)

    window.settings.set("review/initials", "CD")
    suggesting.set_active(True)
    select("a busy winter")
    suggesting.type("a long winter")
    select("stretched thin")
    suggesting.type("stretched to breaking point")
    window.settings.set("review/initials", "KB")
    select("Some of those reports")
    suggesting.type("Happily, some")
    at = editor.text().index("not a verdict for all time")
    text, _ = add_comment(editor.text(), at, at + len("not a verdict for all time"), "KB",
                          "Lovely line. Can we keep it for the headline?")
    editor.replace_text(text)
    at = editor.text().index("real c")
    text, _ = add_comment(editor.text(), at, at + len("real change"), "CD",
                          "Which trusts? Name two here.")
    editor.replace_text(text)
    from columnist.review.marks import add_reply

    text, _ = add_reply(editor.text(), editor.text().index("{>>CD: Which") + 3, "KB",
                        "The Christie and Dorset County.")
    editor.replace_text(text)

    panel = window.feature(ReviewPanel)
    window.actions_by_name["review_panel"].setChecked(True)
    outline = window.feature(OutlinePanel).dock
    window.actions_by_name["outline"].setChecked(False)
    outline.hide()
    window.resizeDocks([panel.dock], [430], Qt.Orientation.Horizontal)
    stage.wait_until(lambda: panel.view.list.topLevelItemCount() >= 5)
    panel.view.list.setCurrentItem(panel.view.list.topLevelItem(2))
    editor.go_to_line(9)
    select("Happily")
    stage.wait_until(lambda: "Happily" in window.preview.toPlainText())
    stage.wait(600)


SCENES = {"review": review}
