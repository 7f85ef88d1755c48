"""Markdown -> sanitised HTML for the live preview (and, with `target="export"`, export).

Python-Markdown costs ~60 ms per 5,000 words, too slow to redo a 50,000-word column on
every keystroke. The body is therefore cut into blocks (`render.blocks`) that render
independently; each block's sanitised HTML is cached by its text, so an edit re-renders
only the blocks it touched. Reference-style link definitions are collected from the whole
body first and given to every block, so they work across blocks. Footnotes number
themselves over the whole document, so a text with footnote definitions is rendered in
one pass (still anchored per block).

Every top-level block carries `<a name="L{line}"></a>` (0-based line in the full text,
front matter included) so the preview can follow the editor and back.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from columnist.render.blocks import Block, split_blocks
from columnist.render.header import split_front_matter, story_header_html
from columnist.render.sanitise import sanitise_html
from columnist.render.trust_links import RatingLookup, add_badges, mark_trust_links

Target = Literal["preview", "export"]


@dataclass(frozen=True)
class Heading:
    """A body heading for the outline. `line`: 0-based line in the full text."""

    level: int
    text: str
    line: int


@dataclass
class RenderResult:
    """`html`: sanitised fragment (story header + body, anchored per block);
    `block_lines`: source line of each anchor, ascending; `front_matter`: the parsed
    front matter ({} when absent or malformed)."""

    html: str
    headings: list[Heading]
    block_lines: list[int]
    front_matter: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Piece:
    """A rendered block: final HTML without its anchor, and headings relative to it."""

    html: str
    headings: tuple[tuple[int, str, int], ...]  # (level, text, line offset in block)


EXTENSIONS = ["tables", "footnotes", "fenced_code", "sane_lists", "smarty", "pymdownx.critic"]

_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\n]+\]:", re.MULTILINE)
# Python-Markdown's ReferenceProcessor pattern (blockprocessors.py), so we agree with it.
_REFERENCE_DEF = re.compile(
    r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?"
    r"(([\"\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$",
    re.MULTILINE,
)
_FENCED = re.compile(r"^(`{3,}|~{3,}).*?\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING_HTML = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ATX = re.compile(r"^(?:[ ]{0,3}>[ ]?)*#{1,6}(?!#)")
_SETEXT = re.compile(r"^(?:[ ]{0,3}>[ ]?)*(?:=+|-+)[ ]*$")
_ANCHOR_HOST = re.compile(r"<(?:p|h[1-6]|li|pre|dt|dd)\b[^>]*>|<t[hd]\b(?![^>]*quote-)[^>]*>")
_PLACEHOLDER = "columnistblockmarker{}z"
_PLACEHOLDER_P = re.compile(r"<p>columnistblockmarker(\d+)z</p>\n?")


def _new_markdown():
    import markdown

    return markdown.Markdown(
        extensions=EXTENSIONS,
        extension_configs={"pymdownx.critic": {"mode": "view"}},
        output_format="html",
    )


def _references(body: str) -> dict[str, tuple[str, str | None]]:
    """Reference-style link definitions of the whole body (last one wins), code excluded."""
    if "]:" not in body:
        return {}
    scan = _FENCED.sub("", body) if ("```" in body or "~~~" in body) else body
    refs: dict[str, tuple[str, str | None]] = {}
    for match in _REFERENCE_DEF.finditer(scan):
        ident = match.group(1).strip().lower()
        if ident.startswith("^"):
            continue
        link = match.group(2).lstrip("<").rstrip(">")
        refs[ident] = (link, match.group(5) or match.group(6))
    return refs


def _heading_source_lines(text: str) -> list[int]:
    """0-based lines (within a block) that start an ATX or setext heading."""
    lines = text.split("\n")
    found: list[int] = []
    in_fence: str | None = None
    for index, line in enumerate(lines):
        fence = re.match(r"^(`{3,}|~{3,})", line)
        if in_fence is not None:
            if line.rstrip(" ") == in_fence:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        if _ATX.match(line):
            found.append(index)
        elif (
            index > 0
            and _SETEXT.match(line)
            and lines[index - 1].strip()
            and not _SETEXT.match(lines[index - 1])
            and (not found or found[-1] != index - 1)
        ):
            found.append(index - 1)
    return found


def _headings_of(fragment: str, source: str) -> tuple[tuple[int, str, int], ...]:
    rendered = [
        (int(level), html.unescape(_TAG.sub("", inner)).strip())
        for level, inner in _HEADING_HTML.findall(fragment)
    ]
    if not rendered:
        return ()
    lines = _heading_source_lines(source)
    if len(lines) != len(rendered):
        lines = [0] * len(rendered)
    return tuple((lvl, text, line) for (lvl, text), line in zip(rendered, lines, strict=True))


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
        self._cache: dict[tuple[str, str], _Piece] = {}
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
        return md.convert(source)

    def _finish(self, raw: str) -> str:
        """Sanitise and classify trust links (cacheable: no rating data in it)."""
        return mark_trust_links(sanitise_html(raw, self._base_dir))

    def _render_blocks(
        self, blocks: list[Block], refs: dict[str, tuple[str, str | None]]
    ) -> list[_Piece]:
        ref_key = hashlib.sha1(repr(sorted(refs.items())).encode()).hexdigest() if refs else ""
        cache: dict[tuple[str, str], _Piece] = {}
        pieces: list[_Piece] = []
        converted = 0
        for block in blocks:
            key = (block.text, ref_key if "[" in block.text else "")
            piece = cache.get(key) or self._cache.get(key)
            if piece is None:
                converted += 1
                fragment = self._finish(self._markdown(block.text, refs))
                piece = _Piece(fragment, _headings_of(fragment, block.text))
            cache[key] = piece
            pieces.append(piece)
        self._cache = cache  # keep only what the current text uses
        self.last_rendered_blocks = converted
        return pieces

    def _render_whole(self, blocks: list[Block]) -> list[_Piece]:
        """One Markdown pass over all blocks (footnotes), split back per block."""
        source = "\n\n".join(
            f"{_PLACEHOLDER.format(i)}\n\n{block.text}" for i, block in enumerate(blocks)
        )
        raw = self._markdown(source, {})
        parts = _PLACEHOLDER_P.split(raw)
        # parts: [before, "0", html0, "1", html1, ...]
        fragments = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
        pieces = []
        for index, block in enumerate(blocks):
            fragment = self._finish(fragments.get(index, ""))
            pieces.append(_Piece(fragment, _headings_of(fragment, block.text)))
        self._cache = {}
        self.last_rendered_blocks = len(blocks)
        return pieces

    def render(self, text: str) -> RenderResult:
        """Render the full text (front matter included); only changed blocks are converted."""
        front = split_front_matter(text)
        blocks = split_blocks(front.body, front.body_line)
        if _FOOTNOTE_DEF.search(front.body):
            pieces = self._render_whole(blocks)
        else:
            pieces = self._render_blocks(blocks, _references(front.body))

        anchors = self._target == "preview"
        out: list[str] = []
        block_lines: list[int] = []
        header = story_header_html(front.data) if front.present else ""
        if header:
            header = sanitise_html(header)
            if anchors:
                header = _add_anchor(header, 0)
                block_lines.append(0)
            out.append(header)
        headings: list[Heading] = []
        for block, piece in zip(blocks, pieces, strict=True):
            if not piece.html.strip():
                continue
            if anchors:
                out.append(_add_anchor(piece.html, block.line))
                block_lines.append(block.line)
            else:
                out.append(piece.html)
            headings.extend(
                Heading(level, title, block.line + offset)
                for level, title, offset in piece.headings
            )
        body_html = "\n".join(out)
        if self._target == "preview":
            body_html = add_badges(body_html, self.rating_lookup)
            footer = self._footer()
            if footer:
                body_html += "\n" + sanitise_html(footer)
        return RenderResult(body_html, headings, block_lines, dict(front.data))


# Re-exported: the contract names these as part of the render pipeline's API.
from columnist.render.css import document_html, preview_css  # noqa: E402

__all__ = [
    "Heading",
    "RenderResult",
    "Renderer",
    "document_html",
    "preview_css",
]
