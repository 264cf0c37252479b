"""Who may sign in at a kiosk's assisted mode with their own PIN: what the kiosk's PIN
screen shows as tiles before its keypad."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from db.context import QueueContext
from db.models import Officer


@dataclass(frozen=True)
class KioskOfficer:
    id: int
    username: str
    display_name: str


def kiosk_officers(ctx: QueueContext) -> list[KioskOfficer]:
    """The active officers who have a kiosk PIN, by name (no PIN or hash leaves here)."""
    with ctx.db.read() as session:
        rows = session.execute(
            select(Officer.id, Officer.username, Officer.display_name)
            .where(Officer.active.is_(True), Officer.kiosk_pin_hash.is_not(None))
            .order_by(Officer.display_name, Officer.username)
        ).all()
    return [KioskOfficer(r.id, r.username, r.display_name or r.username) for r in rows]
