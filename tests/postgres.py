"""A throwaway PostgreSQL server for the tests, from the machine's Debian packages, and the
office's roles on it.

Started once per test session on 127.0.0.1 and a free port, in a temporary folder, and
stopped at the end. When ``LOKET_TEST_POSTGRES_URL`` is set, that server is used instead.
There is no skipping: a test that asks for PostgreSQL fails when none can be had.

The queue databases are made as ``deploy/postgres-setup.sh`` makes the office's: owned by
an owner role that migrates them, with ``db/postgres_grants.sql`` applied for the app and web
roles; the tests then work as the app role, as every PC does."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
GRANTS = ROOT / "db" / "postgres_grants.sql"

# The office's three roles on a test server (deploy/postgres-setup.sh names them
# <prefix>_owner, <prefix>_app, <prefix>_web). The test server trusts loopback, so the
# password is carried, not checked; another server (LOKET_TEST_POSTGRES_URL) checks it.
OWNER = "loket_test_owner"
APP = "loket_test_app"
WEB = "loket_test_web"
PASSWORD = "loket-test-password"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(
            f"PostgreSQL's {name} is not installed: apt-get install postgresql "
            "(or set LOKET_TEST_POSTGRES_URL to a server)"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="loket-pg-"))
        self.data = self.tmp / "data"
        self.port = _free_port()
        self.user = "loket"
        self._as: list[str] = []
        if os.geteuid() == 0:
            # initdb refuses to run as root: the server runs as the postgres user.
            pw = pwd.getpwnam("postgres")
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self._as, *cmd], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        """Make a new cluster and start it."""
        self._run(
            _bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start_server()

    def start_server(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories="
            f"{self.tmp} -c fsync=off -c max_connections=200"
        )
        self._run(
            _bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.tmp / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop_server(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        """Stop the server (if running) and remove the cluster."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.tmp, ignore_errors=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"


def role_url(admin_url: str, role: str, database: str) -> str:
    """The SQLAlchemy URL of ``database`` on the admin's server, as ``role``."""
    url = make_url(admin_url).set(
        drivername="postgresql+psycopg", username=role, password=PASSWORD, database=database
    )
    return url.render_as_string(hide_password=False)


def as_role(url: str, role: str) -> str:
    """The same database as another role (SQLite has no roles: the same file)."""
    if not url.startswith("postgresql"):
        return url
    return make_url(url).set(username=role, password=PASSWORD).render_as_string(hide_password=False)


def ensure_roles(admin_url: str) -> None:
    """The owner, app and web roles as the set-up script makes them: each may log in and
    nothing more, but the owner may create a database (the restore drill's scratch one).
    Safe to run again, and by two sessions at once on a shared server."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for role, rights in ((OWNER, "CREATEDB"), (APP, "NOCREATEDB"), (WEB, "NOCREATEDB")):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                with contextlib.suppress(
                    psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation
                ):
                    conn.execute(f'CREATE ROLE "{role}"')
            conn.execute(
                f'ALTER ROLE "{role}" LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS {rights} '
                f"PASSWORD '{PASSWORD}'"
            )


def create_database(admin_url: str, name: str, template: str | None = None) -> str:
    """A new database owned by the owner role, empty or a copy of ``template``, which only
    the owner, app and web roles may connect to (as the set-up script leaves it); returns
    the owner's URL. The roles must exist (:func:`ensure_roles`)."""
    copy = f' TEMPLATE "{template}"' if template else ""
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}" OWNER "{OWNER}"{copy}')
                conn.execute(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
                conn.execute(f'GRANT CONNECT ON DATABASE "{name}" TO "{APP}", "{WEB}"')
            return role_url(admin_url, OWNER, name)
        except psycopg.OperationalError:
            # The template is still being let go of by a connection that just closed.
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def migrate_as_owner(admin_url: str, name: str) -> None:
    """``loket-db init`` as the owner, then the grants, as the set-up script does them."""
    from db.engine import Database
    from db.migrate import upgrade

    db = Database(role_url(admin_url, OWNER, name))
    try:
        upgrade(db)
    finally:
        db.dispose()
    apply_grants(admin_url, name)


def apply_grants(admin_url: str, name: str) -> None:
    """``db/postgres_grants.sql`` for the app and web roles, run by the owner with psql."""
    conninfo = make_url(admin_url).set(
        drivername="postgresql", username=OWNER, password=None, database=name
    )
    done = subprocess.run(
        [
            _bin("psql"),
            conninfo.render_as_string(hide_password=False),
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-v",
            f"app={APP}",
            "-v",
            f"web={WEB}",
            "-f",
            str(GRANTS),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PGPASSWORD": PASSWORD},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{GRANTS.name} on {name}: {done.stderr.strip()}")


def queue_database(admin_url: str, name: str, template: str | None = None) -> str:
    """A migrated queue database with the app's rights granted: a copy of ``template`` (made
    by :func:`queue_template`, with the roles), or made here; returns the app role's URL."""
    if template is None:
        ensure_roles(admin_url)
    create_database(admin_url, name, template)
    if template is None:
        migrate_as_owner(admin_url, name)
    return role_url(admin_url, APP, name)


def queue_template(admin_url: str, name: str) -> None:
    """A migrated database with the grants applied, for :func:`queue_database` to copy. The
    roles must exist (:func:`ensure_roles`)."""
    create_database(admin_url, name)
    migrate_as_owner(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
