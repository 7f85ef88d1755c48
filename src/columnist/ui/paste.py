"""Pasting from Word, Google Docs, Outlook or a web page keeps its formatting, as Markdown.

The editor asks this feature what pasted (or dropped) data inserts: clipboard HTML with
formatting becomes Markdown through `render.pasted_html` (sanitised first, nothing
fetched); anything else is pasted as the plain text it is. Edit ▸ Paste as Plain Text
(Ctrl+Shift+V) always pastes the plain text. The status bar says when formatting was
kept and when images were left out, so nothing is dropped in silence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from columnist.ui.actions import make_action

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

MESSAGE_MS = 6000


class PasteFeature:
    """Formatted paste as Markdown, and Edit ▸ Paste as Plain Text."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The editor's paste converter and the plain-text paste action."""
        self._window = window
        window.editor.set_paste_converter(self.convert)
        action = make_action(window, "Paste as Plain Te&xt", window.editor.paste_plain_text,
                             "Ctrl+Shift+V",
                             tip="Paste the clipboard's text without its formatting")
        menus.add("edit/clipboard", "paste_plain", action)

    def convert(self, mime: QMimeData) -> str | None:
        """The Markdown for `mime`'s HTML, or None (paste its plain text)."""
        if not mime.hasHtml():
            return None
        from columnist.render.pasted_html import pasted_markdown

        pasted = pasted_markdown(mime.html())
        if pasted is None:
            return None
        message = "Pasted with its formatting, as Markdown."
        if pasted.images_left_out:
            count = pasted.images_left_out
            message += (f" {count} image{'s were' if count != 1 else ' was'} left out: "
                        "save it in the column's folder and link it.")
        self._window.status.showMessage(message, MESSAGE_MS)
        return pasted.text
