"""The column model: what the outline, metadata form, status bar and banner are shown."""

from __future__ import annotations

import datetime as dt

from columnist.markdown.column import ColumnParser, parse_column
from columnist.render.pipeline import Renderer

COLUMN = """---
title: Improving ratings despite the pressure
date: 2026-11-25
tags: [NHS]
---
# Improving ratings

[University Hospitals Bristol](https://www.cqc.org.uk/provider/RA7) improved{>>KB: since when?<<}.
See [Derriford][derriford] and <https://www.cqc.org.uk/location/1-125856395>.

## What **changed**

![A ward at night](images/ward.jpg "Night shift") and {++new++} {--old--} words.

```
[Not a link](https://www.cqc.org.uk/provider/RX1) {++not a mark? it is, for pymdown++}
```

[derriford]: https://www.cqc.org.uk/location/RK950
"""


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n")


def test_front_matter_values_and_where_the_body_starts():
    column = parse_column(COLUMN)
    front = column.front_matter
    assert front.present and front.error is None and front.error_line is None
    assert front.values["title"] == "Improving ratings despite the pressure"
    assert front.values["date"] == dt.date(2026, 11, 25) and front.values["tags"] == ["NHS"]
    assert column.body.startswith("# Improving ratings") and front.body_line == 5


def test_headings_with_text_line_and_the_preview_anchor():
    headings = parse_column(COLUMN).headings
    assert [(h.level, h.text, h.line) for h in headings] == [
        (1, "Improving ratings", 5),
        (2, "What changed", line_of(COLUMN, "## What")),
    ]
    html = Renderer().render(COLUMN).html
    assert all(f'<a name="{h.anchor}"></a>' in html for h in headings)


def test_trust_links_with_label_code_kind_url_and_span():
    links = parse_column(COLUMN).trust_links
    assert [(link.label, link.kind, link.code) for link in links] == [
        ("University Hospitals Bristol", "provider", "RA7"),
        ("Derriford", "location", "RK950"),
        ("https://www.cqc.org.uk/location/1-125856395", "location", "1-125856395"),
    ]
    first = links[0]
    assert first.url == "https://www.cqc.org.uk/provider/RA7"
    assert COLUMN[first.start : first.end].startswith("[University Hospitals Bristol](")
    assert first.line == line_of(COLUMN, "[University")
    assert links[1].line == line_of(COLUMN, "See [Derriford]")


def test_review_marks_with_author_text_and_place():
    marks = parse_column(COLUMN).review_marks
    assert [(m.kind, m.author, m.text) for m in marks[:3]] == [
        ("comment", "KB", "since when?"),
        ("insertion", "", "new"),
        ("deletion", "", "old"),
    ]
    assert COLUMN[marks[0].start : marks[0].end] == "{>>KB: since when?<<}"
    # pymdown's critic runs before code blocks are found: a mark in code is still a mark.
    assert marks[3].text == "not a mark? it is, for pymdown"


def test_images_with_src_alt_title_and_span():
    (image,) = parse_column(COLUMN).images
    assert (image.src, image.alt, image.title) == ("images/ward.jpg", "A ward at night",
                                                   "Night shift")
    assert COLUMN[image.start : image.end] == '![A ward at night](images/ward.jpg "Night shift")'
    assert image.line == line_of(COLUMN, "![A ward")


def test_word_count_is_the_words_a_reader_reads():
    text = "---\ntitle: Not counted\n---\nOne {++two++} {--gone--} {>>KB: note<<} three.\n"
    assert parse_column(text).word_count == 3


def test_broken_front_matter_names_its_line_and_the_body_is_still_read():
    text = "---\ntitle: ok\nsubtitle: 'unclosed\n---\n# Still a heading\n"
    column = parse_column(text)
    assert column.front_matter.error is not None and column.front_matter.values == {}
    assert column.front_matter.error_line is not None and column.front_matter.error_line >= 3
    assert [h.text for h in column.headings] == ["Still a heading"]


def test_a_mark_in_the_front_matter_is_listed():
    (mark,) = parse_column("---\ntitle: A {++better++} title\n---\nBody\n").review_marks
    assert mark.kind == "insertion" and mark.start == len("---\ntitle: A ")


def test_no_front_matter():
    column = parse_column("# Just a heading\n\nText.\n")
    assert not column.front_matter.present and column.front_matter.body_offset == 0
    assert column.word_count == 4 and column.headings[0].text == "Just a heading"


def test_a_reused_parser_gives_the_same_model_as_a_fresh_parse_after_each_edit():
    parser = ColumnParser()
    edits = [
        COLUMN,
        COLUMN.replace("improved", "improved a lot"),  # one block changes
        COLUMN.replace("# Improving ratings\n", "# Improving ratings\n\nNew paragraph.\n"),
        COLUMN.replace("title: Improving", "title: Better"),  # front matter changes
        COLUMN.replace("[derriford]: https://www.cqc.org.uk/location/RK950\n", ""),
        "---\ntitle: [broken\n---\n" + COLUMN.split("---\n", 2)[2],
        COLUMN,
    ]
    for text in edits:
        assert parser.parse(text) == parse_column(text)
    unresolved = parser.parse(edits[4])
    assert [link.code for link in unresolved.trust_links] == ["RA7", "1-125856395"]
