"""Standalone HTML export: one file a browser opens offline, looking like the story.

The file carries its stylesheet inline and nothing remote (no fonts, scripts or images
fetched from elsewhere). Local images are referenced relatively; when the HTML goes to
another folder they are copied beside it so the links still work. A document that still
has review marks is refused, naming each mark's place, because publishing a suggestion
or a comment by accident is the mistake this step exists to prevent.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from columnist.render.critic_marks import Mark, find_unresolved_marks
from columnist.render.css import export_css
from columnist.render.pipeline import Renderer


class ExportError(Exception):
    """The export could not be written; `message` says what is wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnresolvedMarksError(ExportError):
    """The document still has CriticMarkup marks; `marks` lists them (0-based places)."""

    def __init__(self, marks: list[Mark]) -> None:
        count = len(marks)
        noun = "review mark" if count == 1 else "review marks"
        lines = [f"The document still has {count} unresolved {noun}:"]
        lines += [f"  {mark.describe()}" for mark in marks]
        lines.append("Accept or reject every suggestion and remove comments, then export again.")
        super().__init__("\n".join(lines))
        self.marks = marks


@dataclass
class ExportReport:
    """What the export did: the file written, images copied beside it, and anything the
    user should know (missing images, remote images left out)."""

    out_path: Path
    title: str
    images_copied: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')


def _title(front_matter: dict, headings: list, fallback: str) -> str:
    """The page title: front matter's title, else the first heading, else the file name."""
    title = front_matter.get("title")
    if title and str(title).strip():
        return str(title).strip()
    return headings[0].text if headings else fallback


def _handle_images(
    body: str, source_dir: Path, out_dir: Path, stem: str, report: ExportReport
) -> str:
    """Keep local images reachable from the exported file (copying them if needed)."""
    same_folder = source_dir.resolve() == out_dir.resolve()
    copied: dict[Path, str] = {}

    def replace(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        relative = unquote(urlsplit(src).path)
        source = (source_dir / relative).resolve()
        if not source.is_file():
            report.warnings.append(f"image not found: {src} (looked for {source})")
            return match.group(0)
        if same_folder:
            return match.group(0)
        if source in copied:
            new_src = copied[source]
        else:
            try:
                inside = source.relative_to(source_dir.resolve())
            except ValueError:
                inside = Path(f"{stem}_images") / source.name
            target = out_dir / inside
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            except OSError as exc:
                raise ExportError(
                    f"Could not copy the image {src} to {target}: {exc.strerror or exc}. "
                    "Choose another folder (-o), or free space."
                ) from exc
            report.images_copied.append(target)
            new_src = quote(inside.as_posix())
            copied[source] = new_src
        return match.group(1) + html.escape(new_src) + match.group(3)

    return _IMG_SRC.sub(replace, body)


def build_html(body: str, title: str, lang: str = "en-GB") -> str:
    """The complete HTML5 document around an exported body fragment."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Columnist">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{export_css()}</style>\n</head>\n<body>\n<article>\n{body}\n</article>\n"
        "</body>\n</html>\n"
    )


def export_html(text: str, source_path: Path | None, out_path: Path) -> ExportReport:
    """Write `text` (the whole column, front matter included) as standalone HTML.

    Raises UnresolvedMarksError if review marks remain, ExportError if the file cannot
    be written (the previous file at `out_path`, if any, is then left as it was).
    """
    out_path = Path(out_path)
    if source_path is not None and out_path.resolve() == Path(source_path).resolve():
        raise ExportError(
            f"The export would overwrite the column itself ({out_path}); choose another name."
        )
    marks = find_unresolved_marks(text)
    if marks:
        raise UnresolvedMarksError(marks)
    source_dir = Path(source_path).parent if source_path is not None else out_path.parent
    result = Renderer(target="export").render(text)
    fallback = Path(source_path).stem if source_path is not None else out_path.stem
    report = ExportReport(out_path, _title(result.front_matter, result.headings, fallback))
    if "image-placeholder" in result.html:
        report.warnings.append(
            "remote images were left out (the file must work offline); "
            "save them beside the column and link them relatively"
        )
    body = result.html
    if "<img" in body:
        body = _handle_images(body, source_dir, out_path.parent, out_path.stem, report)
    document = build_html(body, report.title)
    from columnist.document.atomic import atomic_write_bytes

    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out_path, document.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Could not write {out_path}: {reason}. Choose another folder (-o) or free space."
        ) from exc
    return report
