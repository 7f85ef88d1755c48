"""The preview page updated in place: after any series of edits, the page a writer sees is
the page a fresh render of the same text would build (same text, same formats, same
height), scroll sync finds every line where the fresh page has it, and an edit to one
paragraph replaces that paragraph only."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from columnist.core.tasks import Ticket
from columnist.ui import preview as preview_module
from columnist.ui.preview import PreviewView, RenderJob, RenderWorker

PARAGRAPHS = [
    "Plain words about a trust and its care.",
    "A paragraph with *emphasis*, **strength** and a [link](https://example.org).",
    "## A heading",
    "- one item\n- another item",
    "1. first\n2. second",
    "> A quotation from the report.",
    "| Trust | Rating |\n|---|---|\n| A | Good |",
    "Words {++added++} and {--removed--} in review.",
    "```\ncode block\n```",
    "Another plain paragraph, longer, " + "with many words " * 12 + "to wrap.",
]
_ANCHOR_NAME = re.compile(r'name="L\d+"')


def render(worker: RenderWorker, text: str, font, shown=None):
    job = RenderJob(text, False, 600.0, font, None, shown=shown)
    return worker._work(Ticket(job, 0))


def fresh(text: str, font) -> QTextDocument:
    out = render(RenderWorker("test-fresh"), text, font)
    assert out.document is not None
    return out


def page_html(doc: QTextDocument) -> str:
    """The page's HTML without the anchors' line numbers (scroll sync keeps those apart)."""
    return _ANCHOR_NAME.sub('name="L"', doc.toHtml())


def show(view: PreviewView, worker: RenderWorker, text: str, font) -> str:
    """Render `text` as the window does: patch the page shown when the worker can."""
    out = render(worker, text, font, view.page_state())
    if out.patch is not None:
        assert view.apply_patch(out.patch, out.page)
        return "patched"
    view.set_document(out.document, out.anchors, out.page, out.anchor_blocks)
    return "built"


def assert_same_page(view: PreviewView, text: str, font) -> None:
    expected = fresh(text, font)
    doc = view.document()
    assert doc.toPlainText() == expected.document.toPlainText()
    assert page_html(doc) == page_html(expected.document)
    assert abs(doc.size().height() - expected.document.size().height()) < 1
    got = view._table()[0]
    assert [line for line, _ in got] == [line for line, _ in expected.anchors]
    for (_, y), (_, want) in zip(got, expected.anchors, strict=True):
        assert abs(y - want) < 1


edit = st.tuples(st.sampled_from(["insert", "delete", "replace", "type", "newline"]),
                 st.integers(0, 40), st.sampled_from(PARAGRAPHS))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=12),
       edits=st.lists(edit, min_size=1, max_size=6))
def test_any_edits_leave_the_page_a_fresh_render_would_build(qapp, start, edits) -> None:
    font = qapp.font()
    blocks = list(start)
    view = PreviewView()
    view.resize(700, 500)
    worker = RenderWorker("test-in-place")
    show(view, worker, "\n\n".join(blocks) + "\n", font)
    for kind, where, paragraph in edits:
        at = where % (len(blocks) + 1)
        if kind == "insert":
            blocks.insert(at, paragraph)
        elif kind == "delete" and len(blocks) > 1:
            del blocks[at % len(blocks)]
        elif kind == "replace":
            blocks[at % len(blocks)] = paragraph
        elif kind == "type":
            i = at % len(blocks)
            blocks[i] = blocks[i] + " more"
        elif kind == "newline":
            blocks.insert(at, "")  # a blank line: every line below moves down
        text = "\n\n".join(blocks) + "\n"
        show(view, worker, text, font)
        assert_same_page(view, text, font)


def test_typing_in_one_paragraph_replaces_that_paragraph_only(qapp) -> None:
    font = qapp.font()
    blocks = [f"Paragraph {i} with words that say something." for i in range(300)]
    view = PreviewView()
    worker = RenderWorker("test-one-paragraph")
    assert show(view, worker, "\n\n".join(blocks) + "\n", font) == "built"
    far = view.document().findBlockByNumber(250)  # a block far below the edit
    far_text = far.text()
    blocks[120] += " More words."
    text = "\n\n".join(blocks) + "\n"
    out = render(worker, text, font, view.page_state())
    assert out.patch is not None and len(out.patch.parts) == 1  # one segment rebuilt
    assert view.apply_patch(out.patch, out.page)
    assert far.isValid() and far.text() == far_text  # the same block, untouched
    assert "Paragraph 120 with words that say something. More words." in view.toPlainText()
    assert_same_page(view, text, font)


def test_a_theme_change_builds_the_whole_page(qapp) -> None:
    font = qapp.font()
    view = PreviewView()
    worker = RenderWorker("test-theme")
    text = "One.\n\nTwo.\n"
    show(view, worker, text, font)
    job = RenderJob(text, True, 600.0, font, None, shown=view.page_state())
    out = worker._work(Ticket(job, 0))
    assert out.patch is None and out.document is not None


def test_a_patch_for_a_page_no_longer_shown_is_refused(qapp) -> None:
    font = qapp.font()
    view = PreviewView()
    worker = RenderWorker("test-stale")
    show(view, worker, "One.\n\nTwo.\n", font)
    stale = render(worker, "One.\n\nTwo and more.\n", font, view.page_state())
    show(view, worker, "Other.\n\nText.\n", font)
    before = view.toPlainText()
    assert stale.patch is not None
    assert not view.apply_patch(stale.patch, stale.page)
    assert view.toPlainText() == before


def test_chunks_are_runs_of_whole_segments(qapp) -> None:
    body = "".join(f'<p><a name="L{i}"></a>{"w" * 5000}</p>' for i in range(10))
    chunks = preview_module._chunks(body)
    assert "".join(chunks) == body and len(chunks) == 4


def test_a_refresh_asked_during_the_first_render_waits_for_it(qtbot, qapp) -> None:
    """The rating cache opening while a long column's first preview is being built (it asks
    for badges) must not throw that preview away: it is shown, and the badges follow."""
    from columnist.ui.preview import PreviewController

    text = "\n\n".join(f"Paragraph {i} of a long column." for i in range(3000)) + "\n"
    view = PreviewView()
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    controller = PreviewController(view, lambda: text)
    shown = []
    controller.rendered.connect(shown.append)
    controller.start()
    qtbot.waitUntil(lambda: "Paragraph 0 of" in view.toPlainText(), timeout=10000)
    qtbot.waitUntil(lambda: controller._runner.busy, timeout=5000)  # the whole page
    controller.refresh_when_free()
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=30000)
    controller.stop()
    assert shown[0].document is not None  # the first page, shown whole
    assert shown[1].patch is not None  # then the refresh, put into that page
    assert "Paragraph 2999 of a long column." in view.toPlainText()


def controller_on(qtbot, text: str, show: bool = True):
    """A preview with its controller on `text`, started; (controller, pages the view
    showed, outputs the window heard of)."""
    from columnist.ui.preview import PreviewController

    view = PreviewView()
    view.resize(700, 500)
    if show:
        view.show()
        qtbot.waitExposed(view)
    controller = PreviewController(view, lambda: text)
    pages: list[str] = []
    view.textChanged.connect(lambda: pages.append(view.toPlainText()))
    shown: list = []
    controller.rendered.connect(shown.append)
    controller.start()
    return controller, pages, shown


def test_a_new_document_shows_its_first_screen_first(qtbot, qapp) -> None:
    """A long column's preview starts with its top (links defined at its end work there
    too), then the whole page replaces it; the window hears of the whole page only."""
    from columnist.ui.preview import FIRST_SCREEN_CHARS

    paragraphs = [f"Paragraph {i} of a long column." for i in range(3000)]
    paragraphs[0] = "See [the report][report] first."
    text = "\n\n".join(paragraphs) + "\n\n[report]: https://example.org/report\n"
    controller, pages, shown = controller_on(qtbot, text)
    view = controller.view
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30000)
    first = pages[0]
    controller.stop()
    assert first.startswith("See the report first.")  # the link resolved, not "[report]"
    assert "Paragraph 2999" not in first and len(first) < 2 * FIRST_SCREEN_CHARS
    assert shown[0].complete and "Paragraph 2999 of a long column." in view.toPlainText()
    assert 'href="https://example.org/report"' in view.toHtml()


def test_a_short_document_is_rendered_in_one_step(qtbot, qapp) -> None:
    controller, pages, shown = controller_on(qtbot, "A short column.\n", show=False)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30000)
    controller.stop()
    assert pages == ["A short column."]
