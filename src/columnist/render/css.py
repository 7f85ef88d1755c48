"""Stylesheets for the preview (Qt rich text) and the standalone export (browsers).

Qt's rich-text CSS has no variables and supports only part of CSS 2.1, so the preview
stylesheet is a template whose @tokens@ are filled from a light or dark palette here.
The export stylesheet is ordinary browser CSS and follows the reader's colour scheme.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from columnist.resources import resource_path

if TYPE_CHECKING:
    from columnist.render.pipeline import RenderResult

LIGHT: dict[str, str] = {
    "text": "#242424",
    "heading": "#191919",
    "muted": "#6b6b6b",
    "background": "#ffffff",
    "link": "#1a5d8f",
    "code_bg": "#f2f2f2",
    # Rating badges: blue, light green, amber, red, each with its text colour, told apart
    # with protanopia, deuteranopia and tritanopia as well, each text at least 4.5:1
    # (tests/render/test_badge_colours.py); the words on the badge say it without colour.
    "outstanding": "#1d4f91",
    "outstanding_text": "#ffffff",
    "good": "#6cc070",
    "good_text": "#000000",
    "requires": "#f2b705",
    "requires_text": "#000000",
    "inadequate": "#b3261e",
    "inadequate_text": "#ffffff",
    "ins": "#1b5e20",
    "ins_bg": "#e3f4e1",
    "del": "#b3261e",
    "del_bg": "#fbe4e2",
    "mark_bg": "#fff3a3",
    "comment": "#4a3a8c",
    "comment_bg": "#ece8fa",
}
DARK: dict[str, str] = {
    "text": "#e3e3e3",
    "heading": "#f2f2f2",
    "muted": "#a3a3a3",
    "background": "#1b1b1b",
    "link": "#8cc4f0",
    "code_bg": "#2a2a2a",
    "outstanding": "#2f63b5",
    "outstanding_text": "#ffffff",
    "good": "#6cc070",
    "good_text": "#000000",
    "requires": "#e0a800",
    "requires_text": "#000000",
    "inadequate": "#c62828",
    "inadequate_text": "#ffffff",
    "ins": "#a5d6a7",
    "ins_bg": "#1f3a22",
    "del": "#ef9a9a",
    "del_bg": "#4a1f1c",
    "mark_bg": "#5c5215",
    "comment": "#c5b8f5",
    "comment_bg": "#2e2747",
}


@cache
def _template(name: str) -> str:
    return resource_path("css", name).read_text(encoding="utf-8")


def preview_css(dark: bool) -> str:
    """The preview stylesheet (for QTextDocument.setDefaultStyleSheet or a <style>)."""
    css = _template("preview.css")
    for key, value in (DARK if dark else LIGHT).items():
        css = css.replace(f"@{key}@", value)
    return css


def export_css() -> str:
    """The standalone export's stylesheet (inlined in the HTML file)."""
    return _template("export.css")


def document_html(result: RenderResult, dark: bool = False) -> str:
    """A complete HTML document for QTextBrowser.setHtml: the stylesheet inline and the
    rendered fragment, adapted to Qt's rich-text subset (`render.qt_html`), as body."""
    from columnist.render.qt_html import adapt_for_qt

    background = (DARK if dark else LIGHT)["background"]
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<style>{preview_css(dark)}</style></head>"
        f'<body bgcolor="{background}">\n{adapt_for_qt(result.html)}\n</body></html>'
    )
