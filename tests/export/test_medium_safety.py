"""Hostile Markdown leaves nothing executable or remote-loading in the Medium fragment or
the plain text, and the ordinary text around it survives."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from columnist.export import Column
from columnist.export.medium import medium_copy
from columnist.export.text import story_text
from helpers.hostile_html import AFTER, HOSTILE

MEDIUM_KEEPS = {"p", "h3", "h4", "strong", "em", "a", "blockquote", "pre", "code", "ul", "ol",
                "li", "hr", "br"}

VECTORS = {
    "script": "<script>alert(1)</script>",
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, raw": '<a href="javascript:alert(1)">click</a>',
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "remote image": "![tracker](https://evil.example/pixel.png)",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example/"><input name="q"><button>Go</button></form>',
    "svg": '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    "math": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "css expression": '<p style="width: expression(alert(1))">styled</p>',
    "style element": "<style>body { background: url(https://evil.example/) }</style>",
    "meta refresh": '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "link": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "srcset": '<img src="a.png" srcset="https://evil.example/b.png 2x">',
    "entity-hidden scheme": '<a href="jav&#x61;script:alert(1)">click</a>',
    "broken tag": '<a href="https://ok.example/" onclick="alert(1)"',
}


def _problems(fragment: str) -> list[str]:
    """What in `fragment` an HTML5 parser would find executable, remote-loading or not
    kept by Medium."""
    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        if element.tag not in MEDIUM_KEEPS:
            problems.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if element.tag != "a" or name != "href":
                problems.append(f"{element.tag}[{name}]")
            elif not value.startswith(("http://", "https://", "mailto:")):
                problems.append(f"href={value}")
    return problems


def _text_problems(text: str) -> list[str]:
    """Links the plain text offers ("words (URL)", a space before the bracket) that would
    run or load something.
    (Raw HTML the writer left unclosed is shown as the words typed, as in the preview:
    in a text file it is only text.)"""
    return re.findall(r" \((?:javascript|vbscript|data|file):[^)]*\)", text, re.IGNORECASE)


def _straight(text: str) -> str:
    """Smart quotes back to the straight ones typed."""
    return text.replace("”", '"').replace("“", '"').replace("’", "'").replace("‘", "'")


ALL = {**VECTORS, **{name: typed for name, (typed, _kept) in HOSTILE.items()}}


@pytest.mark.parametrize("name", sorted(ALL))
def test_known_vectors_leave_nothing_and_keep_the_text_after(name: str, tmp_path: Path) -> None:
    text = f"# Title\n\nBefore it.\n\n{ALL[name]}\n\n{AFTER}\n"
    column = Column(text, tmp_path / "column.md")
    copy = medium_copy(column)
    assert _problems(copy.html) == []
    assert "Before it." in copy.html and AFTER in copy.html
    plain, _story = story_text(column)
    assert _text_problems(plain) == []
    assert _text_problems(copy.text) == []  # the .medium.txt and the clipboard's text
    assert AFTER in plain and AFTER in copy.text
    if name in HOSTILE:  # the words of an unclosed element stay visible
        kept = HOSTILE[name][1]
        shown = "".join(html5lib.parseFragment(
            copy.html, treebuilder="etree", namespaceHTMLElements=False).itertext())
        assert kept in _straight(shown)
        assert kept in _straight(plain)


PIECES = [*VECTORS.values(), *(typed for typed, _kept in HOSTILE.values()),
          "Good care.", "**bold**", "| a | b |\n|---|---|\n| 1 | 2 |", "- one\n    - two",
          "[^1]", "[^1]: note", "> quote", "```\ncode", "#### deep", "\n\n", "<", ">", "&",
          '"', "'", "`", "{++x++}", "{>>c<<}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8),
       st.text(alphabet="ab <>&\"'=/:\n#*", max_size=40))
def test_any_mix_of_hostile_pieces_leaves_nothing(pieces: list[str], noise: str) -> None:
    text = "# Title\n\n" + " ".join(pieces) + noise + f"\n\n{AFTER}\n"
    column = Column(text, Path("/nonexistent/column.md"))
    copy = medium_copy(column)
    assert _problems(copy.html) == []
    plain, _story = story_text(column)
    assert _text_problems(plain) == []
    assert _text_problems(copy.text) == []  # the .medium.txt and the clipboard's text
