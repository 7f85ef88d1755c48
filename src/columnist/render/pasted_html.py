"""Pasted HTML (Word, Google Docs, Outlook, a web page) as the Markdown it means.

Comms staff paste from email and documents all day; what they pasted should keep its
bold, italic, links, headings, lists and quotes, as Markdown, and nothing else. Three
steps, each with a well-kept tool:

1. **Sanitise** with nh3 (the allow-list sanitiser the preview uses): scripts, styles,
   frames, forms, event handlers and `javascript:` links go, with their content where
   they have any. Only the few style properties that carry meaning in office HTML survive
   for step 2 (`font-weight`, `font-style`, `mso-list`) and Word's paragraph classes.
2. **Say what the office formats mean** (BeautifulSoup, over the cleaned HTML): Google
   Docs writes bold as `<span style="font-weight:700">` and wraps the whole paste in a
   `<b style="font-weight:normal">` that is not bold; Word and Outlook write a bulleted
   list as paragraphs with `mso-list` styles and the bullet as text, and a quote as
   `<p class=MsoQuote>`. These become `<strong>`, `<em>`, `<ul>`/`<ol>` and
   `<blockquote>`.
3. **Convert** with markdownify, in the column's style: ATX headings, `-` bullets,
   `**bold**` and `*italic*`.

Images are left out (a pasted image is a file on someone else's disk or a remote
address: nothing is fetched) and counted, so the editor can say so. Nothing here touches
the network. A paste whose HTML carries no formatting is pasted as its plain text.

    >>> pasted_markdown('<p>Rated <b>Good</b> by <a href="https://www.cqc.org.uk/">CQC</a></p>')
    PastedMarkdown(text='Rated **Good** by [CQC](https://www.cqc.org.uk/)', images_left_out=0)
    >>> pasted_markdown('<span style="font-weight:700">Bold</span> <script>x()</script>').text
    '**Bold**'
    >>> pasted_markdown("<p>Just words</p>") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import ASTERISK, ATX, MarkdownConverter

from columnist.render.sanitise import LINK_SCHEMES

KEPT_TAGS: frozenset[str] = frozenset(
    {
        "a", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span", "strike",
        "strong", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
KEPT_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"style", "class"},
    "a": {"href"},
    "img": {"alt", "width", "height"},
}
MEANINGFUL_STYLES: frozenset[str] = frozenset({"font-weight", "font-style", "mso-list"})
# Tags that make a paste "formatted"; without any, its plain text is pasted as it is.
FORMATTING_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
     "blockquote", "code", "pre", "hr", "table", "del", "s", "strike"}
)  # fmt: skip

_STYLE = re.compile(r"\s*([-\w]+)\s*:\s*([^;]+)")
_MSO_LEVEL = re.compile(r"level(\d+)")
_ORDERED_MARKER = re.compile(r"^\(?[0-9ivxlcdmIVXLCDMa-zA-Z]{1,4}[.)]$")
_SOURCE_WHITESPACE = re.compile(r"[ \t\r\n]+")
_EDGE_PUNCTUATION = re.compile(r"^([\s,.;:!?]*)(.*?)([\s,.;:!?]*)$", re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_START_FRAGMENT = "<!--StartFragment-->"
_END_FRAGMENT = "<!--EndFragment-->"


@dataclass(frozen=True)
class PastedMarkdown:
    """The Markdown for a paste, and how many images were left out of it."""

    text: str
    images_left_out: int


def pasted_markdown(html: str) -> PastedMarkdown | None:
    """The Markdown for clipboard `html`, or None when it carries no formatting (paste
    the clipboard's plain text then: it is exactly what was copied)."""
    cleaned = nh3.clean(
        _fragment(html),
        tags=set(KEPT_TAGS),
        clean_content_tags={"script", "style", "title", "textarea", "select", "iframe",
                            "object", "svg", "math", "noscript"},
        attributes={tag: set(names) for tag, names in KEPT_ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties=set(MEANINGFUL_STYLES),
        link_rel=None,
        strip_comments=True,
    )
    soup = BeautifulSoup(cleaned, "html.parser")
    images = _drop_images(soup)
    _google_docs_wrapper(soup)
    _styled_emphasis(soup)
    _office_lists(soup)
    _office_quotes(soup)
    _tidy(soup)
    if soup.find(list(FORMATTING_TAGS)) is None:
        return None
    markdown = _Converter(
        heading_style=ATX,
        bullets="-",
        strong_em_symbol=ASTERISK,
        escape_underscores=False,
        wrap=False,
    ).convert_soup(soup)
    text = markdown.replace("\u00a0", " ")
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text).strip("\n")
    return PastedMarkdown(text, images)


class _Converter(MarkdownConverter):
    """markdownify in the column's style: headings hold plain text, not `**bold**`."""

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        return super().convert_hN(n, el, text.replace("**", "").strip(), parent_tags)


def _fragment(html: str) -> str:
    """What was copied: Windows' clipboard header (`Version:0.9 StartHTML:…`) and the
    rest of the page around Word's and the browsers' fragment markers left out."""
    start = html.find(_START_FRAGMENT)
    if start >= 0:
        end = html.find(_END_FRAGMENT, start)
        return html[start + len(_START_FRAGMENT) : end if end >= 0 else len(html)]
    first_tag = html.find("<")
    return html[first_tag:] if first_tag > 0 else html


def _styles(tag: Tag) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2).strip().lower()
            for m in _STYLE.finditer(str(tag.get("style") or ""))}


def _is_bold(value: str) -> bool:
    return value in ("bold", "bolder") or (value.isdigit() and int(value) >= 600)


def _drop_images(soup: BeautifulSoup) -> int:
    images = soup.find_all("img")
    # A 1×1 tracking pixel (Outlook signatures) is not a picture anyone pasted.
    counted = sum(1 for image in images
                  if not (str(image.get("width")) in ("0", "1") or
                          str(image.get("height")) in ("0", "1")))
    for image in images:
        image.decompose()
    return counted


def _google_docs_wrapper(soup: BeautifulSoup) -> None:
    """Google Docs wraps a whole paste in `<b style="font-weight:normal">`: not bold."""
    for tag in soup.find_all(["b", "strong"]):
        weight = _styles(tag).get("font-weight")
        if weight is not None and not _is_bold(weight):
            tag.unwrap()


def _styled_emphasis(soup: BeautifulSoup) -> None:
    """`<span style="font-weight:700">` → `<strong>`, `font-style:italic` → `<em>`."""
    for span in soup.find_all("span"):
        styles = _styles(span)
        if span.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"]) is not None:
            continue  # a heading's own weight is not emphasis
        italic = styles.get("font-style") in ("italic", "oblique")
        if (italic or _is_bold(styles.get("font-weight", ""))) and span.string:
            # ", declined" in italics: the comma and space stay outside the stars.
            edge = _EDGE_PUNCTUATION.match(str(span.string))
            if edge and edge.group(2) and (edge.group(1) or edge.group(3)):
                span.string = edge.group(2)
                if edge.group(1):
                    span.insert_before(edge.group(1))
                if edge.group(3):
                    span.insert_after(edge.group(3))
        if styles.get("font-style") in ("italic", "oblique"):
            span.wrap(soup.new_tag("em"))
        if _is_bold(styles.get("font-weight", "")):
            span.wrap(soup.new_tag("strong"))


def _office_lists(soup: BeautifulSoup) -> None:
    """Word's and Outlook's list paragraphs (`mso-list: l0 level1 lfo1`, the bullet or
    number written in a span marked `mso-list: Ignore`) as real nested lists."""
    paragraphs = [p for p in soup.find_all("p") if "mso-list" in _styles(p)]
    runs: list[list[Tag]] = []
    for paragraph in paragraphs:
        previous = paragraph.find_previous_sibling(True)
        if runs and previous is runs[-1][-1] and _list_id(previous) == _list_id(paragraph):
            runs[-1].append(paragraph)
        else:
            runs.append([paragraph])
    for run in runs:
        stack: list[tuple[int, Tag]] = []
        for paragraph in run:
            match = _MSO_LEVEL.search(_styles(paragraph)["mso-list"])
            level = int(match.group(1)) if match else 1
            marker = ""
            for span in paragraph.find_all("span"):
                if not span.decomposed and _styles(span).get("mso-list") == "ignore":
                    marker = span.get_text(" ", strip=True).replace("\u00a0", " ").split(" ")[0]
                    span.decompose()
            ordered = bool(_ORDERED_MARKER.match(marker))
            while stack and stack[-1][0] > level:
                stack.pop()
            if not stack or stack[-1][0] < level:
                new_list = soup.new_tag("ol" if ordered else "ul")
                if stack:
                    parent_items = stack[-1][1].find_all("li", recursive=False)
                    (parent_items[-1] if parent_items else stack[-1][1]).append(new_list)
                else:
                    paragraph.insert_before(new_list)
                stack.append((level, new_list))
            item = soup.new_tag("li")
            for child in list(paragraph.contents):
                item.append(child.extract())
            stack[-1][1].append(item)
            paragraph.decompose()


def _list_id(paragraph: Tag) -> str:
    """Word's list number (`l0`, `l1`…): two lists one after the other stay two lists."""
    return _styles(paragraph).get("mso-list", "").split(" ")[0]


def _office_quotes(soup: BeautifulSoup) -> None:
    """Word's Quote and Intense Quote paragraph styles as block quotes."""
    for paragraph in soup.find_all("p"):
        classes = [c.lower() for c in paragraph.get("class") or []]
        if any(c in ("msoquote", "msointensequote") for c in classes):
            paragraph.wrap(soup.new_tag("blockquote"))


def _tidy(soup: BeautifulSoup) -> None:
    """Paragraphs inside list items (Google Docs) are the items' text; a list item's
    leading spaces are not content; line breaks in the HTML source are spaces, as a
    browser shows them (Word breaks its lines at 80 characters)."""
    for item in soup.find_all("li"):
        for paragraph in item.find_all("p", recursive=False):
            paragraph.unwrap()
    for string in soup.find_all(string=True):
        if isinstance(string, NavigableString) and string.find_parent("pre") is None:
            collapsed = _SOURCE_WHITESPACE.sub(" ", str(string))
            if collapsed != string:
                string.replace_with(collapsed)
