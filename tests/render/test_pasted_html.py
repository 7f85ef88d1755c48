"""Clipboard HTML as Word, Google Docs, Outlook and a web page write it, as Markdown."""

from __future__ import annotations

from pathlib import Path

from columnist.render.pasted_html import pasted_markdown

CLIPBOARD = Path(__file__).resolve().parents[1] / "data" / "clipboard"


def paste(name: str):
    result = pasted_markdown((CLIPBOARD / name).read_text(encoding="utf-8"))
    assert result is not None
    return result


def test_word_keeps_heading_bold_italic_link_both_lists_and_the_quote():
    result = paste("word.html")
    assert result.text == (
        "## Maternity services in the South West\n\n"
        "Inspectors found that **staffing had improved** at [University Hospitals Bristol "
        "NHS Foundation Trust](https://www.cqc.org.uk/provider/RA7), and that the *culture "
        "of learning* was strong.\n\n"
        "- Safe staffing on every shift\n"
        "- Learning from **every** incident\n\n"
        "1. Listen to women and families\n"
        "2. Act on what they say\n\n"
        "> Every birth matters to the family it belongs to."
    )
    # The picture is a file on the sender's disk: left out, and counted.
    assert result.images_left_out == 1
    assert "clip_image" not in result.text and "mso" not in result.text


def test_google_docs_bold_and_italic_spans_and_its_not_bold_wrapper():
    result = paste("google-docs.html")
    assert result.text == (
        "## What the ratings tell us\n\n"
        "This year **four trusts improved** and one, "
        "[Mid Essex](https://www.cqc.org.uk/provider/RQ8), *declined*.\n\n"
        "- Leadership\n- Staff *engagement*\n\n"
        "1. Inspect\n2. Report"
    )


def test_outlook_email_keeps_its_list_and_links_and_drops_the_tracking_pixel():
    result = paste("outlook.html")
    assert result.text.startswith("Hi both,\n\nTwo changes for the column, please:\n\n")
    assert "- Say that **Solent NHS Trust** is now rated **Good**\n" in result.text
    assert "- Link the [inspection report](https://www.cqc.org.uk/provider/R1C)" in result.text
    assert "*Thanks,*" in result.text
    assert result.images_left_out == 0  # a 1×1 pixel is no picture
    assert "tracking.example.com" not in result.text


def test_a_web_page_is_sanitised_first_no_script_frame_or_javascript_link():
    result = paste("web-page.html")
    assert result.text == (
        "### Our findings\n\n"
        "The trust was rated **Requires improvement** overall. *Caring* was rated Good.\n\n"
        "> We saw staff treat patients with kindness.\n\n"
        "Read [the full report](https://www.cqc.org.uk/provider/RTE) or this."
    )
    assert result.images_left_out == 1
    for gone in ("alert", "evil.example.com", "javascript", "onclick", "banner.png"):
        assert gone not in result.text


def test_html_without_formatting_pastes_as_its_plain_text():
    assert pasted_markdown('<span style="font-family:Calibri">Plain words</span>') is None
