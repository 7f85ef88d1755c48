"""Raw HTML the sanitiser would swallow, made visible before it can.

nh3 (html5ever underneath) removes some elements together with everything inside them:
`REMOVED_WITH_CONTENT` (scripts, styles, frames, SVG, MathML…) and `FOREIGN_NAMED`. Such
an element left open, one whose content HTML reads as raw text (`<xmp>`, `<title>`,
`<plaintext>`), a comment never closed or a tag never finished swallows the rest of its
fragment: the writer's next sentences vanish without a word. Python-Markdown passes the
writer's raw HTML through verbatim, so this pass reads each fragment first, the way a
browser's tokenizer does:

- an opener that is never closed, and a comment or tag never finished, become text (the
  `<` escaped): the writer sees what they typed, and nothing after it vanishes; so do
  `<!DOCTYPE…>`, `<?php…?>` and `</ x>`, which a browser would hide as comments (a
  closed `<!-- comment -->` stays hidden, as the writer meant);
- an element that is closed and would be removed with its content is cut out, and a slot
  (`NOTE_SLOT`) marks its place: the renderer writes a visible note there, naming the
  element and its line, and the export warns instead.

It only ever escapes a `<` or cuts an element nh3 would remove anyway, so whatever it
misreads, nh3 still has the last word on what is safe.

    >>> withhold_elements("<p>a <math> b</p>")
    ('<p>a &lt;math> b</p>', [])
    >>> withhold_elements("<p>a <script>x()</script> b</p>")
    ('<p>a \\ue000note0\\ue001 b</p>', ['<script>'])
"""

from __future__ import annotations

import re
import string

# Removed together with everything inside them.
REMOVED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
     "select", "svg", "math"}
)  # fmt: skip

# Also removed with their content, by ammonia itself: HTML elements that bear the name of
# an SVG or MathML element (<text>, <g>, <mi>, <list>, <set>…), its guard against
# namespace confusion (tests/render/test_nothing_dropped.py checks this list against nh3).
_FOREIGN_NAMES = """
    abs and animate annotation annotation-xml apply approx arccos arccosh arccot
    arccoth arccsc arccsch arcsec arcsech arcsin arcsinh arctan arctanh arg bind
    bvar card cartesianproduct cbytes ceiling cerror ci circle cn codomain complexes
    compose condition conjugate cos cosh cot coth cs csc csch csymbol curl declare
    defs degree desc determinant diff discard divergence divide domain
    domainofapplication ellipse emptyset eq equivalent eulergamma exists exp
    exponentiale factorial factorof false filter floor fn forall g gcd geq grad gt
    ident imaginary imaginaryi implies in infinity int integers intersect interval
    inverse lambda laplacian lcm leq limit line list ln log logbase lowlimit lt
    maction maligngroup malignmark marker mask matrix matrixrow max mean median
    menclose merror metadata mfenced mfrac mglyph mi min minus mlabeledtr mlongdiv
    mmultiscripts mn mo mode moment momentabout mover mpadded mpath mphantom
    mprescripts mroot mrow ms mscarries mscarry msgroup msline mspace msqrt msrow
    mstack mstyle msub msubsup msup mtable mtd mtext mtr munder munderover
    naturalnumbers neq none not notanumber notin notprsubset notsubset or otherwise
    outerproduct partialdiff path pattern pi piece piecewise plus polygon polyline
    power primes product prsubset quotient rationals real reals rect reln rem root
    scalarproduct sdev sec sech selector semantics sep set setdiff share sin sinh
    stop subset sum switch symbol tan tanh tendsto text times transpose true tspan
    union uplimit use variance vector vectorproduct view xor
"""
FOREIGN_NAMED: frozenset[str] = frozenset(_FOREIGN_NAMES.split())

# Their content is raw text, up to the first closing tag (HTML's "raw text" and
# "RCDATA" elements, noscript as a browser with scripts reads it).
_RAW_TEXT = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"}
)
_NEVER_CLOSES = frozenset({"plaintext"})  # everything after it is text, to the end
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_FOREIGN = frozenset({"svg", "math"})  # where "<x/>" really is an empty element

_REMOVED = REMOVED_WITH_CONTENT | FOREIGN_NAMED
_SWALLOWING = _REMOVED | _RAW_TEXT | _NEVER_CLOSES
# A "<" that does not open a plain, finished tag (everything Python-Markdown writes itself
# is one), or a tag of the kinds above: only fragments with one need reading closely.
_ODD_MARKUP = re.compile(
    r"""<(?!/?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"<>\n]*")?)*\s*/?>)"""
)
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_LETTERS = frozenset(string.ascii_letters)
_SPACE = " \t\n\r\f"

NOTE_SLOT = "\ue000note{}\ue001"
NOTE_SLOT_PATTERN = re.compile("\ue000note(\\d+)\ue001")


def _tag_end(text: str, i: int) -> tuple[int, bool] | None:
    """(offset after the `>`, ends with `/>`) of the tag whose attributes start at `i`;
    None when the tag never finishes (a browser then drops the rest of the text), or
    only thanks to a quote paragraphs later (it would hide the paragraphs between)."""
    n = len(text)
    self_closing = False
    while i < n:
        c = text[i]
        if c == ">":
            return i + 1, self_closing
        if c == "/":
            self_closing = True
            i += 1
            continue
        self_closing = False
        if c in _SPACE:
            i += 1
            continue
        j = i + 1  # an attribute name (its first character may be anything but space / >)
        while j < n and text[j] not in _SPACE and text[j] not in "/>=":
            j += 1
        k = j
        while k < n and text[k] in _SPACE:
            k += 1
        if k >= n or text[k] != "=":
            i = j
            continue
        k += 1
        while k < n and text[k] in _SPACE:
            k += 1
        if k < n and text[k] in "\"'":
            close = text.find(text[k], k + 1)
            if close < 0 or "\n\n" in text[k:close]:  # a quote left open: not a value
                return None
            i = close + 1
        else:
            while k < n and text[k] not in _SPACE and text[k] != ">":
                k += 1
            i = k
    return None


def _end_of(text: str, name: str, start: int) -> int | None:
    """Offset after the closing tag that ends element `name` whose content starts at
    `start`, or None when nothing closes it. Raw text holds no tags, so there the first
    closing tag ends it; other elements nest."""
    raw = name in _RAW_TEXT
    pattern = re.compile(rf"<{'/' if raw else '(/?)'}{re.escape(name)}(?=[{_SPACE}/>])",
                         re.IGNORECASE)
    depth = 1
    for match in pattern.finditer(text, start):
        depth += -1 if raw or match.group(1) else 1
        if depth == 0:
            close = text.find(">", match.end())
            return None if close < 0 else close + 1
    return None


_TEXT = -1  # the "<" is only a character


def _end_of_markup(fragment: str, at: int) -> int | tuple[int, int] | None:
    """Where the markup starting with the "<" at `at` ends: an offset; (end of its
    opening tag, end of the element) for an element removed with its content; `_TEXT`
    when the "<" is only a character; None when it would swallow the rest."""
    if fragment.startswith("<!--", at):
        if fragment.startswith(("<!-->", "<!--->"), at):  # empty comments
            return fragment.index(">", at) + 1
        close = fragment.find("-->", at + 4)
        return None if close < 0 else close + 3
    if fragment.startswith(("<!", "<?"), at) or (
        fragment.startswith("</", at) and fragment[at + 2 : at + 3] not in _LETTERS
    ):  # <!DOCTYPE…>, <?php…?>, </ x>: a browser hides it as a comment; it is text here
        return None
    match = _TAG_OPEN.match(fragment, at)
    if match is None:
        return _TEXT
    finished = _tag_end(fragment, match.end())
    if finished is None:
        return None
    tag_end, self_closing = finished
    name = match.group(2).lower()
    if match.group(1) or name not in _SWALLOWING:
        return tag_end
    if name in _NEVER_CLOSES:
        return None
    if name in _VOID or (self_closing and name in _FOREIGN):
        end: int | None = tag_end
    else:
        end = _end_of(fragment, name, tag_end)
    if end is not None and name in _REMOVED:
        return tag_end, end
    return end


def _needs_reading(fragment: str) -> bool:
    if _ODD_MARKUP.search(fragment):
        return True
    return not _SWALLOWING.isdisjoint(name.lower() for name in _TAG_NAME.findall(fragment))


def withhold_elements(fragment: str) -> tuple[str, list[str]]:
    """`fragment` with every swallowing opener escaped and every element nh3 would remove
    with its content replaced by `NOTE_SLOT.format(i)`; and the opening tag of element i,
    as written, for each slot."""
    if "<" not in fragment or not _needs_reading(fragment):
        return fragment, []
    out: list[str] = []
    openers: list[str] = []
    last = 0
    i = 0
    while (at := fragment.find("<", i)) >= 0:
        end = _end_of_markup(fragment, at)
        if end is None:  # never closed or never finished: from its "<" on, it is text
            out += [fragment[last:at], "&lt;"]
            last = i = at + 1
        elif isinstance(end, tuple):  # closed, and nh3 removes it with its content
            tag_end, i = end
            out += [fragment[last:at], NOTE_SLOT.format(len(openers))]
            openers.append(fragment[at:tag_end])
            last = i
        else:
            i = at + 1 if end == _TEXT else end
    out.append(fragment[last:])
    return "".join(out), openers


def fill_note_slots(fragment: str, note: list[str]) -> str:
    """Put `note[i]` (HTML) where slot i is, in text only (a slot that ended up inside a
    tag is dropped there); a note whose slot was lost goes at the end, never nowhere."""
    if "\ue000" not in fragment:
        return fragment + "".join(note)
    used: set[int] = set()

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(note) or index in used:
            return ""
        used.add(index)
        return note[index]

    pieces = re.split(r"(<[^>]*>)", fragment)
    for k, piece in enumerate(pieces):
        if "\ue000" in piece:
            pieces[k] = (
                NOTE_SLOT_PATTERN.sub("", piece) if k % 2 else NOTE_SLOT_PATTERN.sub(replace, piece)
            )
    return "".join(pieces) + "".join(n for k, n in enumerate(note) if k not in used)
