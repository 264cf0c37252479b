"""The web service in a real browser (Debian's chromium, driven by Playwright) against a real
uvicorn server and a real SQLite file; calls come from another process, as from a console."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest

from db.context import Actor
from db.io.ticket_link import link_token, load_key
from db.models import Role
from db.ops.calling import call_next, complete, start_service
from db.ops.counters import open_counter
from db.ops.day_overrides import close_day
from db.ops.issuing import issue_ticket
from db.read.complaints import list_complaints
from db.read.feedback_reports import survey_index
from db.rules.feedback import ELEMENTS
from tests.conftest import KIOSK, SUPERVISOR
from tests.web.conftest import WebOffice
from web.guard import CSP

# A browser, a server and another process per test: slow on a busy CI machine.
pytestmark = pytest.mark.timeout(300)
OFFICER = Actor("budi", Role.OFFICER)
CALL_FROM_ANOTHER_PROCESS = textwrap.dedent(
    """
    import sys, time
    from config import load_settings
    from db.ops.calling import call_next
    from db.context import Actor
    from db.ops.counters import open_counter
    from db.engine import Database
    from db.context import QueueContext
    from db.models import Role

    settings = load_settings(sys.argv[1])
    ctx = QueueContext(Database(settings.database_url), settings)
    officer = Actor("budi", Role.OFFICER)
    counter = int(sys.argv[2])
    open_counter(ctx, officer, counter)
    ticket = call_next(ctx, officer, counter)
    print(ticket.number, time.time(), flush=True)
    """
)


WATCH_MESSAGE = """(wanted) => {
  window.shownAt = null;
  var message = document.getElementById('message');
  new MutationObserver(function () {
    if (window.shownAt === null && message.textContent === wanted) {
      window.shownAt = Date.now() / 1000;
    }
  }).observe(message, {childList: true, characterData: true, subtree: true});
}"""


def call_elsewhere(office: WebOffice, counter: int) -> tuple[str, float]:
    """Call the next ticket at ``counter`` from a separate process; (number, commit time),
    read as soon as the process prints it (before it has finished exiting)."""
    with subprocess.Popen(
        [sys.executable, "-c", CALL_FROM_ANOTHER_PROCESS, str(office.settings_path), str(counter)],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert process.wait(60) == 0, "the calling process failed"
    number, at = line.split()
    return number, float(at)


def test_a_ticket_issued_by_the_queue_shows_on_its_page(office: WebOffice, phone: Any) -> None:
    first = issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    second = issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    loaded: list[int] = []
    phone.on("response", lambda r: loaded.append(len(r.body())) if r.ok else None)
    response = phone.goto(office.url(office.page_path(second.token)))
    assert response.status == 200
    assert response.headers["content-security-policy"] == CSP
    assert phone.locator("#number").inner_text() == second.number == "A-002"
    assert phone.locator(".service").inner_text() == "Paspor Baru"
    assert phone.locator("#ahead").inner_text() == "1"  # the first ticket is ahead
    assert "menit" in phone.locator("#wait").inner_text()
    assert first.number == "A-001"
    phone.wait_for_load_state("networkidle")
    assert 0 < sum(loaded) < 100_000, f"first load {sum(loaded)} bytes"
    # English at a touch.
    phone.click("a.lang")
    assert phone.locator("#message").inner_text() == "Please wait. This page updates by itself."
    # Without JavaScript the page reloads itself every 30 s.
    html = phone.content()
    assert '<noscript><meta http-equiv="refresh" content="30"></noscript>' in html


def test_a_call_from_another_process_reaches_the_page_within_a_second(
    office: WebOffice, phone: Any
) -> None:
    ticket = issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    phone.goto(office.url(office.page_path(ticket.token)))
    assert phone.locator("#message").inner_text().startswith("Mohon menunggu")
    # The stream is open before the call is made.
    phone.wait_for_function("document.getElementById('offline').hidden === true")
    time.sleep(0.5)
    # The browser notes when the words appear (its clock is this machine's clock).
    phone.evaluate(WATCH_MESSAGE, "Silakan menuju Loket 3")
    number, committed = call_elsewhere(office, 3)
    assert number == ticket.number
    phone.wait_for_function("window.shownAt !== null", timeout=5000)
    latency = phone.evaluate("window.shownAt") - committed
    assert latency < 1.0, f"the call reached the page after {latency:.2f} s"
    assert phone.locator("#ticket").get_attribute("class") == "ticket called"
    assert phone.locator("#ahead").inner_text() == "–"


def test_a_survey_given_on_the_phone_is_in_the_console_results(
    office: WebOffice, phone: Any
) -> None:
    ctx = office.ctx
    ticket = issue_ticket(ctx, KIOSK, "ganti", "walk_in", kiosk_id="kiosk-1")
    open_counter(ctx, OFFICER, 2)
    call_next(ctx, OFFICER, 2)
    start_service(ctx, OFFICER, 2, ticket.id)
    complete(ctx, OFFICER, 2, ticket.id)
    phone.goto(office.url(office.page_path(ticket.token)))
    assert phone.locator("#message").inner_text() == "Pelayanan selesai. Terima kasih!"
    for n, element in enumerate(ELEMENTS):
        phone.check(f"input[name={element}][value='{3 if n % 2 else 4}']")
    phone.fill("textarea[name=comment]", "Cepat dan ramah.")
    phone.click("#survey button[type=submit]")
    assert phone.locator(".notice.ok").inner_text() == "Terima kasih atas jawaban Anda!"
    today = ctx.today()
    index = survey_index(ctx, SUPERVISOR, today, today)
    assert index.respondents == 1
    assert index.element_means["requirements"] == 4.0
    assert index.element_means["procedure"] == 3.0
    # One survey per ticket: the page no longer offers it.
    phone.goto(office.url(office.page_path(ticket.token)))
    assert phone.locator("#survey").count() == 0
    assert phone.locator(".notice.ok").inner_text() == "Survei untuk tiket ini sudah diisi."


def test_the_browser_display_shows_and_announces_a_call(office: WebOffice, tv: Any) -> None:
    ticket = issue_ticket(office.ctx, KIOSK, "ambil", "walk_in", kiosk_id="kiosk-1")
    tv.goto(office.url("/display"))
    assert tv.locator("#latest-number").inner_text() == "–"
    assert "Pengambilan Paspor" in tv.locator("#waiting").inner_text()
    tv.wait_for_function("document.getElementById('offline').hidden === true")
    time.sleep(0.3)
    number, _ = call_elsewhere(office, 4)
    assert number == ticket.number == "C-001"
    tv.wait_for_function(
        "document.getElementById('latest-number').textContent === 'C-001'", timeout=5000
    )
    assert tv.locator("#latest-counter").inner_text() == "Loket 4"
    assert "C-001" in tv.locator("#serving").inner_text()
    tv.wait_for_function("window.loketAnnounced.length === 1", timeout=5000)
    assert tv.evaluate("window.loketAnnounced") == ["C-001@Loket 4"]
    sound = tv.request.get(office.url("/audio/call/C-001/4.wav"))
    assert sound.status == 200 and sound.headers["content-type"] == "audio/wav"
    chime = tv.request.get(office.url("/audio/chime.wav"))
    assert sound.body()[:4] == b"RIFF" and len(sound.body()) > len(chime.body())
    # Only calls the office can make are spoken.
    assert tv.request.get(office.url("/audio/call/Z-001/4.wav")).status == 404
    assert tv.request.get(office.url("/audio/call/C-001/99.wav")).status == 404


def test_the_display_recovers_after_the_server_comes_back(office: WebOffice, tv: Any) -> None:
    issue_ticket(office.ctx, KIOSK, "info", "walk_in", kiosk_id="kiosk-1")
    second = issue_ticket(office.ctx, KIOSK, "info", "walk_in", kiosk_id="kiosk-1")
    tv.goto(office.url("/display"))
    tv.wait_for_function("window.loketAnnounced !== undefined")
    time.sleep(0.3)
    office.stop()
    tv.wait_for_function("document.getElementById('offline').hidden === false", timeout=10000)
    # The call is made while the server is away; the TV learns of it when it is back.
    open_counter(office.ctx, OFFICER, 4)
    call_next(office.ctx, OFFICER, 4)
    complete(office.ctx, OFFICER, 4, "D-001")
    office.start()
    tv.wait_for_function(
        "document.getElementById('latest-number').textContent === 'D-001'", timeout=15000
    )
    assert tv.locator("#offline").is_hidden()
    call_next(office.ctx, OFFICER, 4)
    tv.wait_for_function(
        f"document.getElementById('latest-number').textContent === '{second.number}'",
        timeout=5000,
    )
    # The number served while the TV was away stays on the board but is not called out
    # late; the next call is announced.
    tv.wait_for_function("window.loketAnnounced.length === 1", timeout=30000)
    time.sleep(0.5)
    assert tv.evaluate("window.loketAnnounced") == ["D-002@Loket 4"]


def test_pages_run_under_their_policy(office: WebOffice, browser: Any) -> None:
    """Without bypassing the content security policy the pages load their own style and
    script, open their event streams, and the browser reports no violation."""
    ticket = issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        streams: list[str] = []
        page.on("response", lambda r: streams.append(r.url) if "/events" in r.url else None)
        for path in (office.page_path(ticket.token), "/display", "/", "/complaint"):
            page.goto(office.url(path))
            page.wait_for_load_state("networkidle" if path == "/" else "load")
            colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert colour in ("rgb(244, 246, 250)", "rgb(10, 26, 63)"), (path, colour)
        deadline = time.monotonic() + 5
        while len(streams) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert any("/t/" in u for u in streams) and any("/display/" in u for u in streams)
        assert not [m for m in messages if "Content Security Policy" in m], messages
    finally:
        context.close()


def test_bad_links_get_a_plain_page(office: WebOffice, phone: Any) -> None:
    ticket = issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    good = office.page_path(ticket.token)
    response = phone.goto(office.url(good[:-1] + ("A" if good[-1] != "A" else "B")))
    assert response.status == 404
    assert phone.locator("h1").inner_text() == "Tiket tidak ditemukan"
    assert phone.goto(office.url("/t/%3Cscript%3E")).status == 404
    key = load_key(office.settings)
    yesterday = office.ctx.today() - dt.timedelta(days=1)
    old = link_token(key, office.settings.office.code, yesterday, ticket.token)
    response = phone.goto(office.url(f"/t/{old}"))
    assert response.status == 410
    assert phone.locator("h1").inner_text() == "Tiket sudah tidak berlaku"
    assert "Traceback" not in phone.content()


def test_a_complaint_from_the_phone_gets_a_receipt_and_posts_are_limited(
    office: WebOffice, phone: Any
) -> None:
    phone.goto(office.url("/complaint"))
    phone.check("input[name=category][value=office_problem]")
    phone.fill("textarea[name=text]", "Kursi ruang tunggu kurang.")
    phone.click("button[type=submit]")
    receipt = phone.locator("#receipt").inner_text()
    assert receipt.startswith("ADU-")
    (kept,) = list_complaints(office.ctx, SUPERVISOR)
    assert (kept.receipt, kept.category, kept.kiosk_id) == (receipt, "office_problem", "web")
    # A post without the form's token (another site's form) is refused and keeps nothing.
    forged = phone.request.post(
        office.url("/complaint"), form={"category": "other", "csrf": "0" * 32}
    )
    assert forged.status == 403
    assert len(list_complaints(office.ctx, SUPERVISOR)) == 1
    # Five posts per ten minutes per address in this office's settings.
    statuses = [
        phone.request.post(office.url("/complaint"), form={"category": "other"}).status
        for _ in range(5)
    ]
    assert statuses == [403, 403, 403, 429, 429]


def test_today_page_says_why_a_supervisor_closed_the_office(office: WebOffice, phone: Any) -> None:
    phone.goto(office.url("/"))
    assert phone.locator("#hours-today").inner_text().startswith("Buka hari ini")
    close_day(office.ctx, SUPERVISOR, office.ctx.today(), "Pemadaman listrik <gedung B>")
    phone.goto(office.url("/"))
    assert phone.locator("#hours-today").inner_text() == (
        "Kantor tutup hari ini: Pemadaman listrik <gedung B>"
    )


def test_today_page_shows_quotas_hours_and_information(office: WebOffice, phone: Any) -> None:
    issue_ticket(office.ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    phone.goto(office.url("/"))
    quota = phone.locator("#quota").inner_text()
    assert "Paspor Baru" in quota and "39/40" in quota
    phone.click("text=Cara memesan antrean dengan M-Paspor")
    assert phone.locator("h1").inner_text() == "Cara memesan antrean dengan M-Paspor"
