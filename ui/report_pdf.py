"""The day or month report as a PDF (Qt's ``QPdfWriter``), and the simple bar charts the PDF
and the console draw with ``QPainter`` (Qt Charts is not part of the Qt we ship).

A4 portrait at 96 dots per inch: the page is laid out in the same pixels as the screen; the
tables are HTML drawn by ``QTextDocument``; a section that does not fit goes to a new page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from db.read.reports import PeriodReport, table_sections

DPI = 96
BAR = QColor("#0B3D91")
BAR_ALT = QColor("#C8102E")
INK = QColor("#1A1F2B")
MUTED = QColor("#4A5468")
GRID = QColor("#D5DAE3")
FONT_FAMILY = "DejaVu Sans"


def draw_bars(
    painter: QPainter,
    rect: QRectF,
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    point_size: float = 9,
    colour: QColor = BAR,
    value_format: str = "{:g}",
    top: float | None = None,
) -> None:
    """A vertical bar chart of ``(label, value)`` in ``rect``: a title on top, the value
    above each bar, the label below it. Bars are scaled to ``top`` (a percentage chart
    passes 100), else to the largest value."""
    painter.save()
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(point_size)
    bold = QFont(font)
    bold.setBold(True)
    bold.setPointSizeF(point_size * 1.15)
    line = QFontMetricsF(font, painter.device()).height()
    title_h = QFontMetricsF(bold, painter.device()).height() * 1.3
    painter.setFont(bold)
    painter.setPen(INK)
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), title_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )
    painter.setFont(font)
    lines = max((label.count("\n") + 1 for label, _ in items), default=1)
    plot = QRectF(
        rect.left(),
        rect.top() + title_h + line,
        rect.width(),
        rect.height() - title_h - (lines + 1.2) * line,
    )
    painter.setPen(GRID)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    if not items:
        painter.setPen(MUTED)
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "no data")
        painter.restore()
        return
    top = max([top or 0.0, *(value for _, value in items)]) or 1.0
    slot = plot.width() / len(items)
    width = slot * 0.64
    for i, (label, value) in enumerate(items):
        x = plot.left() + i * slot + (slot - width) / 2
        height = plot.height() * value / top
        painter.fillRect(QRectF(x, plot.bottom() - height, width, height), colour)
        painter.setPen(INK)
        value_box = QRectF(x - slot * 0.18, plot.bottom() - height - line, slot, line)
        painter.drawText(value_box, Qt.AlignmentFlag.AlignHCenter, value_format.format(value))
        painter.setPen(MUTED)
        label_box = QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, line * lines)
        painter.drawText(label_box, Qt.AlignmentFlag.AlignHCenter, label)
    painter.restore()


Chart = tuple[str, list[tuple[str, float]], str, float | None]


def chart_series(report: PeriodReport) -> list[Chart]:
    """The charts of a report: (title, bars, value format, scale top or None)."""
    services: dict[str, int] = {}
    for row in report.by_service_channel:
        services[row.service] = services.get(row.service, 0) + row.issued
    return [
        (
            "Arrivals per hour",
            [(f"{h:02d}", float(n)) for h, n in report.arrivals_by_hour],
            "{:g}",
            None,
        ),
        ("Tickets per service", [(s, float(n)) for s, n in services.items()], "{:g}", None),
        (
            "Served per counter",
            [(c.name.replace("Loket ", "L"), float(c.served)) for c in report.counters],
            "{:g}",
            None,
        ),
        (
            "Quota use %",
            [
                (f"{q.service}\n{q.channel.replace('_', ' ')}", round(q.share * 100, 1))
                for q in report.quotas
            ],
            "{:g}",
            100.0,
        ),
    ]


def _table_html(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    if not rows:
        body = f'<tr><td colspan="{len(header)}">none</td></tr>'
    return (
        f"<h3>{html.escape(title)}</h3>"
        '<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        'style="border-color:#D5DAE3">'
        f"<tr>{cells}</tr>{body}</table>"
    )


STYLE = "h3 { color: #0B3D91; margin-top: 4px; } th { background: #E8ECF3; text-align: left; }"


class _Pages:
    """Puts blocks one under the other and starts a new page when one does not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.painter = writer, painter
        page = writer.pageLayout().paintRectPixels(DPI)
        self.width, self.height = float(page.width()), float(page.height())
        self.y = 0.0

    def room(self, height: float) -> None:
        if self.y > 0 and self.y + height > self.height:
            self.writer.newPage()
            self.y = 0.0

    def document(self, text: str, point_size: float = 8.5) -> None:
        doc = QTextDocument()
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(point_size)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(STYLE)
        doc.setHtml(text)
        doc.setPageSize(QSizeF(self.width, 1e6))
        doc.setTextWidth(self.width - 2)
        height = doc.size().height()
        self.room(height)
        self.painter.save()
        self.painter.translate(QPointF(0, self.y))
        doc.drawContents(self.painter, QRectF(0, 0, self.width + 2, height + 2))
        self.painter.restore()
        self.y += height + 8


def write_pdf(report: PeriodReport, path: str | Path) -> Path:
    """Write ``report`` to ``path`` (A4, tables and bar charts); return the path."""
    path = Path(path)
    path.write_bytes(pdf_bytes(report))
    return path


def pdf_bytes(report: PeriodReport) -> bytes:
    """``report`` as a PDF (A4, tables and bar charts), made in memory. Fonts and text
    layout are not safe to use from two threads at once: an app calls this on its UI thread
    (it takes a fraction of a second) and writes the bytes to disk on a worker."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(report.title)
    writer.setCreator("Loket")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot make the PDF")
    try:
        pages = _Pages(writer, painter)
        pages.document(
            f'<h2 style="color:#0B3D91">{html.escape(report.title)}</h2>'
            f"<p>{html.escape(report.office)}<br/>"
            f'<span style="color:#4A5468">made {report.made_at:%d-%m-%Y %H:%M}</span></p>',
            10,
        )
        sections = table_sections(report)
        pages.document(_table_html(*sections[0]))
        charts = chart_series(report)
        chart_h = 190.0
        half = (pages.width - 24) / 2
        for i in range(0, len(charts), 2):
            pages.room(chart_h)
            for j, (title, items, fmt, top) in enumerate(charts[i : i + 2]):
                rect = QRectF(j * (half + 24), pages.y, half, chart_h - 12)
                draw_bars(painter, rect, title, items, point_size=8, value_format=fmt, top=top)
            pages.y += chart_h
        for section in sections[1:]:
            pages.document(_table_html(*section), 8 if len(section[1]) > 8 else 8.5)
    finally:
        painter.end()
    return bytes(buffer.data().data())
