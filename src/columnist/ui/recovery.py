"""Crash recovery at start-up: offer back the texts the journal kept, in as many windows
as needed.

The journal (`document.journal`) holds every unsaved text until it is saved or
discarded; this module asks the writer what to do with what it finds, through the
window's `choose_recovery` and `inform` (which tests replace):

- restore: each chosen text continues in a window (this one first, if it holds no
  unsaved changes), unsaved, its journal entry kept until it is saved, so a second crash
  still loses nothing;
- discard: the chosen texts are removed from the journal (a removal the disk refuses is
  said, and the text offered again next time);
- later (or closing the dialog): nothing changes.

Damaged journal files were moved aside by the journal, and unreadable ones left where
they are; both are reported, since either may have held unsaved words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from columnist.document.journal import Journal, JournalEntry
    from columnist.ui.main_window import MainWindow


def offer_recovery(
    window: MainWindow, new_window: Callable[[], MainWindow]
) -> list[MainWindow]:
    """Offer texts left by a crash; returns the windows now showing restored texts.

    `new_window()` makes another window when more than one text is restored (or this one
    already holds unsaved changes).
    """
    from columnist.document.journal import Journal

    journal = Journal()
    try:
        entries = journal.entries()
    except OSError as exc:
        window.inform("Recovery journal", f"The recovery journal could not be read: {exc}.")
        return []
    _report_damaged_files(window, journal)
    # This window's own unsaved text is not a crash's leftover.
    entries = [e for e in entries if e.key != window.session.controller.key]
    if not entries:
        return []
    choice, chosen = window.choose_recovery(entries)
    if choice == "discard":
        _discard(window, journal, chosen)
        return []
    if choice != "restore" or not chosen:
        return []
    windows: list[MainWindow] = []
    for entry in chosen:
        target = window
        if windows or window.session.is_modified():
            target = new_window()
        target.session.restore(entry)
        windows.append(target)
    return windows


def _report_damaged_files(window: MainWindow, journal: Journal) -> None:
    if journal.corrupt_files:
        folder = journal.corrupt_files[0].parent
        window.inform(
            "Damaged recovery file",
            f"{len(journal.corrupt_files)} recovery file(s) could not be read and were "
            f"moved aside to {folder}. Other recoverable texts are not affected.",
        )
    if journal.unreadable_files:
        names = ", ".join(str(f) for f in journal.unreadable_files)
        window.inform(
            "Recovery file not readable",
            f"Columnist cannot read {names}. It may hold unsaved text, so it was left "
            "where it is: check its permissions and start Columnist again.",
        )


def _discard(window: MainWindow, journal: Journal, chosen: list[JournalEntry]) -> None:
    kept = []
    for entry in chosen:
        try:
            journal.remove(entry.key)
        except OSError as exc:
            kept.append(f"{entry.label} ({exc.strerror or exc})")
    if kept:
        window.inform(
            "Recovery journal",
            f"These unsaved texts could not be discarded and will be offered again "
            f"next time: {'; '.join(kept)}. They are in {journal.directory}.",
        )
