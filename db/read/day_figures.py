"""Figures of the day, computed from tickets and their events."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select

from db.context import QueueContext
from db.models import Ticket, TicketStatus


@dataclass(frozen=True)
class DayStatus:
    business_day: dt.date
    waiting: dict[str, dict[str, int]] = field(default_factory=dict)  # service -> channel -> n
    issued: int = 0
    served: int = 0
    no_show: int = 0
    cancelled: int = 0
    in_service: int = 0

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["business_day"] = self.business_day.isoformat()
        return data


def day_status(ctx: QueueContext, day: dt.date | None = None) -> DayStatus:
    day = day or ctx.today()
    with ctx.db.read() as session:
        by_status = dict(
            session.execute(
                select(Ticket.status, func.count(Ticket.id))
                .where(Ticket.business_day == day)
                .group_by(Ticket.status)
            ).all()
        )
        waiting: dict[str, dict[str, int]] = {s.code: {} for s in ctx.settings.services}
        for service, channel, count in session.execute(
            select(Ticket.service_code, Ticket.channel, func.count(Ticket.id))
            .where(Ticket.business_day == day, Ticket.status == TicketStatus.WAITING)
            .group_by(Ticket.service_code, Ticket.channel)
        ).all():
            waiting.setdefault(service, {})[channel] = int(count)
    return DayStatus(
        business_day=day,
        waiting=waiting,
        issued=int(sum(by_status.values())),
        served=int(by_status.get(TicketStatus.DONE, 0)),
        no_show=int(by_status.get(TicketStatus.NO_SHOW, 0)),
        cancelled=int(by_status.get(TicketStatus.CANCELLED, 0)),
        in_service=int(
            by_status.get(TicketStatus.CALLED, 0) + by_status.get(TicketStatus.SERVING, 0)
        ),
    )
