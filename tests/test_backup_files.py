"""The files a backup makes: one complete file per backup (no -wal / -shm, nothing half
written under the final name), names unique to the second, retention over all of them, and
no password on a command line."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from db.context import QueueContext
from db.io.backup import _libpq, backup_into, backup_name, prune_backups
from db.models import Ticket
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK

AT = dt.datetime(2026, 12, 2, 1, 30, 5)


def test_sqlite_backup_is_one_file_with_the_tickets(ctx: QueueContext, tmp_path: Path) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup_into(ctx.settings.database_url, folder, AT)
    assert made.name == "loket-20261202-013005.backup"
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT number FROM tickets").fetchall() == [("A-001",)]
    finally:
        conn.close()


def test_two_backups_in_the_same_second_both_succeed(ctx: QueueContext, tmp_path: Path) -> None:
    first = backup_into(ctx.settings.database_url, tmp_path, AT)
    second = backup_into(ctx.settings.database_url, tmp_path, AT)
    assert (first.name, second.name) == (
        "loket-20261202-013005.backup",
        "loket-20261202-013005-2.backup",
    )
    assert backup_name(AT + dt.timedelta(seconds=1)) == "loket-20261202-013006.backup"


def test_retention_removes_old_backups_and_their_leftovers(tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 2, 2, 0)
    old = now - dt.timedelta(days=31)
    files = {
        "loket-20261031-020000.backup": old,
        "loket-20261031-020000.backup-wal": old,
        ".loket-20261031-020001.backup.partial": old,
        "loket-20261201-020000.backup": now - dt.timedelta(days=1),
        "notes.txt": old,
    }
    for name, when in files.items():
        path = tmp_path / name
        path.write_text("x")
        os.utime(path, (when.timestamp(), when.timestamp()))
    gone = prune_backups(tmp_path, 30, now)
    assert sorted(p.name for p in gone) == [
        ".loket-20261031-020001.backup.partial",
        "loket-20261031-020000.backup",
        "loket-20261031-020000.backup-wal",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "loket-20261201-020000.backup",
        "notes.txt",
    ]


def test_pg_tools_get_the_password_in_a_private_file_not_on_the_command_line() -> None:
    conninfo, env, passfile = _libpq("postgresql+psycopg://loket:s3cr%3Aet@db.office:5433/loket")
    try:
        assert "s3cr" not in conninfo
        assert conninfo == "postgresql://loket@db.office:5433/loket"
        assert passfile is not None and env["PGPASSFILE"] == str(passfile)
        assert oct(passfile.stat().st_mode & 0o777) == "0o600"
        assert passfile.read_text() == "db.office:5433:loket:loket:s3cr\\:et\n"
    finally:
        if passfile is not None:
            passfile.unlink()


@pytest.mark.both_databases
def test_backup_with_a_password_in_the_url_still_works(
    ctx: QueueContext, tmp_path: Path, backend: str
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    url = ctx.settings.database_url
    if backend == "postgresql":
        # The app role's URL carries its password, as an office's does.
        assert make_url(url).password
    folder = tmp_path / "backups"
    folder.mkdir()
    made = backup_into(url, folder, AT)
    assert made.stat().st_size > 0
    assert [p.name for p in folder.iterdir()] == [made.name]
    assert not list(Path("/tmp").glob("loket-pgpass-*"))
    with ctx.db.read() as s:
        assert s.scalars(select(Ticket.number)).all() == ["A-001"]
