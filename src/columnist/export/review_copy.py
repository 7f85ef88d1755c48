"""The review copy: a printable PDF of the column with its review marks shown, for a
reviewer who reads on paper.

Unlike the other exports it *wants* the marks (no review-mark gate): insertions are
underlined and marked `[+…]`, deletions struck through and marked `[−…]` (the markers of
the compare view, `document.history`), highlights shaded grey; so they tell apart in
black and white too. Each comment becomes a number in the text (`[1]`) and is listed,
with its reviewer's initials and the text it highlights, under "Comments" at the end.
Every page has the title and "Review copy — 4 December 2026" at the top and the author,
status and "Page 2 of 3" at the bottom.

It is drawn with Qt's own engine (QTextDocument laid out page by page and painted on a
QPdfWriter, QtGui only, no new dependency), from the same rendering as the preview
(`render.pipeline` and `render.qt_html`), so the text in the PDF is real text a reader
can search, copy and extract.

    >>> numbered_comments("Rated {==good==}{>>KB: Check?<<} now.")[1]
    [Note(number=1, author='KB', text='Check?', highlighted='good')]
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from columnist.document.history import DEL_MARK, END_MARK, INS_MARK
from columnist.export.base import Column, ExportError, ExportResult, write_output
from columnist.markdown.critic import scan_marks
from columnist.render.css import preview_css
from columnist.render.header import format_date
from columnist.render.pipeline import Renderer
from columnist.render.qt_html import adapt_for_qt

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPageLayout, QPainter, QTextDocument

SUFFIX = ".pdf"
_PLACEHOLDER = "qqcolumnistnote{}qq"
_PLACEHOLDER_RE = re.compile(r"qqcolumnistnote(\d+)qq")
_RESOLUTION = 120  # dots per inch: the preview's 20px body type prints at 12pt
_MARGIN_MM = 18.0
# Print overrides of the preview stylesheet: grey, not yellow, for highlights (yellow
# vanishes on a black-and-white printer); black text for the marks.
_PRINT_CSS = """
body { font-size: 20px; color: #000000; background-color: #ffffff; }
.critic-ins { color: #000000; background-color: #ffffff; text-decoration: underline;
  font-weight: bold; }
.critic-del { color: #000000; background-color: #ffffff; text-decoration: line-through; }
.critic-mark { background-color: #cfcfcf; }
sup.note { font-weight: bold; }
p.review-key { font-family: "DejaVu Sans", sans-serif; font-size: 14px; color: #333333; }
p.note-item { font-size: 17px; line-height: 24px; margin-bottom: 10px; }
"""


class Note(NamedTuple):
    """One comment, as listed at the end: its number, reviewer, words, and the text it
    highlights ('' when the comment is not attached to a highlight)."""

    number: int
    author: str
    text: str
    highlighted: str


def numbered_comments(body: str) -> tuple[str, list[Note]]:
    """`body` with each comment replaced by a placeholder the renderer leaves alone, and
    the comments in order, wherever the preview shows them as comments (fenced code too,
    as pymdown's critic does); malformed ones stay as text."""
    notes: list[Note] = []
    parts: list[str] = []
    pos = 0
    previous = None
    for mark in scan_marks(body):
        if mark.kind == "comment" and not mark.problem:
            highlighted = (
                previous.content
                if previous is not None and previous.kind == "highlight"
                and previous.end == mark.start else ""
            )
            notes.append(Note(len(notes) + 1, mark.author, mark.text.strip(), highlighted))
            parts.append(body[pos : mark.start])
            parts.append(_PLACEHOLDER.format(len(notes)))
            pos = mark.end
        previous = mark
    parts.append(body[pos:])
    return "".join(parts), notes


def _with_markers(fragment: str) -> str:
    """Text markers inside each insertion and deletion (they survive extraction)."""
    fragment = re.sub(r'(<ins class="critic[^"]*">)', rf"\1{INS_MARK}", fragment)
    fragment = re.sub(r'(<del class="critic[^"]*">)', rf"\1{DEL_MARK}", fragment)
    return fragment.replace("</ins>", f"{END_MARK}</ins>").replace("</del>", f"{END_MARK}</del>")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _notes_html(notes: list[Note]) -> str:
    if not notes:
        return ""
    items = []
    for note in notes:
        who = f"<b>{_escape(note.author)}:</b> " if note.author else ""
        on = f" — on “{_escape(note.highlighted)}”" if note.highlighted else ""
        items.append(f'<p class="note-item"><b>[{note.number}]</b> {who}'
                     f"{_escape(note.text)}{on}</p>")
    return '<hr/><p class="h2">Comments</p>' + "".join(items)


class ReviewCopy(NamedTuple):
    """What goes on the pages: the body HTML (Qt's rich-text subset) and the running
    header and footer texts."""

    html: str
    title: str
    author: str
    status: str
    made_on: str
    notes: list[Note]


def review_copy_content(column: Column, made_on: dt.date | None = None) -> ReviewCopy:
    """The review copy's HTML and page texts for `column` (made on `made_on`, today)."""
    from columnist.export.html import _title
    from columnist.markdown.column import parse_column

    model = column.model
    offset = model.front_matter.body_offset
    body, notes = numbered_comments(model.text[offset:])
    marked = parse_column(model.text[:offset] + body)
    rendered = Renderer(base_dir=column.source_dir, target="export").render_column(marked)
    fragment = adapt_for_qt(_with_markers(rendered.html))
    fragment = _PLACEHOLDER_RE.sub(r'<sup class="note">[\1]</sup>', fragment)
    values = model.front_matter.values
    day = format_date(made_on or dt.date.today())
    status = str(values.get("status") or "draft").strip()
    key = (
        f'<p class="review-key">Review copy — {day}. Status: {_escape(status)}. '
        f"Added text is underlined and bold {INS_MARK}like this{END_MARK}; removed text is "
        f"struck through {DEL_MARK}like this{END_MARK}; highlighted text is shaded; "
        "comments are numbered [1] and listed at the end.</p>"
    )
    page = (
        '<html><head><meta charset="utf-8"></head><body>'
        f"{key}{fragment}{_notes_html(notes)}</body></html>"
    )
    return ReviewCopy(page, _title(column), str(values.get("author") or "").strip(),
                      status, day, notes)


_APP: list[object] = []  # keeps the command line's QGuiApplication alive


def _gui_app() -> None:
    """Make sure a QGuiApplication exists, for fonts (offscreen when the command line
    makes the first one)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP.append(QGuiApplication(["columnist"]))


def _page_geometry() -> tuple[QPageLayout, QRectF]:
    """The A4 page layout, and its paint rectangle in pixels at `_RESOLUTION`."""
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QPageLayout, QPageSize

    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(*(_MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter,
    )
    return layout, QRectF(layout.paintRectPixels(_RESOLUTION))


def _fit_images(document: QTextDocument, width: float) -> None:
    """Scale every image wider than the page down to its width, keeping its shape (Qt
    would squeeze the width alone)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextCursor, QTextDocument

    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            if not fmt.isImageFormat():
                continue
            image_format = fmt.toImageFormat()
            image = document.resource(QTextDocument.ResourceType.ImageResource,
                                      QUrl(image_format.name()))
            size = getattr(image, "size", lambda: None)()
            if size is None or size.width() <= width or size.width() == 0:
                continue
            image_format.setWidth(width)
            image_format.setHeight(size.height() * width / size.width())
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image_format)
        block = block.next()


def _paint_pages(
    painter: QPainter,
    content: ReviewCopy,
    base_dir: Path | None,
    new_page: Callable[[], object],
    only: int | None = None,
) -> int:
    """Paint every page (or page `only`) of `content`; `new_page()` turns the page. Returns
    the number of pages."""
    from PySide6.QtCore import QRectF, QSizeF, Qt, QUrl
    from PySide6.QtGui import QFont, QTextDocument

    _, page = _page_geometry()
    band = int(_RESOLUTION * 0.45)  # header and footer bands, ~11 mm each
    body = QRectF(0, band, page.width(), page.height() - 2 * band)

    document = QTextDocument()
    document.setDocumentMargin(0)
    # No ligatures: "staff" must extract as s-t-a-f-f, not "sta\ufb00" (search, copy).
    plain = QFont(document.defaultFont())
    for feature in ("liga", "clig"):
        plain.setFeature(QFont.Tag.fromString(feature), 0)
    document.setDefaultFont(plain)
    if base_dir is not None:
        document.setBaseUrl(QUrl.fromLocalFile(str(base_dir) + os.sep))
    document.setDefaultStyleSheet(preview_css(False) + _PRINT_CSS)
    document.setHtml(content.html)
    _fit_images(document, body.width())
    document.setPageSize(QSizeF(body.width(), body.height()))
    pages = document.pageCount()

    small = QFont("DejaVu Sans")
    small.setPixelSize(13)
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    top = QRectF(0, 0, page.width(), band - 12)
    bottom = QRectF(0, page.height() - band + 12, page.width(), band - 12)
    footer = " · ".join(p for p in (content.author, f"Status: {content.status}") if p)
    numbers = range(pages) if only is None else [min(only, pages - 1)]
    for index, number in enumerate(numbers):
        if index:
            new_page()
        painter.setFont(small)
        painter.drawText(top, left | Qt.AlignmentFlag.AlignBottom, content.title)
        painter.drawText(top, right | Qt.AlignmentFlag.AlignBottom,
                         f"Review copy — {content.made_on}")
        painter.drawLine(0, band - 6, int(page.width()), band - 6)
        painter.drawText(bottom, left | Qt.AlignmentFlag.AlignTop, footer)
        painter.drawText(bottom, right | Qt.AlignmentFlag.AlignTop,
                         f"Page {number + 1} of {pages}")
        painter.save()
        painter.translate(0, body.top() - number * body.height())
        document.drawContents(
            painter, QRectF(0, number * body.height(), body.width(), body.height())
        )
        painter.restore()
    return pages


def review_copy_pdf(content: ReviewCopy, base_dir: Path | None = None) -> bytes:
    """The PDF bytes of `content`: A4 pages with the running header and footer."""
    _gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_RESOLUTION)
    writer.setPageLayout(_page_geometry()[0])
    writer.setTitle(content.title)
    writer.setAuthor(content.author)
    writer.setCreator("Columnist")
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Qt could not start a PDF; the review copy was not written.")
    try:
        _paint_pages(painter, content, base_dir, writer.newPage)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def review_copy_page_image(
    content: ReviewCopy, page: int = 0, base_dir: Path | None = None
) -> QImage:
    """Page `page` of the review copy as an image on white paper, drawn exactly as in the
    PDF (the README's picture of a page; PySide6-Essentials has no PDF renderer)."""
    _gui_app()
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QImage, QPainter

    layout, _ = _page_geometry()
    full = layout.fullRectPixels(_RESOLUTION)
    image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margins = layout.marginsPixels(_RESOLUTION)
    painter.translate(QPoint(margins.left(), margins.top()))
    try:
        _paint_pages(painter, content, base_dir, lambda: None, only=page)
    finally:
        painter.end()
    return image


def export_review_copy(
    column: Column, out_path: Path, made_on: dt.date | None = None
) -> ExportResult:
    """Write the review copy of `column` to `out_path` (atomically); ExportError says
    why when it cannot."""
    from columnist.export import check_output_path

    check_output_path(column, out_path)
    content = review_copy_content(column, made_on)
    result = ExportResult(out_path, content.title)
    write_output(out_path, review_copy_pdf(content, column.source_dir), result)
    text = column.model.text
    for mark in column.model.review_marks:
        if mark.problem:
            line = text.count("\n", 0, mark.start) + 1
            result.warnings.append(
                f"Line {line}: a review mark that is {mark.problem} is printed as plain text."
            )
    return result
