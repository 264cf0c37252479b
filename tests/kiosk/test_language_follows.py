"""A language switch rewords the whole screen at once, refusals already shown included: after
the switch no text of the other language is left anywhere on the screen."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from db.errors import CheckInRejected, QuotaExhausted, RejectReason
from kiosk.app import Kiosk
from kiosk.screens.base import ScreenName
from kiosk.staff import PinCheck, PinResult
from tests.kiosk.conftest import click
from tests.kiosk.test_screens import SCREENS, show

NUMBER = re.compile(r"[A-Z]-\d{3}")
STEPS = (*SCREENS, "refusal_quota", "refusal_cancelled", "pin_wrong", "priority_confirm")


def arrive(kiosk: Kiosk, step: str) -> None:
    flows = kiosk.flows
    if step == "refusal_quota":
        flows.fc.fail(QuotaExhausted("full", "baru", "walk_in", 40), "baru")
    elif step == "refusal_cancelled":
        exc = CheckInRejected(RejectReason.CANCELLED, "cancelled", booking_code="MP261201JKS00002")
        flows.fc.fail(exc)
    elif step == "pin_wrong":
        flows.ask_pin("assisted")
        flows.staff_flows._pin_checked("assisted", PinCheck(PinResult.WRONG, tries_left=3))
    elif step == "priority_confirm":
        flows.tickets.reason_chosen("elderly")
    else:
        show(kiosk, step)
    QApplication.processEvents()


def texts(kiosk: Kiosk) -> set[str]:
    """Every text on the window as shown: header, the current screen, the bar, overlay."""
    window = kiosk.window
    found = set()
    for widget in (*window.findChildren(QLabel), *window.findChildren(QPushButton)):
        text = widget.text()
        # Ticket numbers ("A-001") are no language (and a fresh ticket has the next one).
        visible = widget.isVisibleTo(window)
        if visible and any(c.isalpha() for c in text) and not NUMBER.fullmatch(text):
            found.add(text)
    return found


@pytest.mark.parametrize(("first", "then"), [("id", "en"), ("en", "id")])
def test_every_screen_follows_a_language_switch(
    qtbot: QtBot, kiosk: Kiosk, first: str, then: str
) -> None:
    window = kiosk.window
    stale: dict[str, set[str]] = {}
    for step in STEPS:
        window.overlay.hide()
        window.set_language(first)
        arrive(kiosk, step)
        before = texts(kiosk)
        if step != "idle":
            assert window.current in set(ScreenName)
        click(qtbot, kiosk, f"lang_{then}")  # the applicant's touch, on the screen as it is
        QApplication.processEvents()
        after = texts(kiosk)
        window.overlay.hide()
        window.set_language(then)
        arrive(kiosk, step)  # the same screen shown afresh in the new language
        fresh = texts(kiosk)
        if step == "idle":
            window.overlay.hide()
        other_language_only = before - fresh
        left = after & other_language_only
        if left:
            stale[step] = left
        assert before != after, f"{step}: nothing changed"
    assert stale == {}
