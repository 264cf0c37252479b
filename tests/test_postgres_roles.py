"""The office's PostgreSQL roles as `deploy/postgres-setup.sh` makes them, on a real server:
set-up run again keeps every password (unless told to rotate them) and never prints one;
the PCs' role runs the queue but cannot change the schema or rewrite its history; the web
service's role reads and adds feedback only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from config.loader import load_settings, site_database_url
from db.context import Actor, QueueContext
from db.engine import Database
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete
from db.ops.counters import open_counter
from db.ops.day_overrides import close_service, reopen_service, set_counter_services
from db.ops.feedback import file_complaint
from db.ops.issuing import issue_ticket
from db.ops.officers import add_officer
from db.ops.printjobs import heartbeat
from tests.conftest import ADMIN, KIOSK, always_open_toml

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "deploy" / "postgres-setup.sh"


class Office:
    def __init__(self, admin_url: str, etc: Path) -> None:
        self.admin_url = admin_url
        self.etc = etc
        self.prefix = f"t{uuid.uuid4().hex[:8]}"
        self.database = f"{self.prefix}_queue"
        self.port = admin_url.rsplit(":", 1)[1].split("/")[0]

    def setup(self, *args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "LOKET_PG_ADMIN": self.admin_url,
            "LOKET_PG_HOST": "127.0.0.1",
            "LOKET_ETC": str(self.etc),
            "LOKET_DB": f"{sys.executable} -m db",
            **overrides,
        }
        env.pop("LOKET_DATABASE_URL", None)
        return subprocess.run(
            ["bash", str(SETUP), "--prefix", self.prefix, "--database", self.database, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )

    def url(self, file: str) -> str:
        line = (self.etc / file).read_text().strip()
        return line.removeprefix("LOKET_DATABASE_URL=").strip("'")

    def password_hashes(self) -> dict[str, str]:
        with psycopg.connect(self.admin_url) as conn:
            rows = conn.execute(
                "SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE %s",
                (f"{self.prefix}_%",),
            ).fetchall()
        return dict(rows)

    def drop(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            for role in ("app", "web", "owner"):
                conn.execute(f'DROP ROLE IF EXISTS "{self.prefix}_{role}"')


@pytest.fixture
def office(postgres_admin_url: str, tmp_path: Path) -> Iterator[Office]:
    made = Office(postgres_admin_url, tmp_path / "etc")
    yield made
    made.drop()


def queue(url: str, tmp_path: Path) -> QueueContext:
    config = tmp_path / "loket.toml"
    config.write_text(always_open_toml(url), encoding="utf-8")
    return open_queue(load_settings(config))


def test_set_up_again_keeps_passwords_and_rotates_them_only_when_asked(office: Office) -> None:
    first = office.setup()
    assert first.returncode == 0, first.stderr
    files = {name: (office.etc / name) for name in ("owner.environment", "environment")}
    assert stat.S_IMODE(files["owner.environment"].stat().st_mode) == 0o600
    assert stat.S_IMODE(files["environment"].stat().st_mode) == 0o640
    app_url = office.url("environment")
    assert app_url.startswith(f"postgresql+psycopg://{office.prefix}_app:")
    assert f"@127.0.0.1:{office.port}/{office.database}" in app_url
    password = app_url.split(":")[2].split("@")[0]
    assert len(password) >= 20 and password not in first.stdout + first.stderr
    hashes = office.password_hashes()
    assert len(hashes) == 3
    # Only the owner may create a database (the restore drill's throwaway one).
    with psycopg.connect(office.admin_url) as conn:
        rights = dict(
            conn.execute(
                "SELECT rolname, rolcreatedb AND NOT rolsuper FROM pg_roles WHERE rolname LIKE %s",
                (f"{office.prefix}_%",),
            ).fetchall()
        )
    assert rights == {
        f"{office.prefix}_owner": True,
        f"{office.prefix}_app": False,
        f"{office.prefix}_web": False,
    }

    again = office.setup()
    assert again.returncode == 0, again.stderr
    assert "password kept" in again.stdout
    assert office.url("environment") == app_url
    assert office.password_hashes() == hashes

    rotated = office.setup("--rotate-password")
    assert rotated.returncode == 0, rotated.stderr
    assert office.url("environment") != app_url
    changed = office.password_hashes()
    assert all(changed[role] != hashes[role] for role in hashes)


def test_set_up_works_on_the_local_server_before_it_listens_for_the_pcs(
    office: Office,
) -> None:
    """The PCs' address (here one nothing listens on, as before the administrator opens the
    server to the network) goes into the PCs' files; the script itself and the owner's
    commands on the server connect through the loopback address."""
    done = office.setup(LOKET_PG_HOST="127.0.0.2", LOKET_PG_LOCAL_HOST="127.0.0.1")
    assert done.returncode == 0, done.stderr
    assert "rights granted" in done.stdout
    assert f"@127.0.0.2:{office.port}/" in office.url("environment")
    assert f"@127.0.0.2:{office.port}/" in office.url("web.environment")
    assert f"@127.0.0.1:{office.port}/" in office.url("owner.environment")
    # The folder of the URLs is the group's to read, nobody else's.
    assert stat.S_IMODE(office.etc.stat().st_mode) == 0o750


def test_the_pcs_host_name_and_tls_options_stay_when_set_up_runs_again(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set up once with the name in the server's certificate and the office CA; run again
    (after an upgrade, as the guide says) without them: the PCs' URLs keep both. The files
    read the same to systemd, to the shell (the `&` of the options is quoted) and to Loket."""
    ca = "/etc/loket/office-ca.crt"
    here = {"LOKET_PG_HOST": "", "LOKET_PG_LOCAL_HOST": "127.0.0.1"}
    first = office.setup("--host", "db.office", "--ca-file", ca, **here)
    assert first.returncode == 0, first.stderr
    tls = f"@db.office:{office.port}/{office.database}?sslmode=verify-full&sslrootcert={ca}"
    urls = {name: office.url(name) for name in ("environment", "web.environment")}
    assert all(url.endswith(tls) for url in urls.values()), urls
    assert office.url("owner.environment").endswith(f"@127.0.0.1:{office.port}/{office.database}")
    again = office.setup(**here)
    assert again.returncode == 0, again.stderr
    assert {name: office.url(name) for name in urls} == urls
    sourced = subprocess.run(
        ["sh", "-c", '. "$1" && printf %s "$LOKET_DATABASE_URL"', "sh", office.etc / "environment"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sourced.stdout == urls["environment"]
    monkeypatch.setenv("LOKET_SITE_CONFIG", str(office.etc / "loket.toml"))
    assert site_database_url() == urls["environment"]


def test_the_pcs_role_runs_the_queue_but_cannot_rewrite_its_history(
    office: Office, tmp_path: Path
) -> None:
    done = office.setup()
    assert done.returncode == 0, done.stderr
    assert "rights granted" in done.stdout
    ctx = queue(office.url("environment"), tmp_path)
    try:
        budi = add_officer(ctx, ADMIN, "budi", "officer", "rahasia-123").actor
        sari = add_officer(ctx, ADMIN, "sari", "supervisor", "rahasia-123").actor
        today = ctx.today()
        close_service(ctx, sari, today, "ambil", "printer rusak")  # made, changed, cleared
        set_counter_services(ctx, sari, today, 4, ["info"])
        set_counter_services(ctx, sari, today, 4, ["info", "baru"])
        reopen_service(ctx, sari, today, "ambil")
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        open_counter(ctx, budi, 1)
        called = call_next(ctx, budi, 1)
        complete(ctx, budi, 1, called.id)
        heartbeat(
            ctx, KIOSK, "kiosk-1", printer_online=True, paper="ok", cover_open=False, scanner="ok"
        )
    finally:
        ctx.db.dispose()
    app = office.url("environment").replace("postgresql+psycopg", "postgresql")
    for statement in (
        "DELETE FROM audit_log",
        "UPDATE audit_log SET detail = ''",
        "UPDATE ticket_events SET actor = 'someone'",
        "DELETE FROM ticket_events",
        "DELETE FROM tickets",
        "CREATE TABLE notes (line text)",
        "DROP TABLE complaints",
    ):
        with psycopg.connect(app) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


def test_the_web_role_reads_and_adds_feedback_only(office: Office, tmp_path: Path) -> None:
    done = office.setup()
    assert done.returncode == 0, done.stderr
    settings = load_settings(None).model_copy(
        update={"database_url": office.url("web.environment")}
    )
    ctx = QueueContext(Database(settings.database_url), settings)
    try:
        receipt = file_complaint(ctx, Actor("web", Role.KIOSK), "quota_full", "penuh")
        assert receipt.startswith("ADU-")
    finally:
        ctx.db.dispose()
    web = office.url("web.environment").replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(web) as conn:
        assert conn.execute("SELECT count(*) FROM complaints").fetchone() == (1,)
    for statement in (
        "INSERT INTO counters (number, state) VALUES (99, 'open')",
        "UPDATE tickets SET status = 'done'",
        "UPDATE bookings SET applicant_name = 'x'",
        "DELETE FROM complaints",
    ):
        with psycopg.connect(web) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
