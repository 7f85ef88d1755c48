"""The trust picker's result list: a model of search hits, a delegate that paints each one,
and a view that says when it has painted.

Each row is what the writer needs to choose the right organisation at a glance: the name
(closed ones marked "Closed" in words, not by colour alone), its code, kind and town, and
the current overall rating as a badge carrying the rating's word, coloured as in the
preview, followed by the month it was published. Screen readers get the same as one
sentence (`spoken`), through the model's accessible-text role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from columnist.ratings.phrases import month_year, short_month_year
from columnist.render.css import DARK, LIGHT

if TYPE_CHECKING:
    # The search module brings sqlite-utils (~130 ms): loaded by the cache's worker, not
    # by the window's set-up on the GUI thread.
    from columnist.ratings.search import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_RATED = "Not rated"
# Rating word → the preview palette's key for its badge colour (its text colour is the
# key's "_text" entry: the preview's CSS uses the same two).
_BADGE = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires",
    "inadequate": "inadequate",
}
_PAD = 6  # around a row's text
_GAP = 8  # between the name and the badge, the badge and its date

Index = QModelIndex | QPersistentModelIndex


def badge_text(hit: SearchHit) -> str:
    """The words on the badge: the current overall rating, or "Not rated"."""
    return (hit.rating or "").strip() or NOT_RATED


def details_line(hit: SearchHit) -> str:
    """The second line of a row: code · kind · town (· Closed).

    >>> from columnist.ratings.search import SearchHit
    >>> details_line(SearchHit("provider", "R1G", "Torbay and Southern Devon …", None,
    ...     "Torquay", None, None, None, True, "closed", "R1G", category="NHS trust"))
    'R1G · NHS trust · Torquay · Closed'
    """
    parts = [hit.id, hit.category or hit.kind, hit.town or ""]
    if not hit.is_open:
        parts.append("Closed")
    return " · ".join(p for p in parts if p)


def spoken(hit: SearchHit) -> str:
    """The row as a screen reader says it.

    >>> from columnist.ratings.search import SearchHit
    >>> spoken(SearchHit("provider", "RPY", "The Royal Marsden NHS Foundation Trust", None,
    ...     "London", None, "Outstanding", "2018-09-18", True, "open", "RPY",
    ...     category="NHS trust"))
    'The Royal Marsden NHS Foundation Trust, NHS trust, London, code RPY, rated Outstanding \
in September 2018'
    """
    parts = [hit.name, hit.category or hit.kind]
    if hit.town:
        parts.append(hit.town)
    parts.append(f"code {hit.id}")
    if hit.rating:
        when = month_year(hit.rating_date or "")
        parts.append(f"rated {hit.rating}" + (f" in {when}" if when else ""))
    else:
        parts.append("not rated")
    if not hit.is_open:
        parts.append("closed")
    return ", ".join(parts)


def badge_colours(rating: str | None, palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a rating's badge in this palette (light or dark)."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    found = _BADGE.get((rating or "").strip().lower())
    if found is None:
        return (palette.color(QPalette.ColorRole.AlternateBase).darker(115 if not dark else 70),
                palette.color(QPalette.ColorRole.Text))
    colours = DARK if dark else LIGHT
    return QColor(colours[found]), QColor(colours[f"{found}_text"])


class TrustResultsModel(QAbstractListModel):
    """The hits for one query (`query`); each row's data is its `SearchHit`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self._hits: list[SearchHit] = []

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return spoken(hit)
        if role == HIT_ROLE:
            return hit
        return None


class TrustResultDelegate(QStyledItemDelegate):
    """Paints a row: name and badge with its date on the first line, details below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(option.rect.width(), 2 * line + 2 * _PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:  # selection and hover background, as the platform draws it
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                widget)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(role)
        muted = QColor(text)
        muted.setAlphaF(0.72)

        painter.save()
        rect = opt.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        base = QFont(opt.font)
        metrics = QFontMetrics(base)
        line = metrics.lineSpacing()
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        small_metrics = QFontMetrics(small)

        # Right of the first line: [badge] date.
        word = badge_text(hit)
        date = short_month_year(hit.rating_date or "") if hit.rating else ""
        badge_w = small_metrics.horizontalAdvance(word) + 12
        date_w = small_metrics.horizontalAdvance(date) if date else 0
        right = rect.right()
        if date:
            painter.setFont(small)
            painter.setPen(muted)
            date_rect = QRect(right - date_w + 1, rect.top(), date_w, line)
            painter.drawText(date_rect, Qt.AlignmentFlag.AlignVCenter, date)
            right -= date_w + _GAP
        background, foreground = badge_colours(hit.rating, palette)
        badge = QRect(right - badge_w + 1, rect.top() + 1, badge_w, line - 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(small)
        painter.setPen(foreground)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)

        # The name, elided to what is left.
        name_font = QFont(base)
        name_font.setWeight(QFont.Weight.DemiBold)
        name_metrics = QFontMetrics(name_font)
        name_w = max(0, badge.left() - _GAP - rect.left())
        painter.setFont(name_font)
        painter.setPen(text if hit.is_open else muted)
        name = name_metrics.elidedText(hit.name or hit.id, Qt.TextElideMode.ElideRight, name_w)
        painter.drawText(QRect(rect.left(), rect.top(), name_w, line),
                         Qt.AlignmentFlag.AlignVCenter, name)

        # Second line: code · kind · town (· Closed, in bold: words, not colour alone).
        painter.setFont(base)
        painter.setPen(muted)
        second = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        details = details_line(hit)
        if hit.is_open:
            painter.drawText(second, Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(details, Qt.TextElideMode.ElideRight,
                                                second.width()))
        else:
            closed = "Closed"
            head = details[: -len(closed)]
            bold = QFont(base)
            bold.setBold(True)
            closed_w = QFontMetrics(bold).horizontalAdvance(closed)
            head = metrics.elidedText(head, Qt.TextElideMode.ElideRight,
                                      max(0, second.width() - closed_w))
            head_w = metrics.horizontalAdvance(head)
            painter.drawText(second, Qt.AlignmentFlag.AlignVCenter, head)
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(second.adjusted(head_w, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             closed)
        painter.restore()


class TrustResultsView(QListView):
    """The list; `painted` says which query's rows are on screen (tests, the benchmark)."""

    painted = Signal(str)  # the model's query whose rows were just painted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = TrustResultsModel(self)
        self.setModel(self.results)
        self.setItemDelegate(TrustResultDelegate(self))
        self.setUniformItemSizes(True)  # every row is two lines: no per-row measuring
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.painted_query: str | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted_query = self.results.query
        self.painted.emit(self.results.query)
