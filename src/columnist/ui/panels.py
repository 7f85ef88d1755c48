"""The side panels as features: the Outline and Metadata docks with their View toggles.

Each installs its own dock (left of the editor), its View ▸ panels toggle (remembered in
the settings) and its wiring: the outline follows the cursor and each preview's headings;
the metadata form, made the first time it is shown (cold start), writes the writer's field
edits back into the text as one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow
    from columnist.ui.outline import OutlineView
    from columnist.ui.preview import RenderOutput


def add_dock(window: MainWindow, title: str, name: str, widget: QWidget | None = None,
             area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea) -> QDockWidget:
    """A dock on the window's left, or `area` (`name` keys its place in the saved window
    state)."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    if widget is not None:
        dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def follow_dock(window: MainWindow, dock: QDockWidget, action: QAction,
                ignore_full_screen: bool = False) -> None:
    """Keep `action` checked while `dock` is shown (the writer may close it by its ×);
    not while the window closes or focus mode hides the panels."""

    def changed(_visible: bool) -> None:
        if window.closing or window.in_focus_mode:
            return
        if ignore_full_screen and window.isFullScreen():
            return
        action.setChecked(not dock.isHidden())

    dock.visibilityChanged.connect(changed)


class OutlinePanel:
    """The Outline dock: the column's headings; a click moves the cursor there."""

    view: OutlineView
    dock: QDockWidget

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Dock, toggle and wiring (see the module docstring)."""
        from columnist.ui.outline import OutlineView

        self.view = OutlineView(window)
        self.dock = add_dock(window, "Outline", "outlineDock", self.view)
        window.editor.cursorLineChanged.connect(self.view.set_current_line)
        self.view.headingActivated.connect(window.editor.go_to_line)
        window.preview_controller.rendered.connect(self._on_rendered)
        window.documentReplaced.connect(self.view.show_updating)
        action = menus.add_toggle("view/panels", "outline", "&Outline", "view/outline_visible",
                                  self.dock.setVisible, "Ctrl+Shift+O")
        follow_dock(window, self.dock, action)

    def _on_rendered(self, out: RenderOutput) -> None:
        self.view.set_headings(out.column.headings)


class MetadataPanel:
    """The Metadata dock: the front matter as a form."""

    dock: QDockWidget

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Dock, toggle and wiring (see the module docstring)."""
        self._window = window
        self._form: Any = None  # made on first show (keeps cold start short)
        self.dock = add_dock(window, "Metadata", "metadataDock")
        self.dock.visibilityChanged.connect(self._on_visibility)
        window.preview_controller.rendered.connect(self._on_rendered)
        window.documentReplaced.connect(self._on_document_replaced)
        action = menus.add_toggle("view/panels", "metadata", "&Metadata",
                                  "view/metadata_visible", self.set_visible, "Ctrl+Shift+M")
        follow_dock(window, self.dock, action, ignore_full_screen=True)

    @property
    def form(self) -> Any:
        """The front-matter form (columnist.ui.metadata_form.MetadataForm), made on first use."""
        if self._form is None:
            from columnist.ui.metadata_form import MetadataForm

            form = MetadataForm(self._window)
            form.fieldsEdited.connect(self._on_fields_edited)
            self.dock.setWidget(form)
            last = self._window.preview_controller.last_output
            if last is not None:
                form.set_column(last.column)
            self._form = form
        return self._form

    def set_visible(self, on: bool) -> None:
        """Show or hide the dock (making the form first)."""
        if on:
            _ = self.form
        self.dock.setVisible(on)

    def _on_document_replaced(self) -> None:
        if self._form is not None:
            self._form.show_updating()

    def _on_visibility(self, visible: bool) -> None:
        last = self._window.preview_controller.last_output
        if visible and last is not None:
            self.form.set_column(last.column)

    def _on_rendered(self, out: RenderOutput) -> None:
        # A model of older text (the form's own edit already applied) would undo that edit
        # in the fields: wait for the render of the current text.
        column = out.column
        if (
            self._form is not None
            and self.dock.isVisible()
            and column.text == self._window.editor.text()
        ):
            self._form.set_column(column)

    def _on_fields_edited(self, changes: dict[str, Any]) -> None:
        """Apply the form's edits to the text as ONE undo step (cursor and scroll kept)."""
        from columnist.document.front_matter import set_fields

        editor = self._window.editor
        old = editor.text()
        new = set_fields(old, changes)
        if new != old:
            editor.replace_text(new)
