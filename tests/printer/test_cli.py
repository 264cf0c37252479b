"""``loket-printer`` as an administrator runs it: real subprocesses, real virtual printer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from printer import Emulator

from .conftest import free_port

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "printer", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def config_file(tmp_path: Path, **printer: object) -> Path:
    lines = ["[printer]"] + [f"{key} = {json.dumps(value)}" for key, value in printer.items()]
    path = tmp_path / "loket.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_status_json_against_the_virtual_printer(emulator: Emulator, tmp_path: Path) -> None:
    config = config_file(tmp_path, kind="network", port=emulator.port, timeout_seconds=1.0)
    done = run("status", "--config", str(config), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "online": True,
        "paper": "ok",
        "cover_open": False,
        "error": None,
    }
    emulator.state.update(paper="out")
    done = run("status", "--config", str(config), "--json")
    assert done.returncode == 1  # not ready
    status = json.loads(done.stdout)
    assert (status["online"], status["paper"]) == (False, "out")


def test_status_of_an_unreachable_printer(tmp_path: Path) -> None:
    config = config_file(tmp_path, kind="network", port=free_port(), timeout_seconds=1.0)
    done = run("status", "--config", str(config))
    assert done.returncode == 1
    assert "offline" in done.stdout and "refused the connection" in done.stdout
    assert done.stderr == ""


def test_test_ticket_goes_to_the_configured_printer(emulator: Emulator, tmp_path: Path) -> None:
    config = config_file(tmp_path, kind="network", port=emulator.port)
    done = run("test", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert "Test ticket printed" in done.stdout
    [record] = emulator.wait_for_tickets(1)
    assert "T-001" in record.lines


def test_test_ticket_starts_the_virtual_printer_in_process(tmp_path: Path) -> None:
    out = tmp_path / "virtual"
    config = config_file(tmp_path, kind="virtual", port=free_port(), virtual_out_dir=str(out))
    done = run("test", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    assert [p.suffix for p in sorted(out.iterdir())] == [".bin", ".png", ".txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "--config", "/nonexistent/loket.toml"), "settings file not found"),
        (("emulate", "--port", "http"), "invalid port value"),
        (("emulate", "--width", "500"), "invalid choice"),
        (("print",), "invalid choice"),
        ((), "required"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_setting_names_the_key(tmp_path: Path) -> None:
    config = config_file(tmp_path, kind="bluetooth")
    done = run("status", "--config", str(config))
    assert done.returncode == 2
    assert "printer.kind" in done.stderr and "Traceback" not in done.stderr


def test_emulate_runs_until_interrupted(tmp_path: Path) -> None:
    from printer import print_ticket

    from .conftest import make_ticket, network_printer

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "printer", "emulate", "--port", str(port), "--out",
         str(tmp_path / "out"), "--width", "384", "--paper", "near-end"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert f"127.0.0.1:{port}" in banner and str(tmp_path / "out") in banner
        outcome = print_ticket(network_printer(port, paper_width_dots=384), make_ticket())
        assert outcome.ok and outcome.status.paper == "near_end"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=10)
    finally:
        process.kill() if process.poll() is None else None
        process.wait()
    assert process.returncode == 0, stderr
    assert "1 ticket(s) printed" in stdout
    assert (tmp_path / "out" / "ticket-00001.png").is_file()


def test_emulate_on_a_busy_port_fails_cleanly(emulator: Emulator) -> None:
    done = run("emulate", "--port", str(emulator.port))
    assert done.returncode == 1
    assert "cannot listen" in done.stderr and "Traceback" not in done.stderr


def test_status_of_the_virtual_printer_agrees_with_test(tmp_path: Path) -> None:
    """Before, ``status`` said the virtual printer was offline ("refused the connection")
    while ``test`` printed to it and the kiosk found it online: both start it in process."""
    out = tmp_path / "virtual"
    config = config_file(tmp_path, kind="virtual", port=free_port(), virtual_out_dir=str(out))
    done = run("status", "--config", str(config))
    assert done.returncode == 0, done.stdout + done.stderr
    first, note = done.stdout.splitlines()
    assert first == "Printer (virtual): online, paper ok, cover closed"
    assert "was not running" in note and "kiosk starts its own" in note
    assert run("test", "--config", str(config)).returncode == 0


def test_status_reads_a_running_emulator_as_the_kiosk_judges_it(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "printer", "emulate", "--port", str(port), "--out",
         str(tmp_path / "out"), "--paper", "near-end", "--delay-ms", "400"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        process.stdout.readline()  # listening
        config = config_file(tmp_path, kind="virtual", port=port, timeout_seconds=1.0)
        done = run("status", "--config", str(config))
        assert done.returncode == 0, done.stderr
        assert done.stdout == "Printer (virtual): online, paper near end, cover closed\n"
        # An office that stops at a nearly empty roll: the kiosk refuses, so does status.
        stop = tmp_path / "stop"
        stop.mkdir()
        config = config_file(stop, kind="virtual", port=port, near_end_stop=True)
        done = run("status", "--config", str(config), "--json")
        assert done.returncode == 1
        assert json.loads(done.stdout)["paper"] == "near_end"
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
