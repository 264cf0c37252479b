"""Creating and upgrading the database with Alembic, and opening it for an app.

Starting any app on an older database upgrades it; a database made by a newer Loket is
refused with a message saying so (the app would not understand its tables)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from config.settings import Settings
from db.clock import Clock, SystemClock
from db.context import Actor, QueueContext
from db.engine import Database, DatabaseUnavailable
from db.io.office_keys import office_key
from db.ops.counters import sync_counters
from db.ops.privacy import purge_personal_data

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration (tests/test_engine.py checks it is Alembic's head). An app starting on
# a current database reads its version and goes on: Alembic is only loaded to upgrade.
SCHEMA_HEAD = "0009_officer_kiosk_pin"


class SchemaError(Exception):
    """The database cannot be used by this version of Loket."""


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def stored_revision(db: Database) -> str | None:
    """The schema revision recorded in the database, by one plain read of Alembic's table
    (None: no table, or no row: an empty database)."""
    # A database that cannot be reached fails here, as itself; only a missing table below
    # means "empty".
    with db.engine.connect() as connection:
        try:
            value = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError:
            return None
    return None if value is None else str(value)


def check_sqlite_folder(db: Database) -> None:
    """A SQLite file in a folder that does not exist: ``SchemaError`` naming the folder
    (SQLite itself only says "unable to open database file")."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    if url.database.startswith("file:"):
        return  # a SQLite URI: SQLite decides
    folder = Path(url.database).expanduser().absolute().parent
    if not folder.is_dir():
        raise SchemaError(
            f"The database folder {folder} does not exist: create it, or change "
            f"database_url (or LOKET_DATABASE_URL)."
        )


# pg_advisory_xact_lock key of schema changes ("LOKETMIG" in ASCII, as a signed 64-bit int).
MIGRATION_LOCK = 0x4C4F4B45544D4947


class NewerDatabase(SchemaError):
    """The database was made by a newer Loket: this PC must be updated, not the database."""

    def __init__(self, where: str, found: str, known: str) -> None:
        super().__init__(
            f"The database at {where} was made by a newer version of Loket (schema {found}; "
            f"this PC knows up to {known}); update Loket on this PC."
        )
        self.found = found
        self.known = known


class OlderDatabase(SchemaError):
    """The database's schema is older than this Loket and this PC's role may not change it
    (on PostgreSQL the PCs' role has no schema rights): the owner must upgrade it; until
    then the app waits, as for a newer database."""

    def __init__(self, where: str, found: str | None, known: str, role: str) -> None:
        super().__init__(
            f"The database at {where} has schema {found or 'none (no tables yet)'}, older than "
            f"this PC's Loket ({known}), and its role {role} may not change the schema: "
            "upgrade it once as the owner (`loket-db upgrade` with the owner's URL), then run "
            "deploy/postgres-setup.sh again to grant the roles their rights on any new table."
        )
        self.found = found
        self.known = known
        self.role = role


# PostgreSQL's insufficient_privilege.
NO_PRIVILEGE = "42501"


class DatabaseAway(SchemaError):
    """The database could not be opened (server away, connection refused): it may come
    back, so an app waits for it rather than exiting."""


def upgrade(db: Database) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after).

    Any number of PCs may start at once: the whole check-and-upgrade runs under one
    database-wide lock (PostgreSQL: a transaction advisory lock; SQLite: the write lock,
    ``BEGIN IMMEDIATE``), and the revision is read again once the lock is held, so the
    first PC upgrades and the others find the schema current.

    A role that may not change the schema (the PCs' role on PostgreSQL) gets
    :class:`OlderDatabase` and changes nothing: the upgrade is one transaction."""
    check_sqlite_folder(db)
    if stored_revision(db) == SCHEMA_HEAD:
        return SCHEMA_HEAD, SCHEMA_HEAD  # current: nothing to lock, nothing to load
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    known = {s.revision for s in ScriptDirectory.from_config(alembic_config(db)).walk_revisions()}
    head = head_revision()
    config = alembic_config(db)
    before: str | None = None
    connection = db.engine.connect().execution_options(loket_write=True)
    try:
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            before = MigrationContext.configure(connection).get_current_revision()
            if before is not None and before not in known:
                where = db.engine.url.render_as_string(hide_password=True)
                raise NewerDatabase(where, before, head)
            if before != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != NO_PRIVILEGE:
            raise
        url = db.engine.url
        where = url.render_as_string(hide_password=True)
        raise OlderDatabase(where, before, head, url.username or "this PC's role") from None
    finally:
        connection.close()
    return before, head


def open_queue(
    settings: Settings,
    *,
    clock: Clock | None = None,
    upgrade_schema: bool = True,
    read_only: bool = False,
) -> QueueContext:
    """The queue for an app: the database opened, upgraded if older, counters synced.

    ``read_only``: for a command that only looks (status, the audit check): nothing is
    written on opening, so it never waits for, nor holds, the write lock."""
    db = Database(settings.database_url, settings.database)
    try:
        check_sqlite_folder(db)
        if read_only:
            if stored_revision(db) != SCHEMA_HEAD:
                raise SchemaError("The database schema is not up to date: run `loket-db upgrade`.")
            return QueueContext(db, settings, clock or SystemClock())
        if upgrade_schema:
            upgrade(db)
        elif stored_revision(db) != SCHEMA_HEAD:
            raise SchemaError("The database schema is not up to date: run `loket-db upgrade`.")
        ctx = QueueContext(db, settings, clock or SystemClock())
        # This PC's key files (db/io/office_keys.py) exist from the first start on.
        office_key("audit")
        office_key("nik")
        ctx.db.run_write(lambda session: sync_counters(session, ctx))
        # Personal data past its retention period goes when any app starts.
        purge_personal_data(ctx, Actor.system("loket"))
    except SchemaError:
        db.dispose()
        raise
    except (SQLAlchemyError, DatabaseUnavailable) as exc:
        db.dispose()
        raise DatabaseAway(
            f"Cannot open the database {db.engine.url.render_as_string(hide_password=True)}: "
            f"{getattr(exc, 'orig', exc)}"
        ) from None
    return ctx
