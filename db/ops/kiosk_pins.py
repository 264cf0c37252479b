"""Officers' own kiosk PINs: an officer signs in at the kiosk's assisted mode with their
own PIN, so what they do there is recorded under their name.

A kiosk PIN is 4 to 12 digits, kept as an argon2 hash like a password. An administrator
sets or clears it on the console's officers page (``set_kiosk_pin``); an officer sets their
own after typing their password (``set_own_kiosk_pin``). ``kiosk_sign_in`` checks it at a
kiosk with the console login's rules: every attempt audited, and after MAX_FAILED_LOGINS
wrong PINs for an officer at one kiosk that officer is held back there for LOCK_MINUTES
(a supervisor lifts it with ``unlock_logins``; a new PIN lifts it too)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit_unchecked, check_actor, require
from db.errors import QueueError
from db.models import Officer, Role
from db.ops.officers import (
    MAX_FAILED_LOGINS,
    AccountInactive,
    AccountLocked,
    InvalidOfficer,
    LoginFailed,
    OfficerView,
    SignInKind,
    UnknownOfficer,
    failed_attempts,
    lock_until,
    source_target,
)

PIN_DIGITS = re.compile(r"^\d{4,12}$")
KIOSK_SIGN_IN = SignInKind(
    "kiosk_pin_failed", "kiosk_sign_in", ("unlock_logins", "set_kiosk_pin", "clear_kiosk_pin")
)
_hasher = PasswordHasher()


class KioskPinWrong(LoginFailed):
    """A wrong kiosk PIN (or an officer who has none); ``tries_left`` before the lock."""

    code = "kiosk_pin_wrong"

    def __init__(self, template: str, tries_left: int, /, **params: object) -> None:
        super().__init__(template, **params)
        self.tries_left = tries_left


def _too_simple(pin: str) -> bool:
    """One digit repeated, or a run up or down ("1234", "9876"): the first PINs guessed."""
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    return len(set(pin)) == 1 or steps in ({1}, {-1})


def hash_kiosk_pin(pin: str) -> str:
    """The argon2 hash of a valid kiosk PIN; ``InvalidOfficer`` says what is wrong."""
    if not PIN_DIGITS.match(pin):
        raise InvalidOfficer("A kiosk PIN is 4 to 12 digits.")
    if _too_simple(pin):
        raise InvalidOfficer(
            "This kiosk PIN is too easy to guess (one digit repeated, or digits in a row)."
        )
    return _hasher.hash(pin)


def _view(row: Officer) -> OfficerView:
    return OfficerView(row.id, row.username, row.display_name, Role(row.role), row.active)


def set_kiosk_pin(ctx: QueueContext, actor: Actor, officer_id: int, pin: str | None) -> OfficerView:
    """An administrator gives an officer a kiosk PIN, or takes it away (``pin`` None or
    empty). A new PIN also lifts a hold after wrong PINs."""
    require(actor, "manage_officers")
    pin_hash = hash_kiosk_pin(pin) if pin else None  # slow on purpose: outside the write

    def work(session: Session) -> OfficerView:
        check_actor(session, actor, "manage_officers")
        row = session.get(Officer, officer_id)
        if row is None:
            raise UnknownOfficer("There is no officer with id {officer_id}.", officer_id=officer_id)
        row.kiosk_pin_hash = pin_hash
        action = "set_kiosk_pin" if pin_hash else "clear_kiosk_pin"
        audit_unchecked(session, actor, action, ctx.now(), row.username)
        return _view(row)

    return ctx.db.run_write(work)


def set_own_kiosk_pin(
    ctx: QueueContext, actor: Actor, password: str, pin: str, source: str = "console"
) -> OfficerView:
    """An officer sets their own kiosk PIN, confirming it with their password (typed at
    ``source``, the PC's name). A wrong password counts as a wrong login there."""
    require(actor, "set_own_kiosk_pin")
    pin_hash = hash_kiosk_pin(pin)
    source = (source.strip() or "console")[:39]
    with ctx.db.read() as session:
        me = check_actor(session, actor, "set_own_kiosk_pin")
        stored = session.scalar(select(Officer.password_hash).where(Officer.id == me.officer_id))
    try:
        ok = stored is not None and _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False

    def work(session: Session) -> OfficerView | QueueError:
        me = check_actor(session, actor, "set_own_kiosk_pin")
        now = ctx.now()
        row = session.get(Officer, me.officer_id)
        if row is None:
            raise UnknownOfficer("{name}: this account no longer exists.", name=actor.name)
        target = source_target(row.username, source)
        until = lock_until(session, row.username, source, now)
        if until is not None:
            audit_unchecked(session, me, "login_refused_locked", now, target)
            return _locked(ctx, until, pins=False)
        if not ok:
            audit_unchecked(session, me, "login_failed", now, target)
            return LoginFailed("Wrong password: the kiosk PIN was not changed.")
        row.kiosk_pin_hash = pin_hash
        audit_unchecked(session, me, "set_kiosk_pin", now, row.username, by="self")
        return _view(row)

    # A refusal is returned, not raised, so that its audit record is committed.
    result = ctx.db.run_write(work)
    if isinstance(result, QueueError):
        raise result
    return result


def _locked(ctx: QueueContext, until: dt.datetime, *, pins: bool) -> AccountLocked:
    time = f"{ctx.calendar.local(until):%H:%M}"
    if pins:
        return AccountLocked(
            "Locked here after too many wrong PINs, until {time}. Try again then, or ask a "
            "supervisor to unlock it.",
            until,
            time=time,
        )
    return AccountLocked(
        "Locked here after too many wrong passwords, until {time}. Try again then, or ask a "
        "supervisor to unlock it.",
        until,
        time=time,
    )


def kiosk_sign_in(
    ctx: QueueContext, officer_id: int, pin: str, kiosk_id: str, *, purpose: str = "assisted"
) -> OfficerView:
    """Check an officer's kiosk PIN at ``kiosk_id``; the officer, whose ``actor`` then
    does what they do at the kiosk. Every outcome is audited under the officer's name.

    Refused with ``KioskPinWrong`` (with the tries left), ``AccountLocked`` (after
    MAX_FAILED_LOGINS wrong PINs at this kiosk, for LOCK_MINUTES: even the right PIN) or
    ``AccountInactive``. The argon2 check runs outside the write transaction."""
    kiosk_id = (kiosk_id.strip() or "kiosk")[:39]
    with ctx.db.read() as session:
        officer = session.get(Officer, officer_id)
        stored = officer.kiosk_pin_hash if officer is not None else None
    if stored is None:
        _hasher.hash(pin or "-")  # the same cost as a real check
        ok = False
    else:
        try:
            ok = _hasher.verify(stored, pin)
        except (VerificationError, InvalidHashError):
            ok = False

    def record(session: Session) -> OfficerView | QueueError:
        now = ctx.now()
        row = session.get(Officer, officer_id)
        if row is None:
            return UnknownOfficer(
                "There is no officer with id {officer_id}.", officer_id=officer_id
            )
        who = Actor(row.username, Role(row.role), row.id)
        target = source_target(row.username, kiosk_id)
        until = lock_until(session, row.username, kiosk_id, now, KIOSK_SIGN_IN)
        if until is not None:
            audit_unchecked(session, who, "kiosk_sign_in_refused_locked", now, target)
            return _locked(ctx, until, pins=True)
        if not ok:
            audit_unchecked(session, who, KIOSK_SIGN_IN.failed, now, target)
            until = lock_until(session, row.username, kiosk_id, now, KIOSK_SIGN_IN)
            if until is not None:
                row.locked_until = until  # shown in the officers list
                audit_unchecked(session, who, "kiosk_pin_locked", now, target, until=until)
                return _locked(ctx, until, pins=True)
            failures = failed_attempts(session, row.username, kiosk_id, now, KIOSK_SIGN_IN)
            left = max(1, MAX_FAILED_LOGINS - len(failures))
            return KioskPinWrong("Wrong kiosk PIN.", left)
        if not row.active:
            audit_unchecked(session, who, "kiosk_sign_in_refused_inactive", now, target)
            return AccountInactive("This account is deactivated; ask an administrator.")
        audit_unchecked(session, who, KIOSK_SIGN_IN.success, now, target, purpose=purpose)
        return _view(row)

    result = ctx.db.run_write(record)
    if isinstance(result, QueueError):
        raise result
    return result
