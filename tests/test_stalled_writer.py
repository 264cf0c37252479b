"""A PC that hangs in the middle of a change (SIGSTOP while it holds the queue's lock on a
real PostgreSQL server) costs the other PCs at most the configured bound: they complete, or
fail with a one-line "busy" message, and nothing is lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from config import load_settings
from config.settings import DatabaseLimits
from db.engine import Database, DatabaseBusy, postgres_connect_args
from db.migrate import open_queue
from db.models import Ticket
from db.ops.issuing import issue_ticket
from db.read.day_figures import day_status
from tests.conftest import KIOSK, always_open_toml, env_without_loket

ROOT = Path(__file__).resolve().parents[1]
LIMITS = DatabaseLimits()


def _env(tmp_path: Path) -> dict[str, str]:
    env = env_without_loket()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env["LOKET_DATA_DIR"] = str(tmp_path / "data")
    return env


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=_env(tmp_path),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_connections_carry_the_bounds() -> None:
    args = postgres_connect_args(DatabaseLimits(lock_timeout_seconds=2.5))
    assert "-c lock_timeout=2500" in args["options"]
    assert "-c idle_in_transaction_session_timeout=5000" in args["options"]
    assert "-c statement_timeout=30000" in args["options"]
    assert args["keepalives"] == 1 and args["keepalives_idle"] == 5
    assert LIMITS.busy_limit_seconds <= 10


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_server_applies_the_settings(db_url: str) -> None:
    db = Database(db_url, DatabaseLimits(lock_timeout_seconds=1.5, statement_timeout_seconds=20))
    with db.read() as s:
        assert s.execute(text("SHOW lock_timeout")).scalar() == "1500ms"
        assert s.execute(text("SHOW statement_timeout")).scalar() == "20s"
        assert s.execute(text("SHOW idle_in_transaction_session_timeout")).scalar() == "5s"
    db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_waiting_change_gives_up_busy_within_the_limit(db_url: str) -> None:
    """A lock held (by a live but slow PC) past the busy limit: the waiting change says
    "busy" within the limit and saves nothing."""
    import psycopg

    limits = DatabaseLimits(lock_timeout_seconds=1, busy_limit_seconds=3)
    db = Database(db_url, limits)
    holder = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    holder.execute("SELECT pg_advisory_xact_lock(7110)")
    busy_messages: list[str] = []
    db.on_busy = busy_messages.append
    started = time.monotonic()
    with pytest.raises(DatabaseBusy, match="busy"):
        db.run_write(lambda s: s.execute(text("SELECT 1")))
    waited = time.monotonic() - started
    holder.rollback()
    holder.close()
    assert 1.0 <= waited <= limits.busy_limit_seconds + 0.5
    assert busy_messages and all("busy, retrying" in m for m in busy_messages)
    db.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_stopped_writer_stalls_nobody(db_url: str, tmp_path: Path) -> None:
    config = tmp_path / "loket.toml"
    config.write_text(always_open_toml(db_url), encoding="utf-8")
    ctx = open_queue(load_settings(config))
    limit = LIMITS.busy_limit_seconds
    # Another PC, already running (its start-up is not what is measured).
    issuer = _start(["-m", "tests.stall_workers", "issue", str(config), "3"], tmp_path)
    assert issuer.stdout is not None and issuer.stdin is None
    assert issuer.stdout.readline().strip() == "ready"
    # The holder is started only now: between its "holding" and the stop below nothing
    # else is waited for (a slow start of the issuer must not let its change commit).
    holder = _start(["-m", "tests.stall_workers", "hold", str(config)], tmp_path)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    os.kill(holder.pid, signal.SIGSTOP)
    stopped_at = time.monotonic()
    try:
        issuer.send_signal(signal.SIGUSR1)
        cli_issue = _start(
            [
                "-m",
                "db",
                "issue",
                "--service",
                "baru",
                "--channel",
                "walk_in",
                "--json",
                "--config",
                str(config),
            ],
            tmp_path,
        )
        cli_status = _start(["-m", "db", "status", "--config", str(config)], tmp_path)
        # This PC: a read answers at once, a change within the bound.
        started = time.monotonic()
        status = day_status(ctx)
        read_seconds = time.monotonic() - started
        started = time.monotonic()
        mine = issue_ticket(ctx, KIOSK, "baru", "walk_in").number
        write_seconds = time.monotonic() - started
        outputs: dict[str, tuple[int, str, str]] = {}
        finished: dict[str, float] = {}
        for name, proc in (("issuer", issuer), ("cli_issue", cli_issue), ("status", cli_status)):
            out, err = proc.communicate(timeout=90)
            finished[name] = time.monotonic() - stopped_at
            outputs[name] = (proc.returncode, out, err)
        still_stopped = holder.poll() is None
    finally:
        os.kill(holder.pid, signal.SIGCONT)
    held_out, held_err = holder.communicate(timeout=60)
    ctx.db.dispose()
    print("stalled writer:", {"read": read_seconds, "write": write_seconds, **finished})

    assert still_stopped
    assert status.issued == 0 and read_seconds < 2
    assert write_seconds <= limit + 0.5
    code, out, err = outputs["issuer"]
    assert code == 0, err
    issued = json.loads(out.strip().splitlines()[-1])
    assert issued["errors"] == [] and len(issued["numbers"]) == 3
    assert all(s <= limit + 0.5 for s in issued["seconds"]), issued
    for name in ("cli_issue", "status"):
        code, out, err = outputs[name]
        # Completed, or one clear line saying the database is busy; never stuck (the
        # generous bound is the start-up of a Python process on a loaded machine).
        assert code == 0 or (code == 4 and "busy" in err and err.count("\n") == 1), (name, err)
        assert "Traceback" not in err
        assert finished[name] < limit + 40
    cli_numbers = (
        [json.loads(outputs["cli_issue"][1])["number"]] if outputs["cli_issue"][0] == 0 else []
    )

    # The stopped writer, once resumed, finds its change was undone by the server (which
    # ended its session) and makes it again on a new connection: it lands once.
    assert "Traceback" not in held_err
    held = json.loads(held_out.strip().splitlines()[-1])
    assert held["errors"] == [] and len(held["numbers"]) == 1
    reported = [mine, *issued["numbers"], *cli_numbers, *held["numbers"]]
    assert len(set(reported)) == len(reported)

    db = Database(db_url)
    with db.read() as s:
        rows = s.execute(select(Ticket.number, Ticket.sequence).where(Ticket.prefix == "A")).all()
    db.dispose()
    assert sorted(n for n, _ in rows) == sorted(reported)
    assert sorted(seq for _, seq in rows) == list(range(1, len(rows) + 1))
