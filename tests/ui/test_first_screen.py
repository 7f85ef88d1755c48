"""A cold start shows the top of the column in the preview right after the editor, before
the rest of the window is built, and the whole page follows; a short page follows a width
change at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from columnist.core.tasks import Ticket
from columnist.settings import Settings
from columnist.ui.app import create_main_window
from columnist.ui.main_window import MainWindow
from columnist.ui.preview import PreviewView, RenderJob, RenderWorker

LAST = "Paragraph 2999 of a long column."


@pytest.fixture
def cold_start(qtbot, monkeypatch):
    """Start as the app does (`deferred=True`); returns (window, what the preview showed
    when the rest of the window began to be built, every page it showed after)."""
    seen: dict[str, str] = {}
    pages: list[str] = []
    original = MainWindow.finish_setup

    def finish_setup(self: MainWindow) -> None:
        if hasattr(self, "preview"):
            seen["before set-up"] = self.preview.toPlainText()
            self.preview.textChanged.connect(lambda: pages.append(self.preview.toPlainText()))
        original(self)

    monkeypatch.setattr(MainWindow, "finish_setup", finish_setup)

    def start(file: Path | None) -> tuple[MainWindow, dict[str, str], list[str]]:
        window = create_main_window(str(file) if file else None, offer_recovery=False,
                                    deferred=True)
        qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
        qtbot.waitUntil(lambda: getattr(window, "preview_controller", None) is not None
                        and window.preview_controller.last_output is not None, timeout=30000)
        return window, seen, pages

    return start


def test_a_long_column_shows_its_top_before_the_window_is_built(cold_start, tmp_path) -> None:
    column = tmp_path / "long.md"
    column.write_text("\n\n".join(f"Paragraph {i} of a long column." for i in range(3000))
                      + "\n", encoding="utf-8")
    window, seen, pages = cold_start(column)
    first = seen["before set-up"]
    assert first.startswith("Paragraph 0 of a long column.") and LAST not in first
    assert "Updating…" not in pages  # the first screen stays until the whole page is in
    assert window.preview_controller.last_output.complete
    assert LAST in window.preview.toPlainText()
    assert window.editor.text() == column.read_text(encoding="utf-8")


def test_the_sample_column_at_first_start_is_in_the_preview_at_once(cold_start) -> None:
    window, seen, pages = cold_start(None)
    assert seen["before set-up"].strip()  # the sample's story header and first paragraphs
    assert "Updating…" not in pages
    assert window.preview.toPlainText().startswith(seen["before set-up"][:40])


def test_no_first_screen_when_the_preview_is_hidden(cold_start, tmp_path) -> None:
    Settings().set("view/preview_visible", False)
    column = tmp_path / "short.md"
    column.write_text("A short column.\n", encoding="utf-8")
    window, seen, _pages = cold_start(column)
    assert seen["before set-up"] == ""
    assert not window.preview.isVisible()


def test_a_short_page_follows_a_width_change_at_once(qtbot, qapp) -> None:
    view = PreviewView()
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    job = RenderJob("A short column, with a sentence long enough to wrap at a narrow width.\n",
                    False, view.layout_width(), qapp.font(), None)
    out = RenderWorker("test-first-screen")._work(Ticket(job, 0))
    view.set_document(out.document, out.anchors, out.page, out.anchor_blocks)
    tall = view.document().size().height()
    view.resize(260, 500)
    QCoreApplication.processEvents()  # the resize event, and nothing rendered since
    assert abs(view.document().textWidth() - view.layout_width()) <= 1
    assert view.document().size().height() > tall  # wrapped anew
    assert view.page_state() is not None
    assert abs(view.page_state().width - view.layout_width()) <= 1  # still patchable


def test_a_column_unchanged_since_last_shown_starts_from_its_kept_page(
        cold_start, tmp_path, monkeypatch) -> None:
    from columnist.ui import preview

    column = tmp_path / "kept.md"
    column.write_text("# Kept\n\nThe column as it was shown yesterday.\n", encoding="utf-8")
    window, seen, _pages = cold_start(column)
    first = seen.pop("before set-up")
    window.close()
    rendered: list[str] = []
    render = preview.first_screen

    def counted(job, page=None):
        if page is None:  # not read back: rendered
            rendered.append(job.text)
        return render(job, page)

    monkeypatch.setattr(preview, "first_screen", counted)
    window, seen, pages = cold_start(column)
    assert rendered == [] and seen.pop("before set-up") == first  # read back
    assert "Updating…" not in pages
    assert window.preview.toPlainText().startswith("Kept")
    window.close()

    changed = tmp_path / "changed.md"  # (not rewriting kept.md: its windows watch it)
    changed.write_text("# Changed\n\nAnother text.\n", encoding="utf-8")
    window, seen, _pages = cold_start(changed)
    assert len(rendered) == 1 and seen["before set-up"].startswith("Changed")


def test_a_first_screen_with_footnotes_is_short_and_numbers_them_as_the_page_does() -> None:
    import re

    from columnist.render.pipeline import Renderer

    paragraphs = [f"Paragraph {i} of a long column." for i in range(3000)]
    paragraphs[0] = "See the first note.[^a] And the second.[^b]"
    paragraphs[2000] = "Defined far below.\n\n[^b]: The second note."
    text = "[^a]: The first note.\n\n" + "\n\n".join(paragraphs) + "\n"
    first = Renderer(None).render(text, first_chars=2_000)
    whole = Renderer(None).render(text)
    assert not first.complete and LAST not in first.html and LAST in whole.html
    refs = re.compile(r'<sup id="fnref:[ab]"><a class="footnote-ref" href="#fn:[ab]">\d</a>')
    assert refs.findall(first.html) == refs.findall(whole.html) != []
    assert "The second note." in first.html
