"""Noticing that another program changed the queue, without re-reading everything.

SQLite: ``PRAGMA data_version`` on a dedicated connection, read outside any transaction,
changes whenever another connection commits to the file; reading it is a few microseconds
and takes no lock, so a watcher may poll it often. (Commits made on the watcher's own
connection do not change it; the watcher never writes.) PostgreSQL gets LISTEN/NOTIFY in
``PostgresChangeListener``: every write transaction
sends ``NOTIFY loket_queue`` (``db.engine.Database.write``), delivered at commit; the
listener holds one dedicated connection whose socket a Qt notifier watches."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url


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
            self._conn = psycopg.connect(self._dsn, autocommit=True, connect_timeout=timeout)
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

    def drain(self) -> bool:
        import psycopg

        if self._conn is None:
            raise ConnectionError("not connected")
        pgconn = self._conn.pgconn
        try:
            pgconn.consume_input()
        except psycopg.Error as exc:
            self.close()
            raise ConnectionError(str(exc)) from None
        got = False
        while pgconn.notifies() is not None:
            got = True
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
