"""Plain text: the column as readable copy for an email or a newsletter.

Nothing here can run or load anything: the output is text. Links read "text (URL)",
headings stand on their own lines (the top two underlined), lists keep their bullets and
numbers (nested ones indented), quotes are marked with "> ", code is indented and never
wrapped, footnotes become numbered notes at the end, tables one line per row, and images
a line with their alt text and caption. Lines are wrapped at 72 characters unless the
`wrap` option is off. The Medium export writes its `.medium.txt` with `tree_text` too.

>>> from columnist.export.html_tree import parse_fragment
>>> print(tree_text(parse_fragment(
...     '<h2>Traits</h2><ul><li>Visible <a href="https://cqc.example/">leaders</a></li></ul>')),
...     end="")
Traits
------
<BLANKLINE>
- Visible leaders (https://cqc.example/)
"""

from __future__ import annotations

import textwrap

from columnist.export.base import (
    DRAFT_NOTE,
    Column,
    ExportOptions,
    ExportResult,
    write_output,
)
from columnist.export.format_options import value
from columnist.export.html_tree import Element
from columnist.export.story import (
    HEADINGS,
    Story,
    footnote_number,
    footnotes,
    read_story,
    table_list,
)

WIDTH = 72


def inline_text(node: Element | str) -> str:
    """The text of inline content: links as "text (URL)", footnote references as [1],
    line breaks kept, runs of spaces and newlines made one space."""
    if isinstance(node, str):
        return node.replace("\u00a0", " ").replace("\n", " ")
    if node.tag == "br":
        return "\n"
    if node.tag == "img":
        return image_line(node.attrs.get("alt", ""), node.attrs.get("title", ""))
    number = footnote_number(node)
    if number is not None:
        return f"[{number}]"
    inner = "".join(inline_text(child) for child in node.children)
    if node.tag == "a":
        href = node.attrs.get("href", "")
        shown = href.removeprefix("mailto:")
        if href.startswith(("http:", "https:", "mailto:")) and shown != inner.strip():
            return f"{inner} ({shown})"
    return inner


def image_line(alt: str, caption: str) -> str:
    """How an image reads in text: "[Image: alt. Caption: caption]"."""
    words = f"Image: {alt.strip() or 'no description'}"
    if caption.strip():
        words += f". Caption: {caption.strip()}"
    return f"[{words}]"


class _Writer:
    def __init__(self, width: int | None) -> None:
        self.width = width
        self.blocks: list[str] = []

    def para(self, text: str, first: str = "", rest: str = "") -> str:
        """One paragraph, wrapped (hard line breaks kept), with indents."""
        lines: list[str] = []
        for number, line in enumerate(text.split("\n")):
            line = " ".join(line.split())
            lead = first if number == 0 else rest
            if self.width is None or not line:
                lines.append((lead + line).rstrip())
                continue
            lines.extend(textwrap.wrap(
                line, self.width, initial_indent=lead, subsequent_indent=rest,
                break_long_words=False, break_on_hyphens=False,
            ) or [lead.rstrip()])
        return "\n".join(lines)

    def block(self, element: Element, first: str = "", rest: str = "") -> list[str]:
        """The text blocks (paragraph-sized strings) of one block element."""
        tag = element.tag
        if tag in HEADINGS:
            title = " ".join(inline_text(element).split())
            if tag in ("h1", "h2"):
                return [first + title + "\n" + rest + ("=" if tag == "h1" else "-") * len(title)]
            return [first + title]
        if tag == "pre":
            code = element.text().rstrip("\n")
            return ["\n".join(f"{rest}    {line}".rstrip() for line in code.split("\n"))]
        if tag == "hr":
            return [first + "* * *"]
        if tag == "blockquote":
            return self.blocks_of(element, first + "> ", rest + "> ", quote=True)
        if tag in ("ul", "ol"):
            return [self.list_text(element, rest)]
        if tag == "table":
            return [self.list_text(table_list(element), rest)]
        if tag in ("div", "section", "figure", "root", "li", "dl", "dd", "dt"):
            return self.blocks_of(element, first, rest)
        return [self.para(inline_text(element), first, rest)]

    def blocks_of(self, parent: Element, first: str, rest: str, quote: bool = False) -> list[str]:
        """The blocks of `parent`'s children; loose inline content is a paragraph."""
        out: list[str] = []
        run: list[Element | str] = []

        def flush() -> None:
            text = "".join(inline_text(node) for node in run).strip()
            if text:
                out.append(self.para(text, first if not out else rest, rest))
            run.clear()

        for child in parent.children:
            if isinstance(child, Element) and (child.tag in _BLOCKS):
                flush()
                out.extend(self.block(child, first if not out else rest, rest))
            else:
                run.append(child)
        flush()
        if quote:  # one quote: the blank lines between its paragraphs keep the mark
            return [f"\n{rest.rstrip()}\n".join(out)]
        return out

    def list_text(self, element: Element, indent: str) -> str:
        """A list, nested lists indented under their item, one item per line."""
        lines: list[str] = []
        items = [child for child in element.elements if child.tag == "li"]
        for number, item in enumerate(items, start=int(element.attrs.get("start", "1") or 1)):
            marker = f"{number}. " if element.tag == "ol" else "- "
            lines.extend(self.blocks_of(item, indent + marker, indent + " " * len(marker)))
        return "\n".join(lines)


_BLOCKS = frozenset({*HEADINGS, "p", "pre", "hr", "blockquote", "ul", "ol", "table", "div",
                     "section", "figure", "dl", "dt", "dd"})


def tree_text(body: Element, width: int | None = None) -> str:
    """The text of a body tree; footnotes (if still there) as "Notes" at the end."""
    writer = _Writer(width)
    notes = footnotes(body)
    blocks = writer.blocks_of(body, "", "")
    if notes:
        blocks.append("Notes\n-----")
        for number, item in notes:
            blocks.extend(writer.blocks_of(item, f"[{number}] ", " " * (len(number) + 3)))
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


def story_text(column: Column, width: int | None = WIDTH) -> tuple[str, Story]:
    """The whole column as text (title block first), and the story it was read from
    (its title, and the renderer's warnings)."""
    story = read_story(column)
    writer = _Writer(width)
    head = [writer.para(story.title) + "\n" + "=" * min(len(story.title), width or 10**6)]
    head += [writer.para(part) for part in (story.subtitle, story.byline) if part]
    return "\n\n".join(head) + "\n\n" + tree_text(story.body, width), story


class TextExporter:
    """`--to text`: the column as plain text (UTF-8), wrapped at 72 unless `wrap` is off."""

    name = "text"
    label = "Plain text"
    suffix = ".txt"

    def export(self, column: Column, options: ExportOptions) -> ExportResult:
        wrap = value(options.extra, "wrap")
        text, story = story_text(column, WIDTH if wrap else None)
        if options.draft:
            word, rest = DRAFT_NOTE
            note = _Writer(WIDTH if wrap else None).para(f"{word.upper()} — {rest}")
            text = f"{note}\n\n{text}"
        result = ExportResult(options.out_path, story.title)
        result.warnings.extend(story.warnings)
        write_output(options.out_path, text.encode("utf-8"), result)
        return result
