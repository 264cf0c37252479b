"""The virtual printer as the apps use it: started on demand, state, ticket files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from config.settings import Printer
from printer import Emulator, ensure_virtual_printer, print_ticket
from printer.emulator import virtual_out_dir

from .conftest import free_port, make_ticket, network_printer


def test_ensure_virtual_printer_starts_one_only_when_needed(tmp_path: Path) -> None:
    settings = Printer(kind="virtual", port=free_port(), virtual_out_dir=str(tmp_path / "v"))
    emulator = ensure_virtual_printer(settings)
    assert emulator is not None
    try:
        assert ensure_virtual_printer(settings) is None  # already listening: use that one
        outcome = print_ticket(settings, make_ticket())
        assert outcome.ok, outcome.error
        [record] = emulator.wait_for_tickets(1)
        assert record.png_path.parent == tmp_path / "v"
    finally:
        emulator.stop()
    assert ensure_virtual_printer(Printer(kind="network")) is None
    assert ensure_virtual_printer(Printer(kind="none")) is None


def test_virtual_printer_not_running_says_so() -> None:
    outcome = print_ticket(Printer(kind="virtual", port=free_port()), make_ticket())
    assert not outcome.ok and outcome.error is not None
    assert outcome.error.startswith("Virtual printer at 127.0.0.1:")
    assert "loket-printer emulate" in outcome.error


def test_default_output_folder_is_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOKET_DATA_DIR", str(tmp_path / "data"))
    assert virtual_out_dir(Printer(kind="virtual")) == tmp_path / "data" / "printer"
    assert Emulator().out_dir == tmp_path / "data" / "printer"


def test_state_is_validated_and_readable(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="paper must be"):
        emulator.state.paper = "empty"
    with pytest.raises(TypeError):
        emulator.state.update(colour="red")
    emulator.state.update(offline=True, delay_s=0.01)
    snapshot = emulator.state.snapshot()
    assert (snapshot.offline, snapshot.delay_s, emulator.state.offline) == (True, 0.01, True)
    assert snapshot.status_reply(1) == 0x1A  # fixed bits + offline (bit 3)
    assert snapshot.status_reply(4) == 0x12
    with pytest.raises(ValueError, match="576 or 384"):
        Emulator(width=500)


def test_numbering_continues_after_a_restart(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for expected in (1, 2):
        with Emulator(out_dir=out) as emulator:
            assert print_ticket(network_printer(emulator.port), make_ticket()).ok
            [record] = emulator.wait_for_tickets(1)
            assert record.index == expected
            assert record.bin_path.name == f"ticket-{expected:05d}.bin"
    assert len(list(out.glob("ticket-*.png"))) == 2


def test_slow_printer_prints_within_the_timeout_and_is_refused_beyond_it(
    emulator: Emulator,
) -> None:
    emulator.state.delay_s = 0.05  # per chunk: 3 status round trips (before, body, cut)
    started = time.monotonic()
    outcome = print_ticket(network_printer(emulator.port, timeout_seconds=1.0), make_ticket())
    assert outcome.ok, outcome.error
    assert time.monotonic() - started >= 0.15
    emulator.state.delay_s = 0.5
    outcome = print_ticket(network_printer(emulator.port, timeout_seconds=0.2), make_ticket())
    assert not outcome.ok and outcome.error is not None and "did not answer" in outcome.error
