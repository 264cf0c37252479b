"""The feedback loop's queue side: complaints, the satisfaction survey and its index, the
recap by category × month, formula-safe CSV, and the failed-online-booking walk-in."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from config.settings import Channel, Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed, QuotaExhausted, WalkInClosed
from db.migrate import open_queue
from db.models import ComplaintStatus
from db.ops.booking_failure import TAG, booking_failure_today, issue_booking_failure_ticket
from db.ops.calling import call_next, complete
from db.ops.feedback import (
    CONTACT_MAX,
    TEXT_MAX,
    FeedbackInvalid,
    SurveyRefusal,
    SurveyRefused,
    answer_complaint,
    file_complaint,
    is_ticket_token,
    submit_survey,
    survey_ticket,
)
from db.ops.issuing import issue_ticket, quotas_today
from db.read.complaints import list_complaints
from db.read.feedback_reports import (
    complaint_recap,
    complaint_recap_csv,
    complaints_csv,
    csv_text,
    ikm_grade,
    survey_csv,
    survey_index,
)
from db.views import TicketView
from tests.conftest import ADMIN, JAKARTA, KIOSK, MORNING, OFFICER, SUPERVISOR, make_settings

# Four respondents; element means 3.25 3.25 3.00 3.75 3.25 3.75 3.50 3.00 3.50 (sum 30.25):
# IKM = 30.25 / 9 × 25 = 84.027... → 84.03, grade B.
ANSWERS = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 2, 4, 3, 4, 4, 3, 3],
    [2, 3, 3, 4, 3, 4, 3, 2, 4],
]


def served(ctx: QueueContext, service: str = "baru") -> TicketView:
    ticket = issue_ticket(ctx, KIOSK, service, Channel.WALK_IN)
    called = call_next(ctx, OFFICER, 1)
    assert called.id == ticket.id
    return complete(ctx, OFFICER, 1, ticket.id)


def test_a_complaint_gets_a_receipt_and_an_answer(ctx: QueueContext, clock: FixedClock) -> None:
    first = file_complaint(ctx, KIOSK, "app_unreachable", "Aplikasi\x00 error\x1b[31m", "")
    second = file_complaint(
        ctx, KIOSK, "other", "Antre\tlama\r\nsekali", "0812-3456-7890", consent=True
    )
    assert (first, second) == ("ADU-261201-001", "ADU-261201-002")
    newest, oldest = list_complaints(ctx, SUPERVISOR)
    assert oldest.text == "Aplikasi error[31m"  # control characters gone
    assert newest.text == "Antre lama\nsekali" and newest.contact == "081234567890"
    assert oldest.kiosk_id == "kiosk-1" and oldest.status == ComplaintStatus.NEW
    clock.advance(minutes=30)
    answered = answer_complaint(ctx, SUPERVISOR, oldest.id, "Server M-Paspor sedang gangguan.")
    assert answered.status == ComplaintStatus.ANSWERED
    assert answered.answered_by == "sari" and answered.answered_at == MORNING + dt.timedelta(
        minutes=30
    )
    assert [c.receipt for c in list_complaints(ctx, SUPERVISOR, "new")] == [second]
    with pytest.raises(FeedbackInvalid, match="response note"):
        answer_complaint(ctx, SUPERVISOR, newest.id, "  ")


def test_complaint_input_is_bounded_and_checked(ctx: QueueContext) -> None:
    with pytest.raises(FeedbackInvalid, match="too long") as exc:
        file_complaint(ctx, KIOSK, "other", "x" * (TEXT_MAX + 1))
    assert exc.value.field == "text"
    file_complaint(ctx, KIOSK, "other", "x" * TEXT_MAX)
    with pytest.raises(FeedbackInvalid, match="contact"):
        file_complaint(ctx, KIOSK, "other", "", "a" * (CONTACT_MAX + 1), consent=True)
    with pytest.raises(FeedbackInvalid, match="phone number or an e-mail"):
        file_complaint(ctx, KIOSK, "other", "", "not a contact", consent=True)
    with pytest.raises(FeedbackInvalid, match="consent"):
        file_complaint(ctx, KIOSK, "other", "", "budi@example.com", consent=False)
    with pytest.raises(FeedbackInvalid, match="category"):
        file_complaint(ctx, KIOSK, "weather", "")
    assert file_complaint(ctx, KIOSK, "other", "", "BUDI@Example.com", consent=True)
    assert list_complaints(ctx, SUPERVISOR)[0].contact == "budi@example.com"
    assert len(list_complaints(ctx, SUPERVISOR)) == 2


def test_roles(ctx: QueueContext) -> None:
    receipt = file_complaint(ctx, OFFICER, "office_problem", "AC mati")
    assert receipt
    complaint = list_complaints(ctx, ADMIN)[0]
    for call in (
        lambda: list_complaints(ctx, OFFICER),
        lambda: list_complaints(ctx, KIOSK),
        lambda: answer_complaint(ctx, OFFICER, complaint.id, "ok"),
        lambda: answer_complaint(ctx, KIOSK, complaint.id, "ok"),
        lambda: complaints_csv(ctx, OFFICER),
        lambda: survey_index(ctx, KIOSK, MORNING.date(), MORNING.date()),
        lambda: issue_booking_failure_ticket(ctx, KIOSK, "baru"),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert answer_complaint(ctx, ADMIN, complaint.id, "Sudah diperbaiki").status == "answered"


def test_the_survey_index_of_known_answers(ctx: QueueContext) -> None:
    for answers in ANSWERS:
        ticket = served(ctx)
        assert is_ticket_token(ctx, ticket.token)
        assert survey_ticket(ctx, KIOSK, ticket.token).number == ticket.number
        submit_survey(ctx, KIOSK, ticket.token, answers, "Terima kasih" if answers[0] == 4 else "")
    index = survey_index(ctx, SUPERVISOR, MORNING.date(), MORNING.date())
    assert index.respondents == 4
    assert index.element_means["time"] == 3.0 and index.element_means["cost"] == 3.75
    assert index.element_index["behaviour"] == 87.5
    assert index.ikm == 84.03 and index.grade == "B"
    assert survey_index(ctx, SUPERVISOR, MORNING.date(), MORNING.date(), "ganti").respondents == 0
    rows = list(csv.reader(io.StringIO(survey_csv(ctx, SUPERVISOR, 2026))))
    assert rows[0][-2:] == ["ikm", "grade"]
    assert rows[12][:2] == ["2026-Dec", "4"] and rows[12][-2:] == ["84.03", "B"]
    assert rows[1][1] == "0" and rows[1][-1] == ""


@pytest.mark.parametrize(
    ("value", "grade"),
    [(100, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"), (65.0, "C"),
     (64.99, "D"), (25, "D")],
)  # fmt: skip
def test_grades_follow_the_official_bands(value: float, grade: str) -> None:
    assert ikm_grade(value)[0] == grade


def test_one_survey_per_ticket_and_only_after_service(ctx: QueueContext, clock: FixedClock) -> None:
    waiting = issue_ticket(ctx, KIOSK, "info", Channel.WALK_IN)  # counter 1 never calls it
    with pytest.raises(SurveyRefused) as exc:
        submit_survey(ctx, KIOSK, waiting.token, [4] * 9)
    assert exc.value.reason == SurveyRefusal.NOT_SERVED and exc.value.ticket_number == "D-001"
    with pytest.raises(SurveyRefused) as exc:
        survey_ticket(ctx, KIOSK, "no-such-token")
    assert exc.value.reason == SurveyRefusal.UNKNOWN_TICKET
    assert not is_ticket_token(ctx, "MP261201JKS00001")
    ticket = served(ctx)
    for bad in ([4] * 8, [4] * 8 + [5], [0] + [4] * 8, [4.0] * 9, [True] * 9):
        with pytest.raises(FeedbackInvalid, match="nine answers"):
            submit_survey(ctx, KIOSK, ticket.token, bad)  # type: ignore[arg-type]
    with pytest.raises(FeedbackInvalid, match="comment"):
        submit_survey(ctx, KIOSK, ticket.token, [4] * 9, "x" * 501)
    submit_survey(ctx, KIOSK, ticket.token, [4] * 9)
    with pytest.raises(SurveyRefused) as exc:
        submit_survey(ctx, KIOSK, ticket.token, [1] * 9)
    assert exc.value.reason == SurveyRefusal.ALREADY_GIVEN
    late = served(ctx)
    clock.set(MORNING + dt.timedelta(days=7))  # Tue 8 Dec: still within 7 days
    assert survey_ticket(ctx, KIOSK, late.token).number == late.number
    clock.set(MORNING + dt.timedelta(days=8))
    with pytest.raises(SurveyRefused) as exc:
        submit_survey(ctx, KIOSK, late.token, [3] * 9)
    assert exc.value.reason == SurveyRefusal.TOO_LATE


def test_complaints_by_category_and_month(ctx: QueueContext, clock: FixedClock) -> None:
    script = [
        (dt.date(2025, 12, 30), "app_unreachable"),  # another year: not counted
        (dt.date(2026, 1, 5), "app_unreachable"),
        (dt.date(2026, 1, 6), "app_unreachable"),
        (dt.date(2026, 1, 31), "app_unreachable"),
        (dt.date(2026, 1, 31), "quota_full"),
        (dt.date(2026, 2, 2), "app_unreachable"),
        (dt.date(2026, 2, 27), "app_unreachable"),
        (dt.date(2026, 2, 27), "other"),
        (dt.date(2026, 12, 1), "office_problem"),
    ]
    for day, category in script:
        clock.set(dt.datetime.combine(day, dt.time(10, 0), JAKARTA))
        file_complaint(ctx, KIOSK, category)
    recap = complaint_recap(ctx, SUPERVISOR, 2026)
    assert recap.counts["app_unreachable"][:3] == [3, 2, 0]
    assert recap.counts["quota_full"][0] == 1 and recap.counts["office_problem"][11] == 1
    assert recap.total == 8 and recap.month_total(1) == 4 and recap.month_total(2) == 3
    assert recap.share("app_unreachable") == 5 / 8
    rows = list(csv.reader(io.StringIO(complaint_recap_csv(ctx, SUPERVISOR, 2026))))
    assert rows[0][:3] == ["category", "Jan", "Feb"] and rows[0][-2:] == ["total", "share"]
    assert rows[1] == ["app_unreachable", "3", "2"] + ["0"] * 10 + ["5", "62.5%"]
    assert rows[-1][:3] == ["total", "4", "3"] and rows[-1][-2] == "8"
    assert complaint_recap(ctx, SUPERVISOR, 2025).total == 1


def test_csv_export_cannot_run_formulas(ctx: QueueContext) -> None:
    for text in ("=1+1", "+cmd|' /C calc'!A0", "-x", "@SUM(A1:A9)", "plain"):
        file_complaint(ctx, KIOSK, "other", text)
    rows = list(csv.reader(io.StringIO(complaints_csv(ctx, SUPERVISOR))))
    texts = [row[3] for row in rows[1:]]
    assert texts == ["'=1+1", "'+cmd|' /C calc'!A0", "'-x", "'@SUM(A1:A9)", "plain"]
    raw = list(csv.reader(io.StringIO(csv_text(["a"], [["\tx"], ["\rx"], [-3], ["a=b"]]))))
    assert [r[0] for r in raw[1:]] == ["'\tx", "'\rx", "-3", "a=b"]


def test_failed_online_booking_walk_in_has_its_own_quota(
    db_url: str, clock: FixedClock, settings: Settings
) -> None:
    kiosk = {**settings.kiosk.model_dump(), "booking_failure_quota": 2}
    ctx = open_queue(make_settings(db_url, kiosk=kiosk), clock=clock)
    try:
        walk_in_before = [q for q in quotas_today(ctx) if q.channel == Channel.WALK_IN]
        first = issue_booking_failure_ticket(ctx, SUPERVISOR, "baru")
        assert first.channel == Channel.WALK_IN
        assert first.override_reason == f"{TAG} gagal booking online 3 minggu"
        issue_booking_failure_ticket(ctx, OFFICER, "ganti", "3x gagal, ada screenshot")
        with pytest.raises(QuotaExhausted, match="failed online bookings"):
            issue_booking_failure_ticket(ctx, SUPERVISOR, "baru")
        left = booking_failure_today(ctx)
        assert (left.open_today, left.quota, left.issued, left.remaining) == (True, 2, 2, 0)
        # It does not use up the ordinary walk-in quota.
        assert [q for q in quotas_today(ctx) if q.channel == Channel.WALK_IN] == walk_in_before
        clock.set(MORNING + dt.timedelta(days=1))  # Wednesday: not a booking-failure day
        with pytest.raises(WalkInClosed) as exc:
            issue_booking_failure_ticket(ctx, SUPERVISOR, "baru")
        assert exc.value.next_opening is not None
        assert exc.value.next_opening.astimezone(JAKARTA).date() == dt.date(2026, 12, 3)
    finally:
        ctx.db.dispose()
