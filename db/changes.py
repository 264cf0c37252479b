"""Noticing that another program changed the queue, and what it changed.

SQLite: ``PRAGMA data_version`` on a dedicated connection, read outside any transaction,
changes whenever another connection commits to the file; reading it is a few microseconds
and takes no lock, so a watcher may poll it often. (Commits made on the watcher's own
connection do not change it; the watcher never writes.) It says *that* something changed,
never what: a SQLite change is :data:`EVERYTHING` (kinds unknown, so every screen
refreshes all it shows).

PostgreSQL gets LISTEN/NOTIFY in ``PostgresChangeListener``: every write transaction
sends ``NOTIFY loket_queue`` (``db.engine.Database.write``), delivered at commit, with a
JSON payload saying what the transaction wrote: ``{"days": ["2026-12-02"], "kinds":
["calls", "tickets"]}`` (:class:`Change`). The kinds come from the rows the transaction
flushed and the tables its bulk statements named (:func:`track_changes`); a statement
whose table cannot be told (raw SQL) makes the kinds unknown. The listener holds one
dedicated connection whose socket a Qt notifier watches."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import itertools
import json
import logging
import os
import socket
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.util import identity_key

KINDS = (
    "tickets",
    "calls",
    "counters",
    "officers",
    "devices",
    "feedback",
    "bookings",
    "audit",
    "days",
)

KIND_OF_TABLE = {
    "tickets": "tickets",
    "number_series": "tickets",
    "quota_overrides": "tickets",
    "quota_counters": "tickets",
    "print_jobs": "tickets",
    "ticket_events": "tickets",  # "calls" when the event is a call or a recall
    "counters": "counters",
    "officers": "officers",
    "kiosk_heartbeats": "devices",
    "complaints": "feedback",
    "survey_responses": "feedback",
    "bookings": "bookings",
    "audit_log": "audit",
    # A supervisor's changes to a day: walk-in, closed, services, counters' services.
    "day_overrides": "days",
}
CALL_EVENTS = frozenset({"called", "recalled"})
# Tables whose rows belong to one business day (a ticket's events and print jobs follow
# their ticket); a bulk statement on one of them that names no day may touch any day.
DAY_TABLES = frozenset(
    {
        "tickets",
        "number_series",
        "quota_overrides",
        "quota_counters",
        "complaints",
        "survey_responses",
        "day_overrides",
    }
)


@dataclass(frozen=True)
class Change:
    """What one or more committed transactions changed: the business days of the
    day-scoped rows written (tickets, quotas, feedback; empty when none was) and the kinds.
    ``None`` means unknown: any business day, any kind (a screen then refreshes everything
    it shows)."""

    days: frozenset[dt.date] | None = None
    kinds: frozenset[str] | None = None

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether a screen showing ``kinds`` must refresh."""
        return self.kinds is None or not self.kinds.isdisjoint(kinds)

    def touches_day(self, day: dt.date) -> bool:
        return self.days is None or day in self.days

    def merge(self, other: Change) -> Change:
        days = None if self.days is None or other.days is None else self.days | other.days
        kinds = None if self.kinds is None or other.kinds is None else self.kinds | other.kinds
        return Change(days, kinds)

    def payload(self) -> str:
        return json.dumps(
            {
                "days": None if self.days is None else sorted(d.isoformat() for d in self.days),
                "kinds": None if self.kinds is None else sorted(self.kinds),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_payload(cls, payload: str) -> Change:
        """A notification's payload; an empty or unreadable one is :data:`EVERYTHING`."""
        try:
            data = json.loads(payload)
            days = data.get("days")
            kinds = data.get("kinds")
            return cls(
                None if days is None else frozenset(dt.date.fromisoformat(d) for d in days),
                None if kinds is None else frozenset(str(k) for k in kinds),
            )
        except (ValueError, TypeError, AttributeError):
            return EVERYTHING


EVERYTHING = Change()
NOTHING = Change(frozenset(), frozenset())

_KEY = "loket_change"


def track_changes(factory: sessionmaker[Session]) -> None:
    """Record, in each write session of ``factory``, which kinds and business days its
    flushes and bulk statements touch (read back with :func:`change_of`)."""

    @event.listens_for(factory, "before_flush")
    def _flushing(session: Session, _context: Any, _instances: Any) -> None:
        _note_objects(session)

    @event.listens_for(factory, "do_orm_execute")
    def _executing(state: ORMExecuteState) -> None:
        if state.is_select:
            return
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if name is None:
            if str(state.statement).lstrip().upper().startswith("SELECT"):
                return  # locks and notifications
            _record(state.session, EVERYTHING)
        else:
            kind = KIND_OF_TABLE.get(name, name)
            days = _statement_days(state) if name in DAY_TABLES else frozenset()
            _record(state.session, Change(days, frozenset({kind})))


def _statement_days(state: ORMExecuteState) -> frozenset[dt.date] | None:
    """The business days a bulk statement names in its values or conditions (None: it
    names none, so it may touch any day)."""
    try:
        dialect = state.session.get_bind().dialect
        statement: Any = state.statement  # an INSERT / UPDATE / DELETE here
        params: dict[str, Any] = dict(statement.compile(dialect=dialect).params)
    except Exception:  # a statement that cannot be compiled alone: day unknown
        return None
    if isinstance(state.parameters, dict):
        params.update(state.parameters)
    days = {v for k, v in params.items() if k.startswith("business_day") and isinstance(v, dt.date)}
    if not days and state.bind_mapper is not None:
        # "WHERE id = :id_1" on a row this session holds: that row's day.
        ids = [v for k, v in params.items() if k == "id" or k.startswith("id_")]
        for ident in ids:
            held = state.session.identity_map.get(identity_key(state.bind_mapper.class_, ident))
            day = getattr(held, "business_day", None)
            if not isinstance(day, dt.date):
                return None
            days.add(day)
    return frozenset(days) or None


def change_of(session: Session) -> Change:
    """What ``session`` has written so far (flushed or still pending)."""
    _note_objects(session)
    change = session.info.get(_KEY, NOTHING)
    assert isinstance(change, Change)
    return change


def note_change(session: Session, change: Change) -> None:
    """Record what a statement run on the session's connection (SQLAlchemy Core, which the
    session's events do not see) wrote: the hot transactions (issuing, calling) say it
    themselves."""
    _record(session, change)


def _record(session: Session, change: Change) -> None:
    session.info[_KEY] = session.info.get(_KEY, NOTHING).merge(change)


def _note_objects(session: Session) -> None:
    kinds: set[str] = set()
    days: set[dt.date] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table is None:
            continue
        kind = KIND_OF_TABLE.get(table, table)
        if table == "ticket_events" and str(getattr(obj, "kind", "")) in CALL_EVENTS:
            kind = "calls"
        kinds.add(kind)
        day = getattr(obj, "business_day", None)
        if isinstance(day, dt.date):
            days.add(day)
    if kinds:
        _record(session, Change(frozenset(days), frozenset(kinds)))


class SqliteChangeProbe:
    """``changed()`` is True once after every commit by any other connection."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if not parsed.drivername.startswith("sqlite") or not parsed.database:
            raise ValueError(f"not a SQLite file URL: {url}")
        self.path = Path(parsed.database)
        self._conn = sqlite3.connect(
            f"file:{self.path}?mode=rw", uri=True, isolation_level=None, check_same_thread=False
        )
        self._last = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        version = self._version()
        if version != self._last:
            self._last = version
            return True
        return False

    def close(self) -> None:
        self._conn.close()


# --- SQLite: a writer wakes the watchers on the same PC --------------------------------------
#
# ``data_version`` is polled (every 200 ms in the apps); a call should reach the display on
# the same PC sooner. Each watcher binds a Unix datagram socket in a folder next to the
# database file (``.<file name>.wake``); every write transaction, once committed, sends one
# byte to each socket there. A lost datagram or a full socket costs only time: the poll
# still notices the commit. Sockets left by a program that died are removed by the next
# writer that finds nobody listening.

log = logging.getLogger(__name__)
_names = itertools.count()


def wake_folder(url: str) -> Path | None:
    """The folder of a SQLite file's wake-up sockets (None: not a SQLite file)."""
    parsed = make_url(url)
    database = parsed.database
    if not parsed.drivername.startswith("sqlite") or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database).absolute()
    return path.with_name(f".{path.name}.wake")


def wake_watchers(folder: Path) -> int:
    """Wake every watcher listening in ``folder``; returns how many were sent a datagram.
    Never raises and never blocks: a notification is only a hint."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0  # nobody has ever listened here
    sent = 0
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.setblocking(False)
        for entry in entries:
            if not entry.name.endswith(".sock"):
                continue
            try:
                sock.sendto(b"!", entry.path)
                sent += 1
            except ConnectionRefusedError:  # its program is gone
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.ENOBUFS, errno.ENOENT, errno.EACCES):
                    log.debug("cannot wake %s: %s", entry.path, exc)
    return sent


class WakeSocket:
    """A watcher's end: a datagram socket in the wake folder; readable when a writer on this
    PC committed. ``open`` returns None when one cannot be made (the poll then does)."""

    def __init__(self, sock: socket.socket, path: Path) -> None:
        self._sock = sock
        self.path = path

    @classmethod
    def open(cls, url: str) -> WakeSocket | None:
        folder = wake_folder(url)
        if folder is None:
            return None
        path = folder / f"{os.getpid()}-{next(_names)}.sock"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            # The database's folder is shared by the office's programs (setgid group):
            # the wake folder and its sockets are the group's too.
            folder.mkdir(mode=0o770, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            sock.bind(str(path))
            os.chmod(path, 0o660)
            sock.setblocking(False)
        except OSError as exc:  # a read-only folder, or a path too long for a socket
            sock.close()
            log.info("no wake-up socket for %s (%s): polling only", url, exc)
            return None
        return cls(sock, path)

    def fileno(self) -> int:
        return self._sock.fileno()

    def drain(self) -> bool:
        """Read every datagram waiting; True if there was one."""
        woken = False
        while True:
            try:
                self._sock.recv(64)
            except (BlockingIOError, InterruptedError):
                return woken
            except OSError:
                return woken
            woken = True

    def close(self) -> None:
        self._sock.close()
        with contextlib.suppress(OSError):
            self.path.unlink()

    def __del__(self) -> None:
        # A watcher dropped without stop() (an app killed half-way) still closes its end.
        with contextlib.suppress(Exception):
            self.close()


CHANNEL = "loket_queue"


class PostgresChangeListener:
    """LISTEN on a dedicated connection. ``fileno()`` becomes readable when a notification
    (or a connection loss) arrives; ``drain()`` then says whether anything changed and
    raises ``ConnectionError`` when the server went away (reconnect with ``connect()``)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if not parsed.drivername.startswith("postgresql"):
            raise ValueError(f"not a PostgreSQL URL: {url}")
        self._dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn: Any = None

    def connect(self, timeout: float = 5.0) -> None:
        import psycopg

        self.close()
        try:
            self._conn = psycopg.connect(
                self._dsn, autocommit=True, connect_timeout=max(2, round(timeout))
            )
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            self._conn = None
            raise ConnectionError(str(exc)) from None

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def fileno(self) -> int:
        if self._conn is None:
            raise ConnectionError("not connected")
        return int(self._conn.pgconn.socket)

    def drain(self) -> Change | None:
        """What the notifications received since the last call say changed (None when
        none arrived)."""
        import psycopg

        if self._conn is None:
            raise ConnectionError("not connected")
        pgconn = self._conn.pgconn
        try:
            pgconn.consume_input()
        except psycopg.Error as exc:
            self.close()
            raise ConnectionError(str(exc)) from None
        got: Change | None = None
        while (note := pgconn.notifies()) is not None:
            change = Change.from_payload(bytes(note.extra).decode(errors="replace"))
            got = change if got is None else got.merge(change)
        if pgconn.status != 0:  # CONNECTION_OK
            self.close()
            raise ConnectionError("connection to the database server was lost")
        return got

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
