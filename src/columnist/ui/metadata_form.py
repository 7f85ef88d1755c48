"""A form for the column's front matter: title, subtitle, author, date, status, tags.

The text in the editor stays the single source of truth: the form shows the front matter
of the column model the render worker read (`set_column`), so it never parses the text on
the GUI thread, and reports edits as `fieldsEdited(dict)`; the window applies them with
`set_fields` as one undoable edit, which rewrites only the changed lines. Malformed YAML
disables the fields and says where the problem is, so the form can never overwrite a
block it could not read.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from columnist.markdown.front_matter_values import FIELDS, STATUSES

if TYPE_CHECKING:
    from columnist.markdown.column import ColumnModel

ERROR_STYLE = "color: #c62828;"
EDIT_DELAY_MS = 700  # typing pause after which a field's edit is applied to the text
LINE_FIELDS = ("title", "subtitle", "author")


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_display(v) for v in value)
    return str(value)


def parse_tags(text: str) -> list[str]:
    """ "NHS, quality improvement," → ["NHS", "quality improvement"]"""
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_date(text: str) -> dt.date | None:
    """A YYYY-MM-DD date, or None when `text` is not one (the caller shows why)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


class MetadataForm(QWidget):
    """Edits the front matter; `fieldsEdited` carries only the fields that changed.

    Values in the dict: str for title/subtitle/author/status, `datetime.date` for date,
    list[str] for tags, and None for a field the writer emptied (set_fields removes it).
    """

    fieldsEdited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known: dict[str, Any] = {}  # field -> value as last read from / sent to the text
        self._loading = False
        self._enabled = True

        self.title = QLineEdit(self)
        self.subtitle = QLineEdit(self)
        self.author = QLineEdit(self)
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.status = QComboBox(self)
        self.status.addItem("")  # not set
        self.status.addItems(list(STATUSES))
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("comma-separated, e.g. NHS, quality improvement")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("S&ubtitle", self.subtitle)
        form.addRow("&Author", self.author)
        form.addRow("&Date", self.date)
        form.addRow("&Status", self.status)
        form.addRow("Ta&gs", self.tags)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addStretch(1)

        self._edits: dict[str, QLineEdit] = {
            "title": self.title,
            "subtitle": self.subtitle,
            "author": self.author,
            "date": self.date,
            "tags": self.tags,
        }
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(EDIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        for edit in self._edits.values():
            edit.textEdited.connect(self._on_typed)
            edit.editingFinished.connect(self.flush)
        self.status.activated.connect(lambda _index: self.flush())

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab stays among the fields, from the last back to the first (F6 or Ctrl+Tab
        leaves the panel): a Tab meant for the form never lands in the editor, where the
        next one would indent the paragraph."""
        fields = [w for w in (self.title, self.subtitle, self.author, self.date, self.status,
                              self.tags) if w.isEnabled()]
        focus = self.focusWidget()
        if not fields or focus not in fields:
            return super().focusNextPrevChild(next)
        index = fields.index(focus) + (1 if next else -1)
        fields[index % len(fields)].setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    # -- public API ---------------------------------------------------------------------

    def set_column(self, column: ColumnModel) -> None:
        """Show the front matter of `column` (no signal). A field being typed in keeps
        what the writer has typed so far."""
        data = column.front_matter.values
        error = column.front_matter.error
        misplaced = column.front_matter.misplaced_line
        self._loading = True
        try:
            if error or misplaced is not None:
                if error:
                    self.message.setText(
                        f"The front matter is not valid YAML ({error}). Fix it in the editor; "
                        "the fields are read-only until then and nothing in the text is lost."
                    )
                else:  # a second block must never be added above the writer's own
                    self.message.setText(
                        f"The front matter on line {misplaced} is below blank lines, so it "
                        "is read as body text. Delete the blank lines above its first --- "
                        "to use it; the fields are read-only until then."
                    )
                self.message.show()
                self._set_fields_enabled(False)
                self._clear_fields()  # never the previous document's values, greyed
                return
            self.message.hide()
            self._set_fields_enabled(True)
            pending = self._timer.isActive()
            for name in FIELDS:
                value = data.get(name)
                self._known[name] = value
                if name == "status":
                    self._show_status(value)
                    continue
                edit = self._edits[name]
                if pending and edit.hasFocus():
                    continue  # the writer is typing here: their text wins
                shown = _display(value)
                if edit.text() != shown:
                    edit.setText(shown)
            self._check_date()
        finally:
            self._loading = False

    def values(self) -> dict[str, Any]:
        """What the form currently shows, as front-matter values."""
        values: dict[str, Any] = {}
        for name in LINE_FIELDS:
            values[name] = self._edits[name].text().strip() or None
        date_text = self.date.text().strip()
        values["date"] = parse_date(date_text) if date_text else None
        values["status"] = self.status.currentText() or None
        tags = parse_tags(self.tags.text())
        values["tags"] = tags or None
        return values

    def flush(self) -> None:
        """Emit fieldsEdited now for whatever changed (the window also calls this before
        saving, so a title typed a moment ago is never left out of the file)."""
        self._timer.stop()
        if self._loading or not self._enabled:
            return
        date_ok = self._check_date()  # a half-typed date waits; the other fields go
        changes: dict[str, Any] = {}
        for name, value in self.values().items():
            if name == "date" and not date_ok:
                continue
            if not self._same(name, value):
                changes[name] = value
        if changes:
            self._known.update(changes)
            self.fieldsEdited.emit(changes)

    # -- internals ----------------------------------------------------------------------

    def _same(self, name: str, value: Any) -> bool:
        known = self._known.get(name)
        if name == "tags":
            if isinstance(known, str):
                known = parse_tags(known)
            known = [_display(v) for v in known] if isinstance(known, list) else known
            return (known or None) == value
        if name == "date":
            if isinstance(known, dt.datetime):
                known = known.date()
            if isinstance(known, str):
                known = parse_date(known) or known
            return known == value
        return (_display(known) or None) == value

    def _on_typed(self, _text: str) -> None:
        if not self._loading:
            self._timer.start()

    def _check_date(self) -> bool:
        text = self.date.text().strip()
        if text and parse_date(text) is None:
            self.date.setStyleSheet("border: 1px solid #c62828;")
            self.date.setToolTip("Write the date as YYYY-MM-DD, e.g. 2026-11-25.")
            if self._enabled:
                self.message.setText(
                    f"“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25."
                )
                self.message.show()
            return False
        self.date.setStyleSheet("")
        self.date.setToolTip("")
        if self._enabled:
            self.message.hide()
        return True

    def _show_status(self, value: Any) -> None:
        shown = _display(value)
        index = self.status.findText(shown)
        if index < 0:  # an unusual status written by hand: show it, don't lose it
            self.status.addItem(shown)
            index = self.status.count() - 1
        self.status.setCurrentIndex(index)

    def show_updating(self) -> None:
        """Another document is being read: empty, read-only fields and "Updating…" until
        its column model arrives (`set_column`)."""
        self._timer.stop()  # an edit of the previous document's fields is not applied
        self._loading = True
        try:
            self._clear_fields()
            self.message.setText("Updating…")
            self.message.show()
            self._set_fields_enabled(False)
        finally:
            self._loading = False

    def _clear_fields(self) -> None:
        for name in FIELDS:
            self._known[name] = None
            if name == "status":
                self._show_status(None)
            else:
                self._edits[name].setText("")

    def _set_fields_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        for widget in (*self._edits.values(), self.status):
            widget.setEnabled(enabled)
