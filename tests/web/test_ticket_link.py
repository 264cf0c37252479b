"""Ticket links: signed, day-bound, no personal data; the kiosk reads both QR forms."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from config.settings import Settings
from db.context import QueueContext
from db.io.ticket_link import (
    LinkInvalid,
    LinkKeyError,
    key_file,
    link_token,
    load_key,
    read_link,
    ticket_qr_payload,
    ticket_token_of_scan,
)
from db.ops.feedback import is_ticket_token
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, OPEN_DAY, make_settings

KEY = bytes(range(32))


def test_a_link_reads_back_and_a_changed_one_does_not() -> None:
    link = link_token(KEY, "JKS", OPEN_DAY, "AbCdEfGhIjKlMnOp")
    assert link.startswith("AbCdEfGhIjKlMnOp.261201.")
    assert read_link(KEY, "JKS", link).token == "AbCdEfGhIjKlMnOp"
    assert read_link(KEY, "JKS", link).day == OPEN_DAY
    for bad in (
        link[:-1] + ("x" if link[-1] != "x" else "y"),  # signature
        link.replace("261201", "261202"),  # another day
        link_token(bytes(32), "JKS", OPEN_DAY, "AbCdEfGhIjKlMnOp"),  # another key
        "",
        "../../etc/passwd",
    ):
        with pytest.raises(LinkInvalid):
            read_link(KEY, "JKS", bad)
    with pytest.raises(LinkInvalid):
        read_link(KEY, "BDG", link)  # another office


def test_the_key_file_is_made_owner_only_and_kept(settings: Settings) -> None:
    key = load_key(settings)
    path = key_file(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(settings) == key and len(key) == 32


def test_an_unreadable_key_file_says_which(tmp_path: Path, db_url: str) -> None:
    path = tmp_path / "short.key"
    path.write_text("abcd\n")
    settings = make_settings(db_url, web={"key_path": str(path)})
    with pytest.raises(LinkKeyError, match=r"short\.key"):
        load_key(settings)


def test_the_qr_holds_the_page_url_only_with_a_public_url(db_url: str) -> None:
    plain = make_settings(db_url)
    assert ticket_qr_payload(plain, "AbCdEfGhIjKlMnOp", OPEN_DAY) == "AbCdEfGhIjKlMnOp"
    web = make_settings(db_url, web={"public_url": "https://antrean.example.id"})
    payload = ticket_qr_payload(web, "AbCdEfGhIjKlMnOp", OPEN_DAY)
    assert payload.startswith("https://antrean.example.id/t/AbCdEfGhIjKlMnOp.261201.")
    assert read_link(load_key(web), "JKS", payload.rsplit("/", 1)[1]).token == "AbCdEfGhIjKlMnOp"


def test_a_bad_public_url_is_refused(db_url: str) -> None:
    for bad in ("antrean.example.id", "https://antrean.example.id/", "ftp://x.id", "https://a b"):
        with pytest.raises(ValueError, match=r"web\.public_url|public_url"):
            make_settings(db_url, web={"public_url": bad})


def test_the_kiosk_reads_the_ticket_in_either_qr_form(ctx: QueueContext) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in", kiosk_id="kiosk-1")
    settings = ctx.settings.model_copy(
        update={"web": ctx.settings.web.model_copy(update={"public_url": "https://q.example.id"})}
    )
    url = ticket_qr_payload(settings, ticket.token, ticket.business_day)
    assert url != ticket.token
    for scanned in (ticket.token, url, f"  {url}\r\n"):
        assert is_ticket_token(ctx, ticket_token_of_scan(scanned))
    # A booking code or another site's URL stays what it is (for booking check-in).
    assert ticket_token_of_scan("JKS-20261201-0001") == "JKS-20261201-0001"
    other = "https://example.com/t/whatever"
    assert ticket_token_of_scan(other) == other
    assert not is_ticket_token(ctx, ticket_token_of_scan(other))
    assert dt.date(2026, 12, 1) == ticket.business_day
