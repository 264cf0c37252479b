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
from db.io.ticket_link import load_key, ticket_qr_payload
from db.migrate import open_queue
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
    port: int
    server: uvicorn.Server | None = None
    thread: threading.Thread | None = None

    def start(self) -> None:
        """The web service on ``port`` (again, after ``stop``)."""
        app = build(self.settings, load_key(self.settings))
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="error", timeout_graceful_shutdown=1
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                pytest.fail("the web service did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.server is not None and self.thread is not None
        self.server.should_exit = True
        self.thread.join(15)
        assert not self.thread.is_alive(), "the web service did not stop"

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
    office = WebOffice(settings, path, ctx, f"http://127.0.0.1:{port}", port)
    office.start()
    try:
        yield office
    finally:
        office.stop()
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
    # Playwright's polling waits evaluate strings, which the pages' policy forbids (as it
    # should); the tests' browser lets them run. test_pages_run_under_their_policy checks the
    # pages without this.
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tv(browser: object) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1920, "height": 1080}, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()
