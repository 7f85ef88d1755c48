"""The exported HTML judged by real tools, not by our own eyes only:

* the Nu HTML Checker (`vnu-jar`, run with Java) finds no error;
* Debian's Chromium (headless, driven by playwright-core) with axe-core finds no
  accessibility violation, and draws the page's text with the fonts, sizes and line
  heights the preview's QTextDocument uses (at the preview pane's width: the narrow-page
  title size applies to both);
* the page asks for nothing off the machine while it loads.

The tools are installed by `./dev setup` (Debian's chromium and default-jre-headless; npm
packages in tests/tools). Without them these tests skip saying what is missing, except on
CI (env CI set), where a missing tool is a failure. One JVM and one browser start per
module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from columnist.export import Column, ExportOptions, export_column
from columnist.resources import sample_column_path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
NODE_MODULES = TOOLS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
DATA = Path(__file__).parent / "data"
# The preview pane's text width in tests/render/test_preview_matches_export.py; the page's
# body has 24px padding each side, so this viewport gives the same 640px column of text.
PREVIEW_WIDTH = 640
VIEWPORT_WIDTH = PREVIEW_WIDTH + 48


def require(what: str, present: bool) -> None:
    """Skip (or on CI fail) when a real tool is not installed."""
    if present:
        return
    message = f"{what} is not installed (./dev setup installs it)"
    if os.environ.get("CI"):
        pytest.fail(f"on CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample column and the every-feature column, exported (copied and embedded
    images, and as a draft with its banner)."""
    folder = tmp_path_factory.mktemp("pages")
    columns = folder / "columns"
    shutil.copytree(DATA, columns)
    shutil.copy(sample_column_path(), columns / "sample.md")
    pages: dict[str, Path] = {}

    def export(name: str, source: Path, **options) -> None:
        out = folder / "site" / f"{name}.html"
        text = source.read_text(encoding="utf-8")
        export_column("html", Column(text, source), ExportOptions(out, **options))
        pages[name] = out

    every = columns / "every-feature.md"
    export("sample", columns / "sample.md")
    export("every-feature", every)
    export("every-feature-embedded", every, extra={"embed_images": True})
    export("every-feature-draft", every, draft=True)
    return pages


@pytest.fixture(scope="module")
def vnu_messages(exports: dict[str, Path]) -> dict[str, list[dict]]:
    """The Nu checker's messages per page (one JVM for all)."""
    java = shutil.which("java")
    require("Java (default-jre-headless)", java is not None)
    require("the Nu HTML Checker (npm vnu-jar in tests/tools)", VNU_JAR.is_file())
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
         *map(str, exports.values())],
        capture_output=True, text=True, timeout=300, check=True,
    )
    report = json.loads(proc.stderr or proc.stdout)
    by_page: dict[str, list[dict]] = {name: [] for name in exports}
    names = {path.as_uri(): name for name, path in exports.items()}
    for message in report["messages"]:
        by_page[names[message["url"]]].append(message)
    return by_page


@pytest.mark.parametrize("page", ["sample", "every-feature", "every-feature-embedded",
                                  "every-feature-draft"])
def test_the_nu_html_checker_finds_no_error(vnu_messages: dict[str, list[dict]], page: str):
    errors = [f"{m.get('lastLine')}: {m['message']}" for m in vnu_messages[page]
              if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []


@pytest.fixture(scope="module")
def browser_report(exports: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """axe-core's violations and the drawn text styles per page, from one Chromium."""
    node = shutil.which("node")
    require("Node.js", node is not None)
    require("Chromium (Debian's chromium)", Path("/usr/bin/chromium").exists()
            or bool(os.environ.get("CHROMIUM")))
    require("playwright-core and axe-core (npm, tests/tools)",
            (NODE_MODULES / "playwright-core").is_dir() and (NODE_MODULES / "axe-core").is_dir())
    shots = tmp_path_factory.mktemp("shots")
    proc = subprocess.run(
        [node, str(TOOLS / "page_check.mjs"), str(VIEWPORT_WIDTH), str(shots),
         *map(str, exports.values())],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    return {name: report[str(path)] for name, path in exports.items()}


@pytest.mark.parametrize("page", ["sample", "every-feature", "every-feature-embedded",
                                  "every-feature-draft"])
def test_axe_core_finds_no_violation_in_chromium(browser_report: dict, page: str) -> None:
    assert browser_report[page]["axe"] == []
    assert browser_report[page]["axeDark"] == []  # the reader's dark colour scheme


@pytest.mark.parametrize("page", ["sample", "every-feature-embedded"])
def test_the_page_loads_nothing_from_elsewhere(browser_report: dict, page: str) -> None:
    assert browser_report[page]["requests"] == []
    assert Path(browser_report[page]["screenshot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def preview_styles(qapp, exports: dict[str, Path]) -> dict[str, dict]:
    """What the preview draws for the every-feature column, per export selector: pixel
    size, line distance and the font Qt resolved (QFontInfo), at the preview's width."""
    from PySide6.QtGui import QFontInfo, QTextDocument

    from columnist.render.css import document_html
    from columnist.render.pipeline import Renderer

    text = (DATA / "every-feature.md").read_text(encoding="utf-8")
    doc = QTextDocument()
    doc.setTextWidth(PREVIEW_WIDTH)
    doc.setHtml(document_html(Renderer(None, base_dir=DATA).render(text)))
    doc.size()
    starts = {".story-title": "Every feature", ".story-subtitle": "A column that uses",
              ".story-byline": "Chief Inspector", "article > p": "An opening paragraph",
              "h2": "Lists", "h3": "A smaller heading", "li": "A first point"}
    styles = {}
    for selector, start in starts.items():
        block = doc.begin()
        while block.isValid() and not block.text().startswith(start):
            block = block.next()
        assert block.isValid(), start
        font = block.begin().fragment().charFormat().font()
        layout = block.layout()
        distance = (layout.lineAt(1).y() - layout.lineAt(0).y()
                    if layout.lineCount() > 1 else None)
        styles[selector] = {"size": font.pixelSize(), "font": QFontInfo(font).family(),
                            "bold": font.bold(), "line": distance}
    return styles


@pytest.mark.parametrize("selector", [".story-title", ".story-subtitle", ".story-byline",
                                      "article > p", "h2", "h3", "li"])
def test_chromium_draws_the_text_as_the_preview_does(
    browser_report: dict, preview_styles: dict, selector: str
) -> None:
    page = browser_report["every-feature"]["styles"][selector]
    preview = preview_styles[selector]
    assert page["font"] == preview["font"]
    assert page["fontSize"] == pytest.approx(preview["size"], abs=0.5)
    assert (int(page["fontWeight"]) >= 600) == preview["bold"]
    if preview["line"] is not None:  # a block that wraps: compare the line distance
        assert float(page["lineHeight"].removesuffix("px")) == pytest.approx(
            preview["line"], abs=1.0)
