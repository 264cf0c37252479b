from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from config.settings import Settings
from db.engine import BUSY_TIMEOUT_MS, Database
from db.migrate import SchemaError, current_revision, head_revision, open_queue, upgrade
from db.models import Base, CounterRow
from tests.conftest import make_settings


def test_sqlite_connections_get_the_production_pragmas(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    db.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def test_migrations_create_exactly_the_models(db_url: str) -> None:
    db = Database(db_url)
    before, after = upgrade(db)
    assert before is None
    assert after == head_revision() == current_revision(db)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_the_fast_version_read_knows_the_newest_migration(db_url: str) -> None:
    from db.migrate import SCHEMA_HEAD, stored_revision

    assert head_revision() == SCHEMA_HEAD
    db = Database(db_url)
    assert stored_revision(db) is None
    upgrade(db)
    assert stored_revision(db) == SCHEMA_HEAD == current_revision(db)
    db.dispose()


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    db = Database(db_url)
    upgrade(db)
    assert upgrade(db) == (head_revision(), head_revision())
    db.dispose()


def test_database_from_a_newer_loket_is_refused(db_url: str, tmp_path: Path) -> None:
    db = Database(db_url)
    upgrade(db)
    db.dispose()
    raw = sqlite3.connect(tmp_path / "queue.sqlite3")
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.close()
    with pytest.raises(SchemaError, match="newer version of Loket"):
        open_queue(make_settings(db_url))


def test_opening_syncs_the_configured_counters(settings: Settings) -> None:
    ctx = open_queue(settings)
    with ctx.db.read() as s:
        numbers = sorted(r.number for r in s.query(CounterRow))
    ctx.db.dispose()
    assert numbers == [1, 2, 3, 4, 5]


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite:///{tmp_path / 'missing-dir' / 'x.sqlite3'}")
    with pytest.raises(SchemaError, match=r"database folder .*missing-dir does not exist"):
        open_queue(settings)
