"""Markdown -> sanitised HTML for the live preview (and, with `target="export"`, export).

Python-Markdown costs ~60 ms per 5,000 words, too slow to redo a 50,000-word column on
every keystroke. The text is first read into the column model (`markdown.column`, itself
cached per block), whose blocks render independently; each block's sanitised HTML is
cached by its text, so an edit re-renders only the blocks it touched. Reference-style link
definitions come from the model (the whole body) and are given to every block, so they
work across blocks. Footnotes number themselves over the whole document, so a text with
footnote definitions is rendered in one pass (still anchored per block).

Every top-level block carries `<a name="L{line}"></a>` (0-based line in the full text,
front matter included) so the preview can follow the editor and back.

What the sanitiser leaves out (`render.sanitise.Withheld`: an element removed with its
content, an image that may not be shown) is found in its block's Markdown and given its
line; the preview shows a note where an element was ("[removed: <script> element, line
12]"), and `RenderResult.withheld` lists everything for the export's warnings. The cache
keeps lines relative to the block, so a note follows its line when text is added above.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from columnist.markdown.blocks import Block
from columnist.markdown.column import ColumnModel, ColumnParser
from columnist.markdown.headings import Heading
from columnist.markdown.links import code_spans
from columnist.render.header import story_header_html
from columnist.render.malformed_marks import hide_malformed, show_malformed
from columnist.render.sanitise import (
    Withheld,
    clean_html,
    fill_notes,
    note_span,
    sanitise_html,
)
from columnist.render.trust_links import RatingLookup, add_badges, mark_trust_links

Target = Literal["preview", "export"]


@dataclass
class RenderResult:
    """`html`: sanitised fragment (story header + body, anchored per block);
    `headings`: the column's headings (from `column`); `block_lines`: source line of each
    anchor, ascending; `column`: the column model of the rendered text; `front_matter`:
    its front-matter values ({} when absent or malformed); `withheld`: what the page
    leaves out (removed elements, images not shown), each at its line, in line order;
    `complete` False: only the first blocks were asked for (`first_chars`), no footer."""

    html: str
    headings: list[Heading]
    block_lines: list[int]
    column: ColumnModel
    front_matter: dict[str, Any] = field(default_factory=dict)
    withheld: list[Withheld] = field(default_factory=list)
    complete: bool = True


@dataclass(frozen=True)
class _Piece:
    """One block's sanitised HTML (note slots still in it) and what it left out, with
    lines relative to the block (so it can be cached whatever moves above it)."""

    html: str
    withheld: tuple[Withheld, ...] = ()


# By module path: `_new_markdown` imports them directly (see there).
EXTENSIONS = [
    "markdown.extensions.tables",
    "markdown.extensions.footnotes",
    "markdown.extensions.fenced_code",
    "markdown.extensions.sane_lists",
    "markdown.extensions.smarty",
    "pymdownx.critic",
]

_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\n]+\]:", re.MULTILINE)
_ANCHOR_HOST = re.compile(r"<(?:p|h[1-6]|li|pre|dt|dd)\b[^>]*>|<t[hd]\b(?![^>]*quote-)[^>]*>")
class RenderStopped(Exception):
    """The caller's `stop()` said the result is no longer wanted (newer text, a closed
    window): converting the rest of a 10 MB column would only hold the CPU for seconds."""


# How many blocks are converted between two calls of `stop()` (a few milliseconds' work).
STOP_CHECK_BLOCKS = 32

_PLACEHOLDER = "columnistblockmarker{}z"
_PLACEHOLDER_P = re.compile(r"<p>columnistblockmarker(\d+)z</p>\n?")


def _new_markdown():
    """Python-Markdown with EXTENSIONS, each imported by its module path.

    Markdown first looks every extension name up among the entry points of all installed
    distributions (`importlib.metadata`: ~30 ms before the first preview, with a dozen
    imports of its own), and pymdownx.critic names one more ("pymdownx._bypassnorm") when
    it is set up. Every name here is a module path, so the scan finds nothing Markdown's
    own fallback (import the module, call `makeExtension`) would not.
    """
    import markdown

    class DirectMarkdown(markdown.Markdown):
        def build_extension(self, ext_name: str, configs: Any) -> Any:
            return importlib.import_module(ext_name).makeExtension(**dict(configs))

    return DirectMarkdown(
        extensions=EXTENSIONS,
        extension_configs={"pymdownx.critic": {"mode": "view"}},
        output_format="html",
    )


def _references(column: ColumnModel) -> dict[str, tuple[str, str | None]]:
    """Reference-style link definitions of the whole body (last one wins), code excluded."""
    return {d.key: (d.url, d.title) for d in column.link_definitions}


def _lines_of(withheld: tuple[Withheld, ...], source: str) -> tuple[Withheld, ...]:
    """Each withheld thing at the line of its block where it is written (outside code;
    the same tag or src written twice: the next occurrence each time); where it cannot
    be found (an image defined by reference elsewhere), the block's first line."""
    masked = source
    for start, end in code_spans(source):
        masked = masked[:start] + re.sub(r"[^\n]", " ", masked[start:end]) + masked[end:]
    lowered = masked.lower()
    after: dict[str, int] = {}
    placed = []
    for item in withheld:
        needle = item.source.lower()
        at = lowered.find(needle, after.get(needle, 0)) if needle else -1
        if at < 0:
            placed.append(item.at_line(0))
            continue
        after[needle] = at + len(needle)
        placed.append(item.at_line(masked.count("\n", 0, at)))
    return tuple(placed)


def first_blocks(blocks: list[Block], chars: int) -> list[Block]:
    """The leading blocks holding about `chars` characters of Markdown (at least one).

    What a first screen needs: a window shows a few thousand characters, so the top of a
    50,000-word column can be on screen long before its whole page is built.

    >>> from columnist.markdown.column import ColumnParser
    >>> blocks = list(ColumnParser().parse("One.\\n\\nTwo, longer.\\n\\nThree.\\n").blocks)
    >>> [b.source for b in first_blocks(blocks, 8)]
    ['One.', 'Two, longer.']
    >>> len(first_blocks(blocks, 1_000)) == len(blocks)
    True
    """
    size = 0
    for index, block in enumerate(blocks):
        size += len(block.source)
        if size >= chars:
            return blocks[: index + 1]
    return blocks


def _add_anchor(fragment: str, line: int) -> str:
    """Put the scroll-sync anchor inside the block's first text-bearing element (outside
    one, Qt would show it as an empty paragraph)."""
    anchor = f'<a name="L{line}"></a>'
    match = _ANCHOR_HOST.search(fragment)
    if match is None:
        return anchor + fragment
    return fragment[: match.end()] + anchor + fragment[match.end() :]


class Renderer:
    """Renders column text; one per thread (Python-Markdown instances are not thread-safe).

    `rating_lookup(kind, id)` gives the badge shown after trust links (preview only).
    If it also has `footer_html() -> str`, that HTML follows the body (preview only).
    `base_dir`: the document's folder, so relative images show in the preview.
    `target="export"`: no anchors or badges (standalone HTML for browsers).
    The result is standard HTML; `document_html` adapts it to Qt's rich-text subset.
    """

    def __init__(
        self,
        rating_lookup: RatingLookup | None = None,
        *,
        base_dir: Path | None = None,
        target: Target = "preview",
    ) -> None:
        self.rating_lookup = rating_lookup
        self._base_dir = base_dir
        self._target: Target = target
        self._md: Any = None
        self._cache: dict[tuple[str, str], _Piece] = {}  # (block source, refs key) -> piece
        self._anchored: dict[tuple[str, int], str] = {}  # (block html, line) -> with anchor
        self._parser = ColumnParser()
        self.last_rendered_blocks = 0  # blocks actually converted by the last render()

    @property
    def base_dir(self) -> Path | None:
        return self._base_dir

    def set_base_dir(self, base_dir: Path | None) -> None:
        """Change the document folder (Save As, open): image URLs depend on it."""
        if base_dir != self._base_dir:
            self._base_dir = base_dir
            self.clear_cache()

    def clear_cache(self) -> None:
        self._cache.clear()

    def _footer(self) -> str:
        """HTML the rating lookup wants after the body (how current the badges are, and
        the licence attribution), or ''. A lookup offers it with a `footer_html()` method,
        called once per render after the badges, so it can say '' when none was shown.
        Added after the block cache: it never invalidates cached blocks."""
        footer = getattr(self.rating_lookup, "footer_html", None)
        if not callable(footer):
            return ""
        try:
            return str(footer() or "")
        except Exception:  # like a failing badge: never break the preview
            return ""

    # -- conversion ------------------------------------------------------------------

    def _markdown(self, source: str, refs: dict[str, tuple[str, str | None]]) -> str:
        if self._md is None:
            self._md = _new_markdown()
        md = self._md
        md.reset()
        if refs:
            md.references.update(refs)
        source, malformed = hide_malformed(source)
        return show_malformed(md.convert(source), malformed)

    def _finish(self, raw: str, source: str) -> _Piece:
        """Sanitise and classify trust links (cacheable: no rating data in it); find the
        line, within `source` (the block's Markdown), of anything left out."""
        image_urls = "relative" if self._target == "export" else "file"
        cleaned = clean_html(raw, self._base_dir, image_urls)
        html = mark_trust_links(cleaned.html)
        if not cleaned.withheld:
            return _Piece(html)
        return _Piece(html, _lines_of(cleaned.withheld, source))

    def _render_blocks(
        self,
        blocks: list[Block],
        refs: dict[str, tuple[str, str | None]],
        stop: Callable[[], bool] | None = None,
    ) -> list[_Piece]:
        ref_key = hashlib.sha1(repr(sorted(refs.items())).encode()).hexdigest() if refs else ""
        cache: dict[tuple[str, str], _Piece] = {}
        pieces: list[_Piece] = []
        converted = 0
        for block in blocks:
            source = block.source
            key = (source, ref_key if "[" in source else "")
            piece = cache.get(key)
            if piece is None:
                piece = self._cache.get(key)
            if piece is None:
                converted += 1
                if stop is not None and converted % STOP_CHECK_BLOCKS == 0 and stop():
                    self._cache.update(cache)  # the next render reuses what was done
                    raise RenderStopped
                piece = self._finish(self._markdown(source, refs), source)
            cache[key] = piece
            pieces.append(piece)
        self._cache = cache  # keep only what the current text uses
        self.last_rendered_blocks = converted
        return pieces

    def _render_whole(self, blocks: list[Block]) -> list[_Piece]:
        """One Markdown pass over all blocks (footnotes), split back per block."""
        sources = [block.source for block in blocks]
        text = "\n\n".join(
            f"{_PLACEHOLDER.format(i)}\n\n{source}" for i, source in enumerate(sources)
        )
        raw = self._markdown(text, {})
        parts = _PLACEHOLDER_P.split(raw)
        # parts: [before, "0", html0, "1", html1, ...]
        fragments = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
        pieces = [self._finish(fragments.get(i, ""), source) for i, source in enumerate(sources)]
        self._cache = {}
        self.last_rendered_blocks = len(blocks)
        return pieces

    def _place(self, piece: _Piece, block: Block, withheld: list[Withheld]) -> str:
        """The block's HTML with its notes in place, naming lines in the column; what it
        left out is added to `withheld`. The export shows no notes (it warns instead)."""
        if not piece.withheld:
            return piece.html
        placed = [w.at_line(block.line + w.line) for w in piece.withheld]
        withheld.extend(placed)
        if self._target == "export":
            return fill_notes(piece.html, placed, lambda _element: "")
        html = fill_notes(piece.html, placed, note_span)
        if html.startswith('<span class="removed-note">'):
            html = f"<p>{html}</p>"  # a whole block removed: the note is its paragraph
        return html

    def render(
        self, text: str, stop: Callable[[], bool] | None = None, first_chars: int = 0
    ) -> RenderResult:
        """Render the full text (front matter included); only changed blocks are converted.

        `stop`, if given, is asked now and then; once it says True the render raises
        `RenderStopped` (the blocks converted so far stay cached for the next render).
        `first_chars` > 0: only the first blocks, up to about that much Markdown (see
        `first_blocks`), for a first screen that need not wait for the whole page.
        """
        return self.render_column(self._parser.parse(text), stop, first_chars)

    def render_column(
        self, column: ColumnModel, stop: Callable[[], bool] | None = None,
        first_chars: int = 0,
    ) -> RenderResult:
        """Render a column already read into its model (an exporter's, say)."""
        text = column.text
        front = column.front_matter
        blocks = list(column.blocks)
        footnotes = _FOOTNOTE_DEF.search(text, front.body_offset) is not None
        if first_chars > 0:
            head = first_blocks(blocks, first_chars)
            # Footnotes are numbered in the order they are defined: with every block that
            # defines one, the first blocks' references get the numbers the page gives.
            blocks = head + [block for block in blocks[len(head):]
                             if footnotes and _FOOTNOTE_DEF.search(block.source)]
        if footnotes:
            pieces = self._render_whole(blocks)  # footnotes number over the whole text
        else:
            pieces = self._render_blocks(blocks, _references(column), stop)
        complete = len(blocks) == len(column.blocks)

        anchors = self._target == "preview"
        out: list[str] = []
        block_lines: list[int] = []
        header = story_header_html(front.values) if front.present else ""
        if header:
            header = sanitise_html(header)
            if anchors:
                header = _add_anchor(header, 0)
                block_lines.append(0)
            out.append(header)
        withheld: list[Withheld] = []
        anchored: dict[tuple[str, int], str] = {}
        for block, cached in zip(blocks, pieces, strict=True):
            piece = self._place(cached, block, withheld)
            if not piece.strip():
                continue
            if anchors:
                key = (piece, block.line)
                html = self._anchored.get(key) or _add_anchor(piece, block.line)
                anchored[key] = html
                out.append(html)
                block_lines.append(block.line)
            else:
                out.append(piece)
        self._anchored = anchored  # the blocks an edit left where they were are looked up
        body_html = "\n".join(out)
        if self._target == "preview":
            body_html = add_badges(body_html, self.rating_lookup)
            footer = self._footer()
            if footer and complete:
                body_html += "\n" + sanitise_html(footer)
        withheld.sort(key=lambda w: w.line)
        return RenderResult(
            body_html, list(column.headings), block_lines, column, dict(front.values), withheld,
            complete,
        )
