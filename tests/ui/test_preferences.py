"""Edit ▸ Preferences (Ctrl+,): built from settings.OPTIONS; every change applies at once
to every open window and is remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontInfo
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QSpinBox

from columnist.settings import OPTIONS
from columnist.ui.autosave import AutosaveFeature
from columnist.ui.preferences import PreferencesFeature, preference_options
from helpers.keys import press, type_text
from helpers.windows import made_active, open_window, window_on

CTRL = Qt.KeyboardModifier.ControlModifier




def open_preferences(qtbot, window):
    press(window.editor, Qt.Key.Key_Comma, CTRL)
    dialog = window.feature(PreferencesFeature).dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_ctrl_comma_opens_a_form_of_every_declared_preference(qtbot, questions):
    window = made_active(qtbot, open_window(qtbot))
    dialog = open_preferences(qtbot, window)
    names = [option.name for option in preference_options()]
    assert set(dialog.fields) == set(names)
    for name in ("editor/font_size", "editor/font_family", "editor/proportional",
                 "editor/line_width", "view/theme", "review/name", "review/initials",
                 "files/autosave"):
        assert name in names, name
        assert dialog.fields[name].accessibleName() == OPTIONS[name].label
    assert isinstance(dialog.fields["editor/font_size"], QSpinBox)
    assert isinstance(dialog.fields["view/theme"], QComboBox)
    assert isinstance(dialog.fields["files/autosave"], QCheckBox)
    assert isinstance(dialog.fields["review/initials"], QLineEdit)
    role = window.actions_by_name["preferences"].menuRole()
    assert role == QAction.MenuRole.PreferencesRole
    dialog.close()


def test_font_size_line_width_and_proportional_font_apply_to_both_windows(qtbot, questions):
    first = made_active(qtbot, open_window(qtbot))
    second = open_window(qtbot)
    dialog = open_preferences(qtbot, first)
    dialog.fields["editor/font_size"].setValue(18)
    for window in (first, second):
        assert window.editor.font().pointSizeF() == 18
    dialog.fields["editor/line_width"].setValue(60)
    assert first.editor.measure_chars == 60 and second.editor.measure_chars == 60
    assert QFontInfo(first.editor.font()).fixedPitch()
    dialog.fields["editor/proportional"].setChecked(True)
    for window in (first, second):
        assert not QFontInfo(window.editor.font()).fixedPitch()
        assert window.editor.font().pointSizeF() == 18
    assert first.settings.get("editor/font_size") == 18
    assert first.settings.get("editor/proportional") is True
    dialog.close()
    # A window opened later starts with them.
    third = open_window(qtbot)
    assert third.editor.font().pointSizeF() == 18 and third.editor.measure_chars == 60
    assert not QFontInfo(third.editor.font()).fixedPitch()


def test_theme_changes_the_palette_and_the_view_menu_at_once(qtbot, questions):
    window = made_active(qtbot, open_window(qtbot))
    dialog = open_preferences(qtbot, window)
    combo = dialog.fields["view/theme"]
    combo.setCurrentIndex(combo.findData("dark"))
    assert window.actions_by_name["theme_dark"].isChecked()
    assert QApplication.palette().window().color().lightness() < 80
    combo.setCurrentIndex(combo.findData("light"))
    assert window.actions_by_name["theme_light"].isChecked()
    assert QApplication.palette().window().color().lightness() > 180
    dialog.close()


def test_name_and_initials_are_typed_and_stored_for_review_comments(qtbot, questions):
    window = made_active(qtbot, open_window(qtbot))
    dialog = open_preferences(qtbot, window)
    field = dialog.fields["review/initials"]
    field.setFocus()
    type_text(field, "KB")
    type_text(dialog.fields["review/name"], "Kate Brown")
    assert window.settings.get("review/initials") == "KB"
    assert window.settings.get("review/name") == "Kate Brown"
    dialog.close()


def test_autosave_saves_the_file_after_a_pause_only_when_switched_on(qtbot, questions,
                                                                       tmp_path):
    window = made_active(qtbot, window_on(qtbot, tmp_path, "Draft.\n"))
    column = tmp_path / "column.md"
    autosave = window.feature(AutosaveFeature)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(window.editor, "More.")
    assert not autosave.timer.isActive()  # off by default
    assert not autosave.save_now()
    dialog = open_preferences(qtbot, window)
    dialog.fields["files/autosave"].setChecked(True)
    dialog.close()
    type_text(window.editor, " Again.")
    assert autosave.timer.isActive()
    qtbot.waitUntil(lambda: column.read_text(encoding="utf-8") == "Draft.\nMore. Again.",
                    timeout=10000)
    assert not window.isWindowModified()


def test_autosave_never_saves_over_a_file_changed_elsewhere(qtbot, questions, tmp_path):
    window = made_active(qtbot, window_on(qtbot, tmp_path, "Draft.\n"))
    window.settings.set("files/autosave", True)
    column = tmp_path / "column.md"
    column.write_text("Someone else's text.\n", encoding="utf-8")
    type_text(window.editor, "Mine ")
    assert not window.feature(AutosaveFeature).save_now()
    assert column.read_text(encoding="utf-8") == "Someone else's text.\n"
    assert "Not saved automatically" in window.status.currentMessage()
    assert questions.questions == []  # the autosave asked nothing
    # The file watcher then asks, as for any change on disk (answered here, in this test).
    qtbot.waitUntil(lambda: bool(questions.questions), timeout=10000)


def test_choosing_a_font_family_and_back_to_the_writing_font(qtbot, questions):
    window = made_active(qtbot, open_window(qtbot))
    dialog = open_preferences(qtbot, window)
    fonts = dialog.fields["editor/font_family"]
    assert fonts.currentText() == "Writing font (default)"
    index = next(i for i in range(fonts.count()) if fonts.itemText(i) == "DejaVu Serif")
    fonts.setCurrentIndex(index)
    assert window.editor.font().family() == "DejaVu Serif"
    assert window.settings.get("editor/font_family") == "DejaVu Serif"
    fonts.setCurrentIndex(0)
    assert window.settings.get("editor/font_family") == ""
    assert QFontInfo(window.editor.font()).fixedPitch()
    dialog.close()
