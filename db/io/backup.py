"""Backing up and restoring the queue database.

SQLite: the online backup API copies a consistent snapshot while kiosks keep working;
the copy is checked (``integrity_check``) and made readable by its owner only, since it
holds personal data. PostgreSQL: ``pg_dump`` in its custom format and ``pg_restore``.
A restore replaces the whole database: stop the apps first.

Before a restore touches the live database the backup is checked (integrity, a schema this
version of Loket knows, this office's code) and a safety copy of the live database is
written next to it (SQLite) or into the data folder (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass
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


def _libpq(url: str) -> tuple[str, dict[str, str], Path | None]:
    """The connection for ``pg_dump`` / ``pg_restore`` without its password, the environment
    that carries the password instead, and the temporary password file to delete after.

    A password on a command line is visible to every user in ``ps``; it goes into a 0600
    password file named by ``PGPASSFILE`` instead (a ``passfile`` the URL already names, or
    the user's ``~/.pgpass``, keeps working as libpq reads it)."""
    parsed = make_url(url).set(drivername="postgresql")
    env = dict(os.environ)
    passfile: Path | None = None
    if parsed.password:
        fd, name = tempfile.mkstemp(prefix="loket-pgpass-")
        passfile = Path(name)
        host = parsed.host or "*"
        port = str(parsed.port or "*")
        fields = [host, port, parsed.database or "*", parsed.username or "*", parsed.password]
        line = ":".join(f.replace("\\", "\\\\").replace(":", "\\:") for f in fields)
        with os.fdopen(fd, "w") as f:
            f.write(line + "\n")
        env["PGPASSFILE"] = name
        parsed = parsed._replace(password=None)
    return parsed.render_as_string(hide_password=False), env, passfile


def _run_libpq(tool: str, url: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    conninfo, env, passfile = _libpq(url)
    try:
        return subprocess.run(
            [_tool(tool), *[a.replace("{conninfo}", conninfo) for a in args]],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            env=env,
        )
    finally:
        if passfile is not None:
            passfile.unlink(missing_ok=True)


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
        # Written beside the target under another name and renamed when complete and
        # checked: a backup that stops half-way never looks like a backup.
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)
        src = sqlite3.connect(source)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # The copy is a single file: no -wal / -shm beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        try:
            _check_sqlite_file(partial)
        except BackupError:
            partial.unlink(missing_ok=True)
            raise
        _private(partial)
        os.replace(partial, target)
    else:
        partial = target.with_name(f".{target.name}.partial")
        result = _run_libpq("pg_dump", url, ["--format=custom", f"--file={partial}", "{conninfo}"])
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        _private(partial)
        os.replace(partial, target)
    return target


def _known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    migrations = Path(__file__).resolve().parents[1] / "migrations"
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return {r.revision for r in ScriptDirectory.from_config(config).walk_revisions()}


def _check_revision(source: Path, revision: str | None) -> None:
    if revision is None:
        raise BackupError(f"{source} has no schema version: it is not a Loket backup")
    if revision not in _known_revisions():
        raise BackupError(
            f"{source} was made by a newer version of Loket (schema {revision}): update "
            "Loket on this PC before restoring it. The live database was not touched."
        )


def _check_sqlite_backup(source: Path, office_code: str | None) -> None:
    _check_sqlite_file(source)
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        offices = {r[0] for r in conn.execute("SELECT DISTINCT office_code FROM bookings")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} is not a usable Loket backup ({exc})") from None
    finally:
        conn.close()
    _check_revision(source, row[0] if row else None)
    if office_code is not None and offices - {office_code}:
        raise BackupError(
            f"{source} holds the bookings of office {', '.join(sorted(offices))}, not "
            f"{office_code}: it is another office's backup. The live database was not touched."
        )


def _postgres_revision(source: Path) -> str | None:
    result = subprocess.run(
        [_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(source)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    if result.returncode != 0:
        raise BackupError(f"{source} is not a usable pg_dump backup: {result.stderr.strip()}")
    lines = result.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and i + 1 < len(lines):
            value = lines[i + 1].strip()
            return None if value == "\\." else value
    return None


def safety_copy_path(url: str, folder: Path | None = None) -> Path:
    """Where the live database is copied before a restore."""
    stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 1_000_000:06d}"
    if url.startswith("sqlite"):
        live = _sqlite_path(url)
        return (folder or live.parent) / f"{live.stem}.before-restore-{stamp}{live.suffix}"
    from config.loader import data_dir

    return (folder or data_dir()) / f"loket.before-restore-{stamp}.dump"


def restore(url: str, src: str | os.PathLike[str], office_code: str | None = None) -> Path | None:
    """Replace the database's contents with a backup made by ``backup``.

    The backup is checked first; then the live database is copied (the path is returned;
    None when there was no live database yet); only then is it replaced."""
    source = Path(src)
    if not source.is_file():
        raise BackupError(f"backup file {source} does not exist")
    if url.startswith("sqlite"):
        _check_sqlite_backup(source, office_code)
        target = _sqlite_path(url)
        safety = None
        if target.exists():
            safety = backup(url, safety_copy_path(url))
        backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(target, timeout=30)
        try:
            backup_conn.backup(live)
        finally:
            live.close()
            backup_conn.close()
        _private(target)
        return safety
    _check_revision(source, _postgres_revision(source))
    safety = backup(url, safety_copy_path(url))
    # One transaction: a restore that fails half-way (a role that may not replace the
    # tables, a damaged file) leaves the live database as it was, never a mix of both.
    result = _run_libpq(
        "pg_restore",
        url,
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname={conninfo}",
            str(source),
        ],
    )
    if result.returncode != 0:
        error = result.stderr.strip()
        if "must be owner" in error or "permission denied" in error:
            raise BackupError(
                "this database role may not replace the database, which was left as it was: "
                "run the restore with the owner's URL (LOKET_DATABASE_URL=... loket-db "
                f"restore FILE --yes). ({error.splitlines()[0]})"
            )
        raise BackupError(
            f"pg_restore failed: {error}; the live database was left as it was (a copy of "
            f"it is in {safety})"
        )
    return safety


BACKUP_PREFIX = "loket-"
BACKUP_SUFFIX = ".backup"


def backup_name(at: dt.datetime) -> str:
    """``loket-YYYYMMDD-HHMMSS.backup``: sorts by time, unique to the second."""
    return f"{BACKUP_PREFIX}{at:%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"


def backup_into(url: str, folder: str | os.PathLike[str], at: dt.datetime) -> Path:
    """A backup in ``folder`` under :func:`backup_name`; a second one in the same second
    gets ``-2``, ``-3``... rather than failing."""
    where = Path(folder)
    name = backup_name(at)
    target = where / name
    n = 1
    while target.exists():
        n += 1
        target = where / name.replace(BACKUP_SUFFIX, f"-{n}{BACKUP_SUFFIX}")
    return backup(url, target)


def prune_backups(folder: str | os.PathLike[str], keep_days: int, now: dt.datetime) -> list[Path]:
    """Delete the backups older than ``keep_days`` (and any file a backup left beside
    them: a -wal / -shm or an unfinished ``.partial``); returns what was deleted."""
    cutoff = now.timestamp() - keep_days * 86400
    gone = []
    for path in Path(folder).iterdir():
        name = path.name.lstrip(".")
        if not (name.startswith(BACKUP_PREFIX) and path.is_file()):
            continue
        if path.stat().st_mtime < cutoff:
            path.unlink()
            gone.append(path)
    return sorted(gone)


# The tables a restore check counts, in the order it reports them.
CHECKED_TABLES = ("tickets", "ticket_events", "bookings", "audit_log", "complaints")


@dataclass(frozen=True)
class BackupCheck:
    """What a backup holds, read from a throwaway restore of it."""

    file: Path
    revision: str
    counts: dict[str, int]
    newest_day: dt.date | None

    def summary(self) -> str:
        counts = ", ".join(f"{n} {table}" for table, n in self.counts.items())
        newest = self.newest_day.isoformat() if self.newest_day else "none"
        return f"{self.file}: schema {self.revision}; {counts}; newest business day {newest}"


def _count(url: str) -> tuple[dict[str, int], dt.date | None]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            counts = {
                table: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in CHECKED_TABLES
            }
            newest = conn.execute(text("SELECT max(business_day) FROM tickets")).scalar()
    finally:
        engine.dispose()
    if isinstance(newest, str):  # SQLite keeps dates as text
        newest = dt.date.fromisoformat(newest)
    return counts, newest


def check_backup(
    url: str, src: str | os.PathLike[str], office_code: str | None = None
) -> BackupCheck:
    """Restore ``src`` into a throwaway database (a temporary file, or a temporary database on
    the same PostgreSQL server) and count what it holds; the live database is not touched.
    Raises ``BackupError`` when the backup could not be restored."""
    source = Path(src)
    if not source.is_file():
        raise BackupError(f"backup file {source} does not exist")
    if not url.startswith("postgresql"):
        _check_sqlite_backup(source, office_code)
        with tempfile.TemporaryDirectory(prefix="loket-restore-check-") as folder:
            copy = Path(folder) / "check.sqlite3"
            backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            scratch = sqlite3.connect(copy)
            try:
                backup_conn.backup(scratch)
            finally:
                scratch.close()
                backup_conn.close()
            revision = _sqlite_revision(copy)
            counts, newest = _count(f"sqlite:///{copy}")
        return BackupCheck(source, revision, counts, newest)
    found = _postgres_revision(source)
    _check_revision(source, found)
    revision = found or ""
    scratch_url = _create_scratch_database(url)
    try:
        result = _run_libpq(
            "pg_restore", scratch_url, ["--no-owner", "--dbname={conninfo}", str(source)]
        )
        if result.returncode != 0:
            raise BackupError(f"{source} could not be restored: {result.stderr.strip()}")
        counts, newest = _count(scratch_url)
    finally:
        _drop_scratch_database(url, scratch_url)
    return BackupCheck(source, revision, counts, newest)


def _sqlite_revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    return str(row[0])


def _maintenance(url: str) -> tuple[str, str]:
    """A psycopg connection string to the server's ``postgres`` database (password
    included: it is never shown) and the name of a new scratch database."""
    parsed = make_url(url)
    scratch = f"loket_restore_check_{os.getpid()}_{time.time_ns() % 1_000_000}"
    base = parsed.set(drivername="postgresql", database="postgres")
    return base.render_as_string(hide_password=False), scratch


def _create_scratch_database(url: str) -> str:
    import psycopg

    admin, scratch = _maintenance(url)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{scratch}"')
    except psycopg.errors.InsufficientPrivilege:
        raise BackupError(
            "this database role may not create a database for the check: run it with the "
            "owner's URL (LOKET_DATABASE_URL=... loket-db restore --check FILE)"
        ) from None
    except psycopg.Error as exc:
        raise BackupError(f"no scratch database for the check: {exc}") from None
    return make_url(url).set(database=scratch).render_as_string(hide_password=False)


def _drop_scratch_database(url: str, scratch_url: str) -> None:
    import psycopg

    admin, _ = _maintenance(url)
    name = make_url(scratch_url).database
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_backup(path: Path, destination: str) -> Path | str:
    """Copy a finished backup to a second place: a folder (another disk, a mounted share)
    or an rsync target ``host:folder``. The copy is written under a temporary name and
    renamed when complete. Raises ``BackupError`` when it could not be made."""
    if ":" in destination and not destination.startswith("/"):
        try:
            result = subprocess.run(
                ["rsync", "--times", "--chmod=F600", str(path), destination.rstrip("/") + "/"],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
            )
        except FileNotFoundError:
            raise BackupError(
                f"copy to {destination} failed: rsync is not installed (apt-get install rsync)"
            ) from None
        except subprocess.TimeoutExpired:
            raise BackupError(
                f"copy to {destination} failed: no answer within {TIMEOUT_S} s"
            ) from None
        if result.returncode != 0:
            raise BackupError(f"copy to {destination} failed: {result.stderr.strip()}")
        return f"{destination.rstrip('/')}/{path.name}"
    folder = Path(destination)
    if not folder.is_dir():
        raise BackupError(f"copy to {folder} failed: the folder does not exist (not mounted?)")
    target = folder / path.name
    partial = folder / f".{path.name}.partial"
    try:
        shutil.copyfile(path, partial)
        _private(partial)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"copy to {folder} failed: {exc.strerror or exc}") from None
    return target
