"""The web service's PostgreSQL role has the rights db/postgres_grants.sql gives it and no
more (docs/web.md, "Database role"): it may not read the bookings, the officers, the print
jobs, the audit log's records or the complaints' texts and contacts, and may change nothing
but add survey answers and complaints with their audit records; and with only those rights
every page of the web service works (a real uvicorn server, as the web role, while the
queue runs as the PCs' role)."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from config import load_settings
from db.context import Actor, QueueContext
from db.migrate import open_queue
from db.models import Role
from db.ops.audit import verify_audit
from db.ops.calling import call_next, complete, start_service
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket
from db.ops.officers import add_officer
from db.read.complaints import list_complaints
from db.read.feedback_reports import survey_index
from db.rules.feedback import ELEMENTS
from tests.conftest import ADMIN, KIOSK, SUPERVISOR, always_open_toml
from tests.postgres import WEB, as_role
from tests.web.conftest import PUBLIC_URL, WebOffice, free_port
from web.cli import check

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
OFFICER = Actor("budi", Role.OFFICER)


def psql_url(url: str) -> str:
    return url.replace("postgresql+psycopg", "postgresql")


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM bookings",
        "SELECT count(*) FROM bookings",
        "SELECT username FROM officers",
        "SELECT count(*) FROM officers",
        "SELECT * FROM audit_log",
        "SELECT actor, action, target, detail FROM audit_log",
        "SELECT contact, text FROM complaints",
        "SELECT comment FROM survey_responses",
        "SELECT * FROM print_jobs",
        "SELECT * FROM kiosk_heartbeats",
        "UPDATE tickets SET status = 'done'",
        "UPDATE complaints SET status = 'answered'",
        "DELETE FROM survey_responses",
        "DELETE FROM audit_log",
        "INSERT INTO ticket_events (ticket_id, kind, at, actor, status_after) "
        "VALUES (1, 'called', now(), 'x', 'called')",
    ],
)
def test_the_web_role_is_refused_what_the_web_service_does_not_need(
    db_url: str, statement: str
) -> None:
    with (
        psycopg.connect(psql_url(as_role(db_url, WEB))) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(statement)


@pytest.fixture
def web_office(db_url: str, tmp_path: Path) -> Iterator[WebOffice]:
    """The web service on a free port as the web role; ``ctx`` runs the queue as the PCs'
    role on the same database."""
    extra = f'[web]\npublic_url = "{PUBLIC_URL}"\n'
    app_path = tmp_path / "app.toml"
    app_path.write_text(always_open_toml(db_url) + extra, encoding="utf-8")
    web_path = tmp_path / "web.toml"
    web_path.write_text(always_open_toml(as_role(db_url, WEB)) + extra, encoding="utf-8")
    ctx = open_queue(load_settings(app_path))
    port = free_port()
    office = WebOffice(load_settings(web_path), web_path, ctx, f"http://127.0.0.1:{port}", port)
    office.start()
    try:
        yield office
    finally:
        office.stop()
        ctx.db.dispose()


class Phone:
    """A browser's requests: it keeps the form cookie the service sets."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def fetch(self, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = urllib.request.urlopen(request, timeout=20)
        except urllib.error.HTTPError as refused:
            response = refused
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name] = value
            return response.status, response.read().decode("utf-8")


def form_token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no form"
    return found.group(1)


def test_the_web_pages_work_as_the_web_role(web_office: WebOffice) -> None:
    ctx: QueueContext = web_office.ctx
    assert check(str(web_office.settings_path)) is None  # the schema check before starting
    add_officer(ctx, ADMIN, "budi", "officer", "rahasia-123")
    served = issue_ticket(ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    waiting = issue_ticket(ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    open_counter(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, served.id)
    complete(ctx, OFFICER, 1, served.id)
    phone = Phone(web_office.base)

    status, today = phone.fetch("/")
    assert status == 200 and 'id="quota"' in today and 'id="hours-today"' in today
    status, page = phone.fetch(web_office.page_path(waiting.token))
    assert status == 200 and waiting.number in page
    status, page = phone.fetch("/display")
    assert status == 200 and served.number in page
    status, health = phone.fetch("/health")
    assert status == 200 and '"ok":true' in health.replace(" ", "")

    # The survey of the ticket just served, given on the phone.
    path = web_office.page_path(served.token)
    status, page = phone.fetch(path)
    assert status == 200 and 'id="survey"' in page
    answers = {element: "4" for element in ELEMENTS}
    status, page = phone.fetch(f"{path}/survey", {**answers, "csrf": form_token(page)})
    assert status == 200, page
    assert "Terima kasih atas jawaban Anda!" in page
    day = ctx.today()
    assert survey_index(ctx, SUPERVISOR, day, day).respondents == 1

    # A complaint, with its receipt.
    status, page = phone.fetch("/complaint")
    assert status == 200
    form = {"category": "office_problem", "text": "Kursi kurang.", "csrf": form_token(page)}
    status, page = phone.fetch("/complaint", form)
    assert status == 200, page
    (kept,) = list_complaints(ctx, SUPERVISOR)
    assert kept.receipt in page and kept.kiosk_id == "web"

    # The web role's audit records continue the office's sealed chain.
    result = verify_audit(ctx.db)
    assert result.ok, result.problem
