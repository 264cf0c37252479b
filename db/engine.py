"""Engine and sessions.

SQLite gets its pragmas on every new connection: WAL (readers never block the writer),
``busy_timeout`` (a locked database waits instead of failing at once), ``foreign_keys=ON``
and ``synchronous=FULL`` (an issued ticket survives a power cut once it was printed).

Write transactions on SQLite start with ``BEGIN IMMEDIATE``: the write lock is taken before
the first read, so two kiosks can never both read "last number 22" and then fight over the
upgrade to a write lock (a deadlock SQLite answers with SQLITE_BUSY at once, which no busy
timeout helps). Read sessions stay deferred and never block anyone.

PostgreSQL connections get bounds from ``settings.database`` (see
:class:`config.settings.DatabaseLimits`): a lock wait gives up after ``lock_timeout`` and
the change is retried; the server ends the unfinished change of a PC that stopped talking
(``idle_in_transaction_session_timeout``, TCP keepalives), which frees the queue's lock; a
change still busy after ``busy_limit_seconds`` is given up as :class:`DatabaseBusy`.
"""

from __future__ import annotations

import contextlib
import logging
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

from config.settings import DatabaseLimits
from db.changes import CHANNEL, change_of, track_changes, wake_folder, wake_watchers

# A write waits up to BUSY_TIMEOUT_MS for another program's lock, and the whole transaction
# is tried WRITE_ATTEMPTS times: about 15 s in all before the caller hears "busy".
BUSY_TIMEOUT_MS = 5_000
WRITE_ATTEMPTS = 3

T = TypeVar("T")
log = logging.getLogger(__name__)


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


def sqlite_pragmas() -> tuple[str, ...]:
    """Every SQLite connection: write-ahead log (readers never block the writer), wait for
    the write lock instead of failing at once, enforce foreign keys, and make each commit
    durable. Built when a connection is made, so the busy timeout is the one in force."""
    return (
        "PRAGMA journal_mode=WAL",
        f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
        "PRAGMA foreign_keys=ON",
        "PRAGMA synchronous=FULL",
    )


def apply_sqlite_pragmas(dbapi_connection: Any) -> None:
    """Set :func:`sqlite_pragmas` on a DB-API (``sqlite3``) connection."""
    cursor = dbapi_connection.cursor()
    for pragma in sqlite_pragmas():
        cursor.execute(pragma)
    cursor.close()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide how a transaction starts (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    apply_sqlite_pragmas(dbapi_connection)


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


def postgres_connect_args(limits: DatabaseLimits) -> dict[str, Any]:
    """libpq parameters that bound what a hung PC or a lost network costs the others."""

    def ms(seconds: float) -> int:
        return int(seconds * 1000)

    silent = limits.keepalive_idle_seconds + limits.keepalive_interval_seconds * (
        limits.keepalive_count
    )
    return {
        "connect_timeout": limits.connect_timeout_seconds,
        "keepalives": 1,
        "keepalives_idle": limits.keepalive_idle_seconds,
        "keepalives_interval": limits.keepalive_interval_seconds,
        "keepalives_count": limits.keepalive_count,
        # Unacknowledged data (a request sent to a server that vanished) gives up as soon.
        "tcp_user_timeout": silent * 1000,
        "options": (
            f"-c lock_timeout={ms(limits.lock_timeout_seconds)}"
            f" -c statement_timeout={ms(limits.statement_timeout_seconds)}"
            " -c idle_in_transaction_session_timeout="
            f"{ms(limits.idle_in_transaction_seconds)}"
        ),
    }


def make_engine(url: str, limits: DatabaseLimits | None = None, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A server that vanishes from the network (rather than refusing) must not leave a kiosk
    # saying "one moment" for minutes: give up connecting after a few seconds.
    connect_args = (
        postgres_connect_args(limits or DatabaseLimits()) if url.startswith("postgresql") else {}
    )
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


def lost_before_commit(exc: BaseException) -> bool:
    """The connection died (or the server ended the session) before the commit was sent:
    the server rolled the change back, so doing it again cannot double it."""
    if not isinstance(exc, DBAPIError):
        return False
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    return bool(exc.connection_invalidated) or code == "25P03" or code.startswith("08")


def is_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full"), PostgreSQL's disk_full (53100)."""
    orig = getattr(exc, "orig", None)
    return (
        getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or getattr(orig, "sqlstate", None) == "53100"
        or "database or disk is full" in str(orig or exc).lower()
    )


def _after_commit(session: Session) -> None:
    head = session.info.pop("audit_head", None)
    if head is not None:
        from db.ops.audit import remember_head

        try:
            remember_head(*head)
        except OSError as exc:  # the change is saved; only the local anchor is behind
            log.warning("cannot write the audit head file: %s", exc)


def _after_rollback(session: Session) -> None:
    session.info.pop("audit_head", None)


def _short(detail: str, limit: int = 300) -> str:
    """A database message cut to one readable line."""
    line = " ".join(detail.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class Database:
    """One engine and its session factories, made at start-up and passed in."""

    def __init__(
        self, url: str, limits: DatabaseLimits | None = None, **engine_kwargs: Any
    ) -> None:
        self.url = url
        self.limits = limits or DatabaseLimits()
        self.engine = make_engine(url, self.limits, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # SQLite: the watchers on this PC are woken after each commit (db/changes.py).
        self._wake = wake_folder(url) if self.is_sqlite else None
        # Called with a short text each time a change is retried because the database is
        # busy ("busy, retrying"), so a screen can say so; the log always hears of it.
        self.on_busy: Callable[[str], None] | None = None
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(loket_write=True), expire_on_commit=False
        )
        event.listen(self._write, "after_commit", _after_commit)
        event.listen(self._write, "after_rollback", _after_rollback)
        track_changes(self._write)

    def read(self) -> Session:
        """A session for reading (``with db.read() as s:``)."""
        return self._read()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction, committed on success and rolled back on any error."""
        with self._write.begin() as session:
            if not self.is_sqlite:
                self._queue_lock(session)
            yield session
            if not self.is_sqlite:
                # Watchers LISTEN on this channel; the notification leaves at commit and
                # says which kinds and business days this transaction wrote.
                session.execute(
                    text("SELECT pg_notify(:channel, :what)"),
                    {"channel": CHANNEL, "what": change_of(session).payload()},
                )
        self.wake_watchers()

    def wake_watchers(self) -> None:
        """SQLite: tell the watchers on this PC that a commit happened (db/changes.py)."""
        if self._wake is not None:
            wake_watchers(self._wake)

    @staticmethod
    def _queue_lock(session: Session) -> None:
        # One queue writer at a time, as on SQLite: event and ticket ids then commit in
        # increasing order, so a reader that asks for "events after id N" can never miss
        # one committed late. An office writes a few times a second at most; the lock is
        # held for milliseconds (and at most lock_timeout is waited for it).
        session.execute(text("SELECT pg_advisory_xact_lock(7110)"))

    def run_write(self, work: Callable[[Session], T], attempts: int | None = None) -> T:
        """Run ``work`` in a write transaction, retrying the whole transaction (bounded,
        with jittered back-off) when the database is locked or a serialization conflict
        occurs. Anything else, our typed queue errors included, propagates at once.

        On SQLite the transaction is tried ``attempts`` times (each waits up to
        BUSY_TIMEOUT_MS for the lock). On PostgreSQL each try waits at most the lock
        timeout, and tries go on until ``busy_limit_seconds`` would be passed; a change
        whose connection was lost before its commit (the server ended it) is tried again."""
        if attempts is None:
            attempts = WRITE_ATTEMPTS if self.is_sqlite else 1_000
        started = time.monotonic()
        reconnects = 0
        delay = 0.02
        for attempt in range(1, attempts + 1):
            committing = False
            try:
                with self._write() as session, session.begin():
                    if not self.is_sqlite:
                        self._queue_lock(session)
                    result = work(session)
                    if not self.is_sqlite:
                        # Watchers LISTEN on this channel; the notification leaves at commit
                        # and says which kinds and business days this transaction wrote.
                        session.execute(
                            text("SELECT pg_notify(:channel, :what)"),
                            {"channel": CHANNEL, "what": change_of(session).payload()},
                        )
                    committing = True
                self.wake_watchers()
                return result
            except (OperationalError, DBAPIError) as exc:
                detail = _short(str(getattr(exc, "orig", exc)))
                if is_full(exc):
                    raise DatabaseFull(detail) from exc
                lost = not committing and lost_before_commit(exc)
                if lost and reconnects < 2:
                    # This PC was away (hung, or its connection dropped), not kept waiting
                    # by another: a fresh connection gets a fresh busy limit.
                    reconnects += 1
                    started = time.monotonic()
                elif not is_transient(exc):
                    raise
                if attempt == attempts or not self._time_left(started):
                    raise DatabaseBusy(detail) from exc
                message = f"queue database busy, retrying (try {attempt + 1}): {detail}"
                log.warning(message)
                if self.on_busy is not None:
                    self.on_busy(message)
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def _time_left(self, started: float) -> bool:
        """Is there time for one more try (one more full lock wait) within the busy limit?"""
        if self.is_sqlite:
            return True
        elapsed = time.monotonic() - started
        return elapsed + self.limits.lock_timeout_seconds <= self.limits.busy_limit_seconds

    def dispose(self) -> None:
        self.engine.dispose()
