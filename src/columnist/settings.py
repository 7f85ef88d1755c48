"""Every user option, declared once (name, type, default), stored with QSettings.

Declaring options in one table (as MusicBrainz Picard does) means the defaults, the types
and the key names live in one place; nothing touches QSettings at import time, and the
file sits in the data directory so `--data-dir` isolates it (tests, smoke test).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QSettings

from columnist import paths


class Option(NamedTuple):
    """One declared option (a NamedTuple, not a dataclass: this module is on the cold-start
    path and `dataclasses` is not imported otherwise before the window shows)."""

    name: str
    type: type
    default: Any
    doc: str = ""
    # Shown in Edit ▸ Preferences when `label` is set (the dialog is built from these):
    # `choices` for a list to pick from, `limits` (lowest, highest) for a number, `kind`
    # "font" for a font family.
    label: str = ""
    choices: tuple[str, ...] = ()
    limits: tuple[int, int] = (0, 0)
    kind: str = ""


OPTIONS: dict[str, Option] = {
    o.name: o
    for o in (
        Option("editor/font_size", int, 13, "Editor font size in points", "Font size",
               limits=(8, 36)),
        Option("editor/font_family", str, "", "Editor font; empty: the writing font",
               "Font", kind="font"),
        Option("editor/proportional", bool, False, "A proportional font, not monospaced",
               "Write in a proportional font (not monospaced)"),
        Option("editor/line_width", int, 70, "Characters a line of the centred measure holds",
               "Line width (characters)", limits=(40, 140)),
        Option("editor/zoom", int, 0, "Zoom steps applied to editor and preview"),
        Option("view/preview_visible", bool, True, "Show the live preview"),
        Option("view/outline_visible", bool, True, "Show the outline of headings"),
        Option("view/metadata_visible", bool, False, "Show the front-matter form"),
        Option("view/changes_visible", bool, False, "Show the rating changes panel"),
        Option("view/review_visible", bool, False, "Show the review panel"),
        Option("view/problems_visible", bool, False, "Show the Problems panel"),
        Option("view/theme", str, "system", "system | light | dark", "Theme",
               ("system", "light", "dark")),
        Option("view/scroll_sync", bool, True, "Keep editor and preview scrolled together"),
        Option("window/geometry", bytes, b"", "Main window geometry"),
        Option("window/state", bytes, b"", "Main window dock/toolbar state"),
        Option("window/splitter", bytes, b"", "Editor/preview splitter sizes"),
        Option("files/recent", list, [], "Recently opened files, newest first"),
        Option("files/last_directory", str, "", "Folder of the last open/save dialog"),
        Option("files/autosave", bool, False, "Save to the column's file after a pause",
               "Save the column to its file when you pause typing (the recovery journal "
               "keeps unsaved text either way)"),
        Option("review/name", str, "", "Your name, for review comments", "Your name"),
        Option("review/initials", str, "", "Your initials, opening your review comments",
               "Your initials"),
        Option("files/first_start_done", bool, False, "The sample column has been shown once"),
        Option("find/case_sensitive", bool, False, "Find: match case"),
        Option("find/whole_words", bool, False, "Find: whole words"),
        Option("find/regex", bool, False, "Find: regular expression"),
        Option("ratings/api_url", str, "https://api.service.cqc.org.uk/public/v1", "CQC API"),
        Option("ratings/sync_scope", str, "trusts", "trusts | all: providers kept on API sync"),
    )
}



def _check_options() -> list[Option]:
    """`checks/<key>` (on or off) and `checks/<key>/<name>` for each check's own options,
    declared from `review.checks.CHECKS`, the one list of checks.

    >>> opts = {o.name: o for o in _check_options()}
    >>> opts["checks/claims"].default, opts["checks/claims/max_age_years"].limits
    (True, (1, 10))
    """
    from columnist.review.checks import CHECKS

    declared: list[Option] = []
    for check in CHECKS:
        declared.append(Option(f"checks/{check.key}", bool, check.on_by_default,
                               f"Check: {check.label}", f"Check {check.label[:1].lower()}"
                               f"{check.label[1:]}"))
        declared.extend(
            Option(f"checks/{check.key}/{o.name}", o.type, o.default, f"{check.label}: {o.label}",
                   o.label, o.choices, limits=o.limits)
            for o in check.options)
    return declared


OPTIONS.update((o.name, o) for o in _check_options())

MAX_RECENT = 10


class Settings:
    """Typed access to the declared options (`settings.get("view/theme")`).

    The GUI makes one (`ui.app.app_settings`) and hands it down; services never read it.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)
        self.file = Path(self._q.fileName())  # the INI file these settings live in

    def get(self, name: str) -> Any:
        """The stored value converted to the option's type, or its default."""
        option = OPTIONS[name]
        raw = self._q.value(name, None)
        if raw is None:
            return option.default
        try:
            if option.type is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            if option.type is list:
                if isinstance(raw, str):
                    return [raw] if raw else []
                return [str(item) for item in raw]
            if option.type is bytes:
                return bytes(raw)
            return option.type(raw)
        except (TypeError, ValueError):
            return option.default

    def set(self, name: str, value: Any) -> None:
        """Store `value` for a declared option."""
        if name not in OPTIONS:
            raise KeyError(f"undeclared option {name!r}")
        self._q.setValue(name, value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._q.sync()

    def add_recent_file(self, path: str) -> list[str]:
        """Put `path` first in the recent-files list (deduplicated, capped)."""
        recent = [p for p in self.get("files/recent") if p != path]
        recent.insert(0, path)
        del recent[MAX_RECENT:]
        self.set("files/recent", recent)
        return recent
