"""Screenshots of the web pages at phone (390x844) and TV (1920x1080) sizes, into
docs/screenshots/web-*.png: ``python -m tests.web.take_web_screenshots``. A real server, a
real SQLite office with a morning's tickets, Debian's chromium."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import uvicorn

from config import load_settings
from db.context import Actor
from db.io.ticket_link import load_key, ticket_qr_payload
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete, start_service
from db.ops.counters import open_counter
from db.ops.feedback import file_complaint
from db.ops.issuing import issue_ticket
from tests.conftest import always_open_toml
from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, PUBLIC_URL, free_port
from web.app import build

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
KIOSK = Actor.kiosk("kiosk-1")
OFFICER = Actor("budi", Role.OFFICER)
PHONE = {"width": 390, "height": 844}
TV = {"width": 1920, "height": 1080}


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="loket-web-shots-"))
    os.environ["LOKET_DATA_DIR"] = str(folder)
    path = folder / "settings.toml"
    url = f"sqlite:///{folder / 'queue.sqlite3'}"
    path.write_text(always_open_toml(url) + f'[web]\npublic_url = "{PUBLIC_URL}"\n')
    settings = load_settings(path)
    ctx = open_queue(settings)
    services = ("baru", "baru", "ganti", "baru", "ambil", "ganti", "baru", "info", "baru", "ganti")
    tickets = [issue_ticket(ctx, KIOSK, s, "walk_in", kiosk_id="kiosk-1") for s in services]
    for counter in (1, 2, 3, 4):
        open_counter(ctx, OFFICER, counter)
    served = call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, served.id)
    complete(ctx, OFFICER, 1, served.id)
    for counter in (1, 2, 4):
        call_next(ctx, OFFICER, counter)
    called = call_next(ctx, OFFICER, 3)
    waiting = tickets[-2]
    file_complaint(ctx, KIOSK, "office_problem", "contoh")

    def link(t: object) -> str:
        return ticket_qr_payload(settings, t.token, t.business_day)[len(PUBLIC_URL) :]  # type: ignore[attr-defined]

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(build(settings, load_key(settings)), host="127.0.0.1", port=port,
                       log_level="warning")
    )  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = browser.new_context(viewport=PHONE, device_scale_factor=1).new_page()
        shots = [
            ("web-ticket-waiting-phone-id.png", link(waiting), False),
            ("web-ticket-waiting-phone-en.png", link(waiting) + "?lang=en", False),
            ("web-ticket-called-phone-id.png", link(called), False),
            ("web-ticket-survey-phone-id.png", link(served), True),
            ("web-today-phone-id.png", "/", True),
            ("web-complaint-phone-id.png", "/complaint", True),
            ("web-faq-phone-en.png", "/faq/priority?lang=en", False),
            ("web-invalid-link-phone-id.png", "/t/not-a-ticket", False),
            ("web-display-phone.png", "/display", False),
        ]
        for name, page_path, full in shots:
            phone.goto(base + page_path)
            phone.wait_for_timeout(600)
            phone.screenshot(path=str(OUT / name), full_page=full)
            print(OUT / name)
        tv = browser.new_context(viewport=TV).new_page()
        tv.goto(base + "/display")
        tv.wait_for_timeout(800)
        tv.screenshot(path=str(OUT / "web-display-tv.png"))
        print(OUT / "web-display-tv.png")
        browser.close()
    server.should_exit = True
    thread.join(10)
    ctx.db.dispose()


if __name__ == "__main__":
    main()
