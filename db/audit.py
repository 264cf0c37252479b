"""The audit log is tamper-evident: every record carries the hash of the one before it.

``hash = sha256(prev_hash | at | actor | role | action | target | detail)`` over the values
as stored (``at`` as naive UTC ISO text). Records are only ever added, by the queue
operations, one writer at a time (SQLite's write lock; PostgreSQL's advisory lock in
``Database.write``), so the chain has one line. Editing or deleting a record, or inserting
one by hand, breaks the chain at that point, and ``verify_audit`` names it. (Deleting the
newest records leaves a shorter valid chain: keep backups to compare lengths.)"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import Database
from db.models import AuditRecord

GENESIS = "0" * 64


def _at_text(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def record_hash(
    prev: str, at: dt.datetime, actor: str, role: str, action: str, target: str, detail: str
) -> str:
    text = "|".join([prev, _at_text(at), actor, str(role), action, target, detail])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def last_hash(session: Session) -> str:
    """The newest record's hash (records pending in this session included)."""
    newest = session.scalar(select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1))
    return newest or GENESIS


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify_audit(db: Database) -> AuditCheck:
    prev = GENESIS
    checked = 0
    with db.read() as session:
        rows = session.execute(select(AuditRecord).order_by(AuditRecord.id)).scalars()
        for record in rows:
            if record.prev_hash != prev:
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} does not follow the record before it "
                    "(a record was deleted or inserted)",
                )
            expected = record_hash(
                prev,
                record.at,
                record.actor,
                record.role,
                record.action,
                record.target,
                record.detail,
            )
            if record.hash != expected:
                return AuditCheck(
                    False,
                    checked,
                    record.id,
                    f"record {record.id} was changed after it was written",
                )
            prev = record.hash
            checked += 1
    return AuditCheck(True, checked)
