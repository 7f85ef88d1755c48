"""The Format menu: bold, italic, link, headings, lists, quote, code and rule.

Every entry is one text operation from `columnist.markdown.formatting` (pure, with its
doctests) applied to the editor's selection as one undo step; this module only maps the
menu to them. Standard shortcuts where the platform has them (Bold, Italic), the common
ones elsewhere (Ctrl+K for a link, Ctrl+1…6 for headings, Google Docs' Ctrl+Shift+7 / 8
for lists). Body text is Ctrl+Shift+0, since Ctrl+0 is View ▸ Reset Zoom; a heading
shortcut pressed on a heading of that level also makes it body text again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor

from columnist.markdown import formatting
from columnist.ui.actions import make_action
from columnist.ui.editor_text import OffsetMap

if TYPE_CHECKING:
    from columnist.markdown.formatting import Edit
    from columnist.ui.actions import Menus
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.main_window import MainWindow

SK = QKeySequence.StandardKey
Operation = Callable[[str, int, int], "Edit"]

# (section, name, text, operation, shortcut)
INLINE: tuple[tuple[str, str, Operation, SK | str | None], ...] = (
    ("bold", "&Bold", formatting.toggle_bold, SK.Bold),
    ("italic", "&Italic", formatting.toggle_italic, SK.Italic),
    ("inline_code", "Inline &Code", formatting.toggle_code, "Ctrl+Shift+`"),
)
BLOCKS: tuple[tuple[str, str, Operation, str | None], ...] = (
    ("bullets", "B&ulleted List", formatting.toggle_bullets, "Ctrl+Shift+8"),
    ("numbers", "&Numbered List", formatting.toggle_numbers, "Ctrl+Shift+7"),
    ("quote", "&Quote", formatting.toggle_quote, "Ctrl+Shift+Q"),
    ("code_block", "Code Bl&ock", formatting.toggle_code_block, "Ctrl+Shift+K"),
    ("rule", "Horizontal &Rule", formatting.toggle_rule, None),
)
HEADING_MNEMONICS = "123456"


def apply_operation(editor: MarkdownEditor, operation: Operation, *args: object) -> None:
    """Run `operation` on the editor's text and selection; apply its edit as one undo
    step and select what it says."""
    text = editor.text()
    offsets = OffsetMap(text)
    cursor = editor.textCursor()
    start = offsets.to_py(cursor.selectionStart())
    end = offsets.to_py(cursor.selectionEnd())
    edit = operation(text, start, end, *args)
    if edit.start == edit.end and not edit.replacement:
        return
    editor.replace_range(edit.start, edit.end, edit.replacement, text=text)
    after = OffsetMap(edit.apply(text))
    anchor, position = edit.selection
    cursor = QTextCursor(editor.document())
    cursor.setPosition(after.to_qt(anchor))
    cursor.setPosition(after.to_qt(position), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()


def clipboard_text() -> str:
    """The clipboard's plain text ('' when it holds none)."""
    clipboard = QGuiApplication.clipboard()
    return clipboard.text() if clipboard is not None else ""


class FormatMenu:
    """Format ▸ …, each entry toggling its markup at the selection (see the module)."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The menu's entries in their sections (inline, link, headings, blocks)."""
        editor = window.editor

        def add(where: str, name: str, text: str, run: Callable[[], None],
                shortcut: SK | str | None) -> None:
            action = make_action(window, text, run, shortcut)
            menus.add(where, name, action)

        for name, text, operation, shortcut in INLINE:
            add("format/inline", name, text, lambda op=operation: apply_operation(editor, op),
                shortcut)
        add("format/link", "link", "&Link…",
            lambda: apply_operation(editor, formatting.toggle_link, clipboard_text()), "Ctrl+K")
        for level in range(1, 7):
            add("format/headings", f"heading_{level}",
                f"Heading &{HEADING_MNEMONICS[level - 1]}",
                lambda lv=level: apply_operation(editor, formatting.set_heading, lv),
                f"Ctrl+{level}")
        add("format/headings", "body_text", "Body &Text",
            lambda: apply_operation(editor, formatting.set_heading, 0), "Ctrl+Shift+0")
        for name, text, operation, shortcut in BLOCKS:
            add("format/blocks", name, text, lambda op=operation: apply_operation(editor, op),
                shortcut)
        menus.actions["link"].setStatusTip(
            "Make the selected text a link; a web address on the clipboard becomes its target"
        )
