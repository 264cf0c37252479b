from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.context import QueueContext
from db.engine import Database
from db.io.backup import BackupError, backup, restore
from db.models import Ticket
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK

pytestmark = pytest.mark.both_databases


def numbers(ctx: QueueContext) -> list[str]:
    with ctx.db.read() as s:
        return sorted(s.scalars(select(Ticket.number)))


def test_backup_and_restore_round_trip(ctx: QueueContext, owner_url: str, tmp_path: Path) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    saved = numbers(ctx)
    # The PCs' role backs up; the owner's restores (it replaces the tables).
    file = backup(ctx.settings.database_url, tmp_path / "loket.backup")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert numbers(ctx) != saved
    ctx.db.dispose()
    restore(owner_url, file)
    assert numbers(ctx) == saved
    # The restored queue goes on numbering where the backup left off.
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-004"
    with ctx.db.read() as s:
        assert s.scalar(select(func.count(Ticket.id))) == 4


def test_backup_refuses_to_overwrite(ctx: QueueContext, tmp_path: Path) -> None:
    existing = tmp_path / "there.backup"
    existing.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup(ctx.settings.database_url, existing)
    assert existing.read_text() == "keep me"


def test_restore_refuses_a_foreign_file(ctx: QueueContext, tmp_path: Path, backend: str) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    foreign = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(BackupError):
        restore(ctx.settings.database_url, foreign)
    assert numbers(ctx) == ["A-001"]


def test_a_backup_from_a_newer_version_is_refused_and_the_office_keeps_working(
    ctx: QueueContext, owner_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import text

    from db.migrate import head_revision

    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    owner = Database(owner_url)
    try:
        with owner.write() as s:
            s.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        newer = backup(ctx.settings.database_url, tmp_path / "newer.backup")
        with owner.write() as s:
            s.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head_revision()})
    finally:
        owner.dispose()
    with pytest.raises(BackupError, match=r"newer version of Loket \(schema 0099_future\)"):
        restore(owner_url, newer, ctx.settings.office.code)
    # Untouched: the same tickets, the same schema, and issuing goes on.
    assert numbers(ctx) == ["A-001"]
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-002"


def test_restore_keeps_a_safety_copy_of_the_live_database(
    ctx: QueueContext, owner_url: str, tmp_path: Path
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    file = backup(ctx.settings.database_url, tmp_path / "loket.backup")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    ctx.db.dispose()
    safety = restore(owner_url, file, ctx.settings.office.code)
    assert safety is not None and safety.exists()
    assert stat.S_IMODE(safety.stat().st_mode) == 0o600
    assert numbers(ctx) == ["A-001"]
    # The safety copy holds the live state from before the restore.
    restore(owner_url, safety, ctx.settings.office.code)
    assert numbers(ctx) == ["A-001", "A-002"]
