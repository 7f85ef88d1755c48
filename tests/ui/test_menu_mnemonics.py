"""Every menu entry of a real window has an Alt mnemonic, unique within its menu (and the
menu bar's titles among themselves), so every entry is reachable from the keyboard."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from helpers.windows import open_window


def mnemonic(text: str) -> str | None:
    """The letter after the single `&` ("Save &As…" → "a"), None when there is none."""
    at = text.replace("&&", "").find("&")
    stripped = text.replace("&&", "")
    return stripped[at + 1].lower() if 0 <= at < len(stripped) - 1 else None


def clashes(titles: list[str], where: str, placeholders: frozenset[str] = frozenset()
            ) -> list[str]:
    """What is wrong with a menu's titles (`placeholders`: disabled notes such as "No
    recent files", which cannot be chosen, need no letter)."""
    problems, seen = [], {}
    for title in titles:
        letter = mnemonic(title)
        if letter is None and title in placeholders:
            continue
        if letter is None:
            problems.append(f"{where}: {title!r} has no mnemonic")
        elif letter in seen:
            problems.append(f"{where}: {title!r} and {seen[letter]!r} share Alt+{letter.upper()}")
        else:
            seen[letter] = title
    return problems


def test_every_menu_item_has_a_unique_mnemonic_in_its_menu(qtbot, questions):
    window = open_window(qtbot)
    problems: list[str] = []

    def walk(menu: QMenu, where: str) -> None:
        menu.aboutToShow.emit()  # menus filled when opened (Open Recent) fill now
        entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        disabled = frozenset(a.text() for a in entries if not a.isEnabled())
        problems.extend(clashes([a.text() for a in entries], where, disabled))
        for action in entries:
            if isinstance(action.menu(), QMenu):
                walk(action.menu(), f"{where} ▸ {action.text().replace('&', '')}")

    bar = [a for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    problems.extend(clashes([a.text() for a in bar], "menu bar"))
    for top in bar:
        walk(top.menu(), top.text().replace("&", ""))
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_shared_letter():
    assert clashes(["Open &Recent", "&Reload from Disk"], "File") == [
        "File: '&Reload from Disk' and 'Open &Recent' share Alt+R"]
    assert mnemonic("Save &As…") == "a" and mnemonic("Q&&A") is None
