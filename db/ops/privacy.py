"""Personal data: what may be shown of it, and how it is kept."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import update

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.context import Actor, QueueContext


def purge_personal_data(ctx: QueueContext, actor: Actor) -> int:
    """Forget names and ID hashes of bookings older than the retention period (their
    booking codes, dates and services stay for the figures). Returns how many."""
    from db.context import audit, check_actor, require
    from db.models import Booking

    require(actor, "purge_personal_data")
    days = ctx.settings.retention.personal_data_days
    before = ctx.today() - dt.timedelta(days=days)

    def work(session: Session) -> int:
        check_actor(session, actor, "purge_personal_data")
        now = ctx.now()
        result = session.execute(
            update(Booking)
            .where(Booking.date < before, Booking.purged_at.is_(None))
            .values(applicant_name=None, nik_hash=None, purged_at=now)
            .execution_options(synchronize_session=False)
        )
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if count:
            audit(session, actor, "purge_personal_data", now, f"before {before}", bookings=count)
        return count

    return ctx.db.run_write(work)
