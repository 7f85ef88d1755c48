"""Allow-list sanitising of everything that reaches the preview or an export.

Python-Markdown passes raw HTML straight through, and a column may be pasted from
anywhere, so the HTML is cleaned with nh3 (Rust's ammonia): only the tags and attributes
Markdown itself produces survive; no scripts, event handlers, `javascript:` URLs, frames,
forms or styles beyond table-cell alignment. Remote images are replaced by a visible
placeholder carrying their alt text, because the preview must never touch the network
(and an export must not depend on it); local relative images are kept.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip

# Tags removed together with everything inside them.
REMOVED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
     "select", "svg", "math"}
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

_IMG_TAG = re.compile(r"<img\b([^>]*)>")
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def is_remote_url(url: str) -> bool:
    """True for a URL with a scheme other than file: (http:, ftp:, data:…) or a
    protocol-relative //host URL: an image there is not shown."""
    value = url.strip()
    if value.startswith("//"):
        return True
    scheme = urlsplit(value).scheme.lower()
    return bool(scheme) and scheme not in ("file",) and len(scheme) > 1


def _local_image_src(src: str, base_dir: Path | None) -> str | None:
    """The src to keep for an image: relative paths (resolved to a file URL when the
    document folder is known), or None to drop it (remote, scripted, absolute elsewhere)."""
    value = src.strip()
    if not value or is_remote_url(value):
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() == "file" or value.startswith("/"):
        return None  # absolute paths outside the document folder are not shown
    if len(parts.scheme) == 1:  # a Windows drive letter: "C:/…"
        return None
    if base_dir is None:
        return value
    return (base_dir / unquote(parts.path)).resolve().as_uri()


def _attribute_filter(base_dir: Path | None):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return _local_image_src(value, base_dir)
        if attribute == "href" and urlsplit(value.strip()).scheme.lower() == "file":
            return None  # file: is allowed only for the image URLs we build ourselves
        return value

    return keep


def _placeholder_for_images(fragment: str) -> str:
    """Replace each <img> that lost its src with a placeholder showing the alt text."""

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(" " + match.group(1)))
        if "src" in attrs:
            return match.group(0)
        alt = attrs.get("alt", "")
        label = f"Image not shown: {html.unescape(alt)}" if alt else "Image not shown"
        return f'<span class="image-placeholder">[{html.escape(label, quote=False)}]</span>'

    return _IMG_TAG.sub(replace, fragment)


def sanitise_html(fragment: str, base_dir: Path | None = None) -> str:
    """Clean an HTML fragment with the allow-list above.

    `base_dir`: the document's folder; relative image paths become file URLs under it
    (the preview can then show them). Without it relative paths are kept as written
    (export copies the files beside the HTML).
    """
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(base_dir),
        url_schemes=set(LINK_SCHEMES) | ({"file"} if base_dir is not None else set()),
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )
    if "<img" in cleaned:
        cleaned = _placeholder_for_images(cleaned)
    return cleaned
