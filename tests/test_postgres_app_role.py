"""On PostgreSQL every PC works as the app role, with only the rights db/postgres_grants.sql
gives it, and so does every test that asks for a PostgreSQL database: it runs the queue, but
cannot change the schema, rewrite or delete the history, or replace the database; a PC
started on a schema older than its Loket says the owner must upgrade it, and changes
nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from db.clock import FixedClock
from db.context import QueueContext
from db.engine import Database
from db.io.backup import BackupError, backup, restore
from db.migrate import (
    OlderDatabase,
    alembic_config,
    head_revision,
    open_queue,
    stored_revision,
    upgrade,
)
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, OFFICER, make_settings
from tests.postgres import APP, OWNER, apply_grants, as_role
from ui.out_of_service import explain

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

OLDER = "0005_audit_seal_nik_key"


def who(db: Database) -> tuple[str, bool, bool]:
    with db.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT current_user, rolsuper, rolcreatedb FROM pg_roles "
                "WHERE rolname = current_user"
            )
        ).one()
    return str(row[0]), bool(row[1]), bool(row[2])


def refused(ctx: QueueContext, statement: str) -> None:
    with pytest.raises(ProgrammingError) as caught, ctx.db.write() as s:
        s.execute(text(statement))
    assert isinstance(caught.value.orig, psycopg.errors.InsufficientPrivilege), statement


def test_the_tests_queue_is_opened_as_the_app_role(ctx: QueueContext, owner_url: str) -> None:
    assert who(ctx.db) == (APP, False, False)
    owner = Database(owner_url)
    try:
        assert who(owner) == (OWNER, False, True)
    finally:
        owner.dispose()


def test_the_app_role_runs_the_queue_but_cannot_rewrite_its_history(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    called = call_next(ctx, OFFICER, 1)
    complete(ctx, OFFICER, 1, called.id)
    for statement in (
        "DELETE FROM ticket_events",
        "UPDATE ticket_events SET actor = 'someone-else'",
        "UPDATE audit_log SET detail = ''",
        "DELETE FROM audit_log",
        "DELETE FROM tickets",
        "TRUNCATE print_jobs",
        "UPDATE alembic_version SET version_num = '0001'",
        "CREATE TABLE notes (line text)",
        "ALTER TABLE tickets ADD COLUMN note text",
        "DROP TABLE complaints",
    ):
        refused(ctx, statement)
    # Nothing of it happened, and the queue goes on.
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-002"


def test_the_app_role_cannot_restore_and_leaves_the_database_as_it_was(
    ctx: QueueContext, tmp_path: Path
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    file = backup(ctx.settings.database_url, tmp_path / "loket.backup")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(BackupError, match="run the restore with the owner's URL") as failed:
        restore(ctx.settings.database_url, file, ctx.settings.office.code)
    assert "left as it was" in str(failed.value)
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-003"


@pytest.fixture
def older(db_url: str, owner_url: str) -> str:
    """The test's database as the previous Loket left it, with the app's rights on its
    tables (the owner takes the newest migration back): the app role's URL."""
    db = Database(owner_url)
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, OLDER)
    db.dispose()
    return db_url


def test_an_older_schema_is_the_owners_to_upgrade_and_the_pc_says_so(
    older: str, owner_url: str, postgres_admin_url: str, clock: FixedClock
) -> None:
    settings = make_settings(older)
    with pytest.raises(OlderDatabase) as first:
        open_queue(settings)
    message = str(first.value)
    assert f"schema {OLDER}, older than this PC's Loket ({head_revision()})" in message
    assert f"its role {APP} may not change the schema" in message
    assert "loket-db upgrade` with the owner's URL" in message
    what, detail = explain(first.value)
    assert what == "The office database has not been upgraded for this PC's Loket yet."
    assert f"office database has schema {OLDER}" in detail and "tries again" in detail
    # The failed upgrade changed nothing.
    db = Database(older)
    try:
        assert stored_revision(db) == OLDER
    finally:
        db.dispose()
    # The owner upgrades and grants again; then the PC opens it.
    owner = Database(owner_url)
    try:
        assert upgrade(owner) == (OLDER, head_revision())
    finally:
        owner.dispose()
    apply_grants(postgres_admin_url, str(make_url(owner_url).database))
    ctx = open_queue(settings, clock=clock)
    try:
        assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
    finally:
        ctx.db.dispose()


def test_a_database_never_initialised_is_the_owners_to_make(empty_db_url: str) -> None:
    with pytest.raises(OlderDatabase, match=r"schema none \(no tables yet\)"):
        open_queue(make_settings(as_role(empty_db_url, APP)))
