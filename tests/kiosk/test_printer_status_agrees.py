"""The kiosk and ``loket-printer status`` read the same printer the same way: one status
reading, one answer (the virtual printer over real TCP, the CLI as a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from printer import Emulator
from tests.kiosk.test_print_worker import fast

REPO = Path(__file__).resolve().parents[2]


def cli_status(port: int, tmp_path: Path) -> tuple[int, str]:
    config = tmp_path / "printer.toml"
    config.write_text(
        f'[printer]\nkind = "network"\nport = {port}\ntimeout_seconds = 2.0\n', encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "printer", "status", "--config", str(config)],
        cwd=REPO,
        env={**os.environ, "LOKET_DATA_DIR": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == ""
    return done.returncode, done.stdout.strip().removeprefix("Printer (network): ")


def test_kiosk_and_loket_printer_status_give_one_answer(
    qtbot: QtBot, kiosk: Kiosk, emulator: Emulator, tmp_path: Path
) -> None:
    fast(kiosk)
    health = kiosk.health
    assert health is not None
    for state, words in (
        ({}, "online, paper ok, cover closed"),
        ({"paper": "near_end"}, "online, paper near end, cover closed"),
        ({"paper": "ok", "cover_open": True}, "offline, paper ok, cover open (cover open)"),
        ({"cover_open": False, "paper": "out"}, "offline, paper out, cover closed (paper out)"),
    ):
        emulator.state.update(**state)
        qtbot.waitUntil(lambda w=words: health.status is not None and health.status.describe() == w)
        code, said = cli_status(emulator.port, tmp_path)
        assert said == words == health.status.describe()  # type: ignore[union-attr]
        assert (code == 0) is health.printer_usable
        assert json.dumps(health.heartbeat_detail()["printer"]) == json.dumps(words)
