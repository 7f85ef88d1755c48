"""The column model: everything the app needs to know about a column's source, parsed once.

The preview, outline, metadata form, status bar, window banner (and the checker, exporters
and review panel) all ask the same questions of the text: what the front matter says (or
why it cannot be read), where the body starts, which headings, trust references, review
marks and images it has, and how many words a reader will read. `parse_column` answers
them all in one `ColumnModel`. The preview's render worker makes one per revision, off
the GUI thread, and hands it to the window with the rendered page; nobody parses again.

A 50,000-word column must not cost a full parse per keystroke, so the body is read block
by block (`markdown.blocks`, the same blocks the preview renders) and a `ColumnParser`
keeps what it found in each block: an edit re-reads only the blocks it touched.

    >>> column = parse_column(
    ...     "---\\ntitle: March\\n---\\n# Winter\\n\\nAt [Bristol](https://www.cqc.org.uk/provider/RA7)"
    ...     " {>>KB: check<<} ![Ward](ward.jpg)\\n"
    ... )
    >>> column.front_matter.values["title"], column.headings[0].text, column.word_count
    ('March', 'Winter', 3)
    >>> column.trust_links[0].code, column.review_marks[0].author, column.images[0].src
    ('RA7', 'KB', 'ward.jpg')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from columnist.markdown.blocks import Block, split_blocks
from columnist.markdown.critic import CriticMark, scan_marks
from columnist.markdown.front_matter import locate_front_matter, misplaced_front_matter
from columnist.markdown.front_matter_values import split_front_matter
from columnist.markdown.headings import Heading, find_headings
from columnist.markdown.links import FoundLinks, LinkDefinition, SourceLink, scan_links
from columnist.markdown.trust_links import TrustLink, trust_links_among
from columnist.markdown.word_count import count_block_words


@dataclass(frozen=True)
class FrontMatterFacts:
    """The front matter as the model reports it. `values`: what the YAML says ({} when
    absent or malformed); `error`: why it cannot be read ("line 3: …"), with `error_line`
    the 1-based line it names; `body_offset` / `body_line`: where the body starts (0 when
    there is no front matter); `misplaced_line`: the 1-based line of a block that would be
    front matter but starts below blank lines (so it is body text), else None."""

    present: bool = False
    values: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    error_line: int | None = None
    body_offset: int = 0
    body_line: int = 0
    misplaced_line: int | None = None


@dataclass(frozen=True)
class Image:
    """An image as written: `![alt](src "title")` or `![alt][ref]`; `line` is 0-based,
    `start`/`end` are offsets of the whole markup."""

    src: str
    alt: str
    title: str | None
    line: int
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class ColumnModel:
    """One revision of a column, read. Offsets and 0-based lines are in `text`."""

    text: str
    front_matter: FrontMatterFacts
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    trust_links: tuple[TrustLink, ...]
    review_marks: tuple[CriticMark, ...]
    images: tuple[Image, ...]
    link_definitions: tuple[LinkDefinition, ...]
    word_count: int

    @property
    def body(self) -> str:
        """The text after the front matter."""
        return self.text[self.front_matter.body_offset :]


@dataclass(frozen=True)
class _BlockFacts:
    """What one block holds, with offsets and lines relative to the block."""

    headings: tuple[Heading, ...]
    links: FoundLinks
    link_lines: tuple[int, ...]  # 0-based line of each link within the block
    marks: tuple[CriticMark, ...]
    words: int


def _read_block(text: str) -> _BlockFacts:
    links = scan_links(text)
    return _BlockFacts(
        tuple(find_headings(text)),
        links,
        tuple(text.count("\n", 0, link.start) for link in links.links),
        tuple(scan_marks(text)) if "{" in text else (),
        count_block_words(text),
    )


def _read_front_matter(text: str) -> FrontMatterFacts:
    front, _body = split_front_matter(text)
    if front is None:
        return FrontMatterFacts()
    return FrontMatterFacts(
        True, dict(front.data), front.error, front.error_line, front.body_offset,
        front.end_line + 1,
    )


class ColumnParser:
    """Parses successive revisions of one column, reusing each unchanged block's facts.

    One per thread (it keeps a cache); `parse_column` is the one-off form.
    """

    def __init__(self) -> None:
        self._cache: dict[str, _BlockFacts] = {}
        self._front: tuple[str, FrontMatterFacts] | None = None

    def parse(self, text: str) -> ColumnModel:
        """The model of `text` (front matter included)."""
        front = self._front_matter(text)
        body = text[front.body_offset :]
        blocks = split_blocks(body, front.body_line, front.body_offset)
        cache: dict[str, _BlockFacts] = {}
        headings: list[Heading] = []
        links: list[SourceLink] = []
        link_line: dict[int, int] = {}  # link start -> 0-based line
        definitions: list[LinkDefinition] = []
        marks: list[CriticMark] = []
        if front.present and "{" in text[: front.body_offset]:
            marks.extend(scan_marks(text[: front.body_offset]))
        words = 0
        for block in blocks:
            facts = cache.get(block.text) or self._cache.get(block.text)
            if facts is None:
                facts = _read_block(block.text)
            cache[block.text] = facts
            anchor = f"L{block.line}"
            headings.extend(
                Heading(h.level, h.text, block.line + h.line, anchor) for h in facts.headings
            )
            for link, line in zip(facts.links.links, facts.link_lines, strict=True):
                links.append(link.moved(block.start))
                link_line[block.start + link.start] = block.line + line
            definitions.extend(d.moved(block.start) for d in facts.links.definitions)
            marks.extend(m.moved(block.start) for m in facts.marks)
            words += facts.words
        self._cache = cache  # keep only what the current text uses

        by_key = {d.key: d for d in definitions}  # the last definition of a name wins
        trust = trust_links_among(links, by_key, link_line.__getitem__)
        images = _images(links, by_key, link_line.__getitem__)
        return ColumnModel(
            text, front, tuple(blocks), tuple(headings), tuple(trust), tuple(marks),
            tuple(images), tuple(definitions), words,
        )

    def _front_matter(self, text: str) -> FrontMatterFacts:
        """The front matter, its YAML re-read only when the block changed (the usual edit
        is in the body)."""
        block = locate_front_matter(text)
        if block is None:
            misplaced = misplaced_front_matter(text)  # cheap: only blank lines at the top
            return FrontMatterFacts(misplaced_line=None if misplaced is None else misplaced + 1)
        head = text[: block.body_offset]
        if self._front is None or self._front[0] != head:
            self._front = (head, _read_front_matter(head))
        return self._front[1]


def _images(
    links: list[SourceLink], definitions: dict[str, LinkDefinition], line_of: Any
) -> list[Image]:
    images = []
    for link in links:
        if not link.image:
            continue
        src, title = link.url, link.title
        if link.kind == "reference":
            definition = definitions.get(link.ref.strip().lower())
            if definition is None:
                continue
            src, title = definition.url, definition.title
        images.append(Image(src, link.label, title, line_of(link.start), link.start, link.end))
    return images


def parse_column(text: str) -> ColumnModel:
    """The model of one text (a fresh parser: nothing cached)."""
    return ColumnParser().parse(text)
