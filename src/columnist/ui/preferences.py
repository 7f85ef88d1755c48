"""Edit ▸ Preferences… (Ctrl+,; the application menu's Preferences on macOS).

The dialog is built from the options `settings.OPTIONS` declares with a `label`: a check
box for a yes/no option, a list for one with `choices`, a number box within its `limits`,
a font list for `kind="font"`, else a text field; grouped by the part of the name before
the slash. Nothing about an option is written twice. A change is stored at once and
applied at once to every open window (`apply_preferences`); Close closes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from columnist.settings import OPTIONS, Option, Settings
from columnist.ui.actions import make_action

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow

GROUPS = {"editor": "Editor", "view": "Appearance", "review": "Review", "files": "Saving",
          "checks": "Checks"}
CHOICE_LABELS = {"system": "Follow the system"}  # else the choice, capitalised


def preference_options() -> list[Option]:
    """The declared options the dialog shows, in declaration order."""
    return [option for option in OPTIONS.values() if option.label]


def apply_preferences(window: MainWindow) -> None:
    """Make `window` show the stored preferences (font, size, measure, theme)."""
    from columnist.ui.problems import ProblemsPanel
    from columnist.ui.theme import ThemeMenu

    settings = window.settings
    editor = window.editor
    editor.set_font_choice(str(settings.get("editor/font_family")),
                           bool(settings.get("editor/proportional")))
    size = int(settings.get("editor/font_size"))
    if size > 0:
        editor.set_base_point_size(size)
    editor.set_measure(int(settings.get("editor/line_width")))
    with contextlib.suppress(LookupError):  # a window still being set up
        window.feature(ThemeMenu).apply()
    with contextlib.suppress(LookupError):
        window.feature(ProblemsPanel).settings_changed()


def open_windows() -> list[MainWindow]:
    """Every main window of the application (each applies a change at once)."""
    from columnist.ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


class PreferencesDialog(QDialog):
    """The declared preferences as a form; `fields[name]` is each option's widget."""

    def __init__(self, settings: Settings, applied: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self._settings = settings
        self._applied = applied
        self.fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        forms: dict[str, QFormLayout] = {}
        for option in preference_options():
            group = option.name.split("/", 1)[0]
            if group not in forms:
                box = QGroupBox(GROUPS.get(group, group.title()), self)
                forms[group] = QFormLayout(box)
                layout.addWidget(box)
            widget = self._field(option)
            widget.setAccessibleName(option.label)
            widget.setToolTip(option.doc)
            self.fields[option.name] = widget
            if isinstance(widget, QCheckBox):
                forms[group].addRow(widget)
            else:
                forms[group].addRow(option.label + ":", widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _field(self, option: Option) -> QWidget:
        value = self._settings.get(option.name)

        def store(new: Any) -> None:
            self._settings.set(option.name, new)
            self._settings.sync()
            self._applied()

        if option.type is bool:
            box = QCheckBox(option.label, self)
            box.setChecked(bool(value))
            box.toggled.connect(store)
            return box
        if option.choices:
            combo = QComboBox(self)
            for choice in option.choices:
                combo.addItem(CHOICE_LABELS.get(choice, choice.capitalize()), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(lambda _i: store(combo.currentData()))
            return combo
        if option.kind == "font":
            fonts = QFontComboBox(self)
            fonts.setEditable(False)
            fonts.insertItem(0, "Writing font (default)")
            if value:
                fonts.setCurrentFont(QFont(str(value)))
            else:
                fonts.setCurrentIndex(0)
            fonts.currentIndexChanged.connect(
                lambda index: store("" if index == 0 else fonts.currentText()))
            return fonts
        if option.type is int:
            spin = QSpinBox(self)
            low, high = option.limits
            spin.setRange(low, high)
            spin.setValue(int(value))
            spin.valueChanged.connect(store)
            return spin
        field = QLineEdit(str(value), self)
        field.textEdited.connect(store)
        return field


class PreferencesFeature:
    """Edit ▸ Preferences…, and the stored preferences applied when the window is made."""

    dialog: PreferencesDialog | None = None

    def install(self, window: MainWindow, menus: Menus) -> None:
        """The action (Preferences role on macOS) and the preferences applied once."""
        self._window = window
        action = make_action(window, "Preference&s…", self.show, QKeySequence.StandardKey.
                             Preferences, fallback="Ctrl+,")
        action.setMenuRole(QAction.MenuRole.PreferencesRole)
        menus.add("edit/preferences", "preferences", action)
        window.editor.set_font_choice(str(window.settings.get("editor/font_family")),
                                      bool(window.settings.get("editor/proportional")))
        window.editor.set_measure(int(window.settings.get("editor/line_width")))

    def show(self) -> PreferencesDialog:
        """Open the dialog (one per window; shown again if already open)."""
        if self.dialog is None:
            def applied() -> None:
                for window in open_windows():
                    apply_preferences(window)

            self.dialog = PreferencesDialog(self._window.settings, applied, self._window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
