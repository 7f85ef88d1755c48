"""The live preview: Markdown → HTML → a laid-out QTextDocument, all off the GUI thread.

Why not `QTextBrowser.setHtml`? Measured on a 50,000-word column (see the README):
Python-Markdown is handled by RENDER's block cache, but Qt's own work is the problem:
`setHtml` takes ~15–40 ms and laying the document out another ~40–130 ms, all on the GUI
thread. Building the QTextDocument in a worker does not help if it is then handed to a
QTextEdit: `QTextEdit.setDocument` calls `setPageSize`, which throws the finished layout
away and lays the text out again on the GUI thread in growing lazy steps (the last ones
20+ ms each). So the preview is a small painted view (`PreviewView`) over a document that
the worker has parsed AND laid out at the view's width; the GUI thread only swaps a
pointer and paints the visible part (~1–3 ms). The worker also measures where each
`<a name="L{line}">` anchor sits, which is what scroll sync needs, and counts words, so
nothing proportional to the document's length runs on the GUI thread. The render reads
the column model (`markdown.column`) on the way; it travels on `RenderOutput.column` to
the window, so the outline, metadata form, word count and banner never parse the text.

A new document shows its first screen first: the first render converts and lays out only
the blocks a window can show (`FIRST_SCREEN_CHARS`, with the links and front matter of the
whole column), and the whole page is built right after and swapped in (or patched, when
the rest is short), keeping the scroll position. The one exception to "off the GUI
thread": a cold start renders that first screen on the GUI thread (`first_screen`, from
`MainWindow.show_first_screen`), bounded by FIRST_SCREEN_CHARS, because the lane would only
start once the rest of the window is built.

Typing is never blocked: edits restart an adaptive debounce (30 ms, longer by a quarter
of the last render's cost for long texts); the renders run on `core.tasks`' "render" lane
through a `LatestRunner`: one job in flight, the newest text sent as soon as it finishes
(older texts are never rendered, and a job whose text is already stale stops building its
page), and a result for an older text or a previous document is dropped. Retired pages
are freed on the same lane.

The preview never touches the network, and shows no file from outside the column's
folder: `PreviewDocument.loadResource` loads a local file only when
`render.image_sources.image_source` allows it (the answer the sanitiser and the export
also use), besides `data:` URLs and Qt resources; links open in the system browser only
when clicked (the window decides).
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import gc
import itertools
import linecache
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from columnist.core.tasks import LatestRunner, Ticket, lane
from columnist.render.image_sources import image_source
from columnist.ui.preview_page import (
    PATCH_CHARS,
    PageMap,
    PagePart,
    PagePatch,
    PageState,
    anchor_lines,
    can_land,
    first_line,
    part_anchors,
    plan_patch,
    put_fragment,
    segment_key,
    segments,
    split_page,
)

MIN_DELAY_MS = 30
# A new document's first render converts only its first blocks, about this much Markdown
# (more than the tallest, widest window shows), then the whole page follows at once: the
# top of a 50,000-word column is on screen in ~30 ms of rendering instead of ~800.
FIRST_SCREEN_CHARS = 10_000
MAX_DELAY_MS = 400
INLINE_SCHEMES = ("data", "qrc")  # no file behind them: inline data, Qt's own resources
ZOOM_STEP = 1.1
# Each window renders on a lane of its own ("render-1", "render-2", …) with its own
# Renderer (Python-Markdown is not thread-safe): a long render for a window that has closed
# never holds up another window's preview.
_render_lanes = itertools.count(1)


class PreviewDocument(QTextDocument):
    """A QTextDocument that never fetches anything from the network."""

    def __init__(self, base_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base_dir = base_dir
        if base_dir is not None:
            self.setBaseUrl(QUrl.fromLocalFile(str(base_dir) + "/"))

    def loadResource(self, kind: int, url: QUrl) -> Any:
        """Files inside the column's folder only (`image_source`); http(s) and friends,
        `../` out of the folder, absolute paths and symlinks elsewhere are refused."""
        scheme = url.scheme().lower()
        if scheme in INLINE_SCHEMES:
            return super().loadResource(kind, url)
        if scheme not in ("file", ""):
            return None
        verdict = image_source(url.toString(QUrl.ComponentFormattingOption.FullyEncoded),
                               self._base_dir)
        if verdict.path is None:
            return None
        return super().loadResource(kind, QUrl.fromLocalFile(str(verdict.path)))


@dataclass
class RenderJob:
    """What the worker needs to produce one preview (the payload of a render `Ticket`,
    whose `is_superseded()` tells the worker newer text is waiting: building this job's
    document is then wasted work that would only delay the newer preview, so it stops)."""

    text: str
    dark: bool
    width: float  # layout width in document pixels (viewport width / zoom)
    font: QFont
    base_dir: Path | None
    build_document: bool = True  # False while the preview is hidden (outline/status only)
    shown: PageState | None = None  # the page on screen, which this render may patch
    first_chars: int = 0  # > 0: only the first screen (`Renderer.render`'s first_chars)


@dataclass
class RenderOutput:
    """What the worker hands back (the document already belongs to the GUI thread)."""

    result: Any  # columnist.render.pipeline.RenderResult
    words: int
    document: QTextDocument | None
    anchors: list[tuple[int, float]] = field(default_factory=list)  # (line, y), ascending
    column: Any = None  # columnist.markdown.column.ColumnModel of the rendered text
    width: float = 0.0
    dark: bool = False
    render_ms: float = 0.0  # Markdown → HTML (with RENDER's block cache)
    layout_ms: float = 0.0  # setHtml + full layout in the worker, or the patch's parts
    page: PageState | None = None  # what the page (built or patched) is made of
    patch: PagePatch | None = None  # instead of `document`: the segments to replace
    anchor_blocks: list[tuple[int, int]] = field(default_factory=list)  # (line, block no.)
    complete: bool = True  # False: the first screen of the page only (the rest follows)


def _layout_and_anchor_positions(
    doc: QTextDocument, ticket: Ticket[RenderJob] | None = None
) -> list[tuple[int, float, int]]:
    """Lay the document out block by block; (source line, y, block number) of every
    `L{line}` anchor.

    Block by block because PySide keeps the GIL during one long layout call
    (`doc.size()` on 50,000 words: ~60 ms in which the GUI thread cannot run any Python,
    i.e. a stall while typing); `blockBoundingRect` lays out only up to its block, so each
    call is short (< 2 ms) and the GUI thread gets the GIL in between.
    """
    layout = doc.documentLayout()
    found: dict[int, tuple[float, int]] = {}
    block = doc.begin()
    count = 0
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        count += 1
        if count % 50 == 0:
            _let_gui_run(ticket)
        for line in anchor_lines(block):
            if line not in found:
                found[line] = (top, block.blockNumber())
        block = block.next()
    return [(line, top, number) for line, (top, number) in sorted(found.items())]


class _Superseded(Exception):
    """Newer text is waiting: the document being built will never be shown."""


def _let_gui_run(ticket: Ticket[RenderJob] | None = None) -> None:
    """Hand the GIL to the GUI thread for a moment, between two short Qt calls.

    Measured (50,000 words, a 1 ms heartbeat on the GUI thread): with only the
    interpreter's switch interval, a worker making back-to-back short Qt calls (PySide
    holds the GIL in each) still kept the GUI thread waiting 15–30 ms at a time, because
    it takes the GIL straight back; sleeping 0.2 ms between steps brings the longest
    wait under 8 ms for ~15 ms more per render.
    """
    time.sleep(0.0002)
    if ticket is not None and ticket.is_superseded():
        raise _Superseded


CHUNK_CHARS = 12000


def _chunks(body: str) -> list[str]:
    """The body as runs of whole segments (`preview_page.segments`: never cut inside a
    list or a table) of about CHUNK_CHARS each."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for piece in segments(body):
        if size >= CHUNK_CHARS:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(piece)
        size += len(piece)
    chunks.append("".join(current))
    return chunks


def _fill_in_chunks(doc: QTextDocument, page: str, ticket: Ticket[RenderJob]) -> None:
    """`doc.setHtml(page)`, done as a series of short steps.

    Measured: while one `setHtml` of a 50,000-word page runs (~55 ms) in ANY thread, the
    GUI thread's event loop does not run (the GIL is released, so it is a lock inside
    Qt/PySide; a Python loop calling processEvents is not blocked, `exec()` is). Short
    calls (< 4 ms each) leave room for keystrokes in between. Each chunk is parsed as a
    complete page (same stylesheet and body) and copied in as a document fragment, so
    formats are exactly those of one `setHtml` (same text, same layout height).
    """
    parts = split_page(page)
    if parts is None:
        doc.setHtml(page)
        return
    head, body, tail = parts
    job = ticket.payload
    chunks = _chunks(body)
    if len(chunks) == 1:
        doc.setHtml(page)
        return
    cursor = QTextCursor(doc)
    for index, chunk in enumerate(chunks):
        put_fragment(cursor, _part_document(job, head + chunk + tail), separate=index > 0)
        _let_gui_run(ticket)


def _part_document(job: RenderJob, page: str) -> QTextDocument:
    """A piece of the page parsed on its own (same stylesheet, font and folder)."""
    part = PreviewDocument(job.base_dir)
    part.setDefaultFont(job.font)
    part.setHtml(page)
    return part


SegmentMemo = dict[str, tuple[str, "int | None"]]


def _page_state(job: RenderJob, page: str, memo: SegmentMemo | None = None
                ) -> tuple[PageState, list[str]] | None:
    """The page's state and its segments. `memo` holds the key and first line of each
    segment of the last page, and is refilled with this page's: after an edit that adds
    no line, all but the edited segment are looked up instead of computed again."""
    parts = split_page(page)
    if parts is None:
        return None
    head, body, tail = parts
    pieces = segments(body)
    known = memo or {}
    facts = [known.get(p) or (segment_key(p), first_line(p)) for p in pieces]
    if memo is not None:
        memo.clear()
        memo.update(zip(pieces, facts, strict=True))
    state = PageState(tuple(f[0] for f in facts), tuple(f[1] for f in facts), head, tail,
                      job.width, job.font.toString(), job.base_dir)
    return state, pieces


def _patch(job: RenderJob, state: PageState, pieces: list[str]) -> PagePatch | None:
    """The parts that turn the page shown into `state`'s, or None: build it whole."""
    shown = job.shown
    if shown is None or not shown.same_look(state):
        return None
    plan = plan_patch(shown.keys, state.keys)
    if plan is None:
        return None
    first, removed, added = plan
    new = pieces[first : first + added]
    if sum(map(len, new)) > PATCH_CHARS:
        return None
    parts = []
    for piece in new:
        doc = _part_document(job, state.head + piece + state.tail)
        parts.append(PagePart(doc, part_anchors(doc)))
    if parts and not can_land(shown.keys[first], parts[0].document):
        return None
    return PagePatch(shown, first, removed, parts)


def _return_freed_memory() -> None:
    """Give freed pages back to the system (glibc keeps them per thread arena otherwise:
    a replaced 50,000-word document would stay resident)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _free_parts(patch: PagePatch) -> None:
    """The parts' documents, copied into the page (or not wanted), are freed."""
    for part in patch.parts:
        with contextlib.suppress(RuntimeError):
            part.document.deleteLater()


def _dispose(doc: QTextDocument) -> None:
    """On the render lane: free a page the view no longer shows (freeing 50,000 words
    takes ~15 ms, kept off the GUI thread); the lane deletes it after this task."""
    with contextlib.suppress(RuntimeError):
        doc.deleteLater()


def _freeze_long_lived_objects() -> None:
    """Take everything alive after the first preview out of the cyclic collector's view.

    Modules, Qt wrappers, Markdown and the block cache live as long as the app. Otherwise
    a full collection, triggered by a render's allocations, walks it all with the GIL held
    (~20 ms on 50,000 words: a stall while typing). Only cyclic garbage is affected; none
    is left here.

    Also empties `linecache`: PySide6's import hook reads the source of every module
    imported after it (`inspect.getsource`, to see whether it uses PySide6) and linecache
    keeps it, ~5 MB of lines nothing else reads (a traceback reads its files again).
    """
    linecache.clearcache()
    gc.collect()
    gc.freeze()


class RenderWorker:
    """The work of one preview, run on the render lane; owns the window's Renderer."""

    def __init__(self, lane_name: str, lookup_factory: Callable[[], Any] | None = None) -> None:
        self.lane_name = lane_name
        self._lookup_factory = lookup_factory  # called here, on the lane (sqlite, imports)
        self._renderer: Any = None
        self._frozen = False
        self._segments: SegmentMemo = {}  # the last page's (`_page_state`)

    def work(self, ticket: Ticket[RenderJob]) -> RenderOutput:
        """Render `ticket`'s text and, unless hidden, build and lay out its page."""
        out = self._work(ticket)
        if not self._frozen:
            self._frozen = True
            lane(self.lane_name).submit(_freeze_long_lived_objects)  # after this result is sent
        return out

    def _work(self, ticket: Ticket[RenderJob]) -> RenderOutput:
        # Heavy imports happen here, in the worker, after the window is shown.
        from columnist.render.css import document_html
        from columnist.render.pipeline import Renderer

        job = ticket.payload
        if self._renderer is None:
            lookup = None
            if self._lookup_factory is not None:
                try:
                    lookup = self._lookup_factory()
                except Exception:  # no ratings: the preview still works, without badges
                    lookup = None
            self._renderer = Renderer(lookup, base_dir=job.base_dir)
        self._renderer.set_base_dir(job.base_dir)
        started = time.perf_counter()
        # Reads the column model on the way; a job superseded (newer text, a closed
        # window) stops converting, and the runner drops the error with the job.
        result = self._renderer.render(job.text, ticket.is_superseded, job.first_chars)
        _let_gui_run()
        column = result.column
        render_ms = (time.perf_counter() - started) * 1000
        out = RenderOutput(result, column.word_count, None, width=job.width, dark=job.dark,
                           render_ms=render_ms, column=column, complete=result.complete)
        if not job.build_document:
            return out
        started = time.perf_counter()
        page = document_html(result, job.dark)
        made = _page_state(job, page, self._segments)
        if made is not None:
            out.page, pieces = made
            out.patch = _patch(job, out.page, pieces)
            if out.patch is not None:
                for part in out.patch.parts:
                    part.document.moveToThread(QCoreApplication.instance().thread())
                out.layout_ms = (time.perf_counter() - started) * 1000
                return out
        try:
            doc, found = _page_document(job, page, ticket)
        except _Superseded:
            return out  # dropped unseen; `doc` is freed here, in the worker
        out.anchors, out.anchor_blocks = _anchor_lists(found)
        # The layout starts timers while it works; let them finish before the document
        # changes threads (a timer cannot be stopped from another thread).
        for _ in range(2):
            QCoreApplication.processEvents()
        doc.moveToThread(QCoreApplication.instance().thread())
        out.document = doc
        out.layout_ms = (time.perf_counter() - started) * 1000
        return out


def _page_document(job: RenderJob, page: str, ticket: Ticket[RenderJob]
                   ) -> tuple[QTextDocument, list[tuple[int, float, int]]]:
    """`page` as a document laid out at the job's width, and its anchors (line, y, block
    number); raises _Superseded when newer text is waiting."""
    doc = PreviewDocument(job.base_dir)
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(job.font)
    doc.setDocumentMargin(24)
    doc.setTextWidth(job.width)
    _fill_in_chunks(doc, page, ticket)
    found = _layout_and_anchor_positions(doc, ticket)  # the complete layout
    doc.size()
    return doc, found


def _anchor_lists(found: list[tuple[int, float, int]]
                  ) -> tuple[list[tuple[int, float]], list[tuple[int, int]]]:
    """(line, y) and (line, block number) of each anchor `_layout_and_anchor_positions`
    found: what scroll sync and the page map read."""
    return ([(line, y) for line, y, _ in found],
            [(line, number) for line, _, number in found])


class ShownPage(NamedTuple):
    """A page ready for `PreviewView.set_document`, and the HTML it was built from."""

    document: QTextDocument
    anchors: list[tuple[int, float]]
    page: PageState | None
    anchor_blocks: list[tuple[int, int]]
    html: str


def first_screen(job: RenderJob, page: str | None = None) -> ShownPage:
    """The first screen of `job`'s text (`first_chars`), made on the GUI thread without
    badges: what a cold start shows before the rest of the window is built. `page`: that
    first screen's HTML as shown before (`render.page_cache`), only laid out.

    Only there: the render lane would start after that set-up (~100 ms), and the top of a
    column costs ~15 ms to render once Markdown is imported (the imports, ~60 ms, are
    done once for the process either way). `first_chars` keeps it short whatever the
    column's length; the lane builds the whole page right after.
    """
    if page is None:
        from columnist.render.css import document_html
        from columnist.render.pipeline import Renderer

        result = Renderer(None, base_dir=job.base_dir).render(
            job.text, first_chars=job.first_chars)
        page = document_html(result, job.dark)
    made = _page_state(job, page)
    doc, found = _page_document(job, page, Ticket(job, 0))
    anchors, anchor_blocks = _anchor_lists(found)
    return ShownPage(doc, anchors, made[0] if made else None, anchor_blocks, page)


# A page this short is laid out again at once, on the GUI thread, when the preview's width
# changes (~5 ms), instead of showing it clipped or too narrow until the render at the new
# width arrives (as a cold start's first screen would be when the side panels appear);
# longer pages wait for that render (off the GUI thread).
RELAYOUT_CHARS = 30_000


class PreviewView(QAbstractScrollArea):
    """Paints a document laid out elsewhere; scrolls, zooms and reports link clicks.

    Offers the bits of QTextBrowser's API the rest of the app uses: `document()`,
    `toPlainText()`, `textChanged`, `anchorClicked`.
    """

    anchorClicked = Signal(QUrl)
    textChanged = Signal()  # a new document is shown
    widthChanged = Signal()  # the layout width changed: a new layout is needed
    userScrolled = Signal()  # scrolled by the user (not by scroll sync)
    retired = Signal(object)  # a replaced QTextDocument, to be freed off the GUI thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: QTextDocument = QTextDocument(self)
        self._page = PageMap()
        self._anchor_table: tuple[list[tuple[int, float]], list[int], list[float]] | None = (
            [], [], [])
        self._zoom_steps = 0
        self._layout_width = 0.0
        self._background = QColor("#ffffff")
        self._text_colour = QColor("#242424")
        self._programmatic = False
        self.setAccessibleName("Preview")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.verticalScrollBar().setSingleStep(20)

    # -- QTextBrowser-like API ------------------------------------------------------

    def document(self) -> QTextDocument:
        return self._doc

    def toPlainText(self) -> str:
        return self._doc.toPlainText()

    def toHtml(self) -> str:
        return self._doc.toHtml()

    # -- what the controller sets ----------------------------------------------------

    def zoom_factor(self) -> float:
        return ZOOM_STEP**self._zoom_steps

    def set_zoom(self, steps: int) -> None:
        """Zoom by scaling the painting; a re-layout at the new width follows."""
        if steps != self._zoom_steps:
            self._zoom_steps = steps
            self._update_scrollbars()
            self.viewport().update()
            self.widthChanged.emit()

    def layout_width(self) -> float:
        """The width, in document pixels, the document should be laid out at."""
        bar = self.verticalScrollBar()
        width = self.viewport().width()
        if not bar.isVisible():  # a long document will need the bar: lay out for it
            width -= bar.sizeHint().width()
        return max(200.0, width / self.zoom_factor())

    def set_colours(self, background: QColor, text: QColor) -> None:
        self._background = background
        self._text_colour = text
        self.viewport().update()

    def set_document(self, doc: QTextDocument, anchors: list[tuple[int, float]],
                     page: PageState | None = None,
                     anchor_blocks: list[tuple[int, int]] | None = None) -> None:
        """Show `doc` (already laid out), keeping the scroll position. `page` (what it is
        made of) and `anchor_blocks` let later renders patch it in place."""
        old = self._doc
        value = self.verticalScrollBar().value()
        doc.setParent(self)
        self._doc = doc
        self._set_anchors(anchors)
        self._page.reset(page, doc, anchor_blocks or [], dict(anchors))
        self._layout_width = doc.textWidth()
        if old is not doc:
            self.retired.emit(old)  # freed elsewhere: freeing 50,000 words takes ~15 ms
        self._show_changed(value)

    def _fit_short_page(self) -> bool:
        """A short page laid out for another width: lay it out again now, keeping what it
        is made of (`RELAYOUT_CHARS`). True if it was."""
        width = self.layout_width()
        doc = self._doc
        if abs(width - self._layout_width) <= 1 or doc.characterCount() > RELAYOUT_CHARS:
            return False
        value = self.verticalScrollBar().value()
        doc.setTextWidth(width)
        anchors, anchor_blocks = _anchor_lists(_layout_and_anchor_positions(doc))
        state = self._page.state
        if state is not None:
            state = replace(state, width=width)
        self._set_anchors(anchors)
        self._page.reset(state, doc, anchor_blocks, dict(anchors))
        self._layout_width = width
        self._show_changed(value)
        return True

    def _show_changed(self, value: int) -> None:
        """The page changed: scroll range anew, back at `value`, repaint, tell."""
        self._update_scrollbars()
        self._programmatic = True
        try:
            self.verticalScrollBar().setValue(value)
        finally:
            self._programmatic = False
        self.viewport().update()
        self.textChanged.emit()

    def page_state(self) -> PageState | None:
        """What the page shown is made of (None: it cannot be patched)."""
        return self._page.state

    def forget_page(self) -> None:
        """The next page is built whole (another document)."""
        self._page.state = None

    def apply_patch(self, patch: PagePatch, state: PageState) -> bool:
        """Replace the segments `patch` names in the page shown; the rest keeps its layout
        and the view its scroll position. False when the patch is for another page."""
        value = self.verticalScrollBar().value()
        if not self._page.apply(self._doc, patch, state, self._block_top):
            return False
        self._anchor_table = None  # the y of everything below the change moved
        self._show_changed(value)
        return True

    # -- scroll sync -----------------------------------------------------------------

    def _set_anchors(self, anchors: list[tuple[int, float]]) -> None:
        self._anchor_table = (anchors, [line for line, _ in anchors], [y for _, y in anchors])

    def _block_top(self, block: QTextBlock) -> float:
        return self._doc.documentLayout().blockBoundingRect(block).top()

    def _table(self) -> tuple[list[tuple[int, float]], list[int], list[float]]:
        """(line, y) of each anchor, their lines and their ys, as the page is now."""
        if self._anchor_table is None:
            self._set_anchors(self._page.anchors(self._block_top))
        assert self._anchor_table is not None
        return self._anchor_table

    def _y_for_line(self, line: float) -> float:
        anchors, lines, _ys = self._table()
        if not anchors:
            return 0.0
        i = bisect.bisect_right(lines, line) - 1
        if i < 0:
            return 0.0
        line0, y0 = anchors[i]
        if i + 1 < len(anchors):
            line1, y1 = anchors[i + 1]
        else:
            line1, y1 = line0 + 1, self._doc.size().height()
        fraction = min(1.0, max(0.0, (line - line0) / max(1, line1 - line0)))
        return y0 + fraction * (y1 - y0)

    def scroll_to_line(self, line: float) -> None:
        """Put source `line` at the top (interpolating between anchors); no userScrolled."""
        y = self._y_for_line(line) * self.zoom_factor()
        self._programmatic = True
        try:
            self.verticalScrollBar().setValue(int(y))
        finally:
            self._programmatic = False

    def line_at_top(self) -> float:
        """The source line shown at the top of the view (interpolated)."""
        anchors, _lines, ys = self._table()
        if not anchors:
            return 0.0
        y = self.verticalScrollBar().value() / self.zoom_factor()
        i = bisect.bisect_right(ys, y) - 1
        if i < 0:
            return 0.0
        line0, y0 = anchors[i]
        if i + 1 < len(anchors):
            line1, y1 = anchors[i + 1]
        else:
            return float(line0)
        return line0 + (y - y0) / max(1.0, y1 - y0) * (line1 - line0)

    def scroll_to_fragment(self, name: str) -> bool:
        """Scroll to `<a name=…>` / id `name` (footnotes, in-page links)."""
        doc = self._doc
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and name in fragment.charFormat().anchorNames():
                    y = doc.documentLayout().blockBoundingRect(block).top()
                    self.verticalScrollBar().setValue(int(y * self.zoom_factor()))
                    return True
                it += 1
            block = block.next()
        return False

    def _on_scrolled(self, _value: int) -> None:
        self.viewport().update()
        if not self._programmatic:
            self.userScrolled.emit()

    # -- painting and events ---------------------------------------------------------

    def _update_scrollbars(self) -> None:
        size = self._doc.size() * self.zoom_factor()
        viewport = self.viewport().size()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setPageStep(viewport.height())
        vbar.setRange(0, max(0, int(size.height()) - viewport.height()))
        hbar.setPageStep(viewport.width())
        hbar.setRange(0, max(0, int(size.width()) - viewport.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self._background)
        scale = self.zoom_factor()
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        painter.translate(-offset)
        painter.scale(scale, scale)
        rect = QRectF(event.rect()).translated(offset)
        clip = QRectF(rect.x() / scale, rect.y() / scale, rect.width() / scale,
                      rect.height() / scale)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Text, self._text_colour)
        context.palette = palette
        self._doc.documentLayout().draw(painter, context)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()
        if self._fit_short_page() or abs(self.layout_width() - self._layout_width) > 1:
            self.widthChanged.emit()  # a render at the new width (one under way is not)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Read from the keyboard: arrows and Page Up/Down (Qt's own), Space and
        Shift+Space a page, Home and End the top and the bottom."""
        bar = self.verticalScrollBar()
        key = event.key()
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            bar.setValue(bar.minimum() if key == Qt.Key.Key_Home else bar.maximum())
        elif key == Qt.Key.Key_Space:
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            bar.triggerAction(bar.SliderAction.SliderPageStepSub if shift
                              else bar.SliderAction.SliderPageStepAdd)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def sizeHint(self) -> QSize:
        return QSize(560, 600)

    def _anchor_at(self, pos: QPointF) -> str:
        scale = self.zoom_factor()
        point = QPointF(
            (pos.x() + self.horizontalScrollBar().value()) / scale,
            (pos.y() + self.verticalScrollBar().value()) / scale,
        )
        return self._doc.documentLayout().anchorAt(point)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        href = self._anchor_at(event.position())
        shape = Qt.CursorShape.PointingHandCursor if href else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(shape)
        self.setToolTip(href)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            href = self._anchor_at(event.position())
            if href:
                url = QUrl(href)
                if href.startswith("#"):
                    self.scroll_to_fragment(href[1:])
                else:
                    self.anchorClicked.emit(url)
                return
        super().mouseReleaseEvent(event)


class PreviewController(QObject):
    """Debounces edits, hands the newest text to the render lane and swaps finished
    documents in.

    `request()` on every edit; `rendered(output)` after each result (outline, word count,
    scroll sync anchors). `lookup_factory()` runs on the render lane and returns the rating
    lookup for trust-link badges (or None). `visible` False skips building documents
    (outline and status only).
    """

    rendered = Signal(object)  # RenderOutput
    failed = Signal(str)

    def __init__(
        self,
        view: PreviewView,
        get_text: Callable[[], str],
        lookup_factory: Callable[[], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._get_text = get_text
        self._lane_name = f"render-{next(_render_lanes)}"
        worker = RenderWorker(self._lane_name, lookup_factory)
        self._runner: LatestRunner[RenderJob, RenderOutput] = LatestRunner(
            worker.work, self._on_done, self._on_failed, self._on_dropped,
            lane_name=self._lane_name, parent=self,
        )
        self._started = False
        self.dark = False
        self.visible = True
        self.base_dir: Path | None = None
        self.last_cost_ms = 0.0
        self.last_output: RenderOutput | None = None
        self._refresh_after = False  # refresh_when_free: once the running render is done
        self._fresh = True  # nothing of this document shown yet: its first screen goes first
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(MIN_DELAY_MS)
        self._timer.timeout.connect(self._send)
        self._sent_width = 0.0  # the layout width of the last render asked for
        view.widthChanged.connect(self._on_width_changed)
        view.retired.connect(self._retire)

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> None:
        """Start rendering (after the window is shown: the imports happen on the lane)."""
        if self._started:
            return
        self._started = True
        self._send()

    def stop(self) -> None:
        """No more renders for this window (closing); a result on its way is dropped."""
        self._timer.stop()
        self._started = False
        self._runner.invalidate()
        lane(self._lane_name).stop(wait=False)  # ends once what is queued there is done

    # -- requests -------------------------------------------------------------------

    def _retire(self, doc: QTextDocument) -> None:
        render_lane = lane(self._lane_name)
        doc.setParent(None)
        doc.moveToThread(render_lane)
        render_lane.submit(_dispose, doc)
        render_lane.submit(_return_freed_memory)  # once the lane has deleted it

    def delay_ms(self) -> int:
        """Short for short texts; longer by a quarter of the last render's cost for long ones."""
        return int(min(MAX_DELAY_MS, MIN_DELAY_MS + 0.25 * self.last_cost_ms))

    def request(self) -> None:
        """The text changed: render after the debounce."""
        self._timer.start(self.delay_ms())

    def refresh_soon(self) -> None:
        """Theme, width, zoom or visibility changed: render again shortly."""
        self._timer.start(MIN_DELAY_MS)

    def _on_width_changed(self) -> None:
        """The view's width no longer matches its page: lay it out again, unless the
        render under way is already at this width (the window settling as it starts
        resizes the preview several times; superseding that render would only delay it)."""
        if self._runner.busy and abs(self.view.layout_width() - self._sent_width) <= 1:
            return
        self.refresh_soon()

    def refresh_when_free(self) -> None:
        """Something the page shows besides its text changed (the rating cache opened or
        was refreshed): render again once the render under way, if any, is shown. That
        one is of the current text and worth showing; superseding it would throw away the
        first preview of a 50,000-word column (0.5 s) for the sake of its badges, which
        the next render puts into the page in place."""
        if self._runner.busy:
            self._refresh_after = True
        else:
            self.refresh_soon()

    def new_document(self, base_dir: Path | None, first_screen_shown: bool = False) -> None:
        """Another document: drop results still on their way for the old one.
        `first_screen_shown`: the view shows its first screen already (a cold start's)."""
        self._runner.invalidate()
        self.base_dir = base_dir
        self._fresh = not first_screen_shown
        self.view.forget_page()
        self.view.verticalScrollBar().setValue(0)
        if self._started:
            self._timer.start(0)

    def _send(self) -> None:
        """Ask for the newest text; if a render is running it is marked superseded (the
        preview must show the newest text soon after typing pauses; a 50,000-word
        document takes ~250 ms to build, so finishing a stale one first would nearly
        double the wait)."""
        if not self._started:
            return
        self._timer.stop()  # this request covers any waiting one: it would supersede it
        first_chars = FIRST_SCREEN_CHARS if self._fresh and self.visible else 0
        self._fresh = False
        self._sent_width = self.view.layout_width()
        self._runner.request(
            RenderJob(
                text=self._get_text(),
                dark=self.dark,
                width=self._sent_width,
                font=QFont(QGuiApplication.font()),
                base_dir=self.base_dir,
                build_document=self.visible,
                shown=self.view.page_state(),
                first_chars=first_chars,
            )
        )

    def _on_done(self, out: RenderOutput, _ticket: Ticket[RenderJob]) -> None:
        if not out.complete:  # the first screen: show it, and build the whole page now
            if out.document is not None:
                self.view.set_document(out.document, out.anchors, out.page, out.anchor_blocks)
            self._refresh_after = False  # the next render sees whatever asked for it
            self._send()
            return
        self.last_cost_ms = out.render_ms + out.layout_ms
        self.last_output = out
        if out.patch is not None:
            if not self.view.apply_patch(out.patch, out.page):
                self.view.forget_page()  # made for a page no longer shown: build it whole
                self.refresh_soon()
            _free_parts(out.patch)
        elif out.document is not None:
            self.view.set_document(out.document, out.anchors, out.page, out.anchor_blocks)
        self.rendered.emit(out)
        self._refresh_if_asked()

    def _refresh_if_asked(self) -> None:
        if self._refresh_after:
            self._refresh_after = False
            self.refresh_soon()

    def _on_failed(self, error: BaseException, _ticket: Ticket[RenderJob]) -> None:
        self.failed.emit(f"{error!r}")  # a bug in rendering must not stop the preview
        self._refresh_if_asked()

    def _on_dropped(self, out: RenderOutput, _ticket: Ticket[RenderJob]) -> None:
        if out.patch is not None:
            _free_parts(out.patch)
        if out.document is not None:
            with contextlib.suppress(RuntimeError):
                out.document.deleteLater()
