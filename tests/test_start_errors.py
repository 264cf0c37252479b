"""What a newcomer gets wrong at start gets one line (what, where, what to do) and a non-zero
exit, never a traceback: real processes of every app, as typed in a terminal."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import env_without_loket

REPO = Path(__file__).resolve().parents[1]
APPS = {
    "loket-kiosk": ["-m", "kiosk", "--windowed"],
    "loket-display": ["-m", "display", "--window", "800x600"],
    "loket-console": ["-m", "admin_console"],
}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = env_without_loket()
    env.update({"LOKET_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"})
    env.update(extra)
    return env


@pytest.mark.parametrize("app", sorted(APPS))
def test_a_data_folder_that_cannot_be_made(app: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = _env(tmp_path, LOKET_DATA_DIR=str(blocker / "data"))
    line = _one_line(_run(APPS[app], env, tmp_path))
    assert line.startswith(f"{app}: the data folder {blocker / 'data'} cannot be created")
    assert "LOKET_DATA_DIR" in line


def test_the_virtual_printer_with_no_usable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = _env(tmp_path, LOKET_DATA_DIR=str(blocker / "data"))
    line = _one_line(_run(["-m", "printer", "emulate", "--port", "0"], env, tmp_path))
    assert f"the data folder {blocker / 'data'} cannot be created" in line
    env = _env(tmp_path)
    line = _one_line(
        _run(["-m", "printer", "emulate", "--port", "0", "--out", str(blocker)], env, tmp_path)
    )
    assert f"the ticket folder {blocker} cannot be created" in line and "--out DIR" in line


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_display(app: str, tmp_path: Path) -> None:
    env = _env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    line = _one_line(_run(APPS[app], env, tmp_path))
    assert line.startswith(f"{app}: no display to show a window on")
    assert "QT_QPA_PLATFORM=offscreen" in line
    if app == "loket-kiosk":
        assert "--windowed" in line


@pytest.mark.parametrize("app", sorted(APPS))
def test_a_database_folder_that_does_not_exist(app: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    env = _env(tmp_path, LOKET_DATABASE_URL=f"sqlite:///{missing / 'queue.sqlite3'}")
    line = _one_line(_run(APPS[app], env, tmp_path))
    assert f"The database folder {missing} does not exist" in line


def test_loket_db_names_the_missing_database_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    env = _env(tmp_path, LOKET_DATABASE_URL=f"sqlite:///{missing / 'queue.sqlite3'}")
    for command in ("init", "status"):
        line = _one_line(_run(["-m", "db", command], env, tmp_path))
        assert line == (
            f"loket-db: The database folder {missing} does not exist: create it, or change "
            "database_url (or LOKET_DATABASE_URL)."
        )


@pytest.mark.parametrize("app", sorted(APPS))
def test_a_settings_error(app: str, tmp_path: Path) -> None:
    config = tmp_path / "office.toml"
    config.write_text("[kiosk]\nidle_seconds = 5\n", encoding="utf-8")
    done = _run([*APPS[app], "--config", str(config)], _env(tmp_path), tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"{app}: {config}: invalid settings")
    assert "kiosk.idle_seconds: unknown key" in done.stderr


def test_the_virtual_printer_on_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = _one_line(
            _run(["-m", "printer", "emulate", "--port", str(port)], _env(tmp_path), tmp_path)
        )
    assert line.startswith("loket-printer:") and str(port) in line
