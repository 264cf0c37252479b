"""The call policy: which waiting ticket "call next" calls at a counter.

Pure functions over the waiting tickets and a clock: no database, no Qt, no I/O. The queue
operations in ``db`` load the waiting tickets, filter them with :func:`eligible` for the
counter and pass them to :func:`choose`; the officer console shows :func:`rank`, the whole
line in the order the policy would call it. This docstring is the reference for officers
and supervisors on how "call next" chooses.

Terms
-----
Place in line (``queued_at``)
    When the ticket joined the line: issued at the kiosk, checked in, or put back / sent to
    the back of the line (no-show put back, transfer "to the back").
Effective time
    Walk-in, priority and VIP: the place in line. Booking: the later of the place in line and
    the start of the booked slot. A booking who checks in early is ranked by the slot and so
    does not jump ahead of people who came before the slot began; a booking who arrives
    after the slot began is ranked by arrival (being late costs the place the slot gave).
Waited minutes
    ``now`` minus the effective time, in minutes. Negative for a booking whose slot has not
    begun yet ("not yet due").
Priority class
    The channels ``priority`` and ``vip``. The other class is ``booking`` and ``walk_in``.
Recent calls
    The channels of the last calls at this counter, most recent last (``recent``).
Over the bound
    A ticket whose waited minutes are greater than ``max_wait_minutes`` (when that is > 0).
Sent to a counter (``only_at``)
    A ticket transferred to one counter (or to the counter of a named officer) waits for that
    counter alone: :func:`eligible` leaves it out of every other counter's line. At its
    counter it is ranked like any other ticket, by its place in line.

Tie-breaks: whenever two tickets rank equal, the earlier effective time goes first, then the
lower ticket id; every result is deterministic.

Policies (``CallPolicy.name``)
------------------------------
``fifo``
    By effective time, oldest first. Whoever waited longest goes first, so the wait bound
    holds by construction. ``recent`` and the weights are not used.

``strict_priority``
    All ``priority`` tickets first, then all ``vip``, then bookings and walk-ins together;
    within each class by effective time. A booking or walk-in is never called while a
    priority or VIP ticket waits. This is the strict baseline for comparison: neither the
    wait bound nor ``max_priority_in_row`` applies, so others can wait without limit.

``weighted_wait`` (the default)
    Score = waited minutes x the weight of the ticket's channel (a channel missing from
    ``weights`` weighs 1.0); the highest score is called first. With the default weights a
    priority applicant who arrived 2 minutes ago (score 6) goes before a walk-in who waited
    5 minutes (score 5). Early bookings have negative scores, so they come after everyone
    who is due, in slot order. Two overrides, in this order:

    1. Wait bound: every ticket over the bound goes before all tickets under it, and the
       tickets over the bound go oldest effective time first, whatever their channel. So
       nobody is served before a ticket that is over the bound and came earlier.
    2. At most N priority calls in a row (N = ``max_priority_in_row`` > 0): when the last N
       recent calls were all priority/VIP and a booking or walk-in is due (waited >= 0),
       the best-scoring booking/walk-in is called next. A booking whose slot has not begun
       does not count as waiting for this rule. Rule 1 still comes first.

``ratio``
    Interleaves the two classes: ``ratio_priority`` priority/VIP calls, then ``ratio_other``
    booking/walk-in calls, and again. Within each class by effective time. Where the cycle
    stands is read from the end of ``recent``:

    - it ends with k priority/VIP calls in a row: others are due if k >= ``ratio_priority``;
    - it ends with k booking/walk-in calls in a row: others are still due if
      k < ``ratio_other`` and the run of priority/VIP calls just before them was at least
      ``ratio_priority`` long (the block of others is not finished); otherwise priority is;
    - it is empty: priority is due.

    When the due class has nobody, the other class is called. Others are called only when a
    booking/walk-in is due (waited >= 0); an early booking does not interrupt the priority
    class. The wait bound comes first, exactly as in rule 1 of ``weighted_wait``.
    ``max_priority_in_row`` is not used (the ratio already limits priority runs).

``deadline`` (earliest deadline first, with slack)
    Every ticket is due at a time (:func:`due_time`):

    - booking: its effective time (the session start, or check-in when later) plus
      ``booking_promise_minutes``: the office promises to call a booked applicant within
      that many minutes of the session start;
    - priority and VIP: place in line plus ``priority_bound_minutes``;
    - walk-in: place in line plus ``max_wait_minutes`` (no due time when that is 0).

    Slack = due time minus ``now``, in minutes. The tickets whose slack is at most
    ``slack_minutes`` ("near due", including those past due) are called first, smallest
    slack first (ties: effective time, then ticket id). A booking whose session has not
    begun is never near due, whatever the settings. When nobody is near due, the
    remaining tickets are called in the ``weighted_wait`` order (its weights, wait bound
    and ``max_priority_in_row``), with the near-due calls counted in ``recent``.

Common properties
-----------------
- Within one channel (and one service) every policy calls first come, first served by
  effective time.
- :func:`rank` is what successive :func:`choose` calls would give if each called ticket were
  appended to ``recent``; ``choose(...)`` is ``rank(...)[0]``. ``now`` stays fixed while
  ranking: the line is ranked as it stands at ``now``.
- All times must be timezone-aware; zones may differ (they are compared as instants).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.settings import CallPolicy, Channel

__all__ = [
    "PRIORITY_CLASS",
    "Waiting",
    "choose",
    "due_time",
    "effective_time",
    "eligible",
    "in_order",
    "rank",
    "slack_minutes",
    "waited_minutes",
]

#: Channels that count as priority for ``max_priority_in_row`` and ``ratio``.
PRIORITY_CLASS: frozenset[Channel] = frozenset({Channel.PRIORITY, Channel.VIP})

_STRICT_CLASS: dict[Channel, int] = {Channel.PRIORITY: 0, Channel.VIP: 1}


def _require_aware(value: datetime, what: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {value!r}")


@dataclass(frozen=True)
class Waiting:
    """A waiting ticket as the call policy sees it."""

    ticket_id: int
    service: str
    channel: Channel
    # The ticket's place in line: issue/check-in time, or when it was put back / sent back.
    queued_at: datetime
    # Bookings: start of the booked slot (None for other channels or unknown).
    slot_start: datetime | None = None
    # The one counter that may call it (a transfer to a counter); None: any that serves it.
    only_at: int | None = None

    def __post_init__(self) -> None:
        _require_aware(self.queued_at, "queued_at")
        if self.slot_start is not None:
            _require_aware(self.slot_start, "slot_start")


def effective_time(w: Waiting) -> datetime:
    """The time a ticket is ranked by: for a booking the later of check-in and slot start."""
    if w.channel is Channel.BOOKING and w.slot_start is not None:
        return max(w.queued_at, w.slot_start)
    return w.queued_at


def waited_minutes(w: Waiting, now: datetime) -> float:
    """Minutes since the effective time; negative for a booking whose slot is still ahead."""
    return (now - effective_time(w)).total_seconds() / 60.0


def due_time(w: Waiting, policy: CallPolicy) -> datetime | None:
    """When the ``deadline`` policy wants the ticket called (None: no due time)."""
    if w.channel is Channel.BOOKING:
        minutes = policy.booking_promise_minutes
    elif w.channel in PRIORITY_CLASS:
        minutes = policy.priority_bound_minutes
    elif policy.max_wait_minutes > 0:
        minutes = policy.max_wait_minutes
    else:
        return None
    return effective_time(w) + timedelta(minutes=minutes)


def slack_minutes(w: Waiting, now: datetime, policy: CallPolicy) -> float | None:
    """Minutes from ``now`` to the ticket's due time (negative: past due; None: none)."""
    due = due_time(w, policy)
    return None if due is None else (due - now).total_seconds() / 60.0


def eligible(
    waiting: Iterable[Waiting],
    services: Collection[str],
    channels: Collection[Channel],
    counter: int | None = None,
) -> list[Waiting]:
    """The tickets a counter serving ``services`` and ``channels`` may call, in input order.

    ``counter``: the counter that calls; a ticket sent to another counter is left out.
    Without it (a line of several counters) no ticket is left out for where it was sent."""
    return [
        w
        for w in waiting
        if w.service in services
        and w.channel in channels
        and (counter is None or w.only_at is None or w.only_at == counter)
    ]


def rank(
    waiting: Sequence[Waiting],
    now: datetime,
    policy: CallPolicy,
    recent: Sequence[Channel] = (),
) -> list[Waiting]:
    """The whole line in the order ``policy`` would call it at ``now``.

    ``recent`` holds the channels of the last calls at this counter, most recent last.
    """
    return list(_calls(waiting, now, policy, recent))


def in_order(
    waiting: Sequence[Waiting],
    now: datetime,
    policy: CallPolicy,
    recent: Sequence[Channel] = (),
) -> Iterator[Waiting]:
    """:func:`rank` one ticket at a time: for a reader that needs only the start of it."""
    return _calls(waiting, now, policy, recent)


def choose(
    waiting: Sequence[Waiting],
    now: datetime,
    policy: CallPolicy,
    recent: Sequence[Channel] = (),
) -> Waiting | None:
    """The ticket "call next" calls (``rank(...)[0]``), or None when nobody waits."""
    return next(_calls(waiting, now, policy, recent), None)


# --- the policies --------------------------------------------------------------------------


def _fcfs_key(w: Waiting) -> tuple[datetime, int]:
    return (effective_time(w), w.ticket_id)


def _calls(
    waiting: Sequence[Waiting], now: datetime, policy: CallPolicy, recent: Sequence[Channel]
) -> Iterator[Waiting]:
    _require_aware(now, "now")
    if policy.name == "fifo":
        return iter(sorted(waiting, key=_fcfs_key))
    if policy.name == "strict_priority":
        return iter(sorted(waiting, key=lambda w: (_STRICT_CLASS.get(w.channel, 2), *_fcfs_key(w))))
    if policy.name == "weighted_wait":
        return _weighted_wait(waiting, now, policy, recent)
    if policy.name == "ratio":
        return _ratio(waiting, now, policy, recent)
    if policy.name == "deadline":
        return _deadline(waiting, now, policy, recent)
    raise ValueError(f"unknown call policy {policy.name!r}")


def _over_bound(w: Waiting, now: datetime, policy: CallPolicy) -> bool:
    return policy.max_wait_minutes > 0 and waited_minutes(w, now) > policy.max_wait_minutes


def _split(ordered: Iterable[Waiting]) -> tuple[deque[Waiting], deque[Waiting]]:
    """Priority class and other class, each keeping the order of ``ordered``."""
    ordered = list(ordered)
    prio = deque(w for w in ordered if w.channel in PRIORITY_CLASS)
    other = deque(w for w in ordered if w.channel not in PRIORITY_CLASS)
    return prio, other


def _trailing_priority_run(recent: Sequence[Channel]) -> int:
    run = 0
    for channel in reversed(recent):
        if channel not in PRIORITY_CLASS:
            break
        run += 1
    return run


def _weighted_wait(
    waiting: Sequence[Waiting], now: datetime, policy: CallPolicy, recent: Sequence[Channel]
) -> Iterator[Waiting]:
    # Each ticket's key once (the line can be long): (over the bound?, -score, fcfs).
    # (The same rules as _over_bound and waited_minutes, each ticket's wait taken once.)
    keys: dict[int, tuple[int, float, datetime, int]] = {}
    bound, weights = policy.max_wait_minutes, policy.weights
    for w in waiting:
        effective = effective_time(w)
        waited = (now - effective).total_seconds() / 60.0
        if bound > 0 and waited > bound:
            keys[id(w)] = (0, 0.0, effective, w.ticket_id)
        else:
            keys[id(w)] = (1, -waited * weights.get(w.channel, 1.0), effective, w.ticket_id)

    prio, other = _split(sorted(waiting, key=lambda w: keys[id(w)]))
    limit = policy.max_priority_in_row
    run = _trailing_priority_run(recent)
    while prio or other:
        if not other:
            take = prio
        elif not prio:
            take = other
        else:
            kp, ko = keys[id(prio[0])], keys[id(other[0])]
            if kp[0] == 0 or ko[0] == 0:  # someone over the bound
                take = prio if kp < ko else other
            elif limit > 0 and run >= limit and waited_minutes(other[0], now) >= 0:
                take = other
            else:
                take = prio if kp < ko else other
        called = take.popleft()
        run = run + 1 if called.channel in PRIORITY_CLASS else 0
        yield called


def _ratio(
    waiting: Sequence[Waiting], now: datetime, policy: CallPolicy, recent: Sequence[Channel]
) -> Iterator[Waiting]:
    # Within a class by effective time, which also puts anyone over the bound first.
    prio, other = _split(sorted(waiting, key=_fcfs_key))
    # prio_run: priority/VIP calls at the end of the history; other_run: booking/walk-in
    # calls at the end; before_run: the priority run just before that other run.
    prio_run = _trailing_priority_run(recent)
    other_run = before_run = 0
    if prio_run == 0:
        rest = list(recent)
        while rest and rest[-1] not in PRIORITY_CLASS:
            rest.pop()
            other_run += 1
        before_run = _trailing_priority_run(rest)
    while prio or other:
        if prio_run > 0:
            others_due = prio_run >= policy.ratio_priority
        else:
            others_due = 0 < other_run < policy.ratio_other and before_run >= policy.ratio_priority
        if not other:
            take = prio
        elif not prio:
            take = other
        else:
            p, o = prio[0], other[0]
            if _over_bound(p, now, policy) or _over_bound(o, now, policy):
                take = prio if _fcfs_key(p) < _fcfs_key(o) else other
            elif others_due and waited_minutes(o, now) >= 0:
                take = other
            else:
                take = prio
        called = take.popleft()
        if called.channel in PRIORITY_CLASS:
            prio_run += 1
            other_run = 0
        else:
            if other_run == 0:
                before_run = prio_run
            prio_run = 0
            other_run += 1
        yield called


def _deadline(
    waiting: Sequence[Waiting], now: datetime, policy: CallPolicy, recent: Sequence[Channel]
) -> Iterator[Waiting]:
    near: list[tuple[float, datetime, int, Waiting]] = []
    rest: list[Waiting] = []
    for w in waiting:
        slack = slack_minutes(w, now, policy)
        if slack is not None and slack <= policy.slack_minutes and waited_minutes(w, now) >= 0:
            near.append((slack, *_fcfs_key(w), w))
        else:
            rest.append(w)
    near.sort(key=lambda item: item[:3])
    history = list(recent)
    for *_, w in near:
        history.append(w.channel)
        yield w
    yield from _weighted_wait(rest, now, policy, history)
