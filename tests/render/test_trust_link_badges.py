"""Trust references: found in the source, classed in the preview, with a rating badge."""

from __future__ import annotations

import datetime as dt

from columnist.markdown.cqc_urls import parse_cqc_url
from columnist.markdown.trust_links import TrustLink, find_trust_links
from columnist.render.pipeline import Renderer
from columnist.render.trust_links import TrustBadge

TEXT = """---
title: T
---

We saw [University Hospitals Bristol NHS Foundation Trust](https://www.cqc.org.uk/provider/RA7)
improve, and [Derriford Hospital](https://www.cqc.org.uk/location/RK950 "site") too.
A care home: <https://www.cqc.org.uk/location/1-125856395>.
Not a trust: [CQC](https://www.cqc.org.uk/about-us) and `[x](https://www.cqc.org.uk/provider/RX1)`.
By reference: [Torbay][torbay].

[torbay]: https://www.cqc.org.uk/provider/ra9
"""


def test_find_trust_links_positions_and_ids():
    links = find_trust_links(TEXT)
    assert [(link.kind, link.id) for link in links] == [
        ("provider", "RA7"),
        ("location", "RK950"),
        ("location", "1-125856395"),
        ("provider", "RA9"),
    ]
    first = links[0]
    assert first == TrustLink(
        "provider",
        "RA7",
        "University Hospitals Bristol NHS Foundation Trust",
        4,
        TEXT.index("[University"),
        TEXT.index("/RA7)") + len("/RA7)"),
    )
    assert TEXT[first.start : first.end].startswith("[University Hospitals")
    assert links[1].line == 5 and links[3].label == "Torbay" and links[3].line == 8


def test_parse_cqc_url_variants():
    assert parse_cqc_url("http://cqc.org.uk/provider/rk9/") == ("provider", "RK9")
    assert parse_cqc_url("https://www.cqc.org.uk/location/1-125856395") == (
        "location",
        "1-125856395",
    )
    assert parse_cqc_url("https://www.cqc.org.uk.evil.example/provider/RA7") is None
    assert parse_cqc_url("https://www.cqc.org.uk/provider/") is None


def test_preview_shows_class_and_badge_from_lookup():
    calls = []

    def lookup(kind, ident):
        calls.append((kind, ident))
        if ident == "RA7":
            return TrustBadge("Outstanding", dt.date(2019, 2, 14), "University Hospitals Bristol")
        return None

    html = Renderer(rating_lookup=lookup).render(TEXT).html
    assert (
        '<a href="https://www.cqc.org.uk/provider/RA7" class="trust-ref">'
        "University Hospitals Bristol NHS Foundation Trust</a> "
        '<span class="trust-badge rating-outstanding" title="University Hospitals Bristol">'
        "\u00a0Outstanding\u00a0·\u00a0Feb\u00a02019\u00a0</span>"
    ) in html
    assert html.count("trust-badge") == 1
    assert 'class="trust-ref" title="site">Derriford Hospital</a>' in html
    assert '<a href="https://www.cqc.org.uk/about-us">' in html  # not a trust ref
    assert ("provider", "RA9") in calls and ("location", "RK950") in calls


def test_badge_is_never_written_into_the_markdown_or_export():
    renderer = Renderer(rating_lookup=lambda k, i: TrustBadge("Good"), target="export")
    assert "trust-badge" not in renderer.render(TEXT).html


def test_failing_lookup_only_drops_the_badge():
    def broken(kind, ident):
        raise RuntimeError("database is locked")

    html = Renderer(rating_lookup=broken).render(TEXT).html
    assert 'class="trust-ref"' in html and "trust-badge" not in html


def test_badge_follows_rating_changes_without_clearing_cache():
    ratings = {"RA7": "Good"}
    renderer = Renderer(rating_lookup=lambda k, i: TrustBadge(ratings[i]) if i in ratings else None)
    assert "rating-good" in renderer.render(TEXT).html
    ratings["RA7"] = "Requires improvement"
    html = renderer.render(TEXT).html
    assert "rating-requires-improvement" in html and "Requires\u00a0improvement" in html
