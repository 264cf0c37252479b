"""The record of each backup the office made: written into the audit log, so the console's
devices page can say when the last backup was made and whether its copy failed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require


def record_backup(
    ctx: QueueContext,
    actor: Actor,
    file: str,
    size_bytes: int,
    *,
    copied_to: str = "",
    copy_error: str = "",
    pruned: int = 0,
) -> None:
    """Audit a backup that was written (and where its copy went, or why it did not)."""
    require(actor, "record_backup")

    def work(session: Session) -> None:
        check_actor(session, actor, "record_backup")
        audit(
            session,
            actor,
            "backup",
            ctx.now(),
            file,
            size=size_bytes,
            copied_to=copied_to,
            copy_error=copy_error[:500],
            pruned=pruned,
        )

    ctx.db.run_write(work)
