"""``--config FILE`` before or after the sub-command means the same, for every sub-command of
``loket-db`` and ``loket-printer``; a missing or broken file is refused in both places.
Real processes, as an administrator types them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from db.sim.demo import free_port
from tests.conftest import always_open_toml, env_without_loket

REPO = Path(__file__).resolve().parents[1]

DB_COMMANDS = {
    "init": [],
    "upgrade": [],
    "import-bookings": ["bookings.csv"],
    "add-officer": ["sari", "--role", "supervisor", "--password-stdin"],
    "issue": ["--service", "baru", "--channel", "walk_in"],
    "check-in": ["MP261201JKS00001"],
    "call": ["--counter", "1"],
    "backup": ["copy.sqlite3"],
    "restore": ["copy.sqlite3", "--yes"],
    "audit": ["verify"],
    "purge": [],
    "status": [],
    "booking-keys": ["--out", "keys"],
    "sign-booking": [
        *("--key", "k.pem", "--booking", "MP1", "--slot", "08:00-10:00", "--service", "baru")
    ],
    "report": ["day"],
}
PRINTER_COMMANDS = {"emulate": ["--port", "0"], "test": [], "status": []}


def _run(
    module: str, args: list[str], tmp_path: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = env_without_loket()
    env["LOKET_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
    )


def _placed(command: str, rest: list[str], config: Path, before: bool) -> list[str]:
    option = ["--config", str(config)]
    return [*option, command, *rest] if before else [command, *rest, *option]


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
@pytest.mark.parametrize("command", sorted(DB_COMMANDS))
def test_loket_db_refuses_a_missing_settings_file(
    command: str, before: bool, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.toml"
    done = _run("db", _placed(command, DB_COMMANDS[command], missing, before), tmp_path, "pw\n")
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stderr.strip() == f"loket-db: {missing}: settings file not found"
    assert not (tmp_path / "data").exists()  # nothing ran against the default database


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
@pytest.mark.parametrize("command", sorted(PRINTER_COMMANDS))
def test_loket_printer_refuses_a_missing_settings_file(
    command: str, before: bool, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.toml"
    args = _placed(command, PRINTER_COMMANDS[command], missing, before)
    done = _run("printer", args, tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip() == f"loket-printer: {missing}: settings file not found"


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
@pytest.mark.parametrize("module", ["db", "printer"])
def test_a_broken_settings_file_is_refused_in_both_places(
    module: str, before: bool, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[printer\nkind = ", encoding="utf-8")
    done = _run(module, _placed("status", [], broken, before), tmp_path)
    assert done.returncode in (2, 3), done.stdout + done.stderr
    assert f"{broken}: not valid TOML" in done.stderr
    assert "Traceback" not in done.stderr


def test_loket_db_uses_the_file_in_either_place(tmp_path: Path) -> None:
    config = tmp_path / "office.toml"
    config.write_text(always_open_toml(f"sqlite:///{tmp_path / 'office.sqlite3'}"), "utf-8")
    issued = _run("db", _placed("issue", DB_COMMANDS["issue"], config, before=True), tmp_path)
    assert issued.returncode == 0, issued.stderr
    for before in (True, False):
        status = _run("db", _placed("status", ["--json"], config, before), tmp_path)
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["issued"] == 1
    backup = _run("db", _placed("backup", ["copy.sqlite3"], config, before=True), tmp_path)
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "copy.sqlite3").stat().st_size > 0
    assert not (tmp_path / "data" / "loket.sqlite3").exists()  # the default was not touched


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_loket_printer_emulate_listens_where_the_settings_say(before: bool, tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "office.toml"
    out = tmp_path / "tickets"
    config.write_text(
        f'[printer]\nport = {port}\npaper_width_dots = 384\nvirtual_out_dir = "{out}"\n',
        encoding="utf-8",
    )
    env = {**env_without_loket(), "LOKET_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "printer", *_placed("emulate", [], config, before)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"listening on 127.0.0.1:{port} (384 dots)" in line, line
        assert str(out) in line
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    assert process.returncode == 0
    assert os.path.isdir(out)
