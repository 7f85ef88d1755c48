"""Live checks: the enabled checks (`review.checks.CHECKS`) run as the writer types, off
the GUI thread, and their findings kept on the words they are about.

The column model comes with each preview render (`RenderOutput.column`: the text is parsed
once per revision); once the writer pauses typing (`PAUSE_MS`, longer for a very long
column) it goes to a `LatestRunner` on a lane of this window's own, so a run for an older
text is superseded and its result dropped. The checks' own caches make a re-check cheap: each
block's sentences and each sentence's trust names are remembered, so typing into a
50,000-word column re-reads one paragraph (see the README's Benchmarks).

A finding is made on the text that was checked; the writer may have typed since. So each
one arrives as a `LiveFinding`: its span (and each fix's) mapped onto the editor's text
now (`core.text_span.changed_span`: a finding inside what changed is dropped, one after it
shifted) and then tracked by a `QTextCursor` the document moves with every edit. A
finding whose words have changed since (`alive()` compares them with the words checked)
is dropped, so an underline is never drawn on other words than the ones it is about. The
next run brings it back if it still holds.

The checks run again when the rating cache opens or changes and when a check is switched
on or off (View ▸ Checks, or Preferences: read again when the window is active again).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import linecache
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from columnist.core.tasks import LatestRunner, Ticket
from columnist.review.findings import Finding, Fix, Severity
from columnist.ui.check_settings import check_context, enabled_checks
from columnist.ui.editor_text import PARAGRAPH_SEPARATOR, OffsetMap

if TYPE_CHECKING:
    from columnist.markdown.column import ColumnModel
    from columnist.review.checks import CheckContext
    from columnist.ui.main_window import MainWindow
    from columnist.ui.preview import RenderOutput

# The checks run once the writer pauses typing, not after every render: run beside the
# renders they compete with them and with the keystrokes for the interpreter, and typing
# into a 5,000-word column stalled up to 50 ms (16 with a pause; see the README's
# Benchmarks). A pause of PAUSE_MS since the last edit is enough for a column of ordinary
# length; one over LONG_TEXT (about 15,000 words), whose whole run is a few hundred
# milliseconds of Python, waits for LONG_PAUSE_MS.
PAUSE_MS = 300
LONG_TEXT = 100_000
LONG_PAUSE_MS = 1_500


def pause_ms(length: int) -> int:
    """How long typing must pause before a column of `length` characters is checked.

    >>> pause_ms(30_000), pause_ms(300_000)
    (300, 1500)
    """
    return LONG_PAUSE_MS if length >= LONG_TEXT else PAUSE_MS

# One lane for every window's checks: they keep no state between runs (each opens its
# own connection to the cache), and the machine's other core stays with the renders.
LANE = "live-checks"


def tracked_span(document: QTextDocument, start: int, end: int) -> QTextCursor:
    """A cursor over Qt positions `start`..`end` that the document moves with its edits:
    typing just before the span moves it, typing just after it leaves it alone (the
    cursor's end keeps its place on an insertion there), typing inside it changes it."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.setKeepPositionOnInsert(True)
    return cursor


@contextlib.contextmanager
def without_layout(document: QTextDocument) -> Iterator[None]:
    """Make cursors on `document` without laying out the blocks they are in.

    A cursor set on a block Qt has not laid out yet (one off screen) lays it out to know
    its x: a thousand findings over a 50,000-word column is 0.1 s of the GUI thread and
    the memory of every block's layout. Inside an edit block Qt leaves x unknown until a
    cursor moves up or down, which a finding's never does. The edit block changes
    nothing, so it adds no undo step; its closing is not signalled (it would read as an
    edit: a render, an autosave).
    """
    outer = QTextCursor(document)
    outer.beginEditBlock()
    try:
        yield
    finally:
        blocked = document.blockSignals(True)
        try:
            outer.endEditBlock()
        finally:
            document.blockSignals(blocked)


def qt_words(text: str) -> str:
    """`text` as `QTextCursor.selectedText()` gives it (blocks end in U+2029).

    >>> qt_words("a\\nb") == "a\\u2029b"
    True
    """
    return text.replace("\n", PARAGRAPH_SEPARATOR)


@dataclass
class TrackedSpan:
    """Words of the checked text, followed through the edits made since."""

    cursor: QTextCursor
    words: str  # as Qt gives them (qt_words)

    def alive(self) -> bool:
        """The span still holds the words it was made on."""
        return self.cursor.selectedText() == self.words

    @property
    def start(self) -> int:
        return self.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.cursor.selectionEnd()


@dataclass
class LiveFinding:
    """A `Finding` on the editor's text as it is now: `span` (and each of `fixes`) is
    tracked through the edits since the check; `line`/`column` are where it is now."""

    finding: Finding
    span: TrackedSpan
    fixes: tuple[tuple[Fix, TrackedSpan], ...]

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def code(self) -> str:
        return self.finding.code

    def alive(self) -> bool:
        return self.span.alive()

    def position(self) -> tuple[int, int]:
        """1-based (line, column) of its start now (Qt counts columns in UTF-16)."""
        start = self.span.start
        block = self.span.cursor.document().findBlock(start)  # no layout (see without_layout)
        return block.blockNumber() + 1, start - block.position() + 1

    def usable_fixes(self) -> list[Fix]:
        """The fixes whose words are still as they were checked."""
        return [fix for fix, span in self.fixes if span.alive()]

    def apply(self, fix: Fix) -> bool:
        """Make `fix` in the editor as one undo step; False when its words have changed."""
        for candidate, span in self.fixes:
            if candidate is fix and span.alive():
                cursor = QTextCursor(span.cursor)
                cursor.setKeepPositionOnInsert(False)
                cursor.beginEditBlock()
                cursor.insertText(fix.text)
                cursor.endEditBlock()
                return True
        return False


class CheckJob(NamedTuple):
    """One request: the column model, what the checks read, which run."""

    column: ColumnModel
    context: CheckContext
    enabled: frozenset[str]


def map_offset(offset: int, changed: tuple[int, int, int], end: bool = False) -> int | None:
    """Where `offset` of the checked text is in the text now, given `changed` (their
    `changed_span`); None inside the stretch that changed. A span's `end` may touch it.

    >>> changed = (10, 12, 15)  # the two characters at 10 became five
    >>> map_offset(4, changed), map_offset(11, changed), map_offset(12, changed)
    (4, None, 15)
    >>> map_offset(10, changed, end=True), map_offset(10, changed)
    (10, None)
    """
    start, end_old, end_new = changed
    if offset < start or (end and offset == start):
        return offset
    if offset >= end_old:
        return offset + end_new - end_old
    return None


class CheckRun(NamedTuple):
    """What one run found, and the column's reading age (for the status bar)."""

    findings: list[Finding]
    reading_age: int


def run_job(ticket: Ticket[CheckJob]) -> CheckRun | None:
    """The lane's work: every enabled check and the reading age; None when the run
    stopped because the writer typed again or a newer text is waiting (see
    `LiveChecks._on_contents_change`)."""
    if ticket.is_superseded():
        return None
    from columnist.review.checks import ChecksStopped, reading_age, run_checks

    job = ticket.payload
    context = job.context._replace(stop=ticket.is_superseded)
    try:
        run = CheckRun(run_checks(job.column, context, job.enabled),
                       reading_age(job.column, context))
    except ChecksStopped:
        return None
    _settle_after_first_run()
    return run


@functools.cache
def _settle_after_first_run() -> None:
    """Once, after the first run, as `preview._freeze_long_lived_objects` does after the
    first preview: empty linecache, which PySide6's import hook filled with the source of
    every module that run imported; and take what the run keeps for the app's life (the
    dictionary's words, each block's remembered findings) out of the cyclic collector's
    view, whose full collections walked it while the writer typed (9–15 ms each, the
    GIL held)."""
    linecache.clearcache()
    gc.freeze()


class LiveChecks(QObject):
    """The window's live findings (see the module docstring).

    `findings()` are the live ones in reading order; `changed` is emitted when they
    change (a result arrived, or edits dropped some); `checked` is True once a result
    for this document has arrived; `skipped` names the enabled checks that could not run
    (no rating cache yet).
    """

    changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._editor = window.editor
        self._live: list[LiveFinding] = []
        # The last result's findings by (start, end, code, message) in the text it checked.
        self._by_key: dict[tuple[int, int, str, str], LiveFinding] = {}
        self._checked: str | None = None
        self._column: ColumnModel | None = None
        self._asked: tuple[frozenset[str], Any] | None = None
        self.checked = False
        self.skipped: list[str] = []
        self._runner: LatestRunner[CheckJob, list[Finding] | None] = LatestRunner(
            run_job, self._on_done, self._on_failed, lane_name=LANE, parent=self)
        self._dirty: list[tuple[int, int]] = []
        self._sweep = QTimer(self)
        self._sweep.setSingleShot(True)
        self._sweep.setInterval(0)  # once per event-loop turn, after the keystroke
        self._sweep.timeout.connect(self._drop_changed)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._since_edit = QElapsedTimer()
        self._since_edit.start()
        self._editor.document().contentsChange.connect(self._on_contents_change)
        window.preview_controller.rendered.connect(self._on_rendered)
        window.documentReplaced.connect(self.clear)
        window.ratings.opened.connect(self.rerun)
        window.ratings.changed.connect(self.rerun)

    # -- state ------------------------------------------------------------------------

    def findings(self) -> list[LiveFinding]:
        """The findings whose words are as they were checked, in reading order."""
        return list(self._live)

    def enabled(self) -> frozenset[str]:
        return enabled_checks(self._window.settings)

    def at(self, position: int) -> list[LiveFinding]:
        """The live findings whose span holds Qt position `position` (touching counts)."""
        return [live for live in self.between(position, position) if live.alive()]

    def between(self, start: int, end: int) -> list[LiveFinding]:
        """The findings whose spans meet Qt positions `start`..`end` (inclusive), in order.
        Spans keep their order under edits, so this is a search, not a scan."""
        live = self._live
        # Spans may overlap, so a long one starting earlier can still reach `start`.
        first = bisect.bisect_left(live, start - _LONGEST_SPAN, key=lambda f: f.span.start)
        out = []
        for item in live[first:]:
            if item.span.start > end:
                break
            if item.span.end >= start:
                out.append(item)
        return out

    # -- requests ---------------------------------------------------------------------

    def _on_rendered(self, out: RenderOutput) -> None:
        if out.column is None:
            return
        self._column = out.column
        wait = pause_ms(len(out.column.text)) - self._since_edit.elapsed()
        if wait <= 0:
            self._request()  # the writer has paused already
        else:
            self._idle.start(wait)  # once the writer pauses (see PAUSE_MS)

    def _on_idle(self) -> None:
        if self._column is not None and self._column.text == self._editor.text():
            self._request()

    def rerun(self) -> None:
        """Check the last text again now (a check switched, the cache opened or changed)."""
        if self._column is not None:
            self._request()

    def settings_changed(self) -> None:
        """Preferences may have switched a check or an option: re-run if anything differs."""
        if self._asked is not None and self._asked != self._choice():
            self.rerun()

    def _choice(self) -> tuple[frozenset[str], Any]:
        settings = self._window.settings
        context = check_context(settings, self._window.ratings.cache_path())
        return enabled_checks(settings), context

    def _request(self) -> None:
        from columnist.review.checks import CHECKS

        assert self._column is not None
        enabled, context = self._asked = self._choice()
        self.skipped = [c.label for c in CHECKS
                        if c.key in enabled and c.needs_ratings and context.cache_path is None]
        self._runner.request(CheckJob(self._column, context, enabled))

    def clear(self) -> None:
        """Another document: nothing of the old one's findings is kept or delivered."""
        self._runner.invalidate()
        self._column = None
        self.checked = False
        self._live = []
        self._by_key, self._checked = {}, None
        self.changed.emit()

    # -- results ----------------------------------------------------------------------

    def _on_failed(self, error: BaseException, _ticket: Ticket[CheckJob]) -> None:
        self._window.status.showMessage(f"The checks failed: {error!r}", 8000)

    def _on_done(self, run: CheckRun | None, ticket: Ticket[CheckJob]) -> None:
        if run is None:
            return
        self._window.status.set_reading_age(run.reading_age)
        self.show(ticket.payload.column.text, run.findings)

    def show(self, checked: str, found: list[Finding]) -> None:
        """Put `found`, the findings of the text `checked`, on the editor's text now."""
        from columnist.core.text_span import changed_span

        document = self._editor.document()

        @functools.cache
        def to_now() -> tuple[tuple[int, int, int], OffsetMap]:
            """What changed since `checked`, and the text now's Qt positions: read only
            when a finding is new (a kept one already follows the text)."""
            now = self._editor.text()
            return changed_span(checked, now), OffsetMap(now)

        def qt_span(start: int, end: int) -> tuple[int, int] | None:
            """Qt positions now of `start`..`end` of the checked text (None: edited)."""
            changed, offsets = to_now()
            first, last = map_offset(start, changed), map_offset(end, changed, end=True)
            if first is None or last is None or last < first:
                return None
            return offsets.to_qt(first), offsets.to_qt(last)

        def span(start: int, end: int, where: tuple[int, int] | None) -> TrackedSpan | None:
            if where is None:
                return None
            return TrackedSpan(tracked_span(document, *where), qt_words(checked[start:end]))

        # Most findings of a re-check are the last run's, about the same words: keep those
        # (their cursors already follow the text) and make cursors only for the new ones.
        # The last run's are found by their place in the text it checked, moved to this
        # one: arithmetic, no call into Qt, so a result with a thousand findings costs the
        # GUI thread what changed (a 50,000-word column: 14–27 ms before, asking Qt where
        # every kept finding was).
        kept = self._kept_for(checked)
        current = {id(f) for f in self._live}  # typing may have dropped some since
        live: list[LiveFinding] = []
        by_key: dict[tuple[int, int, str, str], LiveFinding] = {}
        with without_layout(document):
            for finding in sorted(found, key=lambda f: (f.start, f.end)):
                key = (finding.start, finding.end, finding.code, finding.message)
                same = kept.pop(key, None)
                if same is not None and id(same) in current and same.alive():
                    live.append(same)
                    by_key[key] = same
                    continue
                where = span(finding.start, finding.end, qt_span(finding.start, finding.end))
                if where is None or not where.alive():
                    continue
                fixes = []
                for fix in finding.fixes:
                    place = span(fix.start, fix.end, qt_span(fix.start, fix.end))
                    if place is not None:
                        fixes.append((fix, place))
                made = LiveFinding(finding, where, tuple(fixes))
                live.append(made)
                by_key[key] = made
        self._live = live  # in reading order: the checked text's order is the editor's
        self._by_key, self._checked = by_key, checked
        self.checked = True
        self.changed.emit()

    def _kept_for(self, checked: str) -> dict[tuple[int, int, str, str], LiveFinding]:
        """The last result's findings, keyed by their span moved into `checked`."""
        from columnist.core.text_span import changed_span

        if self._checked is None or not self._by_key:
            return {}
        if self._checked == checked:
            return dict(self._by_key)
        changed = changed_span(self._checked, checked)
        kept = {}
        for (start, end, code, message), live in self._by_key.items():
            first, last = map_offset(start, changed), map_offset(end, changed, end=True)
            if first is not None and last is not None:
                kept[(first, last, code, message)] = live
        return kept

    # -- edits ------------------------------------------------------------------------

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if added != removed and self._runner.busy:
            # The writer typed again: stop the run (checks running beside the typing and
            # the renders made keystrokes wait up to 50 ms in a 50,000-word column); the
            # render of the new text brings the next run, after the next pause. (Equal
            # counts are also how a re-highlight reports itself: not an edit.)
            self._runner.invalidate()
        self._since_edit.restart()
        if self._idle.isActive() and self._column is not None:
            self._idle.start(pause_ms(len(self._column.text)))  # still typing: wait
        if self._live:
            self._dirty.append((position, position + max(removed, added)))
            self._sweep.start()

    def _drop_changed(self) -> None:
        """Drop the findings at this turn's edits whose words are not as checked."""
        dirty, self._dirty = self._dirty, []
        doomed: set[int] = set()
        for low, high in dirty:
            doomed.update(id(f) for f in self.between(low, high) if not f.alive())
        if doomed:
            self._live = [f for f in self._live if id(f) not in doomed]
            self.changed.emit()


# The longest span a finding may have, for `between`'s search (a sentence's worth: a
# finding is about words, never a whole section).
_LONGEST_SPAN = 2_000

