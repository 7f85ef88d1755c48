"""The block cache never changes what the preview shows: after any edit, an incremental
render equals a fresh full render of the same text."""

from __future__ import annotations

import random

from columnist.render.pipeline import Renderer

BASE = """---
title: Cache test
---

# Heading

Paragraph with "quotes" and a [link][ref] and {++insert++}.

- one
- two

- three, loose

> quote line
continued

    indented code

```
fenced

with blank lines
```

Setext
======

| a | b |
|---|---|
| 1 | 2 |

{>>KB: a comment
spanning

paragraphs<<}

<div>
raw

html
</div>

1. first
2. second

A <script>hidden()</script> script and ![up](../outside.png) an image.

<math> left open

Closing paragraph.

[ref]: https://example.org/ref
"""

SNIPPETS = [
    "x", "\n", "\n\n", "- ", "> ", "    ", "```", "# ", "{++", "++}", "[ref]: https://e.org/2\n",
    "[^1]", "\n[^1]: note\n", "<div>", "</div>", "---\n", "=====", "|", "*", "'", '"', "{>>c<<}",
    "<math>", "</math>", "<script>", "</script>", "<!--", "-->", "<svg>", "<text>", "<div ",
    "![i](../up.png)", '"<',
]  # fmt: skip


def random_edit(rng: random.Random, text: str) -> str:
    pos = rng.randrange(len(text) + 1)
    if rng.random() < 0.3 and len(text) > 10:
        end = min(len(text), pos + rng.randrange(1, 12))
        return text[:pos] + text[end:]
    return text[:pos] + rng.choice(SNIPPETS) + text[pos:]


def test_incremental_equals_full_render_over_random_edits():
    rng = random.Random(20261125)
    text = BASE
    incremental = Renderer()
    incremental.render(text)
    for _ in range(200):
        text = random_edit(rng, text)
        got = incremental.render(text)
        want = Renderer().render(text)
        assert got.html == want.html, text
        assert got.headings == want.headings
        assert got.block_lines == want.block_lines
        assert got.withheld == want.withheld


def test_one_character_edit_re_renders_one_block():
    paragraphs = [f"Paragraph number {i} with some words." for i in range(200)]
    text = "\n\n".join(paragraphs)
    renderer = Renderer()
    renderer.render(text)
    assert renderer.last_rendered_blocks == 200
    edited = text.replace("number 120 ", "number 120x ")
    result = renderer.render(edited)
    assert renderer.last_rendered_blocks == 1
    assert "number 120x" in result.html


def test_changed_reference_definition_updates_links_in_other_blocks():
    renderer = Renderer()
    text = "See [t][r].\n\nMiddle.\n\n[r]: https://one.example/\n"
    assert 'href="https://one.example/"' in renderer.render(text).html
    html = renderer.render(text.replace("one.example", "two.example")).html
    assert 'href="https://two.example/"' in html


def test_a_render_asked_to_stop_stops_and_the_next_one_is_whole() -> None:
    """A closed window or newer text stops a long render; what it did is not wasted."""
    from columnist.render.pipeline import STOP_CHECK_BLOCKS, RenderStopped

    text = "".join(f"Paragraph number {i} of a long column.\n\n" for i in range(400))
    renderer = Renderer(None)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) >= 2

    try:
        renderer.render(text, stop)
    except RenderStopped:
        pass
    else:
        raise AssertionError("the render did not stop when asked")
    assert len(asked) == 2  # it stopped at the second question, not after 400 blocks
    assert renderer.render(text).html == Renderer(None).render(text).html
    assert renderer.last_rendered_blocks == 400 - 2 * STOP_CHECK_BLOCKS + 1
