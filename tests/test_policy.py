"""The call policy (db/rules/policy.py): fairness invariants (hypothesis) and worked examples."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from config.settings import CallPolicy, Channel
from db.rules.policy import (
    PRIORITY_CLASS,
    Waiting,
    choose,
    due_time,
    effective_time,
    eligible,
    rank,
    slack_minutes,
    waited_minutes,
)
from tests.properties import properties

BASE = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)  # 08:00 in Jakarta
SERVICES = ("baru", "ganti", "ambil")
POLICY_NAMES = ("fifo", "strict_priority", "weighted_wait", "ratio", "deadline")
OTHERS = frozenset({Channel.BOOKING, Channel.WALK_IN})

fast = properties(200)


def at(minutes: float) -> datetime:
    return BASE + timedelta(minutes=minutes)


def ticket(
    ticket_id: int,
    channel: Channel,
    queued: float,
    slot: float | None = None,
    service: str = "baru",
) -> Waiting:
    return Waiting(
        ticket_id=ticket_id,
        service=service,
        channel=channel,
        queued_at=at(queued),
        slot_start=None if slot is None else at(slot),
    )


def ids(tickets: Sequence[Waiting]) -> list[int]:
    return [t.ticket_id for t in tickets]


# --- strategies ----------------------------------------------------------------------------

# Minutes on a coarse grid (plenty of ties) plus a few seconds now and then.
minutes_st = st.builds(
    lambda m, s: m + s / 60, st.integers(0, 300), st.sampled_from([0, 0, 0, 1, 30, 59])
)


def _waiting(
    ticket_id: int, service: str, channel: Channel, queued: float, slot: float | None
) -> Waiting:
    if channel is not Channel.BOOKING:
        slot = None
    return ticket(ticket_id, channel, queued, slot, service)


def waiting_st(max_size: int = 25) -> st.SearchStrategy[list[Waiting]]:
    row = st.tuples(
        st.integers(1, 10_000),
        st.sampled_from(SERVICES),
        st.sampled_from(list(Channel)),
        minutes_st,
        st.none() | minutes_st,
    )
    return st.lists(row, max_size=max_size, unique_by=lambda r: r[0]).map(
        lambda rows: [_waiting(*r) for r in rows]
    )


@st.composite
def policy_st(draw: st.DrawFn, names: Sequence[str] = POLICY_NAMES) -> CallPolicy:
    weights = draw(
        st.dictionaries(
            st.sampled_from(list(Channel)),
            st.floats(0.1, 5.0, allow_nan=False, allow_infinity=False),
        )
    )
    return CallPolicy(
        name=draw(st.sampled_from(list(names))),
        weights=weights,
        max_wait_minutes=draw(st.sampled_from([0, 15, 60, 90, 120])),
        max_priority_in_row=draw(st.integers(0, 4)),
        ratio_priority=draw(st.integers(1, 3)),
        ratio_other=draw(st.integers(1, 3)),
        booking_promise_minutes=draw(st.sampled_from([0, 15, 30, 60])),
        priority_bound_minutes=draw(st.sampled_from([5, 20, 45])),
        slack_minutes=draw(st.sampled_from([0, 10, 15, 30, 90])),
    )


now_st = st.builds(at, st.integers(0, 360))
recent_st = st.lists(st.sampled_from(list(Channel)), max_size=6)


# --- invariants ----------------------------------------------------------------------------


@fast
@given(waiting_st(), now_st, policy_st(), recent_st)
def test_rank_is_a_permutation_and_choose_is_its_head(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    assert sorted(ids(ranked)) == sorted(ids(waiting))
    chosen = choose(waiting, now, policy, recent)
    assert chosen == (ranked[0] if ranked else None)


@fast
@given(waiting_st(max_size=15), now_st, policy_st(), recent_st)
def test_rank_is_successive_choose_with_growing_history(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    remaining = list(waiting)
    history = list(recent)
    for expected in ranked:
        chosen = choose(remaining, now, policy, history)
        assert chosen == expected
        remaining.remove(chosen)
        history.append(chosen.channel)
    assert choose(remaining, now, policy, history) is None


@fast
@given(waiting_st(), now_st, policy_st(), recent_st, st.randoms(use_true_random=False))
def test_rank_does_not_depend_on_input_order(
    waiting: list[Waiting],
    now: datetime,
    policy: CallPolicy,
    recent: list[Channel],
    rnd: random.Random,
) -> None:
    shuffled = list(waiting)
    rnd.shuffle(shuffled)
    assert rank(shuffled, now, policy, recent) == rank(waiting, now, policy, recent)


@fast
@given(waiting_st(), now_st, policy_st(), recent_st)
def test_first_come_first_served_within_channel_and_service(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    for channel in Channel:
        for service in SERVICES:
            line = [w for w in ranked if w.channel is channel and w.service == service]
            keys = [(effective_time(w), w.ticket_id) for w in line]
            assert keys == sorted(keys), (channel, service)


@fast
@given(waiting_st(), now_st, policy_st(names=("fifo", "weighted_wait", "ratio")), recent_st)
def test_ticket_past_the_bound_goes_before_every_later_arrival(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    assume(policy.max_wait_minutes > 0)
    ranked = rank(waiting, now, policy, recent)
    for i, late in enumerate(ranked):
        if waited_minutes(late, now) > policy.max_wait_minutes:
            for earlier_called in ranked[:i]:
                assert effective_time(earlier_called) <= effective_time(late)


@fast
@given(waiting_st(), now_st, policy_st(), recent_st)
def test_early_booking_never_called_before_a_ticket_that_is_due(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    seen_early_booking = False
    for w in ranked:
        if waited_minutes(w, now) >= 0:
            assert not seen_early_booking, "a due ticket ranked after a booking not yet due"
        elif w.channel is Channel.BOOKING:
            seen_early_booking = True


@fast
@given(waiting_st(), now_st, policy_st(names=("strict_priority",)), recent_st)
def test_strict_priority_never_calls_others_while_priority_waits(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    chosen = choose(waiting, now, policy, recent)
    if any(w.channel in PRIORITY_CLASS for w in waiting):
        assert chosen is not None and chosen.channel in PRIORITY_CLASS
    classes = [
        {Channel.PRIORITY: 0, Channel.VIP: 1}.get(w.channel, 2)
        for w in rank(waiting, now, policy, recent)
    ]
    assert classes == sorted(classes)


@fast
@given(
    waiting_st(),
    now_st,
    policy_st(),
    recent_st,
    st.sets(st.sampled_from(SERVICES)),
    st.sets(st.sampled_from(list(Channel))),
)
def test_choose_on_eligible_stays_within_the_counter(
    waiting: list[Waiting],
    now: datetime,
    policy: CallPolicy,
    recent: list[Channel],
    services: set[str],
    channels: set[Channel],
) -> None:
    allowed = eligible(waiting, services, channels)
    assert allowed == [w for w in waiting if w.service in services and w.channel in channels]
    chosen = choose(allowed, now, policy, recent)
    if chosen is None:
        assert not allowed
    else:
        assert chosen.service in services and chosen.channel in channels


@fast
@given(
    waiting_st(),
    now_st,
    policy_st(names=("weighted_wait",)),
    st.lists(st.sampled_from(sorted(PRIORITY_CLASS)), min_size=1, max_size=5),
    st.lists(st.sampled_from(list(Channel)), max_size=3),
    st.integers(0, 120),
)
def test_at_most_n_priority_calls_in_a_row(
    waiting: list[Waiting],
    now: datetime,
    policy: CallPolicy,
    priority_calls: list[Channel],
    before: list[Channel],
    walk_in_waited: int,
) -> None:
    policy = policy.model_copy(
        update={"max_priority_in_row": len(priority_calls), "max_wait_minutes": 0}
    )
    walk_in = Waiting(
        ticket_id=20_000,
        service="baru",
        channel=Channel.WALK_IN,
        queued_at=now - timedelta(minutes=walk_in_waited),
    )
    chosen = choose([*waiting, walk_in], now, policy, [*before, *priority_calls])
    assert chosen is not None and chosen.channel in OTHERS


@fast
@given(
    waiting_st(),
    now_st,
    policy_st(names=("ratio",)),
    st.lists(st.sampled_from(sorted(PRIORITY_CLASS)), min_size=3, max_size=5),
    st.integers(0, 120),
)
def test_ratio_calls_an_other_after_a_full_priority_block(
    waiting: list[Waiting],
    now: datetime,
    policy: CallPolicy,
    priority_calls: list[Channel],
    walk_in_waited: int,
) -> None:
    # ratio_priority <= 3 <= len(priority_calls): the priority block is complete.
    policy = policy.model_copy(update={"max_wait_minutes": 0})
    walk_in = Waiting(
        ticket_id=20_000,
        service="baru",
        channel=Channel.WALK_IN,
        queued_at=now - timedelta(minutes=walk_in_waited),
    )
    chosen = choose([*waiting, walk_in], now, policy, [Channel.WALK_IN, *priority_calls])
    assert chosen is not None and chosen.channel in OTHERS


# --- worked examples -----------------------------------------------------------------------


def test_effective_time_and_waited_minutes_of_bookings() -> None:
    early = ticket(1, Channel.BOOKING, queued=0, slot=30)  # checked in 30 min before the slot
    late = ticket(2, Channel.BOOKING, queued=50, slot=30)  # came 20 min after the slot began
    walk_in = ticket(3, Channel.WALK_IN, queued=10, slot=0)  # a slot on a walk-in is ignored
    assert effective_time(early) == at(30)
    assert effective_time(late) == at(50)
    assert effective_time(walk_in) == at(10)
    assert waited_minutes(early, at(20)) == -10
    assert waited_minutes(late, at(60)) == 10
    assert waited_minutes(walk_in, at(12.5)) == 2.5


def test_naive_times_are_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Waiting(1, "baru", Channel.WALK_IN, datetime(2025, 3, 3, 8, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        choose([ticket(1, Channel.WALK_IN, 0)], datetime(2025, 3, 3, 8, 0), CallPolicy())


def test_nobody_waiting_means_nobody_called() -> None:
    assert choose([], at(0), CallPolicy()) is None
    assert rank([], at(0), CallPolicy()) == []


def test_recent_priority_goes_before_a_walk_in_who_waited_longer_under_default_weights() -> None:
    # Priority weight 3: 2 minutes count as 6; the walk-in's 5 minutes count as 5.
    walk_in = ticket(1, Channel.WALK_IN, queued=0)
    priority = ticket(2, Channel.PRIORITY, queued=3)
    assert choose([walk_in, priority], at(5), CallPolicy()) == priority
    # Under FIFO the walk-in, who came first, is called first.
    assert choose([walk_in, priority], at(5), CallPolicy(name="fifo")) == walk_in


def test_walk_in_past_the_wait_bound_goes_before_a_priority_applicant() -> None:
    walk_in = ticket(1, Channel.WALK_IN, queued=0)  # 95 minutes waited at t=95
    priority = ticket(2, Channel.PRIORITY, queued=55)  # 40 minutes x 3 = 120 > 95
    line = [walk_in, priority]
    assert choose(line, at(95), CallPolicy(max_wait_minutes=90)) == walk_in
    assert choose(line, at(95), CallPolicy(name="ratio", max_wait_minutes=90)) == walk_in
    # Without the bound the weights alone decide, and the priority applicant goes first.
    assert choose(line, at(95), CallPolicy(max_wait_minutes=0)) == priority
    # A fresh priority applicant also waits behind the walk-in past the bound.
    fresh = ticket(3, Channel.PRIORITY, queued=95)
    assert choose([walk_in, fresh], at(95), CallPolicy()) == walk_in


def test_the_bound_counts_from_strictly_more_than_max_wait_minutes() -> None:
    walk_in = ticket(1, Channel.WALK_IN, queued=0)
    priority = ticket(2, Channel.PRIORITY, queued=55)  # scores 105 and more, above the walk-in
    for name in ("weighted_wait", "ratio"):
        policy = CallPolicy(name=name, max_wait_minutes=90)
        assert choose([walk_in, priority], at(90), policy) == priority, name  # exactly 90
        assert choose([walk_in, priority], at(90.5), policy) == walk_in, name  # past 90


def test_over_the_bound_go_oldest_first_whatever_the_channel() -> None:
    vip = ticket(1, Channel.VIP, queued=10)  # 100 minutes
    walk_in = ticket(2, Channel.WALK_IN, queued=0)  # 110 minutes
    priority = ticket(3, Channel.PRIORITY, queued=5)  # 105 minutes
    assert ids(rank([vip, walk_in, priority], at(110), CallPolicy())) == [2, 3, 1]


def test_strict_priority_lets_others_wait_without_limit() -> None:
    walk_in = ticket(1, Channel.WALK_IN, queued=0)
    vip = ticket(2, Channel.VIP, queued=100)
    priority = ticket(3, Channel.PRIORITY, queued=199)
    line = [walk_in, vip, priority]
    assert ids(rank(line, at(200), CallPolicy(name="strict_priority"))) == [3, 2, 1]
    # The default policy calls the walk-in first: 200 minutes is past the 90-minute bound.
    assert ids(rank(line, at(200), CallPolicy())) == [1, 2, 3]


def test_early_booking_is_not_called_before_its_slot_while_others_wait() -> None:
    booking = ticket(1, Channel.BOOKING, queued=0, slot=60)  # checked in an hour early
    walk_in = ticket(2, Channel.WALK_IN, queued=40)  # just arrived at t=40
    for name in POLICY_NAMES:
        policy = CallPolicy(name=name)
        assert choose([booking, walk_in], at(40), policy) == walk_in, name
        # With nobody else waiting the counter does not stand idle.
        assert choose([booking], at(40), policy) == booking, name
    # Once the slot has begun the booking's weight counts: 5 min x 1.5 beats 6 min x 1.0.
    late_walk_in = ticket(3, Channel.WALK_IN, queued=59)
    assert choose([booking, late_walk_in], at(65), CallPolicy()) == booking


def test_early_booking_does_not_break_a_priority_run() -> None:
    booking = ticket(1, Channel.BOOKING, queued=0, slot=60)
    priority = ticket(2, Channel.PRIORITY, queued=20)
    recent = [Channel.PRIORITY] * 3
    assert choose([booking, priority], at(30), CallPolicy(), recent) == priority
    assert choose([booking, priority], at(30), CallPolicy(name="ratio"), recent) == priority


def test_at_most_three_priority_calls_in_a_row_by_default() -> None:
    # Each priority applicant scores 15 (5 min x 3), the walk-in 10 (10 min x 1).
    priorities = [ticket(i, Channel.PRIORITY, queued=5) for i in range(1, 6)]
    walk_in = ticket(9, Channel.WALK_IN, queued=0)
    line = [*priorities, walk_in]
    assert ids(rank(line, at(10), CallPolicy())) == [1, 2, 3, 9, 4, 5]
    # With the limit switched off the walk-in waits for all five.
    assert ids(rank(line, at(10), CallPolicy(max_priority_in_row=0))) == [1, 2, 3, 4, 5, 9]
    # The counter's history counts: after three priority calls the walk-in is next.
    recent = [Channel.WALK_IN, Channel.PRIORITY, Channel.PRIORITY]
    assert choose(line, at(10), CallPolicy(), recent) == priorities[0]
    assert choose(line, at(10), CallPolicy(), [*recent, Channel.VIP]) == walk_in


def test_ratio_interleaves_two_priority_calls_with_one_other() -> None:
    priorities = [ticket(i, Channel.PRIORITY, queued=i) for i in range(1, 5)]
    walk_ins = [ticket(10 + i, Channel.WALK_IN, queued=0) for i in range(2)]
    line = [*walk_ins, *priorities]
    policy = CallPolicy(name="ratio", ratio_priority=2, ratio_other=1)
    assert ids(rank(line, at(30), policy)) == [1, 2, 10, 3, 4, 11]
    assert ids(rank(line, at(30), policy, [Channel.PRIORITY, Channel.VIP])) == [
        10,
        1,
        2,
        11,
        3,
        4,
    ]


def test_ratio_finishes_a_block_of_others_and_skips_an_empty_class() -> None:
    priority = ticket(1, Channel.PRIORITY, queued=5)
    walk_ins = [ticket(10 + i, Channel.WALK_IN, queued=i) for i in range(3)]
    policy = CallPolicy(name="ratio", ratio_priority=2, ratio_other=2)
    done_priority = [Channel.PRIORITY, Channel.VIP, Channel.WALK_IN]
    assert choose([priority, *walk_ins], at(30), policy, done_priority) == walk_ins[0]
    # One other call after an incomplete priority block does not owe a second one.
    assert choose([priority, *walk_ins], at(30), policy, [Channel.VIP, Channel.WALK_IN]) == (
        priority
    )
    # Nobody in the priority class: the others are called one after another.
    assert ids(rank(walk_ins, at(30), policy)) == [10, 11, 12]


def test_strict_priority_calls_priority_before_vip() -> None:
    vip = ticket(1, Channel.VIP, queued=0)
    priority = ticket(2, Channel.PRIORITY, queued=10)
    booking = ticket(3, Channel.BOOKING, queued=0, slot=0)
    assert ids(rank([vip, priority, booking], at(20), CallPolicy(name="strict_priority"))) == [
        2,
        1,
        3,
    ]


def test_ties_are_broken_by_time_then_ticket_number() -> None:
    a = ticket(7, Channel.WALK_IN, queued=0)
    b = ticket(3, Channel.WALK_IN, queued=0)
    c = ticket(5, Channel.BOOKING, queued=0, slot=0)
    for name in POLICY_NAMES:
        assert ids(rank([a, b], at(10), CallPolicy(name=name))) == [3, 7], name
    # Equal scores (10 x 1.0 and 10 x 1.0): the lower ticket number first.
    weights = {Channel.BOOKING: 1.0, Channel.WALK_IN: 1.0}
    assert ids(rank([a, c], at(10), CallPolicy(weights=weights))) == [5, 7]


# --- deadline: earliest due first with slack -----------------------------------------------


def _near_due(w: Waiting, now: datetime, policy: CallPolicy) -> bool:
    slack = slack_minutes(w, now, policy)
    return slack is not None and slack <= policy.slack_minutes and waited_minutes(w, now) >= 0


@fast
@given(waiting_st(), now_st, policy_st(names=("deadline",)), recent_st)
def test_deadline_calls_the_smallest_slack_among_the_near_due(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    chosen = choose(waiting, now, policy, recent)
    near = [w for w in waiting if _near_due(w, now, policy)]
    if near:
        assert chosen is not None and _near_due(chosen, now, policy)
        least = min(slack_minutes(w, now, policy) or 0.0 for w in near)
        assert slack_minutes(chosen, now, policy) == least


@fast
@given(waiting_st(), now_st, policy_st(names=("deadline",)), recent_st)
def test_deadline_ranks_the_near_due_first_by_due_time_then_falls_back_to_weights(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    k = sum(_near_due(w, now, policy) for w in waiting)
    head, tail = ranked[:k], ranked[k:]
    assert all(_near_due(w, now, policy) for w in head)
    dues = [due_time(w, policy) for w in head]
    assert dues == sorted(dues)  # type: ignore[type-var]
    # Nobody near due among the rest: the weighted order, with the head's calls as history.
    weighted = policy.model_copy(update={"name": "weighted_wait"})
    history = [*recent, *(w.channel for w in head)]
    assert tail == rank(tail, now, weighted, history)


@fast
@given(waiting_st(), now_st, policy_st(names=("deadline",)), recent_st)
def test_deadline_a_ticket_past_due_waits_only_for_earlier_due_tickets(
    waiting: list[Waiting], now: datetime, policy: CallPolicy, recent: list[Channel]
) -> None:
    ranked = rank(waiting, now, policy, recent)
    for i, w in enumerate(ranked):
        due = due_time(w, policy)
        if due is not None and due <= now and waited_minutes(w, now) >= 0:
            for before in ranked[:i]:
                other = due_time(before, policy)
                assert other is not None and other <= due


def test_deadline_worked_example_bookings_keep_their_session() -> None:
    # 08:00 session, office promise 30 min: the booking is due at 08:30.
    policy = CallPolicy(name="deadline", booking_promise_minutes=30, slack_minutes=15)
    booking = ticket(1, Channel.BOOKING, queued=-20, slot=0)
    walk_in = ticket(2, Channel.WALK_IN, queued=-40)  # due 08:50 (max wait 90 from 07:20)
    priority = ticket(3, Channel.PRIORITY, queued=10)  # due 08:30 too, queued later
    # 08:10: nobody within 15 min of their due time: the weighted order (the walk-in has
    # waited longest, 50 min x 1.0 against the booking's 10 x 1.5 and priority's 0 x 3).
    assert ids(rank([booking, walk_in, priority], at(10), policy)) == [2, 1, 3]
    # 08:16: the booking (due 08:30) and the priority (due 08:30, later in line) are near
    # due: booking first (tie on due time: earlier place in line), then priority.
    assert ids(rank([booking, walk_in, priority], at(16), policy)) == [1, 3, 2]
    # A booking before its session is not near due however large the slack setting.
    wide = policy.model_copy(update={"slack_minutes": 120})
    early = ticket(4, Channel.BOOKING, queued=-30, slot=60)
    assert choose([early, walk_in], at(10), wide) == walk_in
    assert due_time(early, policy) == at(90)
    # Late booking (checked in 08:40 for the 08:00 session): due 30 min after check-in.
    late = ticket(5, Channel.BOOKING, queued=40, slot=0)
    assert due_time(late, policy) == at(70)
    # No wait bound: a walk-in has no due time and is only called in the weighted order.
    unbounded = policy.model_copy(update={"max_wait_minutes": 0})
    assert due_time(walk_in, unbounded) is None
