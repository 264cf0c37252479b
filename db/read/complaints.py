"""The console's complaint inbox: complaints as a supervisor reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.context import Actor, QueueContext, require
from db.models import Complaint, ComplaintStatus


@dataclass(frozen=True)
class ComplaintView:
    id: int
    receipt: str
    business_day: dt.date
    filed_at: dt.datetime
    category: str
    text: str
    contact: str | None
    kiosk_id: str | None
    status: ComplaintStatus
    response: str
    answered_by: str | None
    answered_at: dt.datetime | None

    @classmethod
    def of(cls, c: Complaint) -> ComplaintView:
        return cls(
            c.id,
            c.receipt,
            c.business_day,
            c.filed_at,
            c.category,
            c.text,
            c.contact,
            c.kiosk_id,
            ComplaintStatus(c.status),
            c.response,
            c.answered_by,
            c.answered_at,
        )


def list_complaints(
    ctx: QueueContext,
    actor: Actor,
    status: ComplaintStatus | str | None = None,
    limit: int = 500,
) -> list[ComplaintView]:
    """Newest first; the inbox of the console."""
    require(actor, "view_feedback")
    query = select(Complaint).order_by(Complaint.id.desc()).limit(limit)
    if status is not None:
        query = query.where(Complaint.status == ComplaintStatus(status))
    with ctx.db.read() as session:
        return [ComplaintView.of(c) for c in session.scalars(query)]
