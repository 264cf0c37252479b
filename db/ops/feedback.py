"""The office's feedback loop: complaints filed at the kiosk (answered by a supervisor) and
the satisfaction survey an applicant gives after service, one per ticket.

The survey is Indonesia's public-service satisfaction survey (Survei Kepuasan Masyarakat,
Permenpan RB 14/2017): nine elements, each rated 1 (not good) .. 4 (very good). Its index
(IKM) and grades are computed in :mod:`db.read.feedback_reports`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require
from db.errors import QueueError
from db.models import Complaint, ComplaintStatus, Role, SurveyResponse, Ticket, TicketStatus
from db.read.complaints import ComplaintView
from db.rules.feedback import CATEGORIES, ELEMENTS

# What went wrong, in the categories of the office's own complaint recap.
# The nine survey elements, in the order of the questionnaire (column names of the table).
TEXT_MAX = 1000
CONTACT_MAX = 120
COMMENT_MAX = 500
RESPONSE_MAX = 2000
RECEIPT_PREFIX = "ADU"

_PHONE = re.compile(r"^\+?\d{8,15}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


class FeedbackInvalid(QueueError):
    """Input that cannot be kept (too long, unknown category, bad contact...)."""

    code = "feedback_invalid"

    def __init__(self, template: str, field: str, /, **params: object) -> None:
        super().__init__(template, **params)
        self.field = field


class UnknownComplaint(QueueError):
    code = "unknown_complaint"


class SurveyRefusal(StrEnum):
    UNKNOWN_TICKET = "unknown_ticket"
    NOT_SERVED = "not_served"
    TOO_LATE = "too_late"
    ALREADY_GIVEN = "already_given"


class SurveyRefused(QueueError):
    """A ticket that cannot be rated; ``reason`` is what the kiosk words."""

    code = "survey_refused"

    def __init__(
        self, reason: SurveyRefusal, template: str, ticket_number: str = "", /, **params: object
    ) -> None:
        super().__init__(template, **params)
        self.reason = reason
        self.ticket_number = ticket_number


def clean_text(text: str, limit: int, field: str) -> str:
    """Text as stored: control and format characters removed (a line break kept), tabs as
    spaces, trimmed; longer than ``limit`` is refused, not cut."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = "".join(
        c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co")
    )
    kept = kept.strip()
    if len(kept) > limit:
        raise FeedbackInvalid(
            "The {field} is too long ({length} > {limit} characters).",
            field,
            field=field,
            length=len(kept),
            limit=limit,
        )
    return kept


def clean_contact(contact: str | None) -> str | None:
    """A phone number (8-15 digits, optional +) or an e-mail address, or None."""
    if contact is None:
        return None
    value = clean_text(contact, CONTACT_MAX, "contact").replace("\n", " ")
    if not value:
        return None
    phone = re.sub(r"[\s().-]", "", value)
    if _PHONE.match(phone):
        return phone
    email = value.replace(" ", "").lower()
    if _EMAIL.match(email):
        return email
    raise FeedbackInvalid("Give a phone number or an e-mail address.", "contact")


def _next_receipt(session: Session, day: dt.date) -> str:
    # Runs under the write lock (SQLite BEGIN IMMEDIATE, PostgreSQL's advisory lock), so
    # two kiosks cannot count the same number; the unique constraint guards it anyway.
    count = session.scalar(select(func.count(Complaint.id)).where(Complaint.business_day == day))
    return f"{RECEIPT_PREFIX}-{day:%y%m%d}-{int(count or 0) + 1:03d}"


def file_complaint(
    ctx: QueueContext,
    actor: Actor,
    category: str,
    text: str = "",
    contact: str | None = None,
    consent: bool = False,
    *,
    kiosk_id: str | None = None,
) -> str:
    """Keep a complaint and return its receipt number (``ADU-261201-007``).

    A contact is kept only with ``consent`` (the applicant agreed to be answered there)."""
    require(actor, "file_complaint")
    if category not in CATEGORIES:
        raise FeedbackInvalid(
            "Unknown complaint category {category} (known: {known}).",
            "category",
            category=repr(category),
            known=", ".join(CATEGORIES),
        )
    body = clean_text(text, TEXT_MAX, "text")
    reach = clean_contact(contact)
    if reach is not None and not consent:
        raise FeedbackInvalid("A contact is kept only with the applicant's consent.", "consent")
    kiosk = kiosk_id or (actor.name if actor.role == Role.KIOSK else None)

    def work(session: Session) -> str:
        now = ctx.now()
        day = ctx.calendar.business_day(now)
        receipt = _next_receipt(session, day)
        session.add(
            Complaint(
                receipt=receipt,
                business_day=day,
                filed_at=now,
                category=category,
                text=body,
                contact=reach,
                consent=bool(consent and reach),
                kiosk_id=kiosk,
                filed_by=actor.name,
                status=ComplaintStatus.NEW,
                response="",
            )
        )
        session.flush()
        audit(session, actor, "file_complaint", now, receipt, category=category)
        return receipt

    return ctx.db.run_write(work)


def answer_complaint(
    ctx: QueueContext,
    actor: Actor,
    complaint_id: int,
    response: str,
    status: ComplaintStatus | str = ComplaintStatus.ANSWERED,
) -> ComplaintView:
    """A supervisor records the office's answer (or marks the complaint in progress)."""
    require(actor, "answer_complaint")
    new_status = ComplaintStatus(status)
    note = clean_text(response, RESPONSE_MAX, "response")
    if new_status == ComplaintStatus.ANSWERED and not note:
        raise FeedbackInvalid("An answer needs a response note.", "response")
    if new_status == ComplaintStatus.NEW:
        raise FeedbackInvalid("A complaint cannot be made new again.", "status")

    def work(session: Session) -> ComplaintView:
        check_actor(session, actor, "answer_complaint")
        now = ctx.now()
        complaint = session.get(Complaint, complaint_id)
        if complaint is None:
            raise UnknownComplaint("No complaint {complaint_id}.", complaint_id=complaint_id)
        complaint.status = new_status
        if note:
            complaint.response = note
        complaint.answered_by = actor.name
        complaint.answered_at = now
        session.flush()
        audit(session, actor, "answer_complaint", now, complaint.receipt, status=new_status)
        return ComplaintView.of(complaint)

    return ctx.db.run_write(work)


@dataclass(frozen=True)
class SurveyTicket:
    """What the kiosk shows before the questions: which ticket is being rated."""

    ticket_id: int
    number: str
    service: str
    token: str


def _survey_check(ctx: QueueContext, session: Session, token: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.token == token.strip()))
    if ticket is None:
        raise SurveyRefused(SurveyRefusal.UNKNOWN_TICKET, "This is not a ticket of this office.")
    if ticket.status != TicketStatus.DONE:
        raise SurveyRefused(
            SurveyRefusal.NOT_SERVED,
            "{number} has not been served yet; the survey follows the service.",
            ticket.number,
            number=ticket.number,
        )
    oldest = ctx.today() - dt.timedelta(days=ctx.settings.kiosk.survey_days)
    if ticket.business_day < oldest:
        raise SurveyRefused(
            SurveyRefusal.TOO_LATE,
            "{number} was served more than {days} days ago.",
            ticket.number,
            number=ticket.number,
            days=ctx.settings.kiosk.survey_days,
        )
    given = session.scalar(select(SurveyResponse.id).where(SurveyResponse.ticket_id == ticket.id))
    if given is not None:
        raise SurveyRefused(
            SurveyRefusal.ALREADY_GIVEN,
            "The survey for {number} was already given.",
            ticket.number,
            number=ticket.number,
        )
    return ticket


def is_ticket_token(ctx: QueueContext, code: str) -> bool:
    """Whether a scanned text is one of our tickets' QR tokens (the kiosk routes it to the
    survey instead of booking check-in)."""
    code = code.strip()
    if not code or len(code) > 32:
        return False
    with ctx.db.read() as session:
        return session.scalar(select(Ticket.id).where(Ticket.token == code)) is not None


def survey_ticket(ctx: QueueContext, actor: Actor, ticket_token: str) -> SurveyTicket:
    """The ticket a survey would rate, or :class:`SurveyRefused` (checked before the
    questions, so nobody answers nine questions to be refused at the end)."""
    require(actor, "submit_survey")
    with ctx.db.read() as session:
        t = _survey_check(ctx, session, ticket_token)
        return SurveyTicket(t.id, t.number, t.service_code, t.token)


def submit_survey(
    ctx: QueueContext,
    actor: Actor,
    ticket_token: str,
    answers: list[int] | tuple[int, ...],
    comment: str = "",
    *,
    kiosk_id: str | None = None,
) -> SurveyTicket:
    """Keep one survey for a ticket served today or within ``kiosk.survey_days`` days."""
    require(actor, "submit_survey")
    values = list(answers)
    if len(values) != len(ELEMENTS) or any(type(v) is not int or not 1 <= v <= 4 for v in values):
        raise FeedbackInvalid("The survey needs nine answers, each from 1 to 4.", "answers")
    note = clean_text(comment, COMMENT_MAX, "comment")
    kiosk = kiosk_id or (actor.name if actor.role == Role.KIOSK else None)

    def work(session: Session) -> SurveyTicket:
        now = ctx.now()
        ticket = _survey_check(ctx, session, ticket_token)
        session.add(
            SurveyResponse(
                ticket_id=ticket.id,
                business_day=ctx.calendar.business_day(now),
                submitted_at=now,
                service_code=ticket.service_code,
                comment=note,
                kiosk_id=kiosk,
                **dict(zip(ELEMENTS, values, strict=True)),
            )
        )
        session.flush()
        audit(session, actor, "submit_survey", now, ticket.number)
        return SurveyTicket(ticket.id, ticket.number, ticket.service_code, ticket.token)

    return ctx.db.run_write(work)
