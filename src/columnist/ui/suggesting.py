"""Review ▸ Suggest Changes (Ctrl+Shift+E): edits become suggestions, as in Google Docs.

While it is on (the status bar says "Suggesting"), the keys that change text — typing,
Enter, Tab, Backspace, Delete and their word forms, Cut and Paste (keys, the Edit menu and
the editor's context menu) — are recorded as CriticMarkup by `review.suggesting`, signed
with the reviewer's initials from Preferences. Any other change (a format command, a
drop, Replace All, an inserted trust link) is seen as the new undo step it makes, undone,
and made again as a suggestion (`review.suggesting.suggest_change`), unless it may stand as
it is: a comment, an accepted or rejected mark, or the front matter, which is metadata and
edited directly (marks would break its YAML). What cannot be recorded is refused with a
message in the status bar; the text is left as it was.

Each edit is one undo step, and a run of typing is joined into one (as the editor groups
plain typing). The key filter is a child of the editor, so it goes with it: a filter that
outlived its editor is what once crashed other windows ("Internal C++ object already
deleted"); it also checks the editor is still alive before touching it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLabel, QMenu

from columnist.review.suggesting import (
    SuggestEdit,
    SuggestRefused,
    apply_edit,
    delete,
    front_matter_end,
    suggest_change,
    type_over,
)
from columnist.ui.actions import make_action
from columnist.ui.editor_text import OffsetMap

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction

    from columnist.ui.actions import Menus
    from columnist.ui.editor import MarkdownEditor
    from columnist.ui.main_window import MainWindow

SK = QKeySequence.StandardKey
MESSAGE_MS = 8000
TAB = "    "
FRONT_MATTER_LINES = 400  # a longer head is not front matter anyone types in
_MOVE = QTextCursor.MoveOperation
_KEEP = QTextCursor.MoveMode.KeepAnchor


class SuggestKeys(QObject):
    """The editor's key filter while suggesting (a child of the editor: see the module
    docstring)."""

    def __init__(self, editor: MarkdownEditor, handle: Callable[[QKeyEvent], bool],
                 override: Callable[[QKeyEvent], bool]) -> None:
        super().__init__(editor)
        self._handle = handle
        self._override = override
        self.active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or not shiboken6.isValid(watched):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._handle(event)
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            return self._override(event)
        return False


class SuggestingFeature:
    """The checkable action, the status-bar word and the key filter."""

    action: QAction

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Action in Review ▸ suggest; filter on the editor; Edit ▸ Cut/Paste follow it."""
        self._window = window
        self._join_at: int | None = None  # cursor after the last typed key (undo grouping)
        self._applying = False  # our own edit is being made
        self.action = make_action(window, "&Suggest Changes", self.set_active, "Ctrl+Shift+E",
                                  checkable=True,
                                  tip="Record your edits as suggestions the writer accepts")
        menus.add("review/suggest", "suggest", self.action)
        self.label = QLabel("Suggesting", window.status)
        self.label.setAccessibleName("Suggesting mode is on")
        self.label.setStyleSheet("font-weight: bold; color: palette(highlight); padding: 0 8px;")
        self.label.hide()
        window.status.addPermanentWidget(self.label)
        self.filter = SuggestKeys(window.editor, self._on_key, self._on_override)
        window.editor.installEventFilter(self.filter)
        window.editor.add_context_menu_provider(self._context_menu)
        for name, plain in (("cut", window.editor.cut), ("paste", window.editor.paste),
                            ("paste_plain", window.editor.paste_plain_text)):
            action = menus.actions.get(name)
            if action is not None:
                action.triggered.disconnect()
                action.triggered.connect(self._dispatch(name, plain))

    @property
    def active(self) -> bool:
        return self.filter.active

    def set_active(self, on: bool) -> None:
        """Turn suggesting on or off (the action's check mark follows)."""
        document = self._window.editor.document()
        if on and not self.filter.active:
            document.undoCommandAdded.connect(self._on_undo_command)
        elif not on and self.filter.active:
            document.undoCommandAdded.disconnect(self._on_undo_command)
        self.filter.active = on
        self._join_at = None
        self.label.setVisible(on)
        if self.action.isChecked() != on:
            self.action.setChecked(on)
        if on and not self._initials():
            self._window.status.showMessage(
                "Suggesting. Add your initials in Edit ▸ Preferences (Review) so your "
                "suggestions are signed.", MESSAGE_MS)

    def _initials(self) -> str:
        return str(self._window.settings.get("review/initials")).strip()

    # -- keys -------------------------------------------------------------------------

    def _on_override(self, event: QKeyEvent) -> bool:
        """Paste as plain text is a window shortcut: take its key so the filter sees it."""
        if event.matches(SK.Paste) or event.matches(SK.Cut) or _is_paste_plain(event):
            event.accept()
            return True
        return False

    def _on_key(self, event: QKeyEvent) -> bool:
        """Record the key as a suggestion; True when it was handled here."""
        if self._in_front_matter():
            return False  # metadata: edited directly (marks would break its YAML)
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if _is_paste_plain(event):
            self.paste(plain=True)
        elif event.matches(SK.Paste):
            self.paste()
        elif event.matches(SK.Cut):
            self.cut()
        elif event.matches(SK.DeleteStartOfWord):
            self._delete(_MOVE.PreviousWord, forward=False)
        elif event.matches(SK.DeleteEndOfWord):
            self._delete(_MOVE.NextWord, forward=True)
        elif key == Qt.Key.Key_Backspace and not ctrl:
            self._delete(None, forward=False)
        elif key == Qt.Key.Key_Delete and not ctrl:
            self._delete(None, forward=True)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
            self.type("\n")
        elif key == Qt.Key.Key_Tab and not ctrl:
            self.type(TAB)
        elif key == Qt.Key.Key_Backtab:
            self._message("Unindenting is not recorded as a suggestion; turn off Suggest "
                          "Changes to unindent.")
        else:
            text = event.text()
            printable = bool(text) and all(ch.isprintable() for ch in text)
            if not printable or (ctrl and not alt) or mods & Qt.KeyboardModifier.MetaModifier:
                return False
            self.type(text)
        return True

    def _in_front_matter(self) -> bool:
        """Whether the selection lies in the front matter (read from the first lines
        only: this runs on every key)."""
        document = self._window.editor.document()
        block = document.firstBlock()
        if block.text().lstrip("\ufeff") != "---":
            return False
        head: list[str] = []
        while block.isValid() and len(head) < FRONT_MATTER_LINES:
            head.append(block.text())
            block = block.next()
        end = front_matter_end("\n".join(head) + "\n")
        if not end:
            return False
        lines = "\n".join(head).count("\n", 0, end)
        cursor = self._window.editor.textCursor()
        return document.findBlock(cursor.selectionEnd()).blockNumber() < lines

    # -- changes made another way (format commands, drops, Replace All, the picker) -----

    def _on_undo_command(self) -> None:
        """A new undo step that is not ours: look at it once the change is complete."""
        if not self._applying and self.filter.active:
            QTimer.singleShot(0, self.filter, self._convert_last_change)

    def _convert_last_change(self) -> None:
        """Undo the change and make it again as a suggestion, unless it may stand (the
        front matter, a comment, a mark resolved: `review.suggesting.suggest_change`)."""
        editor = self._window.editor
        document = editor.document()
        if not self.filter.active or not document.isUndoAvailable():
            return
        new = editor.text()
        self._applying = True
        try:
            document.undo()
        finally:
            self._applying = False
        old = editor.text()
        try:
            edit = suggest_change(old, new, self._initials())
        except SuggestRefused as exc:
            self._message(f"{exc} The change was undone.")
            return
        if edit is None:
            self._applying = True
            try:
                document.redo()
            finally:
                self._applying = False
            return
        self._join_at = None
        self._apply(old, self._offsets(old), edit, join=False)

    # -- edits ------------------------------------------------------------------------

    def _offsets(self, text: str) -> OffsetMap | _Same:
        """Python ↔ Qt positions for `text`, the editor's text now; without astral
        characters (the usual case) they are the same, and no scan is needed."""
        if self._window.editor.document().characterCount() - 1 == len(text):
            return _SAME
        return OffsetMap(text)

    def _selection(self, text: str) -> tuple[int, int, OffsetMap | _Same]:
        offsets = self._offsets(text)
        cursor = self._window.editor.textCursor()
        return offsets.to_py(cursor.selectionStart()), offsets.to_py(cursor.selectionEnd()), offsets

    def type(self, typed: str) -> None:
        """Type (or paste) `typed` over the selection, as a suggestion."""
        text = self._window.editor.text()
        start, end, offsets = self._selection(text)
        try:
            edit = type_over(text, start, end, typed, self._initials())
        except SuggestRefused as exc:
            self._message(str(exc))
            return
        join = (self._join_at == start == end and edit.start == edit.end
                and edit.replacement == typed and "\n" not in typed)
        self._apply(text, offsets, edit, join)
        self._join_at = edit.cursor if len(typed) == 1 else None

    def _delete(self, move: QTextCursor.MoveOperation | None, forward: bool) -> None:
        editor = self._window.editor
        if move is not None and not editor.textCursor().hasSelection():
            cursor = editor.textCursor()
            cursor.movePosition(move, _KEEP)
            editor.setTextCursor(cursor)
        text = editor.text()
        start, end, offsets = self._selection(text)
        try:
            edit = delete(text, start, end, self._initials(), forward)
        except SuggestRefused as exc:
            self._message(str(exc))
            return
        self._join_at = None
        if edit is not None:
            self._apply(text, offsets, edit, join=False)

    def cut(self) -> None:
        """Copy the selection, then record its deletion."""
        editor = self._window.editor
        if not editor.textCursor().hasSelection():
            return
        editor.copy()
        self._delete(None, forward=False)

    def paste(self, plain: bool = False) -> None:
        """The clipboard's text (formatted HTML as Markdown unless `plain`), suggested."""
        from PySide6.QtGui import QGuiApplication

        clipboard = QGuiApplication.clipboard()
        text = None
        mime = clipboard.mimeData()
        if not plain and mime is not None:
            from columnist.ui.paste import PasteFeature

            try:
                text = self._window.feature(PasteFeature).convert(mime)
            except LookupError:
                text = None
        if text is None:
            text = clipboard.text()
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            self._join_at = None
            self.type(text)
            self._join_at = None

    def _apply(self, text: str, offsets: OffsetMap | _Same, edit: SuggestEdit, join: bool
               ) -> None:
        """Make `edit` in the editor as one undo step (joined to the last with `join`)."""
        editor = self._window.editor
        new = apply_edit(text, edit)
        cursor = QTextCursor(editor.document())
        self._applying = True
        try:
            if join:
                cursor.joinPreviousEditBlock()
            else:
                cursor.beginEditBlock()
            cursor.setPosition(offsets.to_qt(edit.start))
            cursor.setPosition(offsets.to_qt(edit.end), _KEEP)
            cursor.insertText(edit.replacement)
            cursor.endEditBlock()
        finally:
            self._applying = False
        after = editor.textCursor()
        after.setPosition(self._offsets(new).to_qt(edit.cursor))
        editor.setTextCursor(after)
        editor.ensureCursorVisible()

    def _message(self, text: str) -> None:
        self._window.status.showMessage(text, MESSAGE_MS)

    # -- menus ------------------------------------------------------------------------

    def _dispatch(self, name: str, plain: Callable[[], None]) -> Callable[..., None]:
        def run(_checked: bool = False) -> None:
            if not self.active:
                plain()
            elif name == "cut":
                self.cut()
            else:
                self.paste(plain=name == "paste_plain")

        return run

    def _context_menu(self, menu: QMenu, _position: QPoint) -> None:
        """The editor's own Cut, Paste and Delete entries record suggestions too."""
        if not self.active:
            return
        handlers = {"edit-cut": self.cut, "edit-paste": self.paste,
                    "edit-delete": lambda: self._delete(None, forward=False)}
        for entry in menu.actions():
            handler = handlers.get(entry.objectName())
            if handler is not None:
                entry.triggered.disconnect()
                entry.triggered.connect(lambda _c=False, h=handler: h())


class _Same:
    """Positions that are the same in Python and Qt (a text without astral characters)."""

    @staticmethod
    def to_qt(index: int) -> int:
        return index

    @staticmethod
    def to_py(position: int) -> int:
        return position


_SAME = _Same()


def _is_paste_plain(event: QKeyEvent) -> bool:
    return QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+V")
