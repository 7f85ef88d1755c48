"""The rendered column as a small element tree, for exports that reshape it.

The Medium-ready copy and the plain text change the document's structure (a table into a
list, footnotes into a Notes section), which is work on a tree, never on HTML text with
regular expressions. The HTML they start from is the sanitiser's output (well formed, an
allow-list of elements), so the standard library's `html.parser` is enough to read it.

>>> root = parse_fragment('<p>Good <a href="https://x.example/">care</a>.</p>')
>>> [child.tag for child in root.children]
['p']
>>> root.children[0].text()
'Good care.'
>>> serialise(root)
'<p>Good <a href="https://x.example/">care</a>.</p>'
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"br", "hr", "img", "wbr"})


@dataclass
class Element:
    """An element: its tag, attributes and children (elements and text strings)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Element]:
        """The child elements, text left out."""
        return [child for child in self.children if isinstance(child, Element)]

    def text(self) -> str:
        """All the text inside, as one string."""
        return "".join(
            child if isinstance(child, str) else child.text() for child in self.children
        )

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.elements:
            yield from child.iter()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def parse_fragment(fragment: str) -> Element:
    """The fragment's elements under a `root` element."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root


def serialise(node: Element | str) -> str:
    """HTML for `node` (a `root` element: its children only), text and attributes escaped."""
    if isinstance(node, str):
        return html.escape(node, quote=False)
    inner = "".join(serialise(child) for child in node.children)
    if node.tag == "root":
        return inner
    attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


def rewrite(parent: Element, change: Callable[[Element], list[Element | str] | None]) -> None:
    """Replace each element inside `parent` (depth first, children before the element
    itself) by what `change` returns for it: a list of nodes (empty: remove it), or None
    to keep it. Each step of a reshaping export is one such `change`."""
    children: list[Element | str] = []
    for child in parent.children:
        if isinstance(child, Element):
            rewrite(child, change)
            replacement = change(child)
            children.extend([child] if replacement is None else replacement)
        else:
            children.append(child)
    parent.children = children
