"""Links and images a screen-reader user can follow: link text that says where it goes,
images with alt text.

A screen reader can list a page's links by their text alone, so "here", "click here", an
empty link or a bare `https://…` tell that reader nothing; an image without alt text is
silent. This module is the one place that knows what makes link text vague and an image
unlabelled: the export gate (`export.gate`) asks `link_text_fault` and `lacks_alt_text`
too, so the editor's underlines and the export's refusal always agree.

- `links.empty-text` (warning): `[](https://…)`.
- `links.bare-url` (warning): `[https://www.cqc.org.uk/…](…)` or `<https://…>`.
- `links.vague-text` (warning): "here", "click here", "read more"…
- `links.image-alt` (error, as the export gate has it): `![](ward.jpg)`.

    >>> from columnist.markdown.column import parse_column
    >>> column = parse_column("See [here](https://x.org) and ![](ward.jpg).\\n")
    >>> [(f.code, f.column, str(f.severity)) for f in check_links_images(column)]
    [('links.vague-text', 5, 'warning'), ('links.image-alt', 31, 'error')]
"""

from __future__ import annotations

import re
from typing import Literal

from columnist.markdown.column import ColumnModel
from columnist.markdown.lines import LineIndex
from columnist.markdown.links import scan_links
from columnist.review.findings import Finding, Severity

# Link text a screen-reader user hears alone in a list of links and learns nothing from.
VAGUE_LINK_TEXT = frozenset({
    "here", "click here", "this", "this link", "link", "more", "read more", "click",
    "this page", "page", "go", "see here", "find out more", "learn more",
})
_MARKUP = re.compile(r"[*_`~]")
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)

LinkFault = Literal["empty", "vague", "url"]


def link_text_words(label: str) -> str:
    """A link's text as a reader hears it: emphasis dropped, spaces and end punctuation
    trimmed, lower case.

    >>> link_text_words(" **Click  here**. ")
    'click here'
    """
    return " ".join(_MARKUP.sub("", label).split()).strip(" .:!").lower()


def link_text_fault(label: str) -> LinkFault | None:
    """What is wrong with a link's text: "empty", "vague", "url", or None.

    >>> [link_text_fault(t) for t in ("", "here", "https://www.cqc.org.uk", "the report")]
    ['empty', 'vague', 'url', None]
    """
    words = link_text_words(label)
    if not words:
        return "empty"
    if words in VAGUE_LINK_TEXT:
        return "vague"
    if _URL_TEXT.match(words):
        return "url"
    return None


def lacks_alt_text(alt: str) -> bool:
    """True when an image's alt text is missing or only spaces."""
    return not alt.strip()


_LINK_MESSAGES = {
    "empty": ("links.empty-text", "The link to {url} has no text: say where it goes (“the "
              "inspection report”)."),
    "vague": ("links.vague-text", "The link text “{label}” does not say where it goes: use "
              "words that make sense read on their own (“the inspection report”)."),
    "url": ("links.bare-url", "The link text is a bare web address: say where it goes "
            "(“the trust's latest CQC report”); screen readers spell addresses out."),
}


def check_links_images(column: ColumnModel) -> list[Finding]:
    """Every link-text and alt-text finding of `column`, in reading order."""
    index = LineIndex(column.text)
    found: list[Finding] = []
    for block in column.blocks:
        if "[" not in block.text and "<http" not in block.text:
            continue
        for link in scan_links(block.text).links:
            if link.image:
                continue  # images: from the model, below
            fault = link_text_fault(link.label)
            if fault is None:
                continue
            code, message = _LINK_MESSAGES[fault]
            start, end = block.start + link.start, block.start + link.end
            url = link.url or f"[{link.ref}]"
            found.append(Finding.at(index, start, end, Severity.WARNING, code,
                                    message.format(url=url, label=link.label.strip())))
    for image in column.images:
        if lacks_alt_text(image.alt):
            found.append(Finding.at(
                index, image.start, image.end, Severity.ERROR, "links.image-alt",
                f"The image {image.src or '(no file)'} has no alt text: describe it in the "
                "brackets, ![A nurse on the ward](…), so screen-reader users hear it."))
    found.sort(key=lambda f: (f.start, f.end))
    return found
