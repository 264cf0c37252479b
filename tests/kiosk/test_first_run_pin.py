"""A kiosk with no staff PIN (the quick start's embedded defaults) says how to make one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from tests.kiosk.conftest import text_of


@pytest.mark.kiosk_settings(kiosk={"staff_pin_hash": ""})
def test_no_staff_pin_shows_the_command_that_makes_one(
    qtbot: QtBot, kiosk: Kiosk, tmp_path: Path
) -> None:
    kiosk.flows.staff_flows.ask_pin("exit")
    for digit in "1234":
        kiosk.flows.screen("pin").type(digit)
    kiosk.flows.screen("pin").submit()
    qtbot.waitUntil(lambda: "loket-kiosk hash-pin PIN" in text_of(kiosk, "pin_feedback"))
    text = text_of(kiosk, "pin_feedback")
    assert "kiosk.staff_pin_hash" in text
    assert text.splitlines()[0] in (
        "PIN petugas belum diatur di kios ini.",
        "No staff PIN is set on this kiosk.",
    )
    assert kiosk.window.isVisible()  # still open: only a PIN (or Ctrl-C) closes it
    picture = Path(os.environ.get("LOKET_SCREENSHOT_DIR", tmp_path)) / "kiosk-no-pin.png"
    assert kiosk.window.grab().save(str(picture))
