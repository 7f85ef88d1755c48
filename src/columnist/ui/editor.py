"""The Markdown editor: a calm QPlainTextEdit for writing a column.

QPlainTextEdit (not QTextEdit) because it lays out lazily and stays fast on long documents.
On top of it: exact text access (no silent nbsp/line-separator changes), list continuation
on Enter, soft tabs, zoom, a focus mode with a centred measure and dimmed surroundings, and
the signals the window needs for scroll sync and the outline.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from columnist.markdown.lists import match_list_item, match_quote
from columnist.ui.editor_text import OffsetMap, document_text
from columnist.ui.highlighter import MarkdownHighlighter

TAB_WIDTH = 4
FOCUS_MEASURE_CHARS = 70
# The widest the text runs otherwise (a pane wider than this centres it, as iA Writer
# does): a readable line when the preview is hidden on a wide screen.
READING_MEASURE_CHARS = 80
MIN_POINT_SIZE = 6
MAX_ZOOM_STEPS = 30

# Adds entries to the editor's context menu: (menu, position in viewport coordinates).
ContextMenuProvider = Callable[[QMenu, QPoint], None]
# The text to insert for pasted or dropped data (None: Qt's own plain-text insertion).
PasteConverter = Callable[[QMimeData], "str | None"]

_WRITING_FONTS = ("DejaVu Sans Mono", "Menlo", "Consolas", "Cascadia Mono", "Liberation Mono")


def writing_font(point_size: float = 13.0) -> QFont:
    """A monospaced writing font (Markdown markup lines up; iA Writer and Ghostwriter agree)."""
    families = set(QFontDatabase.families())
    for family in _WRITING_FONTS:
        if family in families:
            font = QFont(family)
            break
    else:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def continuation_prefix(line: str) -> tuple[str, bool] | None:
    """What Enter at the end of `line` should start the next line with.

    Returns (prefix, item_is_empty) or None when the line is not a list item or quote.
    Numbers increment ("3. " → "4. "); task boxes restart unticked ("- [x] " → "- [ ] ").

    >>> continuation_prefix("2. two")
    ('3. ', False)
    >>> continuation_prefix("- ")
    ('- ', True)
    """
    m = match_list_item(line)
    if m:
        marker = m["marker"]
        if m["number"] is not None:
            marker = f"{int(m['number']) + 1}{m['delimiter']}"
        prefix = f"{m['indent']}{marker}{m['gap']}" + ("[ ] " if m["task"] else "")
        return prefix, not line[m.end() :].strip()
    m = match_quote(line)
    if m:
        return m.group(), not line[m.end() :].strip()
    return None


class MarkdownEditor(QPlainTextEdit):
    """The writing surface: a plain-text editor (as smooth as a bare text box) with
    Markdown highlighting, list continuation, zoom, focus mode and line navigation.

    The window and the panels use `text()`, `set_text()`, `replace_text()` (one undo
    step), `go_to_line()`, `scroll_to_line()` and the signals below."""

    cursorLineChanged = Signal(int)  # 0-based block number of the cursor
    topLineChanged = Signal(int)  # 0-based first visible block; not emitted by scroll_to_line
    zoomChanged = Signal(int)  # zoom steps after Ctrl+wheel (the window persists/applies it)

    def __init__(self, parent: QWidget | None = None, point_size: float = 13.0) -> None:
        super().__init__(parent)
        self._base_point_size = point_size
        self._zoom = 0
        self._focus_mode = False
        self._dark = False
        self._last_cursor_line = -1
        self._last_top_line = -1
        self._programmatic_scroll = False
        self._selection_groups: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._context_menu_providers: list[ContextMenuProvider] = []
        self._paste_converter: PasteConverter | None = None
        self._measure_chars = FOCUS_MEASURE_CHARS

        self.setFont(writing_font(point_size))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(self.wordWrapMode())  # WrapAtWordBoundaryOrAnywhere (default)
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(12)
        self.setAccessibleName("Column text")
        # Focus mode's side margins lie outside the viewport: paint them like the page.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setPlaceholderText("Write your column here…")
        self._update_tab_stop()

        self.highlighter = MarkdownHighlighter(self.document())

        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        # Focus-mode dimming follows the cursor; batch it to once per event-loop turn.
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(0)
        self._focus_timer.timeout.connect(self._update_focus_dimming)
        self._apply_margins()

    # -- text ---------------------------------------------------------------------------

    def text(self) -> str:
        """The exact text: no-break spaces and every other character kept, "\\n" newlines."""
        return document_text(self.document())

    def set_text(self, text: str) -> None:
        """Replace the content (e.g. a file just opened): clears undo and the modified flag."""
        self._programmatic_scroll = True
        try:
            self.setPlainText(text)
        finally:
            self._programmatic_scroll = False
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)
        self._last_cursor_line = -1
        self._on_cursor_moved()
        self._emit_top_line()

    def replace_text(self, new_text: str) -> None:
        """Change the content to `new_text` as ONE undo step, touching only what differs.

        Used for metadata edits and "Restore this version": the common prefix and suffix
        are kept, so the cursor, the scroll position and the highlighting of untouched
        lines survive, and Ctrl+Z brings the previous text back in one go.
        """
        from columnist.core.text_span import changed_span

        old = self.text()
        if old == new_text:
            return
        start, end_old, end_new = changed_span(old, new_text)
        self.replace_range(start, end_old, new_text[start:end_new], text=old)

    def replace_range(
        self, start: int, end: int, replacement: str, text: str | None = None
    ) -> None:
        """Replace Python indexes [start, end) of the text with `replacement` (one undo step)."""
        offsets = OffsetMap(self.text() if text is None else text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        cursor.endEditBlock()

    # -- navigation ---------------------------------------------------------------------

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of `line` and show it in the top third of the view."""
        block = self.document().findBlockByNumber(max(0, min(line, self.blockCount() - 1)))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        visible = max(1, int(self.viewport().height() / self.fontMetrics().lineSpacing()))
        self._set_top_visual_line(max(0, block.firstLineNumber() - visible // 3), emit=True)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def scroll_to_line(self, line: int) -> None:
        """Scroll so `line` is at the top, without moving the cursor (scroll sync).

        Does not emit topLineChanged, so editor and preview cannot ping-pong.
        """
        block = self.document().findBlockByNumber(max(0, min(line, self.blockCount() - 1)))
        self._set_top_visual_line(block.firstLineNumber(), emit=False)

    def first_visible_line(self) -> int:
        """0-based number of the first block (source line) visible at the top."""
        return self.firstVisibleBlock().blockNumber()

    def _set_top_visual_line(self, visual_line: int, emit: bool) -> None:
        bar = self.verticalScrollBar()
        self._programmatic_scroll = not emit
        try:
            bar.setValue(min(visual_line, bar.maximum()))
        finally:
            self._programmatic_scroll = False
        if emit:
            self._emit_top_line()
        else:
            self._last_top_line = self.first_visible_line()

    def _on_scrolled(self, _value: int) -> None:
        if not self._programmatic_scroll:
            self._emit_top_line()

    def _emit_top_line(self) -> None:
        top = self.first_visible_line()
        if top != self._last_top_line:
            self._last_top_line = top
            self.topLineChanged.emit(top)

    def _on_cursor_moved(self) -> None:
        line = self.textCursor().blockNumber()
        if line != self._last_cursor_line:
            self._last_cursor_line = line
            self.cursorLineChanged.emit(line)
        if self._focus_mode:
            self._focus_timer.start()

    # -- appearance -----------------------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Font size = base + `steps` points (0 = the configured size)."""
        steps = max(MIN_POINT_SIZE - int(self._base_point_size), min(MAX_ZOOM_STEPS, steps))
        self._zoom = steps
        font = self.font()
        font.setPointSizeF(self._base_point_size + steps)
        self.setFont(font)
        self._update_tab_stop()
        self._apply_margins()

    def set_base_point_size(self, size: float) -> None:
        """Change the configured font size (settings), keeping the zoom steps."""
        self._base_point_size = size
        self.set_zoom(self._zoom)

    def set_font_choice(self, family: str = "", proportional: bool = False) -> None:
        """The writer's font (Preferences): `family`, else a proportional system font when
        `proportional`, else the monospaced writing font; size and zoom are kept."""
        size = self.font().pointSizeF()
        if family:
            font = QFont(family)
        elif proportional:
            font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        else:
            font = writing_font(size)
        font.setPointSizeF(size)
        self.setFont(font)
        self._update_tab_stop()
        self._apply_margins()

    @property
    def measure_chars(self) -> int:
        return self._measure_chars

    def set_measure(self, chars: int) -> None:
        """How many characters a line of the centred measure holds (Preferences)."""
        self._measure_chars = max(20, chars)
        self._apply_margins()

    def set_dark(self, dark: bool) -> None:
        """Switch the highlighter (and focus-mode dimming) to the dark or light palette."""
        self._dark = dark
        self.highlighter.set_dark(dark)
        if self._focus_mode:
            self._update_focus_dimming()

    @property
    def focus_mode(self) -> bool:
        return self._focus_mode

    def set_focus_mode(self, on: bool) -> None:
        """Centred ~70-character measure; paragraphs other than the current one dimmed."""
        self._focus_mode = on
        self._apply_margins()
        self._update_focus_dimming()

    def _update_tab_stop(self) -> None:
        self.setTabStopDistance(QFontMetricsF(self.font()).horizontalAdvance(" ") * TAB_WIDTH)

    def _apply_margins(self) -> None:
        """Centre the text in a measure of so many characters when the pane is wider
        (focus mode: the line width chosen in Preferences; otherwise never narrower than
        READING_MEASURE_CHARS)."""
        chars = (self._measure_chars if self._focus_mode
                 else max(self._measure_chars, READING_MEASURE_CHARS))
        metrics = QFontMetricsF(self.font())
        measure = metrics.horizontalAdvance("n") * chars
        measure += 2 * self.document().documentMargin() + self.verticalScrollBar().width()
        side = max(0, int((self.width() - measure) / 2))
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()

    def viewport_rect(self) -> QRect:
        """The text area inside the margins (tests check the focus-mode measure)."""
        return self.viewport().geometry()

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # -- extra selections -------------------------------------------------------------

    def set_selection_group(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Extra selections by owner (focus dimming, find matches) so they don't clobber."""
        self._selection_groups[name] = selections
        merged: list[QTextEdit.ExtraSelection] = []
        for group in self._selection_groups.values():
            merged.extend(group)
        self.setExtraSelections(merged)

    def _update_focus_dimming(self) -> None:
        if not self._focus_mode:
            self.set_selection_group("focus", [])
            return
        document = self.document()
        block = self.textCursor().block()
        first = last = block
        if block.text().strip():
            while first.previous().isValid() and first.previous().text().strip():
                first = first.previous()
            while last.next().isValid() and last.next().text().strip():
                last = last.next()
        dim = QColor("#6b6b6b" if self._dark else "#b3b3b3")
        selections: list[QTextEdit.ExtraSelection] = []
        ranges = (
            (0, first.position()),
            (last.position() + last.length(), document.characterCount()),
        )
        for start, end in ranges:
            if end - start <= 1 and start >= end:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(max(start, end - 1), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format.setForeground(dim)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selections.append(sel)
        self.set_selection_group("focus", selections)

    # -- context menu -------------------------------------------------------------------

    def add_context_menu_provider(self, provider: ContextMenuProvider) -> None:
        """Let a feature add its entries to the right-click menu (after Qt's own: undo,
        clipboard, select all), each provider's after a line; `provider(menu, position)`
        gets the clicked point in viewport coordinates, for entries about what is there."""
        self._context_menu_providers.append(provider)

    def context_menu(self, position: QPoint) -> QMenu:
        """The menu for a right-click at `position` (viewport coordinates)."""
        menu = self.createStandardContextMenu(position)
        for provider in self._context_menu_providers:
            menu.addSeparator()
            provider(menu, position)
        return menu

    # -- pasting ------------------------------------------------------------------------

    def set_paste_converter(self, converter: PasteConverter | None) -> None:
        """Let a feature decide what pasted or dropped data inserts (formatted HTML as
        Markdown); `converter(mime)` returns the text, or None for the plain text."""
        self._paste_converter = converter

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = self._paste_converter(source) if self._paste_converter is not None else None
        if text is None:
            super().insertFromMimeData(source)
            return
        self.textCursor().insertText(text)
        self.ensureCursorVisible()

    def paste_plain_text(self) -> None:
        """Paste the clipboard's plain text, whatever formatting it also holds."""
        from PySide6.QtGui import QGuiApplication

        text = QGuiApplication.clipboard().text()
        if text:
            self.textCursor().insertText(text.replace("\r\n", "\n").replace("\r", "\n"))
            self.ensureCursorVisible()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods == Qt.KeyboardModifier.NoModifier and self._continue_block():
                return
            if mods == Qt.KeyboardModifier.ShiftModifier:
                # Qt would insert U+2028 (a line separator) that Markdown files never want.
                self.textCursor().insertText("\n")
                self.ensureCursorVisible()
                return
        elif key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            self._indent(+1)
            return
        elif key == Qt.Key.Key_Backtab:
            self._indent(-1)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self._zoom + (1 if delta > 0 else -1))
                self.zoomChanged.emit(self._zoom)
            event.accept()
            return
        super().wheelEvent(event)

    def _continue_block(self) -> bool:
        """Enter in a list item or quote: continue it; Enter on an empty item ends the list."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        line = block.text()
        column = cursor.positionInBlock()
        result = continuation_prefix(line)
        if result is None:
            return False
        prefix, empty = result
        if empty:
            if line[column:].strip():
                return False
            # End the list/quote: the empty marker becomes the blank line that separates
            # the list from the next paragraph (else Markdown would continue the item).
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            if block.previous().isValid() and block.previous().text().strip():
                cursor.insertText("\n")
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        m = match_list_item(line) or match_quote(line)
        if m is None or column < m.end():
            return False  # cursor inside the marker: a plain newline
        cursor.beginEditBlock()
        rest = line[column:]
        spaces = len(rest) - len(rest.lstrip(" \t"))
        if spaces and rest.strip():  # splitting "- one | two": no "-  two"
            cursor.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, spaces
            )
        cursor.insertText("\n" + prefix)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    def _indent(self, direction: int) -> None:
        """Tab: soft tab at the cursor, or indent selected lines / a list item by one level."""
        cursor = self.textCursor()
        indent = " " * TAB_WIDTH
        block = cursor.block()
        item = match_list_item(block.text())
        in_list_marker = item is not None and cursor.positionInBlock() <= item.end()
        if direction > 0 and not cursor.hasSelection() and not in_list_marker:
            column = cursor.positionInBlock()
            cursor.insertText(" " * (TAB_WIDTH - column % TAB_WIDTH))
            return
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(max(cursor.selectionStart(), cursor.selectionEnd() - 1))
        if cursor.hasSelection() and cursor.selectionEnd() == last.position() and last != first:
            last = last.previous()
        edit = QTextCursor(document)
        edit.beginEditBlock()
        current = first
        while current.isValid():
            edit.setPosition(current.position())
            if direction > 0:
                edit.insertText(indent)
            else:
                text = current.text()
                remove = len(text) - len(text.lstrip(" "))
                if text.startswith("\t"):
                    remove = 1
                remove = min(remove, TAB_WIDTH)
                if remove:
                    edit.movePosition(
                        QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, remove
                    )
                    edit.removeSelectedText()
            if current == last:
                break
            current = current.next()
        edit.endEditBlock()
