"""The supervisor's feedback page: complaints listed and answered, the month's satisfaction
index, the recap by category × month, CSV export; officers do not get the page."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from admin_console.feedback import FeedbackPage
from config.settings import Channel
from db.context import QueueContext
from db.ops.calling import call_next, complete
from db.ops.feedback import file_complaint, submit_survey
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from db.read.complaints import list_complaints
from tests.conftest import KIOSK, OFFICER, SUPERVISOR
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, child, log_in

SHOTS = os.environ.get("LOKET_SCREENSHOTS")


def rate(ctx: QueueContext, answers: list[int]) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    call_next(ctx, OFFICER, 1)
    complete(ctx, OFFICER, 1, ticket.id)
    submit_survey(ctx, KIOSK, ticket.token, answers)


def cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


def test_supervisor_sees_complaints_and_the_index_and_answers(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
    tmp_path: Path,
) -> None:
    file_complaint(ctx, KIOSK, "app_unreachable", "Aplikasi tidak bisa dibuka")
    file_complaint(ctx, KIOSK, "other", '=HYPERLINK("x")', "081234567890", consent=True)
    rate(ctx, [4, 4, 4, 4, 4, 4, 4, 4, 4])
    rate(ctx, [3, 3, 3, 3, 3, 3, 3, 3, 3])  # mean 3.5 → 87.50, B
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    page = window.findChild(FeedbackPage, "feedbackPage")
    assert isinstance(page, FeedbackPage) and window.work is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT_MS)
    table = child(page, QTableWidget, "complaintsTable")
    assert isinstance(table, QTableWidget)
    assert table.rowCount() == 2
    assert cell(table, 0, 0) == "ADU-261201-002" and cell(table, 0, 4) == "081234567890"
    assert cell(table, 1, 2) == "Booking app unreachable" and cell(table, 1, 5) == "New"
    figures = {k: child(page, QLabel, f"survey_{k}") for k in ("respondents", "ikm", "grade")}
    assert [f.text() for f in figures.values()] == ["2", "87.50", "B · Good"]  # type: ignore[attr-defined]
    elements = child(page, QTableWidget, "surveyElementsTable")
    assert isinstance(elements, QTableWidget)
    assert [cell(elements, 0, c) for c in range(4)] == ["Requirements", "3.50", "87.50", "B"]
    recap = child(page, QTableWidget, "recapTable")
    assert isinstance(recap, QTableWidget)
    assert cell(recap, 0, 0) == "Booking app unreachable" and cell(recap, 0, 12) == "1"
    assert cell(recap, recap.rowCount() - 1, 13) == "2"

    table.selectRow(1)
    response = child(page, QPlainTextEdit, "complaintResponse")
    assert isinstance(response, QPlainTextEdit)
    response.setPlainText("Gangguan server pusat; sudah pulih.")
    qtbot.mouseClick(button(page, "complaintAnswerButton"), LEFT)
    qtbot.waitUntil(lambda: cell(table, 1, 5) == "Answered", timeout=WAIT_MS)
    answered = [c for c in list_complaints(ctx, SUPERVISOR) if c.category == "app_unreachable"]
    assert answered[0].status == "answered" and answered[0].answered_by == "sari"
    assert cell(table, 1, 5) == "Answered" and cell(table, 1, 6).startswith("sari ")

    out = tmp_path / "complaints.csv"
    page.export_to(out, "complaints")
    qtbot.waitUntil(lambda: page.message.text() == f"Saved {out}.", timeout=WAIT_MS)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[2][3] == '\'=HYPERLINK("x")'  # cannot run as a formula
    if SHOTS:
        for index in range(3):
            page.tabs.setCurrentIndex(index)
            window.grab().save(str(Path(SHOTS) / f"console-feedback-{index}.png"))


def test_officers_do_not_get_the_feedback_page(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    assert window.findChild(QWidget, "feedbackPage") is None
