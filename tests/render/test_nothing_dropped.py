"""Nothing the writer wrote vanishes in silence from the preview or the export.

Raw HTML left open (an unclosed `<math>`, `<div>`, `<script>`…) used to swallow the rest
of the column: Python-Markdown made the rest one raw block and the sanitiser removed the
element with everything in it, while the export still succeeded. Each hostile construct
below is followed by a plain paragraph, which must stay a paragraph of the preview and of
the exported page; what the construct itself held is shown as typed, or its removal is
marked by a note in the preview and a warning from the export that names the line.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import nh3
import pytest

from columnist.cli import main
from columnist.export import Column, ExportOptions, export_column
from columnist.render.pipeline import Renderer
from columnist.render.raw_html import FOREIGN_NAMED
from helpers.hostile_html import AFTER, HOSTILE


def visible_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (tags dropped, entities decoded)."""
    return html_lib.unescape(re.sub(r"<[^>]*>", " ", fragment))


def export_page(text: str, folder: Path) -> tuple[str, list[str]]:
    source = folder / "column.md"
    source.write_text(text, encoding="utf-8")
    out = folder / "column.html"
    result = export_column("html", Column(text, source), ExportOptions(out))
    return out.read_text(encoding="utf-8"), result.warnings


@pytest.mark.parametrize("construct", list(HOSTILE), ids=list(HOSTILE))
def test_a_paragraph_after_a_hostile_construct_reaches_preview_and_export(
    construct: str, tmp_path: Path
) -> None:
    typed, visible = HOSTILE[construct]
    text = f"# Column\n\n{typed}\n\n{AFTER}\n\nThe **end**.\n"
    preview = Renderer(base_dir=tmp_path).render(text).html
    assert f"{AFTER}</p>" in preview
    assert "<strong>end</strong>" in preview  # Markdown still read after the construct
    assert visible in visible_text(preview)
    page, _warnings = export_page(text, tmp_path)
    assert f"<p>{AFTER}</p>" in page
    assert visible in visible_text(page)


def test_an_opener_never_closed_shows_as_typed(tmp_path: Path) -> None:
    html = Renderer().render(f"<math> x\n\n{AFTER}\n").html
    assert "&lt;math&gt; x" in html
    assert f"{AFTER}</p>" in html


REMOVED = """# Column

Intro paragraph.

<script>
steal(document.cookie)
</script>

A sentence with <svg><text>drawn</text></svg> in it.

<style>p { display: none }</style>

A plain paragraph after it.
"""


def test_a_removed_element_leaves_a_note_naming_its_line() -> None:
    html = Renderer().render(REMOVED).html
    assert "steal" not in html and "display: none" not in html and "drawn" not in html
    assert '<span class="removed-note">[removed: &lt;script&gt; element, line 5]</span>' in html
    assert "A sentence with <span class=\"removed-note\">" \
           "[removed: &lt;svg&gt; element, line 9]</span> in it." in html
    assert "[removed: &lt;style&gt; element, line 11]" in html
    assert f"{AFTER}</p>" in html


def test_notes_follow_their_line_when_text_is_added_above() -> None:
    renderer = Renderer()
    renderer.render(REMOVED)
    html = renderer.render(REMOVED.replace("Intro paragraph.", "Intro.\n\nAnother one.")).html
    assert renderer.last_rendered_blocks == 2  # the script's block came from the cache
    assert "[removed: &lt;script&gt; element, line 7]" in html
    assert "[removed: &lt;style&gt; element, line 13]" in html


def test_the_export_warns_for_each_removed_element_and_leaves_no_note(tmp_path: Path) -> None:
    page, warnings = export_page(REMOVED, tmp_path)
    assert "steal" not in page and "removed-note" not in page and "<script" not in page
    assert f"<p>{AFTER}</p>" in page
    assert [w for w in warnings if "element" in w] == [
        "line 5: the <script> element was left out, with everything inside it "
        "(only text and simple formatting are exported)",
        "line 9: the <svg> element was left out, with everything inside it "
        "(only text and simple formatting are exported)",
        "line 11: the <style> element was left out, with everything inside it "
        "(only text and simple formatting are exported)",
    ]


def test_cli_export_prints_the_warning_with_the_line(tmp_path: Path, capsys) -> None:
    source = tmp_path / "column.md"
    source.write_text("Intro.\n\n<iframe src=\"https://evil.example/\"></iframe>\n", "utf-8")
    assert main(["export", str(source)]) == 0
    err = capsys.readouterr().err
    assert "columnist export: warning: line 3: the <iframe> element was left out" in err
    assert "evil.example" not in (tmp_path / "column.html").read_text(encoding="utf-8")


def test_footnote_columns_keep_text_and_notes_too() -> None:
    text = f"Claim.[^1]\n\n<math> open\n\n<script>x()</script>\n\n{AFTER}\n\n[^1]: The note.\n"
    html = Renderer().render(text).html
    assert "&lt;math&gt; open" in html and f"{AFTER}</p>" in html
    assert "[removed: &lt;script&gt; element, line 5]" in html
    assert "The note." in html


def test_an_svg_or_mathml_name_used_in_text_is_noted_not_lost() -> None:
    html = Renderer().render("The <list>kept words</list> and <g>more</g> here.\n").html
    assert "kept words" not in html
    assert "[removed: &lt;list&gt; element, line 1]" in html
    assert "[removed: &lt;g&gt; element, line 1]" in html
    assert "here.</p>" in html


def test_nh3_removes_each_foreign_named_element_with_its_content() -> None:
    """FOREIGN_NAMED mirrors a rule inside ammonia; if nh3 changes it, this says so."""
    kept = [name for name in sorted(FOREIGN_NAMED)
            if "kept" in nh3.clean(f"<p>a <{name}>kept</{name}> b</p>", tags={"p"})]
    assert kept == []
    for name in ("foo", "title", "span", "font", "clippath"):
        assert "kept" in nh3.clean(f"<p>a <{name}>kept</{name}> b</p>", tags={"p"})
