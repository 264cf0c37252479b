"""Backing up and restoring the queue database.

SQLite: the online backup API copies a consistent snapshot while kiosks keep working;
the copy is checked (``integrity_check``) and made readable by its owner only, since it
holds personal data. PostgreSQL: ``pg_dump`` in its custom format and ``pg_restore``.
A restore replaces the whole database: stop the apps first."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

TIMEOUT_S = 600


class BackupError(Exception):
    """A backup or restore that did not happen; the message says why."""


def _sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if not parsed.database:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(parsed.database)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _private(path: Path) -> None:
    os.chmod(path, 0o600)


def _check_sqlite_file(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database ({exc})") from None
    if ok != "ok":
        raise BackupError(f"{path} is damaged: {ok}")
    if not {"alembic_version", "tickets"} <= tables:
        raise BackupError(f"{path} is not a Loket queue database")


def backup(url: str, dest: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the database to ``dest`` (which must not exist)."""
    target = Path(dest)
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist")
    if url.startswith("sqlite"):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"database file {source} does not exist")
        src = sqlite3.connect(source)
        target.touch(mode=0o600)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        _check_sqlite_file(target)
    else:
        result = subprocess.run(
            [_tool("pg_dump"), "--format=custom", f"--file={target}", _libpq_url(url)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
        if result.returncode != 0:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    _private(target)
    return target


def restore(url: str, src: str | os.PathLike[str]) -> None:
    """Replace the database's contents with a backup made by ``backup``."""
    source = Path(src)
    if not source.is_file():
        raise BackupError(f"backup file {source} does not exist")
    if url.startswith("sqlite"):
        _check_sqlite_file(source)
        target = _sqlite_path(url)
        backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(target, timeout=30)
        try:
            backup_conn.backup(live)
        finally:
            live.close()
            backup_conn.close()
        _private(target)
        return
    result = subprocess.run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            f"--dbname={_libpq_url(url)}",
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
