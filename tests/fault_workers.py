"""Processes and checks for the fault tests.

:func:`check_queue` asserts a queue file's invariants with plain ``sqlite3``. The rest are
process entry points (``python -m tests.fault_workers <command>``) and their test-side ends
(:class:`LockHolder`, :class:`Zygote`):

``hold-lock PATH SECONDS``
    Takes the SQLite write lock (``BEGIN IMMEDIATE`` on a plain ``sqlite3`` connection),
    prints ``locked``, holds it for SECONDS (or until a line or end of file arrives on
    stdin), then rolls back and prints ``released``.

``zygote``
    Imports the queue once, then forks one issuing child per command read from stdin, so a
    test can start (and SIGKILL) a hundred issuers in seconds instead of paying the import
    time a hundred times. Protocol, one JSON object per line:

    - in ``{"op": "issue", "settings": {...}, "report": PATH, "seed": N, "round": R}``
      → out ``{"forked": PID}``; the child then prints ``{"started": PID}`` once its queue
      is open and it is about to issue. The child issues tickets (and now and then calls
      and completes one) until killed, at most ``CHILD_SECONDS``; after each
      ``issue_ticket`` returns it appends ``"<id> <number>\\n"`` to PATH and fsyncs, so
      every complete line in PATH is a ticket its caller was told about.
    - in ``{"op": "reap", "pid": PID}`` → out ``{"reaped": PID, "signal": S, "exit": E}``.
    - in ``{"op": "quit"}`` → the zygote exits.

Only the standard library is imported at the top: ``hold-lock`` must start fast.
"""

from __future__ import annotations

import json
import os
import queue
import random
import select
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from types import TracebackType
from typing import Any

CHILD_SECONDS = 20.0
ROOT = Path(__file__).resolve().parents[1]


def start_worker(*args: str, **popen: Any) -> subprocess.Popen[str]:
    """``python -m tests.fault_workers ARGS`` from the project root, text pipes as asked."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fault_workers", *args],
        cwd=ROOT,
        env=env,
        text=True,
        **popen,
    )


def hold_lock(path: str, seconds: float) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    select.select([sys.stdin], [], [], seconds)
    conn.execute("ROLLBACK")
    conn.close()
    print("released", flush=True)


def db_path(url: str) -> Path:
    assert url.startswith("sqlite:///")
    return Path(url.removeprefix("sqlite:///"))


# What each event kind does to a ticket: the statuses it may follow, and the status after.
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "called": (frozenset({"waiting"}), "called"),
    "recalled": (frozenset({"called"}), "called"),
    "started": (frozenset({"called"}), "serving"),
    "completed": (frozenset({"called", "serving"}), "done"),
    "no_show": (frozenset({"called"}), "no_show"),
    "requeued": (frozenset({"no_show"}), "waiting"),
    "transferred": (frozenset({"waiting", "called", "serving"}), "waiting"),
    "cancelled": (frozenset({"waiting", "called", "serving", "no_show"}), "cancelled"),
}


def replay(number: str, history: list[tuple[str, str]]) -> str:
    """The status a ticket's events lead to, asserting each step is a legal one."""
    assert history, f"{number} has no events"
    assert history[0] in (("issued", "waiting"), ("checked_in", "waiting")), (number, history)
    status = "waiting"
    for kind, after in history[1:]:
        before, expected = STEPS[kind]
        assert status in before and after == expected, f"{number}: {kind} after {status}"
        status = after
    return status


def check_queue(path: Path) -> dict[str, int]:
    """Assert the invariants of a queue file; returns row counts for further checks."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        tickets = con.execute(
            "SELECT id, business_day, prefix, sequence, number, status, kiosk_id FROM tickets"
        ).fetchall()
        sequences: dict[tuple[str, str], list[int]] = defaultdict(list)
        for _id, day, prefix, sequence, number, _status, _kiosk in tickets:
            sequences[(day, prefix)].append(sequence)
            assert number == f"{prefix}-{sequence:03d}"
        last_numbers = dict(
            ((day, prefix), last)
            for day, prefix, last in con.execute(
                "SELECT business_day, prefix, last_number FROM number_series"
            )
        )
        for key, got in sequences.items():
            assert sorted(got) == list(range(1, len(got) + 1)), f"gap or duplicate in {key}"
            assert last_numbers[key] == len(got), f"series counter of {key} disagrees"
        events: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for ticket_id, kind, status_after in con.execute(
            "SELECT ticket_id, kind, status_after FROM ticket_events ORDER BY id"
        ):
            events[ticket_id].append((kind, status_after))
        issued_audits = Counter(
            target
            for (target,) in con.execute(
                "SELECT target FROM audit_log WHERE action = 'issue_ticket'"
            )
        )
        first_jobs = Counter(
            ticket_id
            for (ticket_id,) in con.execute("SELECT ticket_id FROM print_jobs WHERE reprint = 0")
        )
        ids = {row[0] for row in tickets}
        for ticket_id, _day, _prefix, _seq, number, status, kiosk in tickets:
            assert replay(number, events[ticket_id]) == status, f"{number}: events vs status"
            assert first_jobs[ticket_id] == (1 if kiosk else 0), f"{number}: print jobs"
        issued = Counter(row[4] for row in tickets if events[row[0]][0][0] == "issued")
        assert issued_audits == issued, "an issued ticket without its audit record (or more)"
        assert set(events) <= ids, "events of a missing ticket"
        assert set(first_jobs) <= ids, "a print job for a missing ticket"
        dangling = con.execute(
            "SELECT count(*) FROM print_jobs p LEFT JOIN tickets t ON t.id = p.ticket_id "
            "WHERE t.id IS NULL"
        ).fetchone()
        assert dangling == (0,)
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("tickets", "ticket_events", "audit_log", "print_jobs", "number_series")
        }
    finally:
        con.close()


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _issuing_child(settings_data: dict[str, Any], report: str, seed: int, round_no: int) -> None:
    """Issue (and now and then call and complete) until killed; report every number got."""
    import datetime as dt

    from config.settings import Settings
    from db.clock import FixedClock
    from db.context import Actor
    from db.errors import NobodyWaiting
    from db.migrate import open_queue
    from db.models import Role
    from db.ops.calling import call_next, complete, current_ticket
    from db.ops.issuing import issue_ticket

    rng = random.Random(seed)
    # One business day for the whole run: Tue 1 Dec 2026 from 09:00 Jakarta (02:00 UTC),
    # each child half a minute after the one before, so time only moves forward.
    start = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=30 * round_no)
    clock = FixedClock(start)
    ctx = open_queue(Settings.model_validate(settings_data), clock=clock, upgrade_schema=False)
    kiosk = Actor.kiosk(f"kiosk-{round_no % 3 + 1}")
    officer = Actor("budi", Role.OFFICER)
    services = [s.code for s in ctx.settings.services]
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    _say({"started": os.getpid()})
    deadline = time.monotonic() + CHILD_SECONDS
    while time.monotonic() < deadline:
        service = rng.choice(services)
        if rng.random() < 0.2:
            ticket = issue_ticket(ctx, kiosk, service, "priority", reason="elderly")
        else:
            ticket = issue_ticket(ctx, kiosk, service, "walk_in")
        os.write(fd, f"{ticket.id} {ticket.number}\n".encode())
        os.fsync(fd)
        if rng.random() < 0.25:
            counter = rng.choice([1, 4, 5])
            # A ticket left "called" by a killed predecessor is completed first, as the
            # officer would after the console came back.
            left = current_ticket(ctx, counter)
            if left is not None:
                complete(ctx, officer, counter, left.id)
            try:
                called = call_next(ctx, officer, counter)
            except NobodyWaiting:
                continue
            complete(ctx, officer, counter, called.id)
        clock.advance(seconds=1)


def _warm_up() -> None:
    """One issue, call and completion on a scratch database, so the children start with the
    modules imported, the mappers configured and the queries compiled (a cold first issue
    takes ~150 ms, a warm one ~20 ms). The scratch engine is disposed before any fork."""
    import datetime as dt
    import tempfile

    from config.settings import Settings
    from db.clock import FixedClock
    from db.context import Actor
    from db.migrate import open_queue
    from db.models import Role
    from db.ops.calling import call_next, complete
    from db.ops.issuing import issue_ticket

    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(database_url=f"sqlite:///{scratch}/warm.sqlite3")
        clock = FixedClock(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))
        ctx = open_queue(settings, clock=clock)
        issue_ticket(ctx, Actor.kiosk("warm"), "baru", "walk_in")
        officer = Actor("warm", Role.OFFICER)
        complete(ctx, officer, 1, call_next(ctx, officer, 1).id)
        ctx.db.dispose()


def zygote() -> None:
    _warm_up()
    for line in sys.stdin:
        command = json.loads(line)
        if command["op"] == "quit":
            break
        if command["op"] == "reap":
            pid, status = os.waitpid(command["pid"], 0)
            signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
            _say({"reaped": pid, "signal": signal, "exit": code})
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                _issuing_child(
                    command["settings"], command["report"], command["seed"], command["round"]
                )
            except BaseException:
                _say({"error": traceback.format_exc()})
                status = 1
            finally:
                os._exit(status)
        _say({"forked": pid})


class LockHolder:
    """Another program holding the SQLite write lock (``hold-lock``), from the test's side."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.proc = start_worker(
            "hold-lock", str(path), str(seconds), stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"
        self.locked_at = time.monotonic()

    def release(self) -> None:
        """Let go now (if still holding) and wait for the holder to end."""
        assert self.proc.stdin is not None
        if not self.proc.stdin.closed:
            self.proc.stdin.close()
        assert self.proc.wait(30) == 0

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(30)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None and not pipe.closed:
                pipe.close()


class Zygote:
    """The test's end of the zygote protocol (see the module docstring)."""

    def __init__(self) -> None:
        self.proc = start_worker("zygote", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._lines: queue.Queue[str] = queue.Queue()
        self._pending: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put("")

    def _send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def _expect(self, key: str, pid: int | None = None, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for message in self._pending:
                if key in message and (pid is None or message[key] == pid):
                    self._pending.remove(message)
                    return message
            line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            if not line:
                raise AssertionError(f"the zygote ended while waiting for {key!r}")
            message = json.loads(line)
            if "error" in message:
                raise AssertionError(f"an issuing child failed:\n{message['error']}")
            self._pending.append(message)

    def start_issuer(self, settings: dict[str, Any], report: Path, seed: int, round_no: int) -> int:
        """Fork an issuer; returns its pid once it has opened the queue and starts issuing."""
        self._send(
            {
                "op": "issue",
                "settings": settings,
                "report": str(report),
                "seed": seed,
                "round": round_no,
            }
        )
        pid = int(self._expect("forked")["forked"])
        self._expect("started", pid)
        return pid

    def reap(self, pid: int) -> int | None:
        """Wait for a child to end; the signal that ended it (None: it exited)."""
        self._send({"op": "reap", "pid": pid})
        signal = self._expect("reaped", pid)["signal"]
        return None if signal is None else int(signal)

    def __enter__(self) -> Zygote:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        try:
            if self.proc.poll() is None:
                self._send({"op": "quit"})
            self.proc.wait(30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(30)
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.close()
            self._reader.join(30)
            self.proc.stdout.close()


def main(argv: list[str]) -> None:
    if argv[:1] == ["hold-lock"]:
        hold_lock(argv[1], float(argv[2]))
    elif argv[:1] == ["zygote"]:
        zygote()
    else:
        raise SystemExit("usage: python -m tests.fault_workers hold-lock PATH SECONDS | zygote")


if __name__ == "__main__":
    main(sys.argv[1:])
