"""Noticing that another program changed the queue, without re-reading everything.

SQLite: ``PRAGMA data_version`` on a dedicated connection, read outside any transaction,
changes whenever another connection commits to the file; reading it is a few microseconds
and takes no lock, so a watcher may poll it often. (Commits made on the watcher's own
connection do not change it; the watcher never writes.) PostgreSQL gets LISTEN/NOTIFY in
its own module."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
