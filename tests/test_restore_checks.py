"""A restore checks whose backup it is before it touches the live database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from db.context import QueueContext
from db.io.backup import BackupError, backup, restore
from db.models import Ticket
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK


def test_restore_refuses_another_offices_backup(ctx: QueueContext, tmp_path: Path) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    file = backup(ctx.settings.database_url, tmp_path / "loket.backup")
    conn = sqlite3.connect(file)
    conn.execute(
        "INSERT INTO bookings (code, office_code, date, slot_start, slot_end, service_name, "
        "status, imported_at) VALUES ('X1', 'BGR', '2026-12-01', '09:00:00', '10:00:00', "
        "'Paspor Baru', 'confirmed', '2026-12-01 01:00:00')"
    )
    conn.commit()
    conn.close()
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(BackupError, match="office BGR, not JKS: it is another office's backup"):
        restore(ctx.settings.database_url, file, "JKS")
    with ctx.db.read() as s:
        assert sorted(s.scalars(select(Ticket.number))) == ["A-001", "A-002"]
