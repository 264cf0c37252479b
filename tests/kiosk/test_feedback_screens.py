"""The kiosk's feedback screens end to end on a real database: information pages with their
QR codes, reporting a problem with a receipt, and the survey opened by scanning a served
ticket; each new screen rendered in both languages and orientations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from config.settings import Channel
from db.context import QueueContext
from db.ops.calling import call_next, complete
from db.ops.feedback import SurveyTicket
from db.ops.issuing import issue_ticket
from db.read.complaints import list_complaints
from db.read.feedback_reports import survey_index
from db.views import TicketView
from kiosk.app import Kiosk
from kiosk.feedback_flows import slip_problem
from kiosk.screens.faq import load_faq
from printer import Emulator
from printer.escpos_parser import Parser
from printer.receipt import render_items
from tests.conftest import KIOSK, OFFICER, SUPERVISOR
from tests.kiosk.conftest import (
    LANDSCAPE,
    PORTRAIT,
    click,
    find,
    scan,
    text_of,
    type_keys,
    wait_screen,
)
from tests.kiosk.test_screens import clipped, non_blank

SHOTS = os.environ.get("LOKET_SCREENSHOTS")


def served(ctx: QueueContext) -> TicketView:
    ticket = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    call_next(ctx, OFFICER, 1)
    return complete(ctx, OFFICER, 1, ticket.id)


def decode_qr(label: QLabel) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().save(buffer, "PNG")
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"qr-{os.getpid()}.png"
    path.write_bytes(bytes(buffer.data()))
    with Image.open(path) as image:
        found = zxingcpp.read_barcodes(image)
    path.unlink()
    return found[0].text if found else ""


def test_information_pages_with_a_qr_code_each(qtbot: QtBot, kiosk: Kiosk) -> None:
    click(qtbot, kiosk, "home_info")
    wait_screen(qtbot, kiosk, "faq")
    assert text_of(kiosk, "faq_heading") == "Informasi"
    click(qtbot, kiosk, "faq_topic_booking")
    assert "M-Paspor" in text_of(kiosk, "faq_heading")
    assert "Unduh aplikasi M-Paspor" in text_of(kiosk, "faq_text")
    assert decode_qr(find(kiosk, "faq_qr")) == "https://www.imigrasi.go.id/"  # type: ignore[arg-type]
    click(qtbot, kiosk, "faq_back")  # back to the topics
    click(qtbot, kiosk, "faq_topic_counters")
    assert "Loket Prioritas: Paspor Baru" in text_of(kiosk, "faq_text")
    assert not find(kiosk, "faq_qr_card").isVisible()  # no official page given
    kiosk.window.set_language("en")
    assert text_of(kiosk, "faq_heading") == "Where the counters are"
    click(qtbot, kiosk, "faq_back")
    click(qtbot, kiosk, "faq_ticket")
    wait_screen(qtbot, kiosk, "confirm")
    assert text_of(kiosk, "confirm_service") == "Information"


def test_an_office_file_replaces_the_pages_and_a_broken_one_falls_back(tmp_path: Path) -> None:
    good = tmp_path / "faq.toml"
    good.write_text(
        '[[page]]\nkey = "x"\nurl = "https://example.go.id/x"\n'
        'title = { id = "Judul", en = "Title" }\ntext = { id = "Isi", en = "Body" }\n',
        encoding="utf-8",
    )
    [page] = load_faq(good)
    assert (page.key, page.get(page.title, "en"), page.url) == (
        "x",
        "Title",
        "https://example.go.id/x",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('[[page]]\ntitle = "no languages"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"page\[0\]\.title"):
        load_faq(bad)


def test_reporting_a_problem_gives_a_receipt(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext, emulator: Emulator
) -> None:
    click(qtbot, kiosk, "home_feedback")
    wait_screen(qtbot, kiosk, "complaint")
    click(qtbot, kiosk, "complaint_category_app_unreachable")
    assert "Aplikasi pemesanan online" in text_of(kiosk, "complaint_prompt")
    type_keys(qtbot, kiosk, "complaint_text_keyboard", "3X")
    click(qtbot, kiosk, "complaint_text_keyboard_space")
    type_keys(qtbot, kiosk, "complaint_text_keyboard", "ERROR")
    click(qtbot, kiosk, "complaint_next")
    assert not find(kiosk, "complaint_next").isEnabled()  # nothing typed: no consent asked
    assert "pengawas" in text_of(kiosk, "complaint_consent")
    type_keys(qtbot, kiosk, "complaint_contact_keyboard", "BUDI")
    click(qtbot, kiosk, "complaint_contact_keyboard_key_@")
    type_keys(qtbot, kiosk, "complaint_contact_keyboard", "MAIL")
    click(qtbot, kiosk, "complaint_contact_keyboard_key_.")
    type_keys(qtbot, kiosk, "complaint_contact_keyboard", "COM")
    click(qtbot, kiosk, "complaint_next")
    qtbot.waitUntil(lambda: text_of(kiosk, "complaint_receipt") == "ADU-261201-001", timeout=5000)
    assert kiosk.window.current == "complaint"
    [complaint] = list_complaints(kiosk_ctx, SUPERVISOR)
    assert (complaint.category, complaint.text, complaint.contact) == (
        "app_unreachable",
        "3X ERROR",
        "budi@mail.com",
    )
    assert complaint.kiosk_id == kiosk_ctx.settings.kiosk_id
    # The receipt comes out of the printer, read back from the ESC/POS it received.
    [slip] = emulator.wait_for_tickets(1)
    printed = Parser().feed(slip.bin_path.read_bytes())
    lines = render_items(list(printed), 576).lines
    assert "ADU-261201-001" in lines and "Tanda terima laporan" in lines
    text = " ".join(line.strip() for line in lines)
    assert "Selasa, 1 Desember 2026 pukul 09.00" in text
    assert "Aplikasi pemesanan online tidak dapat diakses" in text
    assert "Jawaban dikirim ke nomor telepon atau e-mail yang Anda berikan." in text
    assert kiosk_ctx.settings.office.name.split()[0] in text
    qtbot.waitUntil(lambda: "ambil" in text_of(kiosk, "complaint_receipt_printer"))
    click(qtbot, kiosk, "complaint_next")  # Done
    wait_screen(qtbot, kiosk, "home")


def test_without_paper_the_receipt_number_is_shown_to_note_down(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext, emulator: Emulator
) -> None:
    emulator.state.paper = "out"
    click(qtbot, kiosk, "home_feedback")
    click(qtbot, kiosk, "complaint_category_office_problem")
    click(qtbot, kiosk, "complaint_next")
    click(qtbot, kiosk, "complaint_skip")
    qtbot.waitUntil(lambda: text_of(kiosk, "complaint_receipt") == "ADU-261201-001", timeout=5000)
    qtbot.waitUntil(lambda: "habis" in text_of(kiosk, "complaint_receipt_printer"))
    assert text_of(kiosk, "complaint_receipt_printer") == "Kertas printer habis."
    assert text_of(kiosk, "complaint_receipt_hint").startswith("Silakan dicatat")
    kiosk.window.set_language("en")
    assert text_of(kiosk, "complaint_receipt_printer") == "The printer is out of paper."
    assert emulator.tickets == []


def test_a_wrong_contact_is_said_and_sending_without_works(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext
) -> None:
    kiosk.window.set_language("en")
    click(qtbot, kiosk, "home_feedback")
    click(qtbot, kiosk, "complaint_category_no_smartphone")
    click(qtbot, kiosk, "complaint_next")
    type_keys(qtbot, kiosk, "complaint_contact_keyboard", "HELLO")
    click(qtbot, kiosk, "complaint_next")
    qtbot.waitUntil(lambda: find(kiosk, "complaint_problem").isVisible(), timeout=5000)
    assert text_of(kiosk, "complaint_problem") == "This is not a phone number or an e-mail address."
    click(qtbot, kiosk, "complaint_skip")
    qtbot.waitUntil(lambda: text_of(kiosk, "complaint_receipt").startswith("ADU-"), timeout=5000)
    [complaint] = list_complaints(kiosk_ctx, SUPERVISOR)
    assert complaint.contact is None and complaint.category == "no_smartphone"


def test_scanning_a_served_ticket_opens_the_survey_once(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext
) -> None:
    ticket = served(kiosk_ctx)
    scan(qtbot, kiosk, ticket.token)
    wait_screen(qtbot, kiosk, "survey")
    assert "A-001" in text_of(kiosk, "survey_progress")
    for answer in (4, 4, 3, 3, 2, 4, 4, 3, 1):
        click(qtbot, kiosk, f"survey_answer_{answer}")
    click(qtbot, kiosk, "survey_back")  # change the last answer
    click(qtbot, kiosk, "survey_answer_3")
    type_keys(qtbot, kiosk, "survey_comment_keyboard", "RAMAH")
    click(qtbot, kiosk, "survey_send")
    qtbot.waitUntil(lambda: find(kiosk, "survey_thanks").isVisible(), timeout=5000)
    day = kiosk_ctx.today()
    index = survey_index(kiosk_ctx, SUPERVISOR, day, day)
    assert index.respondents == 1
    assert index.element_means["facilities"] == 3.0 and index.element_means["time"] == 3.0
    assert index.ikm == round(30 / 9 * 25, 2)
    click(qtbot, kiosk, "survey_send")  # Done
    wait_screen(qtbot, kiosk, "home")
    scan(qtbot, kiosk, ticket.token)
    wait_screen(qtbot, kiosk, "message")
    assert kiosk.window.screen_named("message").kind == "survey_already_given"  # type: ignore[attr-defined]


def test_an_unserved_ticket_cannot_be_rated_and_a_booking_still_checks_in(
    qtbot: QtBot, kiosk: Kiosk, kiosk_ctx: QueueContext
) -> None:
    waiting = issue_ticket(kiosk_ctx, KIOSK, "info", Channel.WALK_IN)
    scan(qtbot, kiosk, waiting.token)
    wait_screen(qtbot, kiosk, "message")
    assert kiosk.window.screen_named("message").kind == "survey_not_served"  # type: ignore[attr-defined]
    assert waiting.number in text_of(kiosk, "message_body")
    click(qtbot, kiosk, "message_home")
    wait_screen(qtbot, kiosk, "home")
    scan(qtbot, kiosk, "MP261201JKS99999")  # not a ticket: booking check-in as before
    wait_screen(qtbot, kiosk, "message")
    assert kiosk.window.screen_named("message").kind.startswith("rejected")  # type: ignore[attr-defined]


def show(kiosk: Kiosk, name: str) -> None:
    flows, window = kiosk.flows, kiosk.window
    if name == "faq":
        flows.feedback.show_faq()
    elif name == "faq_page":
        flows.feedback.show_faq()
        window.screen_named("faq").show_page(0)  # type: ignore[attr-defined]
    elif name == "complaint":
        flows.feedback.start_complaint()
    elif name == "complaint_contact":
        flows.feedback.start_complaint()
        screen = window.screen_named("complaint")
        screen.choose("other")  # type: ignore[attr-defined]
        screen.next()  # type: ignore[attr-defined]
    elif name == "complaint_receipt":
        flows.feedback.start_complaint()
        window.screen_named("complaint").show_receipt("ADU-261201-001")  # type: ignore[attr-defined]
    elif name == "complaint_receipt_unprinted":
        flows.feedback.start_complaint()
        window.screen_named("complaint").show_receipt(  # type: ignore[attr-defined]
            "ADU-261201-001", lambda: slip_problem("cover_open")
        )
    elif name == "survey":
        flows.feedback.survey_scanned(SurveyTicket(1, "A-023", "baru", "tok"))
        window.screen_named("survey").answer(4)  # type: ignore[attr-defined]
    elif name == "survey_comment":
        flows.feedback.survey_scanned(SurveyTicket(1, "A-023", "baru", "tok"))
        for _ in range(9):
            window.screen_named("survey").answer(3)  # type: ignore[attr-defined]
    elif name == "home":
        window.show_screen("home")


NEW_SCREENS = ("home", "faq", "faq_page", "complaint", "complaint_contact",
               "complaint_receipt", "complaint_receipt_unprinted", "survey",
               "survey_comment")  # fmt: skip


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_new_screens_render_unclipped_in_both_languages(
    kiosk: Kiosk, size: tuple[int, int], tmp_path: Path
) -> None:
    window = kiosk.window
    window.resize_to(*size)
    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[str]] = {}
    for large, lang in ((False, "id"), (False, "en"), (True, "id")):
        window.set_large_text(large)
        window.set_language(lang)
        for name in NEW_SCREENS:
            show(kiosk, name)
            window.retranslate()
            QApplication.processEvents()
            assert window.size().toTuple() == size, f"{name} ({lang}) does not fit {size}"
            orientation = "portrait" if size == PORTRAIT else "landscape"
            png = out / f"kiosk-{name}-{orientation}-{lang}{'-large' if large else ''}.png"
            assert window.grab().save(str(png), "PNG", 100)
            assert non_blank(png), png
            if found := clipped(window):
                problems[png.name] = found
    window.set_large_text(False)
    assert problems == {}
