"""The ratings footer in the render pipeline, and the CLI's 'how current' lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

from columnist.render.badges import footer_html
from columnist.render.pipeline import Renderer
from columnist.render.trust_links import TrustBadge

ATTRIBUTION = (
    "Contains CQC data © Care Quality Commission. Contains NHS England ODS data. "
    "Open Government Licence v3.0."
)
OLD_LINE = r"CQC ratings as published up to March 2019 \(over \d+ years old\)"
LINKED = "Well done [Guy's](https://www.cqc.org.uk/provider/RJ1).\n"


class Lookup:
    """A badge lookup that, like the app's, offers a footer only after a badge."""

    def __init__(self, known: dict[str, TrustBadge]) -> None:
        self.known = known
        self.shown = 0

    def __call__(self, _kind: str, ident: str) -> TrustBadge | None:
        badge = self.known.get(ident)
        self.shown += badge is not None
        return badge

    def footer_html(self) -> str:
        shown, self.shown = self.shown, 0
        return footer_html("CQC ratings as published up to March 2019", "over 7 years old",
                           ATTRIBUTION) if shown else ""


def test_footer_follows_the_body_only_when_a_badge_was_shown() -> None:
    lookup = Lookup({"RJ1": TrustBadge("Good", "2016-03-24", "Guy's")})
    renderer = Renderer(lookup)
    html = renderer.render(LINKED).html
    assert html.index("trust-badge") < html.index("ratings-footer")
    assert "CQC ratings as published up to March 2019 (over 7 years old)." in html
    assert "Contains CQC data © Care Quality Commission." in html
    # A link whose trust is not in the cache: no badge, so no footer.
    assert "ratings-footer" not in renderer.render(LINKED.replace("RJ1", "ZZZ")).html
    # The export target never carries badges or the footer.
    assert "ratings-footer" not in Renderer(lookup, target="export").render(LINKED).html


def test_footer_is_escaped_and_a_failing_footer_never_breaks_the_preview() -> None:
    assert "&lt;b&gt;" in footer_html("<b>label</b>", None, ATTRIBUTION)

    class Broken(Lookup):
        def footer_html(self) -> str:
            raise RuntimeError("boom")

    html = Renderer(Broken({"RJ1": TrustBadge("Good", None, "")})).render(LINKED).html
    assert "trust-badge" in html and "ratings-footer" not in html


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    from columnist.cli import main

    code = main(["ratings", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_search_and_show_say_how_current_the_ratings_are(capsys, data_dir: Path) -> None:
    code, out, _ = run_cli(capsys, "search", "guy's", "and", "st", "thomas")
    assert code == 0 and out.startswith("RJ1 ")
    lines = out.rstrip("\n").splitlines()
    assert re.fullmatch(OLD_LINE, lines[-2])
    assert lines[-1] == ATTRIBUTION

    code, out, _ = run_cli(capsys, "show", "RJ1")
    assert code == 0
    lines = out.rstrip("\n").splitlines()
    assert re.fullmatch(OLD_LINE, lines[-2])
    assert lines[-1] == ATTRIBUTION

    code, out, _ = run_cli(capsys, "search", "guy's", "--json")
    hits = json.loads(out)
    assert hits and all(h["as_of"] == "2019-03-01" for h in hits)
    code, out, _ = run_cli(capsys, "show", "RJ1", "--json")
    assert json.loads(out)["as_of"] == "2019-03-01"
