"""The supervisor's reports page: the seeded day's figures, charts and tables on screen, the
month, CSV and PDF export (the PDF read back with ``pdftotext``); officers do not get it."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from admin_console.common import console_stylesheet, console_theme
from admin_console.report_cli import main as pdf_main
from admin_console.reports import BarChart, ReportsPage
from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.calling import transfer
from db.ops.counters import open_counter
from db.ops.officers import OfficerView
from tests.conftest import OPEN_DAY, SUPERVISOR
from tests.console.conftest import WAIT_MS, MakeConsole, child, log_in
from tests.test_period_reports import seed_day
from tests.test_period_reports import settings as settings

SHOTS = os.environ.get("LOKET_SCREENSHOTS")


def cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


def rows_of(table: QTableWidget) -> list[list[str]]:
    return [
        [cell(table, r, c) for c in range(table.columnCount())] for r in range(table.rowCount())
    ]


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    return subprocess.run(
        [tool, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def open_page(qtbot: QtBot, ctx: QueueContext, make_console: MakeConsole) -> ReportsPage:
    window = make_console(ctx)
    if SHOTS:  # as the console app looks
        QApplication.instance().setStyleSheet(console_stylesheet(console_theme()))  # type: ignore[union-attr]
    log_in(qtbot, window, "sari", counter=None)
    page = window.findChild(ReportsPage, "reportsPage")
    assert isinstance(page, ReportsPage) and window.work is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    return page


def test_day_and_month_on_screen_and_exported(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
    tmp_path: Path,
) -> None:
    seed_day(ctx, clock, officers=False)
    # The VIP still waiting is sent to the priority counter (no figure above changes).
    open_counter(ctx, SUPERVISOR, 5)
    transfer(ctx, SUPERVISOR, "A-004", keep_place=True, to_counter=5)
    page = open_page(qtbot, ctx, make_console)
    qtbot.waitUntil(lambda: page.report is not None and page.report.issued == 6, timeout=WAIT_MS)
    shown = {k: child(page, QLabel, f"report_{k}").text()  # type: ignore[attr-defined]
             for k in ("issued", "served", "no_shows", "cancelled", "wait", "service")}  # fmt: skip
    assert shown == {
        "issued": "6",
        "served": "3",
        "no_shows": "1",
        "cancelled": "1",
        "wait": "20.0",
        "service": "13.3",
    }
    assert page.captions["wait"].text() == "Avg wait · p90 35.0 min"
    assert page.captions["service"].text() == "Avg service · p90 19.0 min"
    arrivals = child(page, BarChart, "reportChart0")
    assert isinstance(arrivals, BarChart)
    assert arrivals.title == "Arrivals per hour" and arrivals.items[:3] == [
        ("08", 3.0),
        ("09", 2.0),
        ("10", 1.0),
    ]
    counters = child(page, QTableWidget, "reportCountersTable")
    assert isinstance(counters, QTableWidget)
    assert rows_of(counters)[0] == ["1", "Loket 1", "1", "1", "13.0", "13.0"]
    officers = child(page, QTableWidget, "reportOfficersTable")
    assert isinstance(officers, QTableWidget)
    assert rows_of(officers)[0][:4] == ["andi", "Andi Wijaya", "2", "0"]
    quotas = child(page, QTableWidget, "reportQuotasTable")
    assert isinstance(quotas, QTableWidget)
    assert ["ganti", "priority", "5", "1", "20.0"] in rows_of(quotas)
    transfers = child(page, QTableWidget, "reportTransfersTable")
    assert isinstance(transfers, QTableWidget)
    assert rows_of(transfers) == [["counter", "5", "Loket Prioritas", "1"]]
    headers = [transfers.horizontalHeaderItem(c).text() for c in range(transfers.columnCount())]
    assert headers == ["Transferred to", "Target", "Name", "Transfers"]
    if SHOTS:
        page.window().grab().save(str(Path(SHOTS) / "console-reports-day.png"))
        page.tabs.setCurrentIndex(2)
        page.window().grab().save(str(Path(SHOTS) / "console-reports-officers.png"))

    pdf = tmp_path / "day.pdf"
    page.export_to(pdf, "pdf")
    qtbot.waitUntil(lambda: page.message.text() == f"Saved {pdf}.", timeout=WAIT_MS)
    text = pdf_text(pdf)
    assert "Day report 01-12-2026" in text and "Arrivals per hour" in text
    for figure in ("wait p90 (min)", "35.0", "13.3", "Budi Santoso", "Loket 4"):
        assert figure in text

    before = page.refresher.loads
    page.set_period("month", OPEN_DAY)
    qtbot.waitUntil(
        lambda: page.refresher.loads > before and page.report is not None
        and page.report.kind == "month",
        timeout=WAIT_MS,
    )  # fmt: skip
    assert page.heading.text() == "Month report Dec 2026"
    if SHOTS:
        page.window().grab().save(str(Path(SHOTS) / "console-reports-month.png"))
    out = tmp_path / "month.csv"
    page.export_to(out, "csv")
    qtbot.waitUntil(lambda: page.message.text() == f"Saved {out}.", timeout=WAIT_MS)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "Month report Dec 2026"
    assert ["baru", "walk_in", str(40 * 23), "2", "0.2"] in rows


def test_pdf_from_the_command_line(
    ctx: QueueContext,
    clock: FixedClock,
    settings: Settings,
    tmp_path: Path,
) -> None:
    seed_day(ctx, clock)
    config = tmp_path / "loket.toml"
    config.write_text(
        f'database_url = "{settings.database_url}"\n[business_day]\npublic_holidays = false\n',
        encoding="utf-8",
    )
    out = tmp_path / "report.pdf"
    args = ["day", "--date", "2026-12-01", "--out", str(out), "--config", str(config)]
    assert pdf_main(args) == 0
    text = pdf_text(out)
    assert "Day report 01-12-2026" in text and "20.0" in text and "Quota use" in text
    assert pdf_main(["month", "--date", "12-2026", "--out", str(out), "--config", str(config)]) == 2


def test_officers_do_not_get_the_reports_page(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    assert window.findChild(QWidget, "reportsPage") is None
