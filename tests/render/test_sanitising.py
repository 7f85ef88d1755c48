"""Hostile HTML in a column never reaches the preview or an export."""

from __future__ import annotations

from pathlib import Path

from columnist.render.pipeline import Renderer
from columnist.render.sanitise import sanitise_html


def preview(text: str, base_dir: Path | None = None) -> str:
    return Renderer(base_dir=base_dir).render(text).html


def test_script_tag_and_content_removed():
    html = preview("Hello <script>alert('x')</script> world\n\n<script>\nsteal()\n</script>\n")
    assert "<script" not in html and "alert" not in html and "steal" not in html
    assert "Hello" in html and "world" in html


def test_event_handlers_removed():
    html = preview('<img src="a.png" onerror="alert(1)"> <p onclick="x()">Hi</p>\n')
    assert "onerror" not in html and "onclick" not in html and "alert" not in html


def test_javascript_links_lose_their_href():
    html = preview('[click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">b</a>\n')
    assert "javascript" not in html.lower()
    assert "click" in html


def test_iframes_objects_and_forms_removed():
    html = preview(
        '<iframe src="https://evil.example/"></iframe>\n\n'
        '<object data="x.swf"></object><embed src="y.swf"><form><input></form>\n'
    )
    for tag in ("<iframe", "<object", "<embed", "<form", "<input", "evil.example"):
        assert tag not in html


def test_remote_images_become_placeholders_with_alt_text():
    html = preview("![Ward photo](https://example.org/ward.jpg) ![](//cdn.example/x.png)\n")
    assert "example.org" not in html and "cdn.example" not in html
    assert '<span class="image-placeholder">[Image not shown: Ward photo]</span>' in html
    assert "[Image not shown]" in html


def test_local_relative_image_resolved_against_document_folder(tmp_path):
    html = preview("![chart](img/chart.png)\n", base_dir=tmp_path)
    assert f'src="{(tmp_path / "img" / "chart.png").as_uri()}"' in html
    assert 'alt="chart"' in html


def test_absolute_file_paths_and_data_urls_are_not_shown():
    html = preview("![a](/etc/passwd) ![b](file:///etc/hosts) ![c](data:image/png;base64,AAA)\n")
    assert "src=" not in html and "data:" not in html
    assert html.count("image-placeholder") == 3
    assert "[Image not shown: /etc/passwd is outside the column's folder]" in html


def test_style_attributes_limited_to_text_alignment():
    cleaned = sanitise_html(
        '<table><tr><td style="text-align: right; background: url(https://x.example/)">1</td>'
        '</tr></table><p style="color:red">p</p>'
    )
    assert 'style="text-align:right"' in cleaned
    assert "x.example" not in cleaned and "color" not in cleaned


def test_story_header_values_are_escaped():
    text = '---\ntitle: "<img src=x onerror=alert(1)>"\n---\nBody\n'
    html = preview(text)
    assert "<img" not in html and "&lt;img" in html


def test_file_and_data_links_lose_their_href():
    html = preview('<a href="file:///etc/passwd">f</a> [d](data:text/html;base64,PHNjcmlwdD4=)\n')
    assert "file:" not in html and "data:" not in html
    assert ">f</a>" in html
