"""The call policy's rules one by one (db/rules/policy.py): a worked example per rule, and
property tests whose generators always reach the cases the rules are about (two-call
blocks of others, one-call blocks of priority, channels missing from the weights,
bookings due within the minute, counters serving several services)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from config.settings import CallPolicy, Channel
from db.rules.policy import (
    PRIORITY_CLASS,
    Waiting,
    choose,
    due_time,
    eligible,
    rank,
    slack_minutes,
    waited_minutes,
)
from tests.properties import properties
from tests.test_policy import at, ids, ticket

P, V, B, W = Channel.PRIORITY, Channel.VIP, Channel.BOOKING, Channel.WALK_IN
rules = properties(150)


def classes(line: Sequence[Waiting]) -> str:
    """ "P" for a priority/VIP call, "o" for a booking/walk-in call, in order."""
    return "".join("P" if w.channel in PRIORITY_CLASS else "o" for w in line)


# --- weighted_wait: at most N priority calls in a row ---------------------------------------


def test_every_run_of_priority_calls_is_cut_after_n_not_only_the_first() -> None:
    # Six priority applicants (5 min x 3 = 15) and two walk-ins (10 min x 1 = 10): the
    # scores alone would call all six first.
    priorities = [ticket(i, P, queued=5) for i in range(1, 7)]
    walk_ins = [ticket(10 + i, W, queued=0) for i in range(2)]
    policy = CallPolicy(max_priority_in_row=2, max_wait_minutes=0)
    assert ids(rank([*priorities, *walk_ins], at(10), policy)) == [1, 2, 10, 3, 4, 11, 5, 6]
    # A run started before the ranking counts towards the first cut.
    assert ids(rank([*priorities, *walk_ins], at(10), policy, [W, V])) == [1, 10, 2, 3, 11, 4, 5, 6]


def test_a_booking_half_a_minute_before_its_slot_does_not_cut_a_priority_run() -> None:
    priority = ticket(1, P, queued=0)
    recent = [P, V, P]  # three priority calls in a row: the default limit is reached
    early = ticket(2, B, queued=0, slot=10.5)
    on_time = ticket(3, B, queued=0, slot=10)
    for name in ("weighted_wait", "ratio"):
        policy = CallPolicy(name=name, ratio_priority=3, ratio_other=1)
        assert choose([priority, early], at(10), policy, recent) == priority, name
        # At the very start of its slot the booking is due (waited 0) and cuts the run.
        assert choose([priority, on_time], at(10), policy, recent) == on_time, name


def test_a_channel_missing_from_the_weights_weighs_one() -> None:
    policy = CallPolicy(weights={P: 3.0, V: 2.1}, max_wait_minutes=0, max_priority_in_row=0)
    vip = ticket(1, V, queued=5)  # 5 x 2.1 = 10.5
    walk_in = ticket(2, W, queued=0)  # 10 x 1 = 10: no weight given for walk-ins
    priority = ticket(3, P, queued=7)  # 3 x 3 = 9
    assert ids(rank([priority, walk_in, vip], at(10), policy)) == [1, 2, 3]


# --- ratio ---------------------------------------------------------------------------------


def test_ratio_one_priority_then_one_other_alternates() -> None:
    priorities = [ticket(i, P, queued=i) for i in range(1, 4)]
    walk_ins = [ticket(10 + i, W, queued=0) for i in range(3)]
    policy = CallPolicy(name="ratio", ratio_priority=1, ratio_other=1)
    assert ids(rank([*walk_ins, *priorities], at(30), policy)) == [1, 10, 2, 11, 3, 12]
    # After one priority call the other class is due at once.
    assert choose([*walk_ins, *priorities], at(30), policy, [V]) == walk_ins[0]


def test_ratio_one_priority_then_two_others_over_two_cycles() -> None:
    priorities = [ticket(i, P, queued=i) for i in range(1, 4)]
    walk_ins = [ticket(10 + i, W, queued=0) for i in range(5)]
    policy = CallPolicy(name="ratio", ratio_priority=1, ratio_other=2)
    line = [*walk_ins, *priorities]
    assert ids(rank(line, at(30), policy)) == [1, 10, 11, 2, 12, 13, 3, 14]
    # Half-way through a block of others the second one is still owed...
    assert choose(line, at(30), policy, [P, W]) == walk_ins[0]
    # ...and after the block, priority again.
    assert choose(line, at(30), policy, [P, W, B]) == priorities[0]


def test_ratio_two_priority_then_three_others_over_two_cycles() -> None:
    priorities = [ticket(i, V, queued=i) for i in range(1, 6)]
    walk_ins = [ticket(10 + i, W, queued=0) for i in range(6)]
    policy = CallPolicy(name="ratio", ratio_priority=2, ratio_other=3)
    assert ids(rank([*walk_ins, *priorities], at(30), policy)) == [
        1, 2, 10, 11, 12, 3, 4, 13, 14, 15, 5,
    ]  # fmt: skip


# --- properties ----------------------------------------------------------------------------


def _line(n_priority: int, n_other: int, spread: Sequence[int]) -> list[Waiting]:
    """Everybody due: priority and others, places in line from ``spread``."""
    line = []
    for i in range(n_priority):
        line.append(ticket(i + 1, (P, V)[i % 2], queued=spread[i % len(spread)]))
    for i in range(n_other):
        line.append(ticket(100 + i, (W, B)[i % 2], queued=spread[-1 - i % len(spread)], slot=0))
    return line


def _ratio_pattern(n_priority: int, n_other: int, per_priority: int, per_other: int) -> str:
    out = ""
    while n_priority or n_other:
        take = min(per_priority, n_priority) if n_other else n_priority
        out += "P" * take
        n_priority -= take
        take = min(per_other, n_other) if n_priority else n_other
        out += "o" * take
        n_other -= take
    return out


@rules
@given(
    st.integers(0, 9),
    st.integers(0, 9),
    st.integers(1, 3),
    st.integers(1, 4),
    st.lists(st.integers(0, 60), min_size=1, max_size=6),
)
@example(3, 5, 1, 2, [0])
@example(5, 6, 2, 3, [0, 7, 3])
@example(4, 4, 1, 1, [5])
def test_ratio_calls_blocks_of_each_class_in_turn(
    n_priority: int, n_other: int, per_priority: int, per_other: int, spread: list[int]
) -> None:
    policy = CallPolicy(
        name="ratio", ratio_priority=per_priority, ratio_other=per_other, max_wait_minutes=0
    )
    ranked = rank(_line(n_priority, n_other, spread), at(120), policy)
    assert classes(ranked) == _ratio_pattern(n_priority, n_other, per_priority, per_other)


@rules
@given(
    st.integers(1, 12),
    st.integers(1, 6),
    st.integers(1, 4),
    st.lists(st.sampled_from([P, V, W, B]), max_size=5),
)
@example(6, 2, 2, [])
@example(7, 3, 3, [P, P])
def test_weighted_wait_never_calls_more_than_n_priority_in_a_row_while_others_wait(
    n_priority: int, n_other: int, limit: int, recent: list[Channel]
) -> None:
    # Priority applicants who would all outscore the others.
    line = [ticket(i + 1, (P, V)[i % 2], queued=100) for i in range(n_priority)]
    line += [ticket(100 + i, W, queued=90) for i in range(n_other)]
    policy = CallPolicy(max_priority_in_row=limit, max_wait_minutes=0)
    ranked = rank(line, at(110), policy, recent)
    run = len(recent) - len(classes(recent_calls(recent)).rstrip("P"))
    for k, called in enumerate(ranked):
        if called.channel not in PRIORITY_CLASS:
            run = 0
            continue
        run += 1
        if any(w.channel not in PRIORITY_CLASS for w in ranked[k:]):
            assert run <= limit, (classes(ranked), k)


def recent_calls(recent: Sequence[Channel]) -> list[Waiting]:
    return [Waiting(0, "x", channel, at(0)) for channel in recent]


@rules
@given(
    st.lists(st.sampled_from(list(Channel)), unique=True),
    st.lists(
        st.tuples(st.sampled_from(list(Channel)), st.integers(0, 60), st.integers(-2, 2)),
        min_size=1,
        max_size=12,
    ),
)
@example([Channel.PRIORITY], [(Channel.WALK_IN, 10, 0), (Channel.PRIORITY, 7, 0)])
def test_weighted_wait_scores_with_weight_one_for_missing_channels(
    weighted: list[Channel], rows: list[tuple[Channel, int, int]]
) -> None:
    weights = {c: 1.0 + 0.5 * i for i, c in enumerate(weighted)}
    policy = CallPolicy(weights=weights, max_wait_minutes=0, max_priority_in_row=0)
    line = [
        ticket(i + 1, channel, queued=queued, slot=queued + slot)
        for i, (channel, queued, slot) in enumerate(rows)
    ]
    now = at(61)
    ranked = rank(line, now, policy)
    scores = [waited_minutes(w, now) * weights.get(w.channel, 1.0) for w in ranked]
    assert scores == sorted(scores, reverse=True)


@rules
@given(
    st.sampled_from(["weighted_wait", "ratio", "deadline"]),
    st.integers(1, 3),
    st.integers(1, 3),
    st.sampled_from([-1.0, -0.5, -1 / 60, 0.0, 0.5]),
    st.integers(0, 3),
)
@example("weighted_wait", 3, 1, -0.5, 3)
@example("ratio", 1, 2, -0.5, 1)
@example("weighted_wait", 3, 1, 0.0, 3)
def test_a_booking_counts_as_waiting_from_the_first_second_of_its_slot(
    name: str, limit: int, per_other: int, waited: float, run: int
) -> None:
    policy = CallPolicy(
        name=name,
        max_priority_in_row=limit,
        ratio_priority=limit,
        ratio_other=per_other,
        max_wait_minutes=0,
        slack_minutes=0,
        priority_bound_minutes=45,
    )
    now = at(60)
    priority = ticket(1, P, queued=59)
    booking = ticket(2, B, queued=0, slot=60 - waited)
    chosen = choose([priority, booking], now, policy, [P] * run)
    owed = run >= limit and waited >= 0
    assert chosen == (booking if owed else priority)


@rules
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["baru", "ganti", "ambil"]),
            st.sampled_from(list(Channel)),
            st.integers(0, 120),
        ),
        max_size=15,
    ),
    st.sets(st.sampled_from(["baru", "ganti", "ambil"]), min_size=2),
    st.sets(st.sampled_from(list(Channel)), min_size=1),
    st.sampled_from(["fifo", "strict_priority", "weighted_wait", "ratio", "deadline"]),
)
@example(
    [("baru", W, 0), ("ganti", W, 5), ("ambil", W, 1)],
    {"baru", "ganti"},
    {W},
    "fifo",
)
def test_a_counter_serving_several_services_calls_them_as_one_line(
    rows: list[tuple[str, Channel, int]],
    services: set[str],
    channels: set[Channel],
    name: str,
) -> None:
    line = [
        Waiting(i + 1, service, channel, at(queued), at(queued) if channel is B else None)
        for i, (service, channel, queued) in enumerate(rows)
    ]
    policy = CallPolicy(name=name)
    counter = eligible(line, services, channels)
    ranked = rank(counter, at(120), policy)
    # The services share the counter's line: the same order as one service would get.
    relabelled = [
        Waiting(w.ticket_id, "one", w.channel, w.queued_at, w.slot_start) for w in counter
    ]
    assert ids(ranked) == ids(rank(relabelled, at(120), policy))
    assert {w.ticket_id for w in ranked} == {
        w.ticket_id for w in line if w.service in services and w.channel in channels
    }


# --- a ticket sent to one counter ----------------------------------------------------------


def test_a_ticket_sent_to_a_counter_is_in_that_counters_line_alone_in_its_place() -> None:
    sent = Waiting(1, "baru", W, at(0), only_at=3)
    others = [ticket(2, W, queued=5), ticket(3, W, queued=10)]
    line = [others[0], sent, others[1]]
    policy = CallPolicy(name="fifo")
    assert ids(eligible(line, {"baru"}, {W}, 2)) == [2, 3]
    # At its counter it keeps its place: the earliest, called first.
    assert ids(rank(eligible(line, {"baru"}, {W}, 3), at(20), policy)) == [1, 2, 3]
    # A line of several counters (no counter named) leaves nobody out.
    assert ids(eligible(line, {"baru"}, {W})) == [2, 1, 3]
    # Still only for the services and channels the counter serves.
    assert eligible([sent], {"ganti"}, {W}, 3) == []
    assert eligible([sent], {"baru"}, {P}, 3) == []


# --- the edges the other tests do not reach --------------------------------------------------


class _NoOffset(tzinfo):
    """A zone that does not know its offset: as good as none."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_times_without_an_offset_are_refused_and_named() -> None:
    naive = datetime(2025, 3, 3, 8, 0)
    vague = datetime(2025, 3, 3, 8, 0, tzinfo=_NoOffset())
    for value in (naive, vague):
        with pytest.raises(ValueError, match=r"^queued_at must be a timezone-aware datetime"):
            Waiting(1, "baru", W, value)
        with pytest.raises(ValueError, match=r"^slot_start must be a timezone-aware datetime"):
            Waiting(1, "baru", B, at(0), value)
        with pytest.raises(ValueError, match=r"^now must be a timezone-aware datetime"):
            choose([ticket(1, W, 0)], value, CallPolicy())


def test_an_unknown_policy_is_named_in_the_refusal() -> None:
    lottery = CallPolicy.model_construct(name="lottery")
    with pytest.raises(ValueError, match=r"^unknown call policy 'lottery'$"):
        rank([ticket(1, W, 0)], at(0), lottery)


def test_a_one_minute_bound_counts_from_the_first_minute() -> None:
    policy = CallPolicy(max_wait_minutes=1, max_priority_in_row=0)
    walk_in = ticket(1, W, queued=0)  # 1.5 minutes: over the bound
    priority = ticket(2, P, queued=0.5)  # 1 minute x 3 = 3 scores more, under the bound
    assert choose([walk_in, priority], at(1.5), policy) == walk_in
    assert due_time(walk_in, CallPolicy(max_wait_minutes=1)) == at(1)
    assert slack_minutes(walk_in, at(0.25), CallPolicy(max_wait_minutes=1)) == 0.75


def test_a_priority_applicant_over_the_bound_goes_before_a_walk_in_even_after_a_run() -> None:
    policy = CallPolicy(max_wait_minutes=90, max_priority_in_row=1)
    priority = ticket(1, P, queued=0)  # 100 minutes: over the bound
    walk_in = ticket(2, W, queued=100)  # just arrived: due, under the bound
    assert choose([priority, walk_in], at(100), policy, [V]) == priority


def test_the_run_limit_holds_when_everybody_has_just_arrived() -> None:
    # Scores all 0: the priority applicant has the lower number, yet the run is full.
    priority = ticket(1, P, queued=10)
    walk_in = ticket(2, W, queued=10)
    assert choose([priority, walk_in], at(10), CallPolicy(), [P, P, P]) == walk_in
    assert choose([priority, walk_in], at(10), CallPolicy(), [P, P]) == priority


def test_deadline_near_due_includes_exactly_the_slack_and_the_first_second_of_the_slot() -> None:
    policy = CallPolicy(name="deadline", booking_promise_minutes=15, slack_minutes=15)
    booking = ticket(1, B, queued=0, slot=60)  # due at 75: slack exactly 15 at 60
    walk_in = ticket(2, W, queued=40)  # 20 minutes waited, due at 130
    assert slack_minutes(booking, at(60), policy) == 15
    assert choose([booking, walk_in], at(60), policy) == booking
    # Half a minute before its slot the booking is not near due: the weighted order.
    assert choose([booking, walk_in], at(59.5), policy) == walk_in


def test_deadline_counts_its_near_due_calls_in_the_priority_run() -> None:
    policy = CallPolicy(
        name="deadline", priority_bound_minutes=20, slack_minutes=5, max_priority_in_row=1
    )
    near = ticket(1, P, queued=0)  # due at 20: slack 0 at 20
    fresh = ticket(2, V, queued=15)  # 5 x 2 = 10, due at 35
    walk_in = ticket(3, W, queued=12)  # 8 x 1 = 8
    assert ids(rank([near, fresh, walk_in], at(20), policy)) == [1, 3, 2]
