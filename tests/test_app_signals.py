"""Ctrl-C (SIGINT) and SIGTERM end every app quickly and cleanly: real processes on the
offscreen platform, a real SQLite file and the virtual printer on a real TCP port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.sim.demo import free_port
from tests.conftest import always_open_toml, env_without_loket

REPO = Path(__file__).resolve().parents[1]
APPS = {
    "loket-kiosk": (["-m", "kiosk", "--windowed", "landscape"], "kiosk"),
    "run_kiosk.py": ([str(REPO / "run_kiosk.py"), "--windowed", "landscape"], "kiosk"),
    "loket-display": (["-m", "display", "--window", "1280x720"], "display"),
    "loket-console": (["-m", "admin_console"], "console"),
}
STOP_WITHIN_S = 2.0


def _start(app: str, tmp_path: Path, port: int) -> tuple[subprocess.Popen[str], Path]:
    config = tmp_path / "loket.toml"
    config.write_text(
        always_open_toml(f"sqlite:///{tmp_path / 'queue.sqlite3'}")
        + f'[printer]\nkind = "virtual"\nport = {port}\n',
        encoding="utf-8",
    )
    env = env_without_loket()
    env.update(
        LOKET_DATA_DIR=str(tmp_path / "data"),
        LOKET_CONFIG=str(config),
        QT_QPA_PLATFORM="offscreen",
    )
    args, log_name = APPS[app]
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: any child left behind is found
    )
    return process, tmp_path / "data" / "logs" / f"{log_name}.log"


def _wait_ready(process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app stopped on its own: {process.communicate()[1]}")
        if log.exists() and " ready" in log.read_text(encoding="utf-8"):
            return
        time.sleep(0.2)
    process.kill()
    pytest.fail("the app did not get ready within 90 s")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("app", sorted(APPS))
def test_a_signal_ends_the_app_cleanly(app: str, signum: int, tmp_path: Path) -> None:
    port = free_port()
    process, log = _start(app, tmp_path, port)
    try:
        _wait_ready(process, log)
        sent = time.monotonic()
        process.send_signal(signum)
        _out, err = process.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    allowed = {0, 130} if signum == signal.SIGINT else {0}
    assert process.returncode in allowed, err
    assert took < STOP_WITHIN_S, f"{app} took {took:.1f} s to stop"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "alembic" not in err, err  # a quiet start: the migrations log to the file only
    assert "Running upgrade" in log.read_text(encoding="utf-8")
    assert not _group_alive(process.pid), "a child process was left running"
    if app in ("loket-kiosk", "run_kiosk.py"):
        # The kiosk's virtual printer let go of its port.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
