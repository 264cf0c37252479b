"""Typed errors of the queue operations. Each message is written for the person who sees it
(an officer, a supervisor, or the kiosk's wording layer, which also reads the fields).

A refusal is an English sentence with ``{name}`` fields (``template``) and their values
(``params``: numbers, ticket numbers, codes, names, dates and times as written in the
message); ``message`` is the sentence filled in. A reader in another language translates
the template and fills in the same fields, where ``params`` offer it:

- ``X_id`` is field ``X`` in Indonesian (a service's name from the settings);
- the fields named in :data:`WORDS` hold one of a fixed set of English words (a ticket's
  status, a channel, a role...), which it words in its language like the template.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypedDict

# Fields that hold a fixed English word rather than a value: a ticket's status ("no-show"),
# a print job's state, a channel ("walk-in"), a role ("officer", "a supervisor"), the roles
# an operation needs ("a supervisor or an administrator"), an operation ("call next"), a
# feedback field ("comment"), a weekday ("Mon").
WORDS = frozenset(
    {"status", "state", "channel", "role", "was", "who", "operation", "field", "weekday"}
)


class QueueError(Exception):
    """Base of every refusal by a queue operation; nothing was changed.

    ``QueueError(template, **params)``: ``message`` (and ``str()``) is ``template`` with
    ``params`` filled in (as ``str.format``; a template without params is taken as it is)."""

    code = "queue_error"

    def __init__(self, template: str, /, **params: object) -> None:
        message = template.format(**params) if params else template
        super().__init__(message)
        self.message = message
        self.template = template
        self.params: dict[str, object] = params


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
    # Added to the sentence when the next opening is known.
    NEXT_OPENING = " Next opening: {weekday} {next_opening}."

    def __init__(
        self,
        template: str,
        next_opening: dt.datetime | None,
        notice: str | None = None,
        /,
        **params: object,
    ) -> None:
        if next_opening is not None:
            template += self.NEXT_OPENING
            params["weekday"] = f"{next_opening:%a}"
            params["next_opening"] = f"{next_opening:%d-%m-%Y %H:%M}"
        super().__init__(template, **params)
        self.next_opening = next_opening
        self.notice = notice


class WalkInClosed(OfficeClosed):
    code = "walk_in_closed"


class ServiceClosed(QueueError):
    """A supervisor closed the service for the day: no new tickets of it."""

    code = "service_closed"

    def __init__(self, template: str, service: str, /, **params: object) -> None:
        super().__init__(template, **params)
        self.service = service


class PastDay(QueueError):
    """A day that has passed cannot be changed."""

    code = "past_day"


class NoServices(QueueError):
    """A counter must call at least one service."""

    code = "no_services"


class QuotaExhausted(QueueError):
    code = "quota_exhausted"

    def __init__(
        self, template: str, service: str, channel: str, quota: int, /, **params: object
    ) -> None:
        super().__init__(template, **params)
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
        template: str,
        /,
        *,
        booking_code: str | None = None,
        booking_date: dt.date | None = None,
        opens_at: dt.datetime | None = None,
        ticket_number: str | None = None,
        ticket_id: int | None = None,
        notice: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(template, **params)
        self.reason = reason
        self.booking_code = booking_code
        self.booking_date = booking_date
        self.opens_at = opens_at
        self.ticket_number = ticket_number
        self.ticket_id = ticket_id
        self.notice = notice  # the office is closed: a supervisor's reason
