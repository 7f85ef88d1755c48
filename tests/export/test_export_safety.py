"""Whatever a column holds, the exported HTML runs nothing and loads nothing remote, and the
ordinary text around a hostile snippet survives.

Known vectors (script, event handlers, javascript:/vbscript:/data: URLs, frames, objects,
forms, SVG and MathML tricks, CSS expressions and url(), meta refresh, base, broken HTML)
and hypothesis-made mixtures of them with Markdown punctuation, each exported and read
back by html5lib (the browsers' parsing algorithm) — a check of the page, not of strings.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from columnist.export import Column, ExportOptions, export_column
from columnist.render.css import export_css
from helpers.hostile_html import AFTER, HOSTILE

BEFORE = "Words written before it."

VECTORS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "script split by a tag": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script nested in brackets": "<<script>script>alert(1)<</script>/script>",
    "img onerror": '<img src="x" onerror="alert(1)">',
    "event handler, no quotes": "<p onmouseover=alert(1)>hover</p>",
    "javascript link": '<a href="javascript:alert(1)">click</a>',
    "javascript link, entities": '<a href="jav&#x09;ascript&#58;alert(1)">click</a>',
    "javascript link, Markdown": "[click](javascript:alert(1))",
    "javascript link, reference": "[click][evil]\n\n[evil]: javascript:alert(1)",
    "vbscript link": '<a href="vbscript:msgbox(1)">click</a>',
    "data link": "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "remote image": "![chart](https://evil.example/pixel.png)",
    "remote image, protocol-relative": '<img src="//evil.example/pixel.png" alt="p">',
    "srcset": '<img src="ok.png" srcset="https://evil.example/x.png 2x" alt="x">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example/"><input name="q"><button>Go</button></form>',
    "svg script": "<svg><script>alert(1)</script></svg>",
    "svg onload": "<svg onload=alert(1)><circle r=5 /></svg>",
    "svg animate href": '<svg><a><animate attributeName="href" to="javascript:alert(1)"/>'
                        "<text>x</text></a></svg>",
    "mathml mglyph": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "mathml href": '<math href="javascript:alert(1)"><mi>x</mi></math>',
    "css expression": '<p style="width: expression(alert(1))">styled</p>',
    "css url": '<div style="background:url(https://evil.example/x.png)">bg</div>',
    "cell style smuggling": '<table><tr><td style="text-align:left;background:'
                            'url(https://evil.example/)">c</td></tr></table>',
    "style element import": "<style>@import url(https://evil.example/x.css);</style>",
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base href": '<base href="https://evil.example/">',
    "noscript breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "comment breakout": "<!--><script>alert(1)</script>-->",
    "table background": '<table background="javascript:alert(1)"><tr><td>t</td></tr></table>',
    "video poster": '<video poster="https://evil.example/p.png"><source src="x.mp4"></video>',
    "audio": '<audio src="https://evil.example/a.mp3" autoplay></audio>',
    "template": "<template><script>alert(1)</script></template>",
    "unclosed attribute": '<a href="https://ok.example/" onclick="alert(1)',
    "portal": '<portal src="https://evil.example/"></portal>',
}

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "option", "svg", "math", "link", "base", "template",
    "video", "audio", "source", "track", "portal", "noscript", "canvas", "param", "dialog",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "background",
                  "data", "xlink:href", "ping", "cite", "longdesc", "usemap", "manifest"}


def assert_inert(page: bytes) -> Element:
    """Fail if the page, as a browser parses it, could run code or load a remote thing."""
    doc = html5lib.parse(page, namespaceHTMLElements=False)
    styles = list(doc.iter("style"))
    assert len(styles) == 1 and styles[0].text == "\n" + export_css(), "only our stylesheet"
    for meta in doc.iter("meta"):
        assert meta.get("http-equiv") is None
    for element in doc.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        assert tag.split("}")[-1] not in FORBIDDEN_TAGS, tag
        for name, value in element.attrib.items():
            lowered = name.lower()
            assert not lowered.startswith("on"), (tag, name)
            if lowered == "style":
                assert tag in ("td", "th") and re.fullmatch(
                    r"text-align:\s*(left|right|center)", value), value
            if lowered in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not url.startswith(("javascript:", "vbscript:", "data:")), value
                if lowered != "href":  # a link is followed by a click; nothing else loads
                    assert "//" not in url and ":" not in url, (tag, name, value)
    return doc


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def export_page(folder: Path, body: str) -> bytes:
    """The exported page of a column holding `body` (as a draft: the gate's refusals are
    tested elsewhere; here only what reaches the file matters)."""
    text = f"---\ntitle: Hostile\nstatus: approved\n---\n\n{body}\n"
    out = folder / "page.html"
    export_column("html", Column(text, folder / "column.md"), ExportOptions(out, draft=True))
    return out.read_bytes()


def visible_text(doc: Element) -> str:
    article = doc.find(".//article")
    return " ".join("".join(article.itertext()).split())


@pytest.mark.parametrize("vector", VECTORS.values(), ids=VECTORS.keys())
def test_known_vectors_leave_nothing_executable(folder: Path, vector: str) -> None:
    doc = assert_inert(export_page(folder, f"{BEFORE}\n\n{vector}\n\n{AFTER}"))
    text = visible_text(doc)
    assert BEFORE in text and AFTER in text


@pytest.mark.parametrize(("typed", "kept"), HOSTILE.values(), ids=HOSTILE.keys())
def test_broken_html_keeps_the_text_after_it(folder: Path, typed: str, kept: str) -> None:
    doc = assert_inert(export_page(folder, f"{BEFORE}\n\n{typed}\n\n{AFTER}"))
    assert AFTER in visible_text(doc)


PIECES = st.sampled_from(
    [*VECTORS.values(), *(typed for typed, _ in HOSTILE.values()),
     "<", ">", "</", "/>", '"', "'", "=", "`", "```", "\n", "\n\n", "*", "_", "[", "]", "(",
     ")", "](", "![", "<div>", "</div>", "<p ", "<a href=", "<img src=", "javascript:",
     "data:", "//evil.example/", " onerror=", " onclick=", " style=", "expression(", "url(",
     "<svg>", "<math>", "<!--", "-->", "&#58;", "&#x6a;", "{++", "++}", "|", "---"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), min_size=1, max_size=14))
def test_any_mixture_leaves_nothing_executable(folder: Path, parts: list[str]) -> None:
    doc = assert_inert(export_page(folder, f"{BEFORE}\n\n{''.join(parts)}\n\n{AFTER}"))
    text = visible_text(doc)
    assert BEFORE in text and AFTER in text


@pytest.mark.parametrize("planted", [
    "<script>alert(1)</script>", '<p onclick="alert(1)">x</p>', '<a href="javascript:x">x</a>',
    '<img src="https://evil.example/x.png" alt="x">', "<svg></svg>",
    '<td style="background:red">x</td>',
])
def test_the_check_itself_catches_what_it_looks_for(planted: str) -> None:
    """`assert_inert` is not vacuous: each thing it forbids, planted in a page, fails it."""
    page = f"<!DOCTYPE html><html><head><style>\n{export_css()}</style></head><body><article>"
    with pytest.raises(AssertionError):
        assert_inert(f"{page}<table><tr>{planted}</tr></table></article></body></html>".encode()
                     if planted.startswith("<td") else f"{page}{planted}</article>".encode())
