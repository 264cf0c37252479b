"""Engine and sessions.

SQLite gets its pragmas on every new connection: WAL (readers never block the writer),
``busy_timeout`` (a locked database waits instead of failing at once), ``foreign_keys=ON``
and ``synchronous=FULL`` (an issued ticket survives a power cut once it was printed).

Write transactions on SQLite start with ``BEGIN IMMEDIATE``: the write lock is taken before
the first read, so two kiosks can never both read "last number 22" and then fight over the
upgrade to a write lock (a deadlock SQLite answers with SQLITE_BUSY at once, which no busy
timeout helps). Read sessions stay deferred and never block anyone.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

# A write waits up to BUSY_TIMEOUT_MS for another program's lock, and the whole transaction
# is tried WRITE_ATTEMPTS times: about 15 s in all before the caller hears "busy".
BUSY_TIMEOUT_MS = 5_000
WRITE_ATTEMPTS = 3

T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The queue database cannot take this change now (busy or full); nothing was saved."""


class DatabaseBusy(DatabaseUnavailable):
    """The database stayed locked by another program beyond the bounded retries."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The queue database is busy (locked by another program); please try again. ({detail})"
        )


class DatabaseFull(DatabaseUnavailable):
    """The database cannot grow: the disk is full (or the file reached its size limit)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The queue database is full: the disk of this PC has no space left. Nothing was "
            "saved for this step; tickets issued before are safe. Free disk space (or call "
            f"the administrator), then try again. ({detail})"
        )


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide how a transaction starts (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    if conn.get_execution_options().get("loket_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def sqlite_file_mode(folder: Path) -> int:
    """Permissions of a new database file: its owner only (it holds personal data), or its
    owner and the folder's group when the folder is shared (setgid, as ``/var/lib/loket``
    owned by the ``loket`` group, mode 2770: a kiosk running as ``loket`` and a console
    started by an officer's desktop account then use the same file)."""
    return 0o660 if folder.stat().st_mode & stat.S_ISGID else 0o600


def _private_sqlite_file(url: str) -> None:
    """Create the database file with :func:`sqlite_file_mode`; SQLite gives its -wal and
    -shm files the same permissions."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists() and path.parent.is_dir():
        mode = sqlite_file_mode(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, mode)
        try:
            os.fchmod(fd, mode)  # the umask must not take the group's rights away
        finally:
            os.close(fd)


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A server that vanishes from the network (rather than refusing) must not leave a kiosk
    # saying "one moment" for minutes: give up connecting after a few seconds.
    connect_args = {"connect_timeout": 5} if url.startswith("postgresql") else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def is_transient(exc: BaseException) -> bool:
    """A lock or serialization conflict that a retry of the whole transaction can resolve."""
    if not isinstance(exc, OperationalError | DBAPIError):
        return False
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return (
        "database is locked" in text
        or "database table is locked" in text
        or "busy" in text
        or code in ("40001", "40P01", "55P03")
    )


def is_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full"), PostgreSQL's disk_full (53100)."""
    orig = getattr(exc, "orig", None)
    return (
        getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or getattr(orig, "sqlstate", None) == "53100"
        or "database or disk is full" in str(orig or exc).lower()
    )


class Database:
    """One engine and its session factories, made at start-up and passed in."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(loket_write=True), expire_on_commit=False
        )

    def read(self) -> Session:
        """A session for reading (``with db.read() as s:``)."""
        return self._read()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed on success and rolled back on any error."""
        with self._write.begin() as session:
            if not self.is_sqlite:
                # One queue writer at a time, as on SQLite: event and ticket ids then
                # commit in increasing order, so a reader that asks for "events after id N"
                # can never miss one committed late. An office writes a few times a
                # second at most; the lock is held for milliseconds.
                session.execute(text("SELECT pg_advisory_xact_lock(7110)"))
            yield session
            if not self.is_sqlite:
                # Watchers LISTEN on this channel; the notification leaves at commit.
                session.execute(text("SELECT pg_notify('loket_queue', '')"))

    def run_write(self, work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
        """Run ``work`` in a write transaction, retrying the whole transaction (bounded,
        with jittered back-off) when the database is locked or a serialization conflict
        occurs. Anything else, our typed queue errors included, propagates at once."""
        delay = 0.02
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except (OperationalError, DBAPIError) as exc:
                if is_full(exc):
                    raise DatabaseFull(str(getattr(exc, "orig", exc))) from exc
                if not is_transient(exc):
                    raise
                if attempt == attempts:
                    raise DatabaseBusy(str(getattr(exc, "orig", exc))) from exc
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def dispose(self) -> None:
        self.engine.dispose()
