"""Review ▸ Comment (Ctrl+Alt+M) and Review ▸ Reply: comments typed in a small dialog.

Comment highlights the selection and attaches the comment (`{==text==}{>>AB: …<<}`, or
only the comment at the cursor when nothing is selected); Reply adds `{>>CD: …<<}` after
the comment thread the cursor is in, so the thread reads in order. The text logic is
`review.marks` (`add_comment`, `add_reply`); this module is the dialog and the wiring.

The reviewer's initials come from Preferences (`review/initials`); while they are unset,
the dialog asks for them too and stores them, so they are asked once. Esc (or Cancel)
closes the dialog and changes nothing; a refused comment (one that would break the marks)
keeps the dialog open with the reason, so nothing typed is lost. The change is one undo
step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from columnist.review.marks import ReviewError, add_comment, add_reply, thread_end, valid_initials
from columnist.ui.actions import make_action

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow


def initials_from_name(name: str) -> str:
    """A guess at the initials for `name`, for the field's first value.

    >>> initials_from_name("Kate  bell"), initials_from_name("")
    ('KB', '')
    """
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:5]


class CommentDialog(QDialog):
    """One line for the comment (and one for the initials while they are unset).

    `submit(initials, body)` makes the change, or raises ReviewError to keep the dialog
    open with the reason shown."""

    def __init__(self, parent: QWidget, title: str, quoted: str, initials: str,
                 suggested_initials: str, submit: Callable[[str, str], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._submit = submit
        layout = QVBoxLayout(self)
        if quoted:
            shown = " ".join(quoted.split())
            if len(shown) > 80:
                shown = shown[:79] + "…"
            quote = QLabel(f"On: “{shown}”", self)
            quote.setWordWrap(True)
            layout.addWidget(quote)
        form = QFormLayout()
        layout.addLayout(form)
        self.initials: QLineEdit | None = None
        if not initials:
            self.initials = QLineEdit(suggested_initials, self)
            self.initials.setAccessibleName("Your initials")
            self.initials.setToolTip("Capitals, as your comments will be signed (e.g. KB); "
                                     "kept in Preferences")
            self.initials.setMaxLength(5)
            form.addRow("Your &initials:", self.initials)
        self.body = QLineEdit(self)
        self.body.setAccessibleName("Comment")
        self.body.setPlaceholderText("Type your comment")
        self.body.setMinimumWidth(360)
        form.addRow("&Comment:", self.body)
        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Co&mment" if title.startswith("Comment") else "&Reply")
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_ok(self) -> None:
        initials = self.initials.text().strip() if self.initials is not None else ""
        if self.initials is not None and not valid_initials(initials):
            self._show_problem("Initials are 1 to 5 capital letters or digits, starting with "
                               "a letter (e.g. KB).")
            self.initials.setFocus()
            return
        try:
            self._submit(initials, self.body.text())
        except ReviewError as exc:
            self._show_problem(str(exc))
            return
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


class CommentsFeature:
    """Review ▸ Comment and Review ▸ Reply."""

    dialog: CommentDialog | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The two actions, in Review ▸ comments."""
        self._window = window
        comment = make_action(window, "&Comment…", self.comment, "Ctrl+Alt+M",
                              tip="Highlight the selection and attach a comment")
        reply = make_action(window, "&Reply to Comment…", self.reply,
                            tip="Answer the comment the cursor is in")
        menus.add("review/comments", "comment", comment)
        menus.add("review/comments", "reply", reply)

    def _initials(self) -> str:
        return str(self._window.settings.get("review/initials")).strip()

    def _store_initials(self, initials: str) -> None:
        if initials:
            self._window.settings.set("review/initials", initials)
            self._window.settings.sync()

    def _selection(self) -> tuple[int, int]:
        """The selection as Python offsets of the editor's text."""
        from columnist.ui.editor_text import OffsetMap

        cursor = self._window.editor.textCursor()
        offsets = OffsetMap(self._window.editor.text())
        return offsets.to_py(cursor.selectionStart()), offsets.to_py(cursor.selectionEnd())

    def _open(self, title: str, quoted: str, submit: Callable[[str, str], None]) -> CommentDialog:
        initials = self._initials()
        suggested = initials_from_name(str(self._window.settings.get("review/name")))

        def done(typed_initials: str, body: str) -> None:
            submit(typed_initials or initials, body)
            self._store_initials(typed_initials)

        self.dialog = CommentDialog(self._window, title, quoted, initials, suggested, done)
        self.dialog.finished.connect(lambda _r: self._window.editor.setFocus())
        self.dialog.open()
        return self.dialog

    def comment(self) -> CommentDialog:
        """Open the dialog for a comment on the selection."""
        start, end = self._selection()
        text = self._window.editor.text()

        def submit(initials: str, body: str) -> None:
            new, after = add_comment(self._window.editor.text(), start, end, initials, body)
            self._apply(new, after)

        return self._open("Comment", text[start:end], submit)

    def reply(self) -> CommentDialog | None:
        """Open the dialog for a reply to the comment at the cursor (a message if none)."""
        start, _end = self._selection()
        text = self._window.editor.text()
        try:
            thread_end(text, start)
        except ReviewError as exc:
            self._window.status.showMessage(str(exc), 8000)
            return None

        def submit(initials: str, body: str) -> None:
            new, after = add_reply(self._window.editor.text(), start, initials, body)
            self._apply(new, after)

        return self._open("Reply", "", submit)

    def _apply(self, new: str, cursor_at: int) -> None:
        """The new text as one undo step; the cursor after the comment."""
        from PySide6.QtGui import QTextCursor

        from columnist.ui.editor_text import OffsetMap

        editor = self._window.editor
        editor.replace_text(new)
        cursor = editor.textCursor()
        cursor.setPosition(OffsetMap(new).to_qt(cursor_at), QTextCursor.MoveMode.MoveAnchor)
        editor.setTextCursor(cursor)
