"""The publish gate every export passes: what must not reach readers, found before writing.

Publishing a suggestion, a comment, an image a screen-reader user cannot hear, a picture
from outside the column's folder, or a wrong CQC rating is the mistake the export step
exists to prevent. `publish_problems(column, cache_path)` lists every such problem with
its line and column, without exporting (the Export dialog shows them as the writer picks a
format); `check_publishable` is what `export.export_column` runs: it refuses (raises
`PublishRefused`) while any problem is an error, unless the user exports anyway as a draft,
when the errors become warnings and the output is marked as a draft.

Errors: unresolved review marks (CriticMarkup, an unclosed opener too), images without
alt text, images outside the column's folder (Markdown images and raw `<img>` tags alike),
rating-claim errors (`review.checks`, run with the rating cache). Warnings: front matter
`status` not "approved", front matter that cannot be read, heading levels that skip one,
link text that does not say where the link goes ("here", "click here", none;
`review.links_images` knows which), no rating
cache to check claims against.

    >>> column = Column("---\\nstatus: draft\\n---\\nGood {++care++}.\\n\\n![](ward.png)\\n",
    ...                 Path("/columns/march/column.md"))
    >>> for problem in publish_problems(column)[1:]:
    ...     print(problem.describe())
    line 2, column 1: the status is “draft”, not “approved”: publish only an approved column
    line 4, column 6: review mark: insertion “care” (accept or reject it)
    line 6, column 1: image ward.png has no alt text: describe it, ![…](ward.png)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from columnist.export.base import Column, ExportError
from columnist.markdown.lines import LineIndex
from columnist.markdown.links import code_spans, scan_links
from columnist.render.critic_marks import Mark, find_unresolved_marks
from columnist.render.image_sources import image_source
from columnist.review.links_images import (
    lacks_alt_text,
    link_text_fault,
    link_text_words,
)

Severity = Literal["error", "warning"]

_STATUS_KEY = re.compile(r"^status[ \t]*:", re.MULTILINE)
_RAW_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One thing the gate found: 1-based `line` and `column` in the column's text (front
    matter included, as the editor counts), `severity`, a stable `code` and the sentence
    for the writer."""

    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def describe(self) -> str:
        """'line 12, column 5: …' (a dialog's list, a refusal message)."""
        return f"line {self.line}, column {self.column}: {self.message}"

    def located(self, file: Path | str) -> str:
        """'FILE:12:5: …', the compiler form the command line prints."""
        return f"{file}:{self.line}:{self.column}: {self.message}"


class PublishRefused(ExportError):
    """The gate refused the column: `problems` lists each error (a `Problem`: where and
    what). Exporting anyway as a draft (`ExportOptions.draft`) is the user's way past it;
    the message says what to fix."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class UnresolvedMarksError(PublishRefused):
    """A refusal that includes unresolved review marks; `marks` lists them (0-based)."""

    def __init__(self, message: str, problems: list[Problem], marks: list[Mark]) -> None:
        super().__init__(message, problems)
        self.marks = marks


def _mark_problem(mark: Mark) -> Problem:
    what = mark.describe().split(": ", 1)[1]
    advice = "close it or delete it" if not mark.closed else (
        "remove it" if mark.kind in ("comment", "highlight") else "accept or reject it")
    return Problem(mark.line + 1, mark.column + 1, "error", "export.review-mark",
                   f"review mark: {what} ({advice})")


def _judge_image(
    column: Column, index: LineIndex, at: int, src: str, alt: str, how: str
) -> list[Problem]:
    """The problems of one image written at offset `at`: no alt text (`how` shows how to
    write it), or a file outside the column's folder."""
    line, col = index.position(at)
    problems = []
    if lacks_alt_text(alt):
        problems.append(Problem(line + 1, col + 1, "error", "export.image-alt",
                                f"image {src or '(no src)'} has no alt text: describe it, {how}"))
    verdict = image_source(src, column.source_dir)
    if src and verdict.path is None and not verdict.remote and column.source_dir is not None:
        problems.append(Problem(
            line + 1, col + 1, "error", "export.image-outside",
            f"image {verdict.reason}: move it into the column's folder (or a folder "
            "inside it) and link it from there"))
    return problems


def _image_problems(column: Column, index: LineIndex) -> list[Problem]:
    """Markdown images (`![alt](src)`, by reference too)."""
    problems = []
    for image in column.model.images:
        problems += _judge_image(column, index, image.start, image.src, image.alt,
                                 f"![…]({image.src})")
    return problems


class _Attributes(HTMLParser):
    """The attributes of one start tag, as a browser reads them (quotes or none)."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str | None] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = dict(attrs)

    handle_startendtag = handle_starttag


def _masked_code(text: str) -> str:
    """`text` with code spans and blocks blanked (same length): markup shown as code is
    not an image or a link."""
    for start, end in code_spans(text):
        text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


def _raw_image_problems(column: Column, index: LineIndex) -> list[Problem]:
    """Raw `<img>` tags, judged as Markdown images are."""
    body_offset = column.model.front_matter.body_offset
    body = column.text[body_offset:]
    if "<img" not in body.lower():
        return []
    problems = []
    for match in _RAW_IMG.finditer(_masked_code(body)):
        attrs = _Attributes(match.group(0)).found
        problems += _judge_image(column, index, body_offset + match.start(),
                                 (attrs.get("src") or "").strip(), attrs.get("alt") or "",
                                 '<img alt="…">')
    return problems


def _link_text_problems(column: Column, index: LineIndex) -> list[Problem]:
    """Links whose text says nothing about where they go (a screen reader lists links by
    their text alone)."""
    body_offset = column.model.front_matter.body_offset
    problems = []
    for link in scan_links(column.text[body_offset:]).links:
        if link.image or link.kind == "autolink":
            continue
        # The gate warns on empty and vague text; a bare address at least says where.
        if link_text_fault(link.label) not in ("empty", "vague"):
            continue
        words = link_text_words(link.label)
        line, col = index.position(body_offset + link.start)
        said = f"“{link.label.strip()}”" if words else "no text"
        problems.append(Problem(
            line + 1, col + 1, "warning", "export.link-text",
            f"the link to {link.url} has {said}: say where it goes (“the inspection "
            "report”), so it makes sense read on its own"))
    return problems


def _status_problem(column: Column, index: LineIndex) -> list[Problem]:
    front = column.model.front_matter
    status = str(front.values.get("status") or "").strip()
    if status.lower() == "approved":
        return []
    found = _STATUS_KEY.search(column.text, 0, front.body_offset) if front.present else None
    line, col = index.position(found.start()) if found else (0, 0)
    message = (f"the status is “{status}”, not “approved”: publish only an approved column"
               if status else "the column has no status: publish only an approved column "
               "(status: approved in the front matter)")
    return [Problem(line + 1, col + 1, "warning", "export.not-approved", message)]


def _front_matter_problem(column: Column) -> list[Problem]:
    """Front matter that cannot be read: the page would lose its title, subtitle and byline."""
    front = column.model.front_matter
    if not front.error:
        return []
    return [Problem(front.error_line or 1, 1, "warning", "export.front-matter",
                    f"the front matter cannot be read ({front.error}): the page will have no "
                    "title, subtitle or byline from it")]


def _heading_problems(column: Column) -> list[Problem]:
    problems = []
    previous = 1 if column.model.front_matter.values.get("title") else 0
    for heading in column.model.headings:
        if previous and heading.level > previous + 1:
            problems.append(Problem(
                heading.line + 1, 1, "warning", "export.heading-order",
                f"heading “{heading.text}” is level {heading.level} after level {previous}: "
                "screen-reader users navigate by headings; do not skip a level"))
        previous = heading.level
    return problems


def _claim_problems(column: Column, cache_path: Path | None) -> list[Problem]:
    if cache_path is None:
        return [Problem(1, 1, "warning", "export.claims-unchecked",
                        "rating claims were not checked: no rating cache")]
    from columnist.review.checks import CheckContext, run_checks

    # The claims alone: the gate judges images and link text itself, and the writing
    # checks are advice, not reasons to refuse.
    findings = run_checks(column.model, CheckContext(cache_path=cache_path), {"claims"})
    return [Problem(f.line, f.column, "error", f.code, f.message)
            for f in findings if f.is_error]


def publish_problems(column: Column, cache_path: Path | None = None) -> list[Problem]:
    """Every problem the gate finds in `column`, in reading order (errors refuse, warnings
    do not). `cache_path`: the rating cache the rating claims are checked against (None: not
    checked, and a warning says so). Exports nothing; quick enough to run as a dialog opens."""
    index = LineIndex(column.text)
    problems = [_mark_problem(mark) for mark in find_unresolved_marks(column.text)]
    problems += _image_problems(column, index)
    problems += _raw_image_problems(column, index)
    problems += _link_text_problems(column, index)
    problems += _front_matter_problem(column)
    problems += _status_problem(column, index)
    problems += _heading_problems(column)
    problems += _claim_problems(column, cache_path)
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def refusal_message(errors: list[Problem]) -> str:
    """The sentence block for a refusal: how many problems, each on its own line, what to do."""
    count = len(errors)
    marks = sum(p.code == "export.review-mark" for p in errors)
    lines = [f"The column is not ready to publish: {count} "
             f"{'problem' if count == 1 else 'problems'}"
             + (f" ({marks} unresolved review {'mark' if marks == 1 else 'marks'})"
                if marks else "") + ":"]
    lines += [f"  {problem.describe()}" for problem in errors]
    lines.append("Fix them and export again, or export anyway as a draft (--draft).")
    return "\n".join(lines)


def check_publishable(
    column: Column, cache_path: Path | None = None, *, draft: bool = False
) -> list[Problem]:
    """Run the gate: raise PublishRefused (UnresolvedMarksError when review marks are among
    the problems) while any problem is an error, unless `draft`; otherwise return what the
    user should still be told (warnings; as a draft, the errors too, and not the status)."""
    problems = publish_problems(column, cache_path)
    if draft:
        return [p for p in problems if p.code != "export.not-approved"]
    errors = [p for p in problems if p.is_error]
    if errors:
        marks = find_unresolved_marks(column.text)
        if marks:
            raise UnresolvedMarksError(refusal_message(errors), errors, marks)
        raise PublishRefused(refusal_message(errors), errors)
    return problems


def check_review_marks(column: Column) -> None:
    """Raise UnresolvedMarksError when the column still has review marks (the gate's first
    rule alone: for a caller that checks nothing else)."""
    marks = find_unresolved_marks(column.text)
    if marks:
        problems = [_mark_problem(mark) for mark in marks]
        raise UnresolvedMarksError(refusal_message(problems), problems, marks)
