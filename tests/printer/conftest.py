"""Fixtures for the printer tests: a virtual printer on an ephemeral port, a ticket."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from config.settings import Printer
from printer import Emulator, TicketPrint

TOKEN = "LKT1.JKS.20261201.A-023.7f3a9c"


def make_ticket(**changes: Any) -> TicketPrint:
    values: dict[str, Any] = {
        "office_name": "Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan",
        "number": "A-023",
        "service_name": "Paspor Baru",
        "channel_label": "PRIORITAS",
        "priority_reason": "Lansia (60+)",
        "issued_at": dt.datetime(2026, 12, 1, 2, 14, tzinfo=dt.UTC),  # 09:14 in Jakarta
        "people_ahead": 4,
        "estimated_wait_minutes": 25,
        "masked_name": "BUD*** S***",
        "qr_token": TOKEN,
        "footer_lines": ("Jl. Warung Buncit Raya No. 207, Jakarta Selatan",),
    }
    values.update(changes)
    return TicketPrint(**values)


def network_printer(port: int, **changes: Any) -> Printer:
    values: dict[str, Any] = {
        "kind": "network",
        "host": "127.0.0.1",
        "port": port,
        "timeout_seconds": 0.5,
    }
    values.update(changes)
    return Printer(**values)


def free_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Printer tests (and the CLI subprocesses they start) never touch the user's data."""
    monkeypatch.setenv("LOKET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LOKET_CONFIG", raising=False)


@pytest.fixture
def ticket() -> TicketPrint:
    return make_ticket()


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    emu = Emulator("127.0.0.1", 0, tmp_path / "printed", width=576)
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def emulator_384(tmp_path: Path) -> Iterator[Emulator]:
    emu = Emulator("127.0.0.1", 0, tmp_path / "printed-384", width=384)
    emu.start()
    yield emu
    emu.stop()
