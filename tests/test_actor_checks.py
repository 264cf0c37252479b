"""Who acts is checked against the database in every operation, in its own transaction:
a deactivated or demoted officer can do nothing more from the next action on, an unknown
name claiming to be an administrator can do nothing, counter restrictions hold for every
counter action, and a refused operation writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from db.clock import FixedClock
from db.context import PERMISSIONS, Actor, QueueContext
from db.errors import NotAllowed
from db.migrate import open_queue
from db.models import Base, Role
from db.ops.audit import list_audit
from db.ops.backups import record_backup
from db.ops.booking_failure import issue_booking_failure_ticket
from db.ops.calling import (
    call_next,
    call_ticket,
    cancel,
    complete,
    no_show,
    recall,
    requeue,
    start_service,
    transfer,
)
from db.ops.counters import NotAtThisCounter, close_counter, open_counter, pause_counter
from db.ops.day_overrides import close_service
from db.ops.feedback import answer_complaint
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket, set_quota
from db.ops.kiosk_pins import set_own_kiosk_pin
from db.ops.officers import (
    add_officer,
    list_officers,
    reset_password,
    set_active,
    set_role,
    unlock_logins,
)
from db.ops.printjobs import finish_print_job, heartbeat, reprint_at_kiosk, request_reprint
from db.ops.privacy import purge_personal_data
from tests.conftest import ADMIN, KIOSK, make_settings

PASSWORD = "rahasia-123"

Op = Callable[[QueueContext, Actor, dict[str, Any]], object]

# Every operation that writes, by its permission name, called with plausible arguments.
WRITES: dict[str, Op] = {
    "issue_ticket": lambda c, a, o: issue_ticket(c, a, "baru", "walk_in"),
    "override_quota": lambda c, a, o: issue_ticket(
        c, a, "baru", "walk_in", override_reason="elderly"
    ),
    "call_next": lambda c, a, o: call_next(c, a, 2),
    "call_ticket": lambda c, a, o: call_ticket(c, a, 2, o["waiting"], "urgent"),
    "recall": lambda c, a, o: recall(c, a, 1, o["called"]),
    "start_service": lambda c, a, o: start_service(c, a, 1, o["called"]),
    "complete": lambda c, a, o: complete(c, a, 1, o["called"]),
    "no_show": lambda c, a, o: no_show(c, a, 1, o["called"]),
    "requeue": lambda c, a, o: requeue(c, a, o["no_show"]),
    "transfer": lambda c, a, o: transfer(c, a, o["called"], "ganti", keep_place=True),
    "cancel": lambda c, a, o: cancel(c, a, o["waiting"], "duplicate"),
    "set_quota": lambda c, a, o: set_quota(c, a, "baru", "walk_in", 5, "short-staffed"),
    "manage_days": lambda c, a, o: close_service(c, a, c.today(), "ambil", "printer broken"),
    "open_counter": lambda c, a, o: open_counter(c, a, 2),
    "pause_counter": lambda c, a, o: pause_counter(c, a, 1),
    "close_counter": lambda c, a, o: close_counter(c, a, 3),
    "reprint": lambda c, a, o: request_reprint(c, a, o["waiting"], "kiosk-1"),
    "reprint_at_kiosk": lambda c, a, o: reprint_at_kiosk(c, a, o["waiting"], "kiosk-1"),
    "set_own_kiosk_pin": lambda c, a, o: set_own_kiosk_pin(c, a, PASSWORD, "2580"),
    "finish_print_job": lambda c, a, o: finish_print_job(c, a, 1, ok=True),
    "heartbeat": lambda c, a, o: heartbeat(
        c, a, "kiosk-1", printer_online=True, paper="ok", cover_open=False, scanner="ok"
    ),
    "import_bookings": lambda c, a, o: import_bookings(c, a, o["export"]),
    "add_officer": lambda c, a, o: add_officer(c, a, "eko", "officer", PASSWORD),
    "manage_officers": lambda c, a, o: set_active(c, a, o["andi"], False),
    "answer_complaint": lambda c, a, o: answer_complaint(c, a, 1, "Thank you."),
    "issue_booking_failure": lambda c, a, o: issue_booking_failure_ticket(c, a, "baru", "x"),
    "purge_personal_data": lambda c, a, o: purge_personal_data(c, a),
    "unlock_logins": lambda c, a, o: unlock_logins(c, a, "andi"),
    "record_backup": lambda c, a, o: record_backup(c, a, "loket-20261201-213000.backup", 1024),
}
# Everyone may issue a ticket, file a complaint, answer a survey, check a booking in.
OPEN_TO_ALL = {"issue_ticket", "file_complaint", "submit_survey", "check_in_booking"}


def snapshot(ctx: QueueContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with ctx.db.read() as session:
        return {
            table.name: sorted(
                (tuple(map(str, row)) for row in session.execute(select(table))), key=str
            )
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def office(db_url: str, clock: FixedClock, tmp_path: Any) -> Iterator[dict[str, Any]]:
    counters = make_settings(db_url).model_dump()["counters"]
    counters[0]["officers"] = ["budi", "sari"]  # counter 1: budi and sari only
    # No-show at once after the call: the minimum wait is another rule's test.
    calling = {"no_show_min_seconds": 0, "no_show_min_recalls": 0}
    ctx = open_queue(make_settings(db_url, counters=counters, calling=calling), clock=clock)
    people = {
        name: add_officer(ctx, ADMIN, name, role, PASSWORD).actor
        for name, role in (
            ("budi", "officer"),
            ("andi", "officer"),
            ("sari", "supervisor"),
            ("tono", "admin"),
        )
    }
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in").id for _ in range(4)]
    open_counter(ctx, people["budi"], 1)
    gone = call_next(ctx, people["budi"], 1).id
    no_show(ctx, people["budi"], 1, gone)
    called = call_next(ctx, people["budi"], 1).id
    export = tmp_path / "bookings.csv"
    export.write_text("not an export\n", encoding="utf-8")
    waiting = next(t for t in tickets if t not in (gone, called))
    yield {
        "ctx": ctx,
        **people,
        "called": called,
        "no_show": gone,
        "waiting": waiting,
        "export": export,
        "andi_id": people["andi"].officer_id,
    }
    ctx.db.dispose()


def _refused(office: dict[str, Any], operation: str, actor: Actor) -> NotAllowed:
    ctx = office["ctx"]
    before = snapshot(ctx)
    args = {**office, "andi": office["andi_id"]}
    with pytest.raises(NotAllowed) as refused:
        WRITES[operation](ctx, actor, args)
    assert snapshot(ctx) == before, f"{operation} by {actor} wrote something"
    return refused.value


CASES = [
    (operation, role)
    for operation in sorted(WRITES)
    for role in (Role.KIOSK, Role.OFFICER, Role.SUPERVISOR)
    if role not in PERMISSIONS[operation]
]


def test_every_permission_has_a_write_or_is_a_read() -> None:
    reads = {
        "view_audit",
        "view_bookings",
        "view_feedback",
        "export_feedback",
        "view_reports",
        "search_bookings",
        "take_print_job",
        "create_print_job",
    }
    assert set(PERMISSIONS) <= set(WRITES) | reads | OPEN_TO_ALL


@pytest.mark.parametrize(("operation", "role"), CASES)
def test_a_refused_role_writes_nothing(office: dict[str, Any], operation: str, role: Role) -> None:
    actor = {Role.KIOSK: KIOSK, Role.OFFICER: office["andi"], Role.SUPERVISOR: office["sari"]}[role]
    assert "may not" in str(_refused(office, operation, actor))


STAFF_WRITES = sorted(op for op in WRITES if Role.OFFICER in PERMISSIONS[op])


@pytest.mark.both_databases
@pytest.mark.parametrize("operation", STAFF_WRITES)
def test_a_deactivated_officer_can_do_nothing_more(office: dict[str, Any], operation: str) -> None:
    budi = office["budi"]  # logged in before being deactivated
    set_active(office["ctx"], office["tono"], budi.officer_id, False)
    assert "deactivated" in str(_refused(office, operation, budi))


MANAGER_WRITES = sorted(
    op
    for op in WRITES
    if Role.SUPERVISOR in PERMISSIONS[op] and Role.OFFICER not in PERMISSIONS[op]
)


@pytest.mark.both_databases
@pytest.mark.parametrize("operation", MANAGER_WRITES)
def test_a_demoted_supervisor_can_do_nothing_more(office: dict[str, Any], operation: str) -> None:
    sari = office["sari"]  # logged in as a supervisor, then made an officer
    set_role(office["ctx"], office["tono"], sari.officer_id, "officer")
    assert "now an officer" in str(_refused(office, operation, sari))


@pytest.mark.parametrize("operation", sorted(WRITES))
def test_an_unknown_administrator_can_do_nothing(office: dict[str, Any], operation: str) -> None:
    mallory = Actor("mallory", Role.ADMIN)
    refused = _refused(office, operation, mallory)
    # Refused as unknown, or (counter 1's own actions) as not one of its officers.
    assert "not an officer of this office" in str(refused) or isinstance(refused, NotAtThisCounter)


@pytest.mark.both_databases
def test_reading_the_audit_log_and_officers_is_checked_too(office: dict[str, Any]) -> None:
    ctx, sari = office["ctx"], office["sari"]
    assert list_audit(ctx, sari)
    set_role(ctx, office["tono"], sari.officer_id, "officer")
    with pytest.raises(NotAllowed):
        list_audit(ctx, sari)
    with pytest.raises(NotAllowed):
        list_officers(ctx, Actor("mallory", Role.ADMIN))
    tono = office["tono"]
    reset_password(ctx, tono, office["andi_id"], "another-pass-1")
    assert list_officers(ctx, tono)


COUNTER_ACTIONS: dict[str, Op] = {
    "recall": WRITES["recall"],
    "start_service": WRITES["start_service"],
    "complete": WRITES["complete"],
    "no_show": WRITES["no_show"],
    "transfer": WRITES["transfer"],
    "requeue": WRITES["requeue"],
    "call_next": lambda c, a, o: call_next(c, a, 1),
    "call_ticket": lambda c, a, o: call_ticket(c, a, 1, o["waiting"], "urgent"),
    "open_counter": lambda c, a, o: open_counter(c, a, 1),
    "pause_counter": WRITES["pause_counter"],
    "close_counter": lambda c, a, o: close_counter(c, a, 1),
}


@pytest.mark.both_databases
@pytest.mark.parametrize("operation", sorted(COUNTER_ACTIONS))
def test_counter_restrictions_hold_for_every_counter_action(
    office: dict[str, Any], operation: str
) -> None:
    """Counter 1 is for budi and sari only; andi (an active officer) is refused every
    action on it and on its tickets, and nothing is written."""
    ctx = office["ctx"]
    before = snapshot(ctx)
    with pytest.raises(NotAtThisCounter, match="andi may not work at Loket 1"):
        COUNTER_ACTIONS[operation](ctx, office["andi"], office)
    assert snapshot(ctx) == before


@pytest.mark.both_databases
def test_the_allowed_officer_still_works(office: dict[str, Any]) -> None:
    ctx, budi = office["ctx"], office["budi"]
    assert complete(ctx, budi, 1, office["called"]).status == "done"
    assert close_counter(ctx, office["sari"], 1).state == "closed"


def test_the_command_line_records_the_operating_system_user() -> None:
    import getpass

    actor = Actor.system()
    assert actor.name == f"loket-db:{getpass.getuser()}"[:64]
    assert actor.is_system and actor.role == Role.ADMIN
    assert not Actor("loket-db", Role.ADMIN).is_system
