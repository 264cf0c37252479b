"""Reports of the feedback loop: complaints by category × month (the office's recap table),
the satisfaction index (IKM) per element and overall, and CSV exports that a spreadsheet
cannot mistake for formulas.

IKM (Permenpan RB 14/2017): each element's mean rating (NRR, 1..4) over the respondents;
the index is the mean of the nine element means (each weighs 1/9), converted ×25 to
25..100. Quality grades by the converted value: A (very good) 88.31-100, B (good)
76.61-88.30, C (not good) 65.00-76.60, D (poor) 25.00-64.99.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import extract, func, select

from db.context import Actor, QueueContext, require
from db.models import Complaint, SurveyResponse
from db.read.complaints import list_complaints
from db.rules.feedback import CATEGORIES, ELEMENTS

# (lowest converted value, grade, Indonesian, English), best first.
GRADES: tuple[tuple[float, str, str, str], ...] = (
    (88.31, "A", "Sangat Baik", "Very good"),
    (76.61, "B", "Baik", "Good"),
    (65.00, "C", "Kurang Baik", "Not good"),
    (25.00, "D", "Tidak Baik", "Poor"),
)


def ikm_grade(value: float) -> tuple[str, str, str]:
    """(grade, Indonesian word, English word) of a converted index 25..100."""
    for lowest, grade, word_id, word_en in GRADES:
        if round(value, 2) >= lowest:
            return grade, word_id, word_en
    return GRADES[-1][1:]


@dataclass(frozen=True)
class SurveyIndex:
    start: dt.date
    end: dt.date
    respondents: int
    element_means: dict[str, float] = field(default_factory=dict)  # NRR per element, 1..4

    @property
    def element_index(self) -> dict[str, float]:
        return {k: round(v * 25, 2) for k, v in self.element_means.items()}

    @property
    def mean(self) -> float | None:
        if not self.respondents:
            return None
        return sum(self.element_means.values()) / len(ELEMENTS)

    @property
    def ikm(self) -> float | None:
        mean = self.mean
        return None if mean is None else round(mean * 25, 2)

    @property
    def grade(self) -> str:
        return "" if self.ikm is None else ikm_grade(self.ikm)[0]


def survey_index(
    ctx: QueueContext, actor: Actor, start: dt.date, end: dt.date, service: str | None = None
) -> SurveyIndex:
    """The index of the surveys given from ``start`` to ``end`` (business days, inclusive)."""
    require(actor, "view_feedback")
    columns = [func.avg(getattr(SurveyResponse, e)) for e in ELEMENTS]
    query = select(func.count(SurveyResponse.id), *columns).where(
        SurveyResponse.business_day >= start, SurveyResponse.business_day <= end
    )
    if service:
        query = query.where(SurveyResponse.service_code == service)
    with ctx.db.read() as session:
        row = session.execute(query).one()
    count = int(row[0] or 0)
    means = {e: float(v) for e, v in zip(ELEMENTS, row[1:], strict=True)} if count else {}
    return SurveyIndex(start, end, count, means)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def survey_by_month(ctx: QueueContext, actor: Actor, year: int) -> list[SurveyIndex]:
    """Twelve indexes, January .. December (months without surveys have no index)."""
    return [survey_index(ctx, actor, *month_bounds(year, m)) for m in range(1, 13)]


@dataclass(frozen=True)
class ComplaintRecap:
    """Complaints by category × month of one year, as in the office's recap table."""

    year: int
    counts: dict[str, list[int]]  # category -> 12 monthly counts

    def total_of(self, category: str) -> int:
        return sum(self.counts[category])

    def month_total(self, month: int) -> int:
        return sum(row[month - 1] for row in self.counts.values())

    @property
    def total(self) -> int:
        return sum(self.total_of(c) for c in self.counts)

    def share(self, category: str) -> float:
        return 0.0 if not self.total else self.total_of(category) / self.total


def complaint_recap(ctx: QueueContext, actor: Actor, year: int) -> ComplaintRecap:
    require(actor, "view_feedback")
    month = extract("month", Complaint.business_day)
    with ctx.db.read() as session:
        rows = session.execute(
            select(Complaint.category, month, func.count(Complaint.id))
            .where(
                Complaint.business_day >= dt.date(year, 1, 1),
                Complaint.business_day <= dt.date(year, 12, 31),
            )
            .group_by(Complaint.category, month)
        ).all()
    counts = {c: [0] * 12 for c in CATEGORIES}
    for category, m, n in rows:
        counts.setdefault(category, [0] * 12)[int(m) - 1] += int(n)
    return ComplaintRecap(year, counts)


# -- CSV ------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula (= + - @, tab,
    CR) gets a leading apostrophe, the OWASP "CSV injection" advice. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def complaint_recap_csv(ctx: QueueContext, actor: Actor, year: int) -> str:
    require(actor, "export_feedback")
    recap = complaint_recap(ctx, actor, year)
    rows: list[list[object]] = [
        [c, *recap.counts[c], recap.total_of(c), f"{recap.share(c) * 100:.1f}%"]
        for c in recap.counts
    ]
    rows.append(["total", *(recap.month_total(m) for m in range(1, 13)), recap.total, "100%"])
    return csv_text(["category", *MONTHS, "total", "share"], rows)


def complaints_csv(ctx: QueueContext, actor: Actor) -> str:
    require(actor, "export_feedback")
    tz = ctx.settings.office.tz
    rows = [
        [
            c.receipt,
            f"{c.filed_at.astimezone(tz):%Y-%m-%d %H:%M}",
            c.category,
            c.text,
            c.contact or "",
            c.status,
            c.response,
            c.answered_by or "",
            f"{c.answered_at.astimezone(tz):%Y-%m-%d %H:%M}" if c.answered_at else "",
        ]
        for c in reversed(list_complaints(ctx, actor, limit=100_000))
    ]
    header = ["receipt", "filed", "category", "text", "contact", "status", "response",
              "answered_by", "answered_at"]  # fmt: skip
    return csv_text(header, rows)


def survey_csv(ctx: QueueContext, actor: Actor, year: int) -> str:
    """Per month: respondents, each element's converted index, the IKM and its grade."""
    require(actor, "export_feedback")
    rows = []
    for month, index in zip(MONTHS, survey_by_month(ctx, actor, year), strict=True):
        values = index.element_index
        rows.append(
            [
                f"{year}-{month}",
                index.respondents,
                *(values.get(e, "") for e in ELEMENTS),
                "" if index.ikm is None else index.ikm,
                index.grade,
            ]
        )
    return csv_text(["month", "respondents", *ELEMENTS, "ikm", "grade"], rows)
