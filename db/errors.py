"""Typed errors of the queue operations. Each message is written for the person who sees it
(an officer, a supervisor, or the kiosk's wording layer, which also reads the fields)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypedDict


class QueueError(Exception):
    """Base of every refusal by a queue operation; nothing was changed."""

    code = "queue_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(QueueError):
    code = "not_allowed"


class UnknownService(QueueError):
    code = "unknown_service"


class UnknownTicket(QueueError):
    code = "unknown_ticket"


class UnknownCounter(QueueError):
    code = "unknown_counter"


class ChannelNotAccepted(QueueError):
    code = "channel_not_accepted"


class ReasonRequired(QueueError):
    code = "reason_required"


class OfficeClosed(QueueError):
    """Outside opening hours or on a closed day; ``next_opening`` says when to come back,
    ``notice`` why a supervisor closed the day (shown to applicants)."""

    code = "office_closed"

    def __init__(
        self, message: str, next_opening: dt.datetime | None, notice: str | None = None
    ) -> None:
        if next_opening is not None:
            message += f" Next opening: {next_opening:%a %d-%m-%Y %H:%M}."
        super().__init__(message)
        self.next_opening = next_opening
        self.notice = notice


class WalkInClosed(OfficeClosed):
    code = "walk_in_closed"


class ServiceClosed(QueueError):
    """A supervisor closed the service for the day: no new tickets of it."""

    code = "service_closed"

    def __init__(self, message: str, service: str) -> None:
        super().__init__(message)
        self.service = service


class PastDay(QueueError):
    """A day that has passed cannot be changed."""

    code = "past_day"


class NoServices(QueueError):
    """A counter must call at least one service."""

    code = "no_services"


class QuotaExhausted(QueueError):
    code = "quota_exhausted"

    def __init__(self, message: str, service: str, channel: str, quota: int) -> None:
        super().__init__(message)
        self.service = service
        self.channel = channel
        self.quota = quota


class IllegalTransition(QueueError):
    """The ticket is not in a state that allows this step (e.g. calling a done ticket)."""

    code = "illegal_transition"


class WrongCounter(QueueError):
    code = "wrong_counter"


class CounterNotOpen(QueueError):
    code = "counter_not_open"


class CounterBusy(QueueError):
    code = "counter_busy"


class NobodyWaiting(QueueError):
    code = "nobody_waiting"


class NoTransferTarget(QueueError):
    """A transfer names where the ticket goes: a service, a counter or an officer."""

    code = "no_transfer_target"


class OfficerNotAtCounter(QueueError):
    """A transfer to an officer who is not signed in at an open or paused counter."""

    code = "officer_not_at_counter"


class NotToday(QueueError):
    """A ticket of an earlier business day: it can no longer be called or changed."""

    code = "not_today"


class RejectReason(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    OTHER_OFFICE = "other_office"
    OTHER_DATE = "other_date"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    ALREADY_CHECKED_IN = "already_checked_in"
    SERVICE_UNAVAILABLE = "service_unavailable"
    OFFICE_CLOSED = "office_closed"
    # Signed booking QR codes (db/io/booking_token.py): a signature that does not match the
    # content or a key this office does not know; a token past its expiry.
    FORGED = "forged"
    EXPIRED = "expired"


class BookingSeen(TypedDict, total=False):
    """What a refusal can still say about the booking it read."""

    booking_code: str | None
    booking_date: dt.date | None


class CheckInRejected(QueueError):
    """A scan that cannot become a ticket. ``reason`` is what the kiosk words; the extra
    fields carry what it shows (the booked date, when check-in opens, the ticket number)."""

    code = "check_in_rejected"

    def __init__(
        self,
        reason: RejectReason,
        message: str,
        *,
        booking_code: str | None = None,
        booking_date: dt.date | None = None,
        opens_at: dt.datetime | None = None,
        ticket_number: str | None = None,
        ticket_id: int | None = None,
        notice: str | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.booking_code = booking_code
        self.booking_date = booking_date
        self.opens_at = opens_at
        self.ticket_number = ticket_number
        self.ticket_id = ticket_id
        self.notice = notice  # the office is closed: a supervisor's reason
