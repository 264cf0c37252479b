"""The web service as a real uvicorn server on a free loopback port (in a thread of the test
process), a real queue database, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from config import load_settings
from config.settings import Settings
from db.context import QueueContext
from db.migrate import open_queue
from db.ticket_link import load_key, ticket_qr_payload
from tests.conftest import always_open_toml
from web.app import build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
PUBLIC_URL = "https://antrean.example.id"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class WebOffice:
    settings: Settings
    settings_path: Path
    ctx: QueueContext
    base: str

    def page_path(self, token: str) -> str:
        """The path of a ticket's page, taken from what its QR code holds."""
        payload = ticket_qr_payload(self.settings, token, self.ctx.today())
        assert payload.startswith(PUBLIC_URL + "/t/"), payload
        return payload[len(PUBLIC_URL) :]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def office(tmp_path: Path) -> Iterator[WebOffice]:
    url = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    path = tmp_path / "settings.toml"
    path.write_text(
        always_open_toml(url)
        + f'[web]\npublic_url = "{PUBLIC_URL}"\nform_posts_per_10_minutes = 5\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    ctx = open_queue(settings)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            build(settings, load_key(settings)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web service did not start")
        time.sleep(0.05)
    try:
        yield WebOffice(settings, path, ctx, f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(10)
        ctx.db.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tv(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()
