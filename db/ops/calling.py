"""A ticket's life after issue: call, recall, start, complete, no-show, requeue, transfer (to
a service, a counter or an officer's counter), cancel. Each operation is one transaction
with an event and an audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from config.settings import Calling, Channel
from db.changes import Change, note_change
from db.context import (
    MANAGERS,
    Actor,
    QueueContext,
    audit,
    check_actor,
    flushed,
    insert_event,
    queue_now,
    record_event,
    require,
)
from db.errors import (
    ChannelNotAccepted,
    CounterBusy,
    CounterNotOpen,
    IllegalTransition,
    NobodyWaiting,
    NotAllowed,
    NoTransferTarget,
    NotToday,
    OfficerNotAtCounter,
    ReasonRequired,
    UnknownTicket,
    WrongCounter,
)
from db.models import (
    Booking,
    CounterRow,
    CounterState,
    EventKind,
    Officer,
    Role,
    Ticket,
    TicketStatus,
)
from db.ops.counters import ensure_open_for_calling, require_counter_officer
from db.ops.issuing import TICKETS, count_for_quota, find_service
from db.ops.officers import UnknownOfficer
from db.read.day_overrides import counter_today
from db.read.estimate import waiting_line
from db.read.queue_state import busy_at, counter_settings, current_at, recent_channels
from db.rules.policy import choose, eligible
from db.views import TicketView


class NoShowTooEarly(IllegalTransition):
    """Not present is decided too soon after the call (see the calling settings)."""

    code = "no_show_too_early"


def no_show_wait(
    rules: Calling, called_at: dt.datetime | None, recalls: int, now: dt.datetime
) -> tuple[int, int]:
    """What is still missing before a called ticket may be marked not present: (seconds
    to wait, recalls to make); (0, 0) when it may be marked now."""
    seconds = 0
    if called_at is not None and rules.no_show_min_seconds:
        elapsed = (now - called_at).total_seconds()
        seconds = max(0, int(rules.no_show_min_seconds - elapsed + 0.999))
    return seconds, max(0, rules.no_show_min_recalls - recalls)


def no_show_too_early(number: str, seconds: int, recalls: int) -> NoShowTooEarly:
    """Not present is refused: ``seconds`` to wait and ``recalls`` to make first (what
    :func:`no_show_wait` says is missing; not both zero)."""
    time = f"{seconds // 60}:{seconds % 60:02d}"
    if not recalls:
        return NoShowTooEarly(
            "{number} can be marked as no-show after {time} more, or by a supervisor with a "
            "reason.",
            number=number,
            time=time,
        )
    if not seconds:
        if recalls == 1:
            return NoShowTooEarly(
                "{number} can be marked as no-show after {recalls} more recall, or by a "
                "supervisor with a reason.",
                number=number,
                recalls=recalls,
            )
        return NoShowTooEarly(
            "{number} can be marked as no-show after {recalls} more recalls, or by a "
            "supervisor with a reason.",
            number=number,
            recalls=recalls,
        )
    if recalls == 1:
        return NoShowTooEarly(
            "{number} can be marked as no-show after {time} more and {recalls} more recall, "
            "or by a supervisor with a reason.",
            number=number,
            time=time,
            recalls=recalls,
        )
    return NoShowTooEarly(
        "{number} can be marked as no-show after {time} more and {recalls} more recalls, or "
        "by a supervisor with a reason.",
        number=number,
        time=time,
        recalls=recalls,
    )


def find_ticket(session: Session, ctx: QueueContext, ref: int | str) -> Ticket:
    """A ticket by id, or by number (``A-023``) on today's business day."""
    ticket: Ticket | None
    if isinstance(ref, int):
        ticket = session.get(Ticket, ref)
    else:
        number = ref.strip().upper()
        ticket = session.scalar(
            select(Ticket).where(Ticket.business_day == ctx.today(), Ticket.number == number)
        )
    if ticket is None:
        raise UnknownTicket("No ticket {ref} today.", ref=ref)
    return ticket


def _today_only(ctx: QueueContext, ticket: Ticket) -> None:
    if ticket.business_day != ctx.today():
        raise NotToday(
            "{number} is from {day}; tickets of an earlier day can no longer be called or changed.",
            number=ticket.number,
            day=f"{ticket.business_day:%d-%m-%Y}",
        )


def _status(ticket: Ticket) -> str:
    """A ticket's status as a word in a refusal: "no-show"."""
    return ticket.status.replace("_", "-")


def _at_counter(ticket: Ticket, counter: int) -> None:
    if ticket.counter_number == counter:
        return
    if ticket.counter_number:
        raise WrongCounter(
            "{number} is at counter {at}, not at counter {counter}.",
            number=ticket.number,
            at=ticket.counter_number,
            counter=counter,
        )
    raise WrongCounter(
        "{number} is at no counter, not at counter {counter}.",
        number=ticket.number,
        counter=counter,
    )


_CLAIM = (
    update(Ticket)
    .where(Ticket.id == bindparam("ticket_id"), Ticket.status == TicketStatus.WAITING)
    .values(
        status=TicketStatus.CALLED,
        called_at=bindparam("now"),
        counter_number=bindparam("counter"),
        officer_id=bindparam("officer_id"),
        directed_counter=None,
    )
    .returning(*Ticket.__table__.c)
)
_BOOKING = select(Booking.code, Booking.applicant_name).where(Booking.id == bindparam("id"))


def _mark_called(
    session: Session,
    actor: Actor,
    ticket_id: int,
    counter: int,
    now: dt.datetime,
    **detail: str,
) -> TicketView | None:
    """Claim a waiting ticket for a counter; None if another counter got it first.

    The conditional UPDATE is the guard on PostgreSQL (read committed): the second of two
    racing counters finds the status no longer 'waiting' and chooses again. It returns the
    row, so the call reads nothing more (a booking ticket: its booking's code and name)."""
    connection = flushed(session)
    row = (
        connection.execute(
            _CLAIM,
            {
                "ticket_id": ticket_id,
                "now": now,
                "counter": counter,
                "officer_id": actor.officer_id,
            },
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    note_change(session, Change(frozenset({row["business_day"]}), TICKETS))
    insert_event(
        session, ticket_id, EventKind.CALLED, actor, now, counter, TicketStatus.CALLED, **detail
    )
    audit(session, actor, "call", now, row["number"], counter=counter, **detail)
    if row["booking_id"] is None:
        return TicketView.of_row(row)
    booking = connection.execute(_BOOKING, {"id": row["booking_id"]}).one()
    return TicketView.of_row(row, booking.code, booking.applicant_name)


def call_next(ctx: QueueContext, actor: Actor, counter: int) -> TicketView:
    """Call the ticket the policy picks among those this counter serves today."""
    require(actor, "call_next")
    counter_settings(ctx, counter)

    def work(session: Session) -> TicketView:
        check_actor(session, actor, "call_next")
        now = queue_now(session, ctx)
        config = counter_today(session, ctx, counter)
        ensure_open_for_calling(session, ctx, actor, counter, now)
        _not_busy(session, ctx, counter, calling_next=True)
        recent = recent_channels(session, ctx, counter)
        waiting = waiting_line(session, ctx.today(), config.services)
        line = eligible(waiting, config.services, config.channels, counter)
        while line:
            chosen = choose(line, now, ctx.settings.call_policy, recent)
            assert chosen is not None
            view = _mark_called(session, actor, chosen.ticket_id, counter, now)
            if view is not None:
                return view
            line = [w for w in line if w.ticket_id != chosen.ticket_id]
        raise NobodyWaiting("Nobody is waiting for counter {counter}.", counter=counter)

    return ctx.db.run_write(work)


def _not_busy(session: Session, ctx: QueueContext, counter: int, *, calling_next: bool) -> None:
    busy = busy_at(session, ctx, counter)
    if busy is None:
        return
    number, status = busy
    if calling_next:
        raise CounterBusy(
            "{number} is still {status} at counter {counter}: complete it or mark it no-show "
            "first.",
            number=number,
            status=status,
            counter=counter,
        )
    raise CounterBusy(
        "{number} is still {status} at counter {counter}.",
        number=number,
        status=status,
        counter=counter,
    )


def call_ticket(
    ctx: QueueContext, actor: Actor, counter: int, ticket_ref: int | str, reason: str
) -> TicketView:
    """Call a specific waiting ticket out of order (the reason is recorded)."""
    require(actor, "call_ticket")
    counter_settings(ctx, counter)
    if not reason.strip():
        raise ReasonRequired("Calling out of order needs a reason.")

    def work(session: Session) -> TicketView:
        check_actor(session, actor, "call_ticket")
        now = queue_now(session, ctx)
        ticket = find_ticket(session, ctx, ticket_ref)
        _today_only(ctx, ticket)
        if ticket.status != TicketStatus.WAITING:
            raise IllegalTransition(
                "Cannot call {number}: it is {status}.",
                number=ticket.number,
                status=_status(ticket),
            )
        if ticket.service_code not in counter_today(session, ctx, counter).services:
            raise WrongCounter(
                "Counter {counter} does not serve {number}'s service today.",
                counter=counter,
                number=ticket.number,
            )
        if ticket.directed_counter not in (None, counter):
            raise WrongCounter(
                "{number} was sent to counter {sent_to}: only that counter calls it.",
                number=ticket.number,
                sent_to=ticket.directed_counter,
            )
        ensure_open_for_calling(session, ctx, actor, counter, now)
        _not_busy(session, ctx, counter, calling_next=False)
        view = _mark_called(session, actor, ticket.id, counter, now, out_of_order=reason.strip())
        if view is None:
            raise IllegalTransition(
                "{number} was just called at another counter.", number=ticket.number
            )
        session.expire(ticket)  # the claim changed its row under the ORM
        return view

    return ctx.db.run_write(work)


def _step(
    ctx: QueueContext,
    actor: Actor,
    operation: str,
    ticket_ref: int | str,
    change: Callable[[Session, Ticket, dt.datetime], dict[str, object]],
    kind: EventKind,
    counter: int | None = None,
) -> TicketView:
    """One step on one ticket. The counter restrictions hold for every step: the counter
    the officer names (``counter``), and the counter the ticket is at for an officer who
    moves it elsewhere (transfer, requeue)."""
    require(actor, operation)
    if counter is not None:
        require_counter_officer(ctx, actor, counter)

    def work(session: Session) -> TicketView:
        check_actor(session, actor, operation)
        now = queue_now(session, ctx)
        ticket = find_ticket(session, ctx, ticket_ref)
        _today_only(ctx, ticket)
        if actor.role == Role.OFFICER and ticket.counter_number is not None:
            require_counter_officer(ctx, actor, ticket.counter_number)
        detail = change(session, ticket, now)
        session.flush()
        record_event(session, ticket, kind, actor, now, **detail)
        audit(session, actor, operation, now, ticket.number, **detail)
        return TicketView.of(ticket)

    return ctx.db.run_write(work)


def recall(ctx: QueueContext, actor: Actor, counter: int, ticket_ref: int | str) -> TicketView:
    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status != TicketStatus.CALLED:
            raise IllegalTransition(
                "Cannot recall {number}: it is {status}.", number=t.number, status=_status(t)
            )
        _at_counter(t, counter)
        t.recall_count += 1
        return {"recall": t.recall_count}

    return _step(ctx, actor, "recall", ticket_ref, change, EventKind.RECALLED, counter)


def start_service(
    ctx: QueueContext, actor: Actor, counter: int, ticket_ref: int | str
) -> TicketView:
    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status != TicketStatus.CALLED:
            raise IllegalTransition(
                "Cannot start serving {number}: it is {status}.",
                number=t.number,
                status=_status(t),
            )
        _at_counter(t, counter)
        t.status = TicketStatus.SERVING
        t.serving_at = now
        return {}

    return _step(ctx, actor, "start_service", ticket_ref, change, EventKind.STARTED, counter)


def complete(ctx: QueueContext, actor: Actor, counter: int, ticket_ref: int | str) -> TicketView:
    """Serving (or called, when the officer skipped "start") → done."""

    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status not in (TicketStatus.SERVING, TicketStatus.CALLED):
            raise IllegalTransition(
                "Cannot complete {number}: it is {status}.", number=t.number, status=_status(t)
            )
        _at_counter(t, counter)
        if t.serving_at is None:
            t.serving_at = now
        t.status = TicketStatus.DONE
        t.done_at = now
        return {}

    return _step(ctx, actor, "complete", ticket_ref, change, EventKind.COMPLETED, counter)


def no_show(
    ctx: QueueContext,
    actor: Actor,
    counter: int,
    ticket_ref: int | str,
    *,
    override_reason: str = "",
) -> TicketView:
    """Called → not present, once the office's minimum has passed (seconds since the first
    call, recalls made); before that only a supervisor may, with a reason (audited)."""
    rules = ctx.settings.calling
    reason = override_reason.strip()

    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status != TicketStatus.CALLED:
            raise IllegalTransition(
                "Cannot mark as no-show {number}: it is {status}.",
                number=t.number,
                status=_status(t),
            )
        _at_counter(t, counter)
        seconds, recalls = no_show_wait(rules, t.called_at, t.recall_count, now)
        detail: dict[str, object] = {}
        if seconds or recalls:
            if not reason:
                raise no_show_too_early(t.number, seconds, recalls)
            if actor.role not in MANAGERS:
                raise NotAllowed(
                    "Only a supervisor may mark {number} as no-show before {seconds} s and "
                    "{recalls} recall(s).",
                    number=t.number,
                    seconds=rules.no_show_min_seconds,
                    recalls=rules.no_show_min_recalls,
                )
            detail["override"] = reason
        t.status = TicketStatus.NO_SHOW
        t.no_show_at = now
        return detail

    return _step(ctx, actor, "no_show", ticket_ref, change, EventKind.NO_SHOW, counter)


def requeue(
    ctx: QueueContext, actor: Actor, ticket_ref: int | str, *, to_back: bool = False
) -> TicketView:
    """A no-show who turned up after all goes back in line, same day only: at the original
    place by default (the issue time still counts for the calling order), or at the back."""

    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status != TicketStatus.NO_SHOW:
            raise IllegalTransition(
                "Cannot put back in line {number}: it is {status}.",
                number=t.number,
                status=_status(t),
            )
        previous = t.counter_number
        t.status = TicketStatus.WAITING
        if to_back:
            t.queued_at = now
        t.counter_number = None
        t.called_at = None
        return {"from_counter": previous, "place": "back" if to_back else "kept"}

    return _step(ctx, actor, "requeue", ticket_ref, change, EventKind.REQUEUED)


# A counter that takes a transfer: someone is signed in there (a paused counter is on a
# break and calls the ticket when it resumes); nobody would call it at a closed one.
ON_DUTY = (CounterState.OPEN, CounterState.PAUSED)


def _officer_counter(session: Session, ctx: QueueContext, ref: str | int) -> tuple[str, int]:
    """(username, counter) of an officer named by username or id: the counter they are
    signed in at now (open or paused; the latest they opened when there are several)."""
    if isinstance(ref, int):
        officer = session.get(Officer, ref)
    else:
        officer = session.scalar(select(Officer).where(Officer.username == ref.strip().lower()))
    if officer is None:
        raise UnknownOfficer("There is no officer {ref}.", ref=ref)
    name = officer.display_name or officer.username
    number = None
    if officer.active:
        number = session.scalar(
            select(CounterRow.number)
            .where(
                CounterRow.officer_id == officer.id,
                CounterRow.state.in_(ON_DUTY),
                CounterRow.number.in_([c.number for c in ctx.settings.counters]),
            )
            .order_by(CounterRow.changed_at.desc().nulls_last(), CounterRow.number)
            .limit(1)
        )
    if number is None:
        raise OfficerNotAtCounter(
            "{name} is not signed in at a counter now: choose a counter or another officer.",
            name=name,
        )
    return officer.username, number


def _takes_transfer(
    session: Session, ctx: QueueContext, number: int, service: str, channel: Channel
) -> None:
    """Refuse a counter that is closed or does not serve this service and channel."""
    config = counter_settings(ctx, number)
    row = session.get(CounterRow, number)
    if row is None or row.state not in ON_DUTY:
        raise CounterNotOpen(
            "{counter_name} (counter {counter}) is closed: nobody would call the ticket there.",
            counter_name=config.name,
            counter=number,
        )
    if service not in config.services:
        known = service in _codes(ctx)
        name = find_service(ctx, service).name if known else None
        raise WrongCounter(
            "{counter_name} (counter {counter}) does not serve {service}.",
            counter_name=config.name,
            counter=number,
            service=name.en if name else service,
            service_id=name.id if name else service,
        )
    if channel not in config.channels:
        raise ChannelNotAccepted(
            "{counter_name} (counter {counter}) does not take {channel} tickets.",
            counter_name=config.name,
            counter=number,
            channel=channel.value.replace("_", "-"),
        )


def _codes(ctx: QueueContext) -> set[str]:
    return {s.code for s in ctx.settings.services}


def transfer(
    ctx: QueueContext,
    actor: Actor,
    ticket_ref: int | str,
    to_service: str | None = None,
    *,
    keep_place: bool,
    note: str = "",
    to_counter: int | None = None,
    to_officer: str | int | None = None,
) -> TicketView:
    """Send a ticket elsewhere, keeping its place in line (by its original place-in-line
    time) or at the back. The applicant keeps the printed number.

    - ``to_service``: another service's line (every counter of it may call the ticket);
    - ``to_counter``: one counter, which alone calls the ticket (``call_next`` there ranks it
      by its place in line like the others; other counters leave it out); with
      ``to_service`` the service changes too, otherwise it stays;
    - ``to_officer`` (username or id): the counter that officer is signed in at now; refused
      when they are at none.

    The counter must be open or paused (closed: nobody would call it there) and serve the
    ticket's (new) service and channel. A ticket sent to a counter goes back to everyone's
    line when it is transferred to its own service again. Quotas move only with the
    service."""
    if to_counter is not None and to_officer is not None:
        raise NoTransferTarget("Transfer to a counter or to an officer, not to both.")
    if to_service is None and to_counter is None and to_officer is None:
        raise NoTransferTarget("Say where the ticket goes: a service, a counter or an officer.")
    target = find_service(ctx, to_service) if to_service is not None else None
    if to_counter is not None:
        counter_settings(ctx, to_counter)

    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status not in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING):
            raise IllegalTransition(
                "Cannot transfer {number}: it is {status}.", number=t.number, status=_status(t)
            )
        channel = Channel(t.channel)
        service = target.code if target is not None else t.service_code
        if target is not None:
            to_line = to_counter is None and to_officer is None
            if to_line and t.service_code == target.code and t.directed_counter is None:
                raise IllegalTransition(
                    "{number} is already in the {service} line.",
                    number=t.number,
                    service=target.name.en,
                    service_id=target.name.id,
                )
            if channel not in target.channels:
                raise ChannelNotAccepted(
                    "{service} does not take {channel} tickets.",
                    service=target.name.en,
                    service_id=target.name.id,
                    channel=t.channel.replace("_", "-"),
                )
        number, officer = to_counter, None
        if to_officer is not None:
            officer, number = _officer_counter(_s, ctx, to_officer)
        if number is not None:
            _takes_transfer(_s, ctx, number, service, channel)
            if (
                t.status == TicketStatus.WAITING
                and t.directed_counter == number
                and t.service_code == service
            ):
                raise IllegalTransition(
                    "{number} is already waiting for counter {counter}.",
                    number=t.number,
                    counter=number,
                )
        detail: dict[str, object] = {
            "from_service": t.service_code,
            "to_service": service,
            "keep_place": keep_place,
            "from_counter": t.counter_number,
            "note": note.strip(),
        }
        if number is not None:
            detail["to_counter"] = number
        if officer is not None:
            detail["to_officer"] = officer
        if service != t.service_code and t.override_reason is None:
            # its place in the quotas moves with it
            count_for_quota(_s, t.business_day, t.service_code, t.channel, -1)
            count_for_quota(_s, t.business_day, service, t.channel, 1)
        t.service_code = service
        t.directed_counter = number
        t.status = TicketStatus.WAITING
        t.counter_number = None
        t.called_at = None
        t.serving_at = None
        if not keep_place:
            t.queued_at = now
        return detail

    return _step(ctx, actor, "transfer", ticket_ref, change, EventKind.TRANSFERRED)


def cancel(ctx: QueueContext, actor: Actor, ticket_ref: int | str, reason: str) -> TicketView:
    if not reason.strip():
        raise ReasonRequired("Cancelling a ticket needs a reason.")

    def change(_s: Session, t: Ticket, now: dt.datetime) -> dict[str, object]:
        if t.status not in (
            TicketStatus.WAITING,
            TicketStatus.CALLED,
            TicketStatus.SERVING,
            TicketStatus.NO_SHOW,
        ):
            raise IllegalTransition(
                "Cannot cancel {number}: it is {status}.", number=t.number, status=_status(t)
            )
        if t.override_reason is None:  # a cancelled ticket no longer counts
            count_for_quota(_s, t.business_day, t.service_code, t.channel, -1)
        t.status = TicketStatus.CANCELLED
        t.cancelled_at = now
        return {"reason": reason.strip()}

    return _step(ctx, actor, "cancel", ticket_ref, change, EventKind.CANCELLED)


def current_ticket(ctx: QueueContext, counter: int) -> TicketView | None:
    with ctx.db.read() as session:
        ticket = current_at(session, ctx, counter)
        return TicketView.of(ticket) if ticket else None
