"""The column's prose cut into sentences, each with its offsets in the source text.

The claim checker reads a column sentence by sentence ("X is now rated Good. It kept
Outstanding for caring."), and its findings must point at the words in the editor. So the
body is first turned into *prose*: the same text, the same length, with everything a
reader does not read blanked out by spaces — fenced and inline code, HTML tags, images,
the `](https://…)` part of links (the link text stays), deleted text and comments of
review marks (an insertion's or a substitution's new words stay), heading, list and quote
markers, emphasis stars. Offsets in the prose are offsets in the source, so a sentence is
just a span.

Each block of the column model is cut into paragraphs (a heading, each list item and each
table row is one of its own, so a list item without a full stop never runs into the next)
and each paragraph into sentences by syntok, which knows "Dr.", "e.g.", "St Thomas'" and
curly quotes, at ~120,000 words a second. Splitting a block is cached by its text: a
background re-check after a keystroke re-splits only the block that changed.

    >>> from columnist.markdown.column import parse_column
    >>> text = ("---\\ntitle: x\\n---\\n# Winter\\n\\nDr. Lee visited "
    ...         "[St Thomas'](https://www.cqc.org.uk/provider/RJ1), e.g. its wards. It is "
    ...         "rated **Good**.\\n\\n- one item\\n- another\\n")
    >>> [" ".join(s.text.split()) for s in split_sentences(parse_column(text))]
    ['Winter', "Dr. Lee visited St Thomas' , e.g. its wards.", 'It is rated Good .', \
'one item', 'another']
    >>> sentence = split_sentences(parse_column(text))[2]
    >>> text[sentence.start:sentence.end]
    'It is rated **Good**.'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from columnist.markdown.column import ColumnModel
from columnist.markdown.critic import scan_marks
from columnist.markdown.headings import find_headings
from columnist.markdown.links import code_spans, scan_links
from columnist.markdown.lists import match_list_item, match_quote

_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>\n]*>|<https?://[^\s<>]+>", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*])")
_ATX_OPEN = re.compile(r"[ ]{0,3}#{1,6}(?=\s|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-+)[ ]*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the column: `start`/`end` offsets in the source text; `text` is its
    prose (the source with markup blanked, same length); `paragraph` counts paragraphs
    through the column (a heading or a list item is a paragraph), so "the sentence right
    before" can be told from "the last sentence of the previous list item"."""

    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(max(start, 0), min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "


def prose(text: str) -> str:
    """`text` (one block of Markdown) with what a reader does not read blanked out.

    >>> prose("A [link](https://x) and `code`, ![pic](p.png) {--gone--}{++new++}.")
    'A  link             and       ,                            new   .'
    """
    chars = list(text)
    for start, end in code_spans(text):
        _blank(chars, start, end)
    if "<" in text:
        for match in _TAG.finditer(text):
            _blank(chars, match.start(), match.end())
    if "[" in text:
        for link in scan_links(text).links:
            if link.image or link.kind == "autolink":
                _blank(chars, link.start, link.end)
                continue
            chars[link.start] = " "
            label_end = link.start + 1 + len(link.label)
            _blank(chars, label_end, link.end)
    if "{" in text:
        for mark in scan_marks(text):
            if mark.problem:
                continue
            if mark.kind in ("deletion", "comment"):
                _blank(chars, mark.start, mark.end)
            elif mark.kind == "substitution":
                arrow = text.index("~>", mark.start)
                _blank(chars, mark.start, arrow + 2)
                _blank(chars, mark.end - 3, mark.end)
            else:
                _blank(chars, mark.start, mark.start + 3)
                _blank(chars, mark.end - 3, mark.end)
    if "*" in text or "_" in text:
        for match in _EMPHASIS.finditer(text):
            _blank(chars, match.start(), match.end())
    return "".join(chars)


def _paragraphs(block: str, masked: list[str]) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) of the paragraphs of one block, offsets in the block.

    Line markers (quote, list item, heading) are blanked in `masked` (the block's prose as
    a list of characters) as they are found."""
    heading_lines = {h.line for h in find_headings(block)}
    out: list[tuple[int, int, bool]] = []
    start: int | None = None

    def close(at: int) -> None:
        nonlocal start
        if start is not None:
            out.append((start, at, False))
            start = None

    offset = 0
    for number, line in enumerate(block.split("\n")):
        line_end = offset + len(line)
        lead = 0
        quote = match_quote(line)
        if quote is not None:
            lead = quote.end()
        item = match_list_item(line[lead:])
        if item is not None:
            lead += item.end()
        heading = number in heading_lines
        if heading:
            atx = _ATX_OPEN.match(line, lead)
            if atx is not None:
                lead = atx.end()
            trail = _ATX_CLOSE.search(line, lead)
            if trail is not None:
                _blank(masked, offset + trail.start(), line_end)
        elif _SETEXT.match(line[lead:]) and number > 0:
            lead = len(line)  # the underline of a setext heading: no words
        elif _TABLE_RULE.match(line) and "|" in line:
            lead = len(line)
        _blank(masked, offset, offset + lead)
        empty = not "".join(masked[offset:line_end]).strip()
        if heading:
            close(offset)
            if not empty:
                out.append((offset, line_end, True))
        elif empty or item is not None or "|" in line:
            close(offset)
            if not empty:
                start = offset
        elif start is None:
            start = offset
        offset = line_end + 1
    close(len(block))
    return out


@functools.lru_cache(maxsize=4096)
def block_sentences(block: str) -> tuple[tuple[int, int, str, int, bool], ...]:
    """(start, end, prose, paragraph number, is heading) of each sentence of one block,
    offsets and paragraphs counted within the block. Cached by the block's text."""
    import syntok.segmenter as segmenter

    masked = list(prose(block))
    found: list[tuple[int, int, str, int, bool]] = []
    for number, (p_start, p_end, heading) in enumerate(_paragraphs(block, masked)):
        text = "".join(masked[p_start:p_end])
        if not text.strip():
            continue
        if heading:
            s, e = _trim(text, 0, len(text))
            found.append((p_start + s, p_start + e, text[s:e], number, True))
            continue
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                if not tokens:
                    continue
                s = tokens[0].offset
                last = tokens[-1]
                e = last.offset + len(last.value)
                s, e = _trim(text, s, min(e, len(text)))
                if e > s:
                    found.append((p_start + s, p_start + e, text[s:e], number, False))
    return tuple(found)


def sentences_in(block: str) -> list[Sentence]:
    """The sentences of one block read as if it were the whole text (offsets and
    paragraphs counted within the block): what a check that remembers each block's
    findings reads.

    >>> [s.text for s in sentences_in("One here. Two there.\\n")]
    ['One here.', 'Two there.']
    """
    return [Sentence(*found) for found in block_sentences(block)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(column: ColumnModel) -> list[Sentence]:
    """Every sentence of the column's body, in order (front matter and code excluded)."""
    out: list[Sentence] = []
    paragraph_base = 0
    for block in column.blocks:
        found = block_sentences(block.text)
        for start, end, text, paragraph, heading in found:
            out.append(Sentence(block.start + start, block.start + end, text,
                                paragraph_base + paragraph, heading))
        paragraph_base += (found[-1][3] + 1 if found else 0) + 1
    return out
