"""Trust references in the source: Markdown links whose target is a CQC page.

`[Name](https://www.cqc.org.uk/provider/RA7)` keeps the file portable and the exported
link right (DESIGN.md). The preview shows the rating beside these links and the checker
compares what the text claims with the rating cache; both read them from the column
model, which finds them here among the links `markdown.links` found. The URL grammar is
`columnist.markdown.cqc_urls`.

    >>> find_trust_links("See [Bristol](https://www.cqc.org.uk/provider/RA7).")[0].code
    'RA7'

Writing one (the trust picker) is `trust_link_markdown`:

    >>> trust_link_markdown("Derriford Hospital", "location", "RK950")
    '[Derriford Hospital](https://www.cqc.org.uk/location/RK950)'
    >>> written = trust_link_markdown("Guy's [GSTT]", "provider", "RJ1")
    >>> print(written)
    [Guy's \\[GSTT\\]](https://www.cqc.org.uk/provider/RJ1)
    >>> found = find_trust_links(written)[0]
    >>> found.id, found.span == (0, len(written))
    ('RJ1', True)
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from columnist.markdown.cqc_urls import page_url, parse_cqc_url
from columnist.markdown.front_matter import locate_front_matter
from columnist.markdown.lines import LineIndex
from columnist.markdown.links import LinkDefinition, SourceLink, scan_links

_ORDER = {"inline": 0, "autolink": 1, "reference": 2}  # which wins where two overlap
# The same few URLs come back on every revision of a column.
_parse_url = functools.lru_cache(maxsize=4096)(parse_cqc_url)


@dataclass(frozen=True)
class TrustLink:
    """A trust reference. `kind`: "provider" or "location"; `id`: the CQC id (ODS code
    such as RA7, or 1-123456789); `label`: the link text as written; `line`: 0-based;
    `start`/`end`: offsets of the whole link markup in the text (end exclusive)."""

    kind: str
    id: str
    label: str
    line: int
    start: int
    end: int

    @property
    def code(self) -> str:
        return self.id

    @property
    def url(self) -> str:
        """The CQC page the link points to."""
        return page_url(self.kind, self.id)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def trust_link_markdown(label: str, kind: str, ident: str) -> str:
    """A trust reference as the column writes it: `[label](CQC page of kind/ident)`.

    Brackets and backslashes in `label` are escaped, so a name (or the writer's selected
    text) can never end the link text early.
    """
    text = label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{text}]({page_url(kind, ident)})"


class _Taken:
    """Spans already claimed by a trust link: "is this offset inside one?" by bisection
    (a column has hundreds of links; a linear scan per link would be quadratic)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._max_end: list[int] = []  # max end over spans[: i + 1]

    def freeze(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._max_end = list(itertools.accumulate((e for _, e in self._spans), max))

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and self._max_end[i] > offset


def trust_links_among(
    links: Iterable[SourceLink],
    definitions: Mapping[str, LinkDefinition],
    line_of: Callable[[int], int],
) -> list[TrustLink]:
    """The links (offsets already in the full text) that point to a CQC page, directly or
    through a reference definition, in order. Images are not references; where two links
    overlap, an inline link beats an autolink, which beats a reference use (links of one
    kind never overlap each other)."""
    found: list[TrustLink] = []
    taken = _Taken()
    spans: list[tuple[int, int]] = []
    kind = ""
    for link in sorted(links, key=lambda item: _ORDER[item.kind]):
        if link.image:
            continue
        if link.kind != kind:
            kind = link.kind
            taken.freeze(spans)
        if link.kind == "reference":
            definition = definitions.get(link.ref.strip().lower())
            url = definition.url if definition is not None else ""
        else:
            url = link.url
        parsed = _parse_url(url) if url else None
        if parsed is None or link.start in taken:
            continue
        spans.append((link.start, link.end))
        found.append(TrustLink(*parsed, link.label, line_of(link.start), link.start, link.end))
    found.sort(key=lambda link: link.start)
    return found


def find_trust_links(text: str) -> list[TrustLink]:
    """Every trust reference in the body of `text` (inline links, `<https://…>` autolinks
    and reference links whose definition is a CQC page; links in code are ignored)."""
    front = locate_front_matter(text)
    offset = front.body_offset if front is not None else 0
    found = scan_links(text[offset:])
    definitions = {d.key: d for d in found.definitions}
    index = LineIndex(text)
    links = [link.moved(offset) for link in found.links]
    return trust_links_among(links, definitions, index.line_of)
