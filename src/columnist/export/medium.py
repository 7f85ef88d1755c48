"""Medium-ready copy: the column reshaped into what Medium's editor keeps when pasted.

Medium has a title, a subtitle, two heading sizes, bold, italic, links, quotes, inline
code, code blocks, one-level lists and a separator; no tables, footnotes, nested lists or
deeper headings, and it drops pasted images. So, working on the rendered column's tree
(`export.story`), never on HTML text: `##` becomes the large heading (`<h3>`), `###` the
small one (`<h4>`), deeper headings bold paragraphs; nested lists are flattened; tables
become lists; footnotes a Notes section; each image a marked placeholder line, its file
copied to `COLUMN-images/` with a list of alt texts and captions; trust links plain links.
Only `ALLOWED` elements (and only `href` on links) reach the output. Every change is a
sentence in `changes`: the dialog shows them and the command line prints them.

>>> copy = medium_copy(Column("# Title\\n\\n#### Deep\\n\\nText.\\n"))
>>> copy.title, copy.html
('Title', '<p><strong>Deep</strong></p>\\n<p>Text.</p>')
>>> copy.changes[-1]
'1 heading deeper than ### became a bold paragraph (“Deep”): Medium has two heading sizes.'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from columnist.export.base import (
    DRAFT_NOTE,
    Column,
    ExportOptions,
    ExportResult,
    write_output,
)
from columnist.export.format_options import value
from columnist.export.html_tree import Element, rewrite, serialise
from columnist.export.medium_images import MediumImage, replace_images, write_images
from columnist.export.story import (
    HEADINGS,
    footnote_number,
    footnotes,
    read_story,
    table_list,
)
from columnist.export.text import tree_text
from columnist.render.critic_marks import find_unresolved_marks

ALLOWED = frozenset({"p", "h3", "h4", "strong", "em", "a", "blockquote", "pre", "code",
                     "ul", "ol", "li", "hr", "br"})
SAFE_LINKS = ("http://", "https://", "mailto:")
_RENAMED = {"b": "strong", "i": "em"}
_BLOCK_WRAPPERS = frozenset({"div", "section", "figure", "dl", "dd", "dt", "tbody", "thead"})


@dataclass
class MediumCopy:
    """The story Medium-ready: `title` and `subtitle` (pasted into their own fields),
    `body` (a tree of `ALLOWED` elements), the images to upload, and what was changed."""

    title: str
    subtitle: str
    body: Element
    images: list[MediumImage] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        """The body as the HTML fragment Medium keeps, one block a line."""
        return "\n".join(serialise(child) for child in self.body.children)

    @property
    def text(self) -> str:
        """The body as plain text (what the clipboard offers beside the HTML)."""
        return tree_text(self.body)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _quoted(texts: list[str]) -> str:
    shown = ", ".join(f"“{text}”" for text in texts[:3])
    return shown + (f" and {len(texts) - 3} more" if len(texts) > 3 else "")


def _review_marks(body: Element, count: int, changes: list[str]) -> None:
    """A draft's `count` review marks: suggestions not applied, comments left out (the
    gate refuses a column with marks unless it is exported as a draft)."""

    def change(element: Element) -> list[Element | str] | None:
        if "critic" not in element.classes():
            return None
        if element.tag == "ins" or "comment" in element.classes():
            return []
        return element.children  # deleted text and highlights stay as they were

    rewrite(body, change)
    if count:
        changes.append(f"{_plural(count, 'review mark was', 'review marks were')} refused: "
                       "suggestions not applied, comments left out (a draft).")


def _footnotes(body: Element, changes: list[str]) -> None:
    notes = footnotes(body)
    if not notes:
        return

    def change(element: Element) -> list[Element | str] | None:
        number = footnote_number(element)
        return None if number is None else [f"[{number}]"]

    rewrite(body, change)
    listing = Element("ol")
    for _number, item in notes:
        listing.children.append(Element("li", {}, _inline_children(item)))
    body.children += [Element("h4", {}, ["Notes"]), listing]
    changes.append(f"{_plural(len(notes), 'footnote was', 'footnotes were')} moved to a Notes "
                   "section at the end, numbered [1], [2]… in the text: Medium has no "
                   "footnotes.")


def _inline_children(item: Element, line_breaks: bool = False) -> list[Element | str]:
    """An item's content as one run of inline content, its paragraphs joined by a space
    (or, with `line_breaks`, by a line break)."""
    out: list[Element | str] = []
    for child in item.children:
        if isinstance(child, Element) and child.tag == "p":
            if out:
                out.append(Element("br") if line_breaks else " ")
            out.extend(child.children)
        elif not (isinstance(child, str) and not child.strip()):
            out.append(child)
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return out


def _quotes(body: Element) -> None:
    """A quote of several paragraphs as one Medium quote per paragraph (Medium's quotes
    hold text, not paragraphs)."""

    def change(element: Element) -> list[Element | str] | None:
        if element.tag != "blockquote":
            return None
        parts = [child for child in element.elements if child.tag == "p"]
        if not parts:
            return None
        return [Element("blockquote", {}, part.children) for part in parts]

    rewrite(body, change)


def _tables(body: Element, changes: list[str]) -> None:
    described: list[str] = []

    def change(element: Element) -> list[Element | str] | None:
        if element.tag != "table":
            return None
        headers = [cell.text().strip() for cell in element.iter() if cell.tag == "th"]
        described.append(", ".join(headers) or "no header row")
        return [table_list(element)]

    rewrite(body, change)
    for headers in described:
        changes.append(f"A table ({headers}) became a list, one item per row: Medium has "
                       "no tables.")


def _flatten(item_list: Element, depth: int, under: list[str]) -> list[Element]:
    """The items of `item_list` and, after each, its nested lists' items, marked by depth."""
    items: list[Element] = []
    for item in (child for child in item_list.elements if child.tag == "li"):
        nested = [child for child in item.elements if child.tag in ("ul", "ol")]
        item.children = _inline_children(Element("li", {}, [
            child for child in item.children if child not in nested]), line_breaks=True)
        if depth:
            item.children.insert(0, "– " * depth)
        items.append(item)
        for sub in nested:
            under.append(" ".join(item.text().split()).lstrip("– "))
            items.extend(_flatten(sub, depth + 1, under))
    return items


def _lists(body: Element, changes: list[str]) -> None:
    flattened: list[str] = []

    def visit(parent: Element) -> None:
        for child in parent.elements:
            if child.tag in ("ul", "ol"):
                under: list[str] = []
                child.children = list(_flatten(child, 0, under))
                flattened.extend(under)
            else:
                visit(child)

    visit(body)
    if flattened:
        changes.append(f"{_plural(len(flattened), 'nested list was', 'nested lists were')} "
                       f"flattened to one level (under {_quoted(flattened)}), each item marked "
                       "“–”: Medium has one-level lists.")


def _headings(body: Element, changes: list[str]) -> None:
    top: list[str] = []
    deep: list[str] = []

    def change(element: Element) -> list[Element | str] | None:
        if element.tag not in HEADINGS:
            return None
        text = " ".join(element.text().split())
        if element.tag == "h1":
            top.append(text)
        if element.tag in ("h1", "h2"):
            return [Element("h3", {}, element.children)]
        if element.tag == "h3":
            return [Element("h4", {}, element.children)]
        deep.append(text)
        return [Element("p", {}, [Element("strong", {}, element.children)])]

    rewrite(body, change)
    if top:
        changes.append(f"{_plural(len(top), 'top-level heading', 'top-level headings')} in the "
                       f"body ({_quoted(top)}) became Medium's large heading, like ##.")
    if deep:
        became = _plural(len(deep), "heading deeper than ### became a bold paragraph",
                         "headings deeper than ### became bold paragraphs")
        changes.append(f"{became} ({_quoted(deep)}): Medium has two heading sizes.")


def _images(body: Element, source_dir: Path | None, copy: MediumCopy) -> None:
    copy.images = replace_images(body, source_dir)
    if copy.images:
        copy.changes.append(
            f"{_plural(len(copy.images), 'image was', 'images were')} replaced by a "
            "placeholder line “[Image to upload: …]” with its alt text and caption: Medium "
            "drops pasted images, so upload each one there.")


def _links(body: Element, changes: list[str]) -> None:
    dropped: list[str] = []

    def change(element: Element) -> list[Element | str] | None:
        if element.tag != "a":
            return None
        href = element.attrs.get("href", "")
        if href.startswith(SAFE_LINKS):
            element.attrs = {"href": href}
            return None
        if href or element.text().strip():
            dropped.append(" ".join(element.text().split()))
        return element.children

    rewrite(body, change)
    if dropped:
        changes.append(f"{_plural(len(dropped), 'link', 'links')} within the page or to no "
                       f"web address ({_quoted(dropped)}) became plain text.")


def _allowed_only(body: Element) -> None:
    """Unwrap every element Medium does not keep (its text stays); only `href` stays."""

    def change(element: Element) -> list[Element | str] | None:
        element.tag = _RENAMED.get(element.tag, element.tag)
        if element.tag == "dt":  # a definition list: each term bold, then its meaning
            return [Element("p", {}, [Element("strong", {}, element.children)])]
        if element.tag == "dd":
            return [Element("p", {}, element.children)]
        if element.tag not in ALLOWED:
            if element.tag in _BLOCK_WRAPPERS or element.tag in ("tr", "td", "th"):
                return [child for child in element.children
                        if not (isinstance(child, str) and not child.strip())]
            return element.children
        element.attrs = {"href": element.attrs["href"]} if element.tag == "a" else {}
        if element.tag == "pre":
            element.children = [element.text()]
        return None

    rewrite(body, change)
    body.children = [
        child for child in body.children if not (isinstance(child, str) and not child.strip())
    ]


def medium_copy(column: Column, source_dir: Path | None = None) -> MediumCopy:
    """The column Medium-ready, with every change it took listed."""
    folder = source_dir or column.source_dir
    story = read_story(column, folder)
    copy = MediumCopy(story.title, story.subtitle, story.body, warnings=story.warnings)
    if story.repeated_heading:
        copy.changes.append("The first heading repeats the title; it was left out of the body "
                            "(the title is pasted into Medium's title field).")
    if story.title_from_heading:
        copy.changes.append(f"The first heading (“{story.title}”) became the title: the column "
                            "has no title in its front matter.")
    body = story.body
    _review_marks(body, len(find_unresolved_marks(column.text)), copy.changes)
    _headings(body, copy.changes)
    _footnotes(body, copy.changes)
    _tables(body, copy.changes)
    _lists(body, copy.changes)
    _quotes(body)
    _images(body, folder, copy)
    _links(body, copy.changes)
    _allowed_only(body)
    return copy


def medium_paths(out_path: Path) -> tuple[Path, Path]:
    """The `.medium.txt` and the images folder beside `out_path` (`c.medium.html` →
    `c.medium.txt`, `c-images/`)."""
    stem = out_path.name.split(".", 1)[0] or out_path.stem
    return out_path.with_name(f"{stem}.medium.txt"), out_path.with_name(f"{stem}-images")


class MediumExporter:
    """`--to medium`: the body fragment Medium keeps, its text, and the images to upload."""

    name = "medium"
    label = "Medium-ready copy"
    suffix = ".medium.html"

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        copy = medium_copy(column)
        if options.draft:
            word, rest = DRAFT_NOTE
            copy.body.children.insert(0, Element("p", {}, [Element("strong", {}, [word]),
                                                           f" — {rest}"]))
            copy.changes.append("The copy starts with a Draft note: it was exported anyway, "
                                "past the publish gate.")
        result = ExportResult(options.out_path, copy.title, changes=copy.changes)
        result.warnings.extend(copy.warnings)
        text_path, images_dir = medium_paths(options.out_path)
        write_output(options.out_path, (copy.html + "\n").encode("utf-8"), result)
        head = f"{copy.title}\n\n{copy.subtitle}\n\n" if copy.subtitle else f"{copy.title}\n\n"
        write_output(text_path, (head + copy.text).encode("utf-8"), result)
        if copy.images and value(options.extra, "copy_images"):
            write_images(copy.images, images_dir, result)
        return result
