"""Server-Sent Events at scale: N phones (default 1000) follow their tickets' live pages on
``loket-web`` (uvicorn, ``--workers`` processes) over loopback, and calls are made at a
counter through the queue operations. Measured: how long until each phone whose page
changed got the new state, and the server's memory per connected phone.

    python -m bench.bench_web_sse [--clients 1000] [--tickets 500] [--calls 5]
                                  [--workers 1] [--postgres]

Every phone follows one of ``--tickets`` waiting tickets (two phones a ticket by default,
as when two people in a family watch the same number). The tickets are walk-ins of the
services counter 4 serves (unlimited quotas in the default settings), so each call at
counter 4 changes every page still waiting (people ahead) and the called ticket's page
("Silakan menuju Loket 4"). Latency runs from just before the call starts (so it includes
the call's own transaction) to the moment the phone read the event's line.

``--postgres`` runs a throwaway PostgreSQL server (tests/postgres.py; Debian's
``postgresql`` package) instead of a SQLite file; with several workers each worker keeps
its own LISTEN connection and reads the queue once per change. Bounded in time: the run
gives up after ``--timeout`` seconds. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from config import load_settings
from db.context import Actor
from db.io.ticket_link import link_token, load_key
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket

KIOSK = Actor.kiosk("kiosk-1")
OFFICER = Actor("petugas-4", Role.OFFICER)
COUNTER = 4
SERVICES = ("ambil", "info")


def always_open(database_url: str) -> str:
    days = "\n".join(
        f'{d} = {{ open = "00:00:00", close = "23:59:59" }}'
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )
    return (
        f'database_url = "{database_url}"\n'
        'walk_in_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        "[business_day]\npublic_holidays = false\nissue_from_minutes_before_open = 0\n"
        f"[business_day.hours]\n{days}\n"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (KiB)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


@dataclass
class Phone:
    ticket: int
    path: str
    events: list[tuple[float, bytes]] = field(default_factory=list)
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    error: str = ""


async def follow(phone: Phone, port: int, gate: asyncio.Semaphore) -> None:
    writer: asyncio.StreamWriter | None = None
    try:
        async with gate:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
            writer.write(
                f"GET {phone.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            await writer.drain()
            status = await reader.readline()
            if b" 200 " not in status:
                phone.error = status.decode(errors="replace").strip()
                return
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
        while True:
            line = await reader.readline()
            if not line:
                phone.error = phone.error or "closed"
                return
            if line.startswith(b"data:"):
                phone.events.append((time.time(), line))  # parsed later, off the clock
                phone.connected.set()
    except (OSError, ValueError) as exc:
        phone.error = str(exc)
    finally:
        if writer is not None:
            writer.close()


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


async def run(args: argparse.Namespace, folder: Path, database_url: str) -> dict[str, object]:
    os.environ["LOKET_DATA_DIR"] = str(folder)
    settings_path = folder / "settings.toml"
    settings_path.write_text(always_open(database_url), encoding="utf-8")
    settings = load_settings(settings_path)
    ctx = open_queue(settings)
    key = load_key(settings)
    started = time.monotonic()
    tickets = [
        issue_ticket(ctx, KIOSK, SERVICES[i % 2], "walk_in", kiosk_id="kiosk-1")
        for i in range(args.tickets)
    ]
    issued_s = time.monotonic() - started
    open_counter(ctx, OFFICER, COUNTER)
    port = free_port()
    env = {**os.environ, "LOKET_DATA_DIR": str(folder)}
    server = subprocess.Popen(
        [sys.executable, "-m", "web", "--config", str(settings_path), "--port", str(port),
         "--workers", str(args.workers), "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("loket-web did not start")
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)
        rss_before = rss_kib(server.pid)
        code = settings.office.code
        phones = [
            Phone(
                i % args.tickets,
                f"/t/{link_token(key, code, ctx.today(), tickets[i % args.tickets].token)}/events",
            )
            for i in range(args.clients)
        ]
        gate = asyncio.Semaphore(64)
        connect_start = time.monotonic()
        tasks = [asyncio.create_task(follow(p, port, gate)) for p in phones]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*(p.connected.wait() for p in phones)), args.timeout / 2
            )
        connected = sum(p.connected.is_set() for p in phones)
        connect_s = time.monotonic() - connect_start
        await asyncio.sleep(2.0)
        rss_after = rss_kib(server.pid)
        latencies: list[float] = []
        missed = 0
        per_call: list[dict[str, float]] = []
        called: set[int] = set()
        by_id = {t.id: i for i, t in enumerate(tickets)}
        for _ in range(args.calls):
            expected = [p for p in phones if p.connected.is_set() and p.ticket not in called]
            seen = {id(p): len(p.events) for p in expected}
            t0 = time.time()
            ticket = await asyncio.to_thread(call_next, ctx, OFFICER, COUNTER)
            committed = time.time() - t0
            called_index = by_id[ticket.id]
            wait_until = time.monotonic() + 5.0
            while time.monotonic() < wait_until:
                if all(len(p.events) > seen[id(p)] for p in expected):
                    break
                await asyncio.sleep(0.05)
            round_lat = []
            for p in expected:
                if len(p.events) > seen[id(p)]:
                    at, line = p.events[seen[id(p)]]
                    round_lat.append(at - t0)
                    if p.ticket == called_index:
                        state = json.loads(line[5:])
                        assert state["state"] == "called", state
                else:
                    missed += 1
            latencies += round_lat
            per_call.append(
                {
                    "phones": len(expected),
                    "call_ms": 1000 * committed,
                    "min_ms": 1000 * min(round_lat),
                    "p50_ms": 1000 * quantile(round_lat, 0.5),
                    "p99_ms": 1000 * quantile(round_lat, 0.99),
                    "max_ms": 1000 * max(round_lat),
                    "within_1s": sum(v <= 1.0 for v in round_lat) / len(expected),
                }
            )
            called.add(called_index)
            await asyncio.to_thread(complete, ctx, OFFICER, COUNTER, ticket.id)
            await asyncio.sleep(2.0)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        total = len(latencies) + missed
        return {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
            "database": "PostgreSQL" if args.postgres else "SQLite",
            "workers": args.workers,
            "clients": args.clients,
            "connected": connected,
            "connect_s": round(connect_s, 2),
            "tickets": args.tickets,
            "issued_s": round(issued_s, 1),
            "calls": args.calls,
            "deliveries": total,
            "within_1s": round(sum(v <= 1.0 for v in latencies) / total, 4) if total else 0,
            "p50_ms": round(1000 * quantile(latencies, 0.5), 1),
            "p99_ms": round(1000 * quantile(latencies, 0.99), 1),
            "max_ms": round(1000 * max(latencies), 1),
            "missed": missed,
            "errors": sorted({p.error for p in phones if p.error and p.error != "closed"})[:5],
            "rss_before_mib": round(rss_before / 1024, 1),
            "rss_after_mib": round(rss_after / 1024, 1),
            "kib_per_client": round((rss_after - rss_before) / max(1, connected), 1),
            "per_call": per_call,
        }
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        ctx.db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_web_sse", description=__doc__)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--tickets", type=int, default=500)
    parser.add_argument("--calls", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--timeout", type=float, default=240.0)
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * args.clients + 256)), hard))
    folder = Path(tempfile.mkdtemp(prefix="loket-web-bench-"))
    server = None
    try:
        if args.postgres:
            from tests.postgres import PostgresServer, queue_database

            server = PostgresServer()
            server.start()
            url = queue_database(server.admin_url, "loket_web_bench")
        else:
            url = f"sqlite:///{folder / 'queue.sqlite3'}"
        try:
            import uvloop

            uvloop.install()
        except ImportError:
            pass
        result = asyncio.run(asyncio.wait_for(run(args, folder, url), args.timeout))
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
