"""Allow-list sanitising of everything that reaches the preview or an export.

Python-Markdown passes raw HTML straight through, and a column may be pasted from
anywhere, so the HTML is cleaned with nh3 (Rust's ammonia): only the tags and attributes
Markdown itself produces survive; no scripts, event handlers, `javascript:` URLs, frames,
forms or styles beyond table-cell alignment.

Nothing the writer wrote disappears without a word (`Withheld` lists what is left out):
raw HTML that would swallow what follows it is made text first (`render.raw_html`), an
element removed with its content leaves a slot for a note, and an image that may not be
shown (`render.image_sources`: remote, or outside the column's folder) becomes a visible
placeholder saying why. The renderer turns slots into notes naming the line (preview) and
the list into warnings (export).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

import nh3

from columnist.render.image_sources import image_source
from columnist.render.raw_html import (
    REMOVED_WITH_CONTENT,
    fill_note_slots,
    withhold_elements,
)

ImageUrls = Literal["file", "relative"]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"style", "align", "colspan", "rowspan"},
    "th": {"style", "align", "colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})

_IMG_TAG = re.compile(r'<img\b((?:[^>"]|"[^"]*")*)>')  # nh3's output: values double-quoted
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')
_IMAGE_SLOT = "#columnist-image-{}"
_IMAGE_SLOT_SRC = re.compile(r"#columnist-image-(\d+)")


@dataclass(frozen=True)
class Withheld:
    """Something the writer wrote that the page leaves out, in the order written.

    `kind`: "element" (removed with its content; `label` is "<script> element") or
    "image" (`label` is its src; `reason` why it is not shown; `remote` when it is on the
    web). `source`: what to look for in the Markdown to find it (the opening tag or the
    src, as written). `line`: 0-based, within the text that was sanitised until the
    renderer places it in the column."""

    kind: Literal["element", "image"]
    label: str
    source: str
    reason: str = ""
    remote: bool = False
    line: int = 0

    def at_line(self, line: int) -> Withheld:
        return replace(self, line=line)

    def note(self) -> str:
        """The preview's note where an element was ("[removed: <script> element, line 12]")."""
        return f"[removed: {self.label}, line {self.line + 1}]"

    def warning(self) -> str:
        """The export's sentence for it, naming the 1-based line."""
        line = f"line {self.line + 1}"
        if self.kind == "element":
            return (f"{line}: the {self.label} was left out, with everything inside it "
                    "(only text and simple formatting are exported)")
        if self.remote:
            return (f"{line}: remote image {self.label} was left out: remote images are not "
                    "exported (the file must work offline); save it in the column's folder "
                    "and link it relatively")
        return (f"{line}: image {self.reason}: not exported "
                "(keep images in the column's folder or a folder inside it)")


@dataclass(frozen=True)
class Cleaned:
    """A sanitised fragment: `html` still holds a note slot (`raw_html.NOTE_SLOT`) where
    each withheld element was (`fill_notes` puts the notes in); `withheld` lists the
    elements and images left out, in order."""

    html: str
    withheld: tuple[Withheld, ...] = ()


def _element_label(opener: str) -> str:
    name = re.match(r"<([A-Za-z][^\s/>]*)", opener)
    return f"<{name.group(1).lower() if name else 'html'}> element"


def _filter(folder: Path | None, image_urls: ImageUrls, images: list[Withheld]):
    """nh3's attribute filter: every image src is asked of `image_source`; one that may
    not be shown becomes a slot the placeholder pass finds (`_IMAGE_SLOT`)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            verdict = image_source(value, folder)
            if verdict.path is not None:
                if image_urls == "file":
                    return verdict.path.as_uri()
                return quote(verdict.relative)
            images.append(Withheld("image", value.strip(), value.strip(), verdict.reason,
                                   verdict.remote))
            return _IMAGE_SLOT.format(len(images) - 1)
        if attribute == "href" and urlsplit(value.strip()).scheme.lower() in ("file", "data"):
            return None  # file: and data: are for images the filter has checked, not links
        return value

    return keep


def _placeholders(fragment: str, images: list[Withheld]) -> str:
    """Each image that may not be shown becomes a placeholder saying why: its alt text for
    a remote one (as on the web), the reason for a local one; likewise one with no src."""

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(" " + match.group(1)))
        slot = _IMAGE_SLOT_SRC.fullmatch(attrs.get("src", ""))
        if "src" in attrs and slot is None:
            return match.group(0)
        alt = html.unescape(attrs.get("alt", ""))
        refused = images[int(slot.group(1))] if slot else None
        if refused is not None and not refused.remote:
            label = f"Image not shown: {refused.reason}"
        else:
            label = f"Image not shown: {alt}" if alt else "Image not shown"
        return image_placeholder(label)

    return _IMG_TAG.sub(replace, fragment)


def image_placeholder(label: str) -> str:
    """What stands where an image is not shown: `label` in brackets, styled as a note."""
    return f'<span class="image-placeholder">[{html.escape(label, quote=False)}]</span>'


def clean_html(
    fragment: str, base_dir: Path | None = None, image_urls: ImageUrls = "file"
) -> Cleaned:
    """Clean an HTML fragment with the allow-list above; say what was left out.

    `base_dir`: the column's folder (None: unsaved), the only place images come from.
    `image_urls`: "file" gives each image shown a file: URL (the preview loads it);
    "relative" its path inside the folder (the export copies it there).
    """
    fragment, openers = withhold_elements(fragment)
    images: list[Withheld] = []
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter(base_dir, image_urls, images),
        url_schemes=set(LINK_SCHEMES) | {"file", "data"},
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )
    if "<img" in cleaned:
        cleaned = _placeholders(cleaned, images)
    elements = [Withheld("element", _element_label(o), o) for o in openers]
    return Cleaned(cleaned, tuple(elements + images))


def fill_notes(
    fragment: str, withheld: Sequence[Withheld], note_html: Callable[[Withheld], str]
) -> str:
    """`fragment` (a `Cleaned.html`) with each removed element's slot replaced by
    `note_html(element)`; `withheld` as `Cleaned.withheld` lists them (lines may differ)."""
    elements = [w for w in withheld if w.kind == "element"]
    if not elements:
        return fragment
    return fill_note_slots(fragment, [note_html(w) for w in elements])


def note_span(withheld: Withheld) -> str:
    """The preview's note for a removed element, styled as a note."""
    return _note(withheld.note())


def _note(text: str) -> str:
    return f'<span class="removed-note">{html.escape(text, quote=False)}</span>'


def sanitise_html(fragment: str, base_dir: Path | None = None) -> str:
    """Clean an HTML fragment (`clean_html`), notes in place (without a line: the
    renderer, which knows the lines, uses `clean_html`)."""
    cleaned = clean_html(fragment, base_dir)
    return fill_notes(cleaned.html, cleaned.withheld, lambda w: _note(f"[removed: {w.label}]"))
