"""Officers and their passwords (argon2 hashes; the plain password is never stored)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit_unchecked, check_actor, require
from db.errors import QueueError
from db.models import AuditRecord, Officer, Role

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8
# After this many wrong passwords in a row the account is locked for LOCK_MINUTES.
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
_hasher = PasswordHasher()


class LoginFailed(QueueError):
    """Wrong username or password (the message never says which of the two)."""

    code = "login_failed"


class AccountLocked(LoginFailed):
    """Too many wrong passwords: no login, right password or not, until ``until``."""

    code = "account_locked"

    def __init__(self, template: str, until: dt.datetime, /, **params: object) -> None:
        super().__init__(template, **params)
        self.until = until


class AccountInactive(LoginFailed):
    code = "account_inactive"


class InvalidOfficer(QueueError):
    """A username, role or password that cannot be used."""

    code = "invalid_officer"


class UnknownOfficer(QueueError):
    code = "unknown_officer"


class LastAdmin(QueueError):
    """The change would leave the office without an active administrator."""

    code = "last_admin"


@dataclass(frozen=True)
class OfficerView:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool

    @property
    def actor(self) -> Actor:
        """Who the queue operations see when this officer acts."""
        return Actor(self.username, Role(self.role), self.id)


def _staff_role(role: Role | str) -> Role:
    try:
        value = Role(role)
    except ValueError:
        value = Role.KIOSK
    if value == Role.KIOSK:
        raise InvalidOfficer("The role must be officer, supervisor or admin.")
    return value


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidOfficer(
            "The password must be at least {length} characters.", length=MIN_PASSWORD
        )
    return _hasher.hash(password)


def add_officer(
    ctx: QueueContext,
    actor: Actor,
    username: str,
    role: Role | str,
    password: str,
    display_name: str = "",
) -> OfficerView:
    require(actor, "add_officer")
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidOfficer(
            "A username is 2-64 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter."
        )
    role = _staff_role(role)
    password_hash = _hash_password(password)

    def work(session: Session) -> OfficerView:
        check_actor(session, actor, "add_officer")
        now = ctx.now()
        if session.scalar(select(Officer.id).where(Officer.username == username)):
            raise InvalidOfficer(
                "An officer named {username} already exists.", username=repr(username)
            )
        officer = Officer(
            username=username,
            display_name=display_name.strip() or username,
            role=role,
            password_hash=password_hash,
            active=True,
            failed_logins=0,
            created_at=now,
        )
        session.add(officer)
        session.flush()
        audit_unchecked(session, actor, "add_officer", now, username, role=str(role))
        return OfficerView(officer.id, username, officer.display_name, Role(role), True)

    return ctx.db.run_write(work)


def _locked(ctx: QueueContext, until: dt.datetime) -> AccountLocked:
    return AccountLocked(
        "This name is locked at this PC after too many wrong passwords, until {time}. Try "
        "again then, or ask a supervisor to unlock it.",
        until,
        time=f"{ctx.calendar.local(until):%H:%M}",
    )


# One PC may try at most this many wrong logins (any names) in LOCK_MINUTES: trying one
# password across many accounts stops there.
MAX_FAILED_FROM_SOURCE = 20


def source_target(username: str, source: str) -> str:
    """The audit target of a sign-in attempt: the name at the PC (or kiosk) it was made at."""
    return f"{username[:40]}@{source[:39]}"


@dataclass(frozen=True)
class SignInKind:
    """How one kind of sign-in is counted in the audit log: its failed and successful
    attempts (targets ``name@source``) and the actions on the name that end a lock
    everywhere."""

    failed: str
    success: str
    resets: tuple[str, ...]


CONSOLE_LOGIN = SignInKind("login_failed", "login", ("unlock_logins", "reset_password"))


def failed_attempts(
    session: Session,
    username: str,
    source: str,
    now: dt.datetime,
    kind: SignInKind = CONSOLE_LOGIN,
) -> list[dt.datetime]:
    """The wrong attempts of ``username`` at ``source`` that count now: since the last
    success there or the last reset of the name, and within LOCK_MINUTES."""
    window = now - dt.timedelta(minutes=LOCK_MINUTES)
    reset = session.scalar(
        select(func.max(AuditRecord.id)).where(
            # A success here ends the count here; a new secret or an unlock, everywhere.
            (AuditRecord.action == kind.success)
            & (AuditRecord.target == source_target(username, source))
            | AuditRecord.action.in_(kind.resets) & (AuditRecord.target == username[:80]),
        )
    )
    return list(
        session.scalars(
            select(AuditRecord.at)
            .where(
                AuditRecord.action == kind.failed,
                AuditRecord.target == source_target(username, source),
                AuditRecord.at > window,
                AuditRecord.id > (reset or 0),
            )
            .order_by(AuditRecord.id)
        ).all()
    )


def lock_until(
    session: Session,
    username: str,
    source: str,
    now: dt.datetime,
    kind: SignInKind = CONSOLE_LOGIN,
) -> dt.datetime | None:
    """When sign-ins for ``username`` from ``source`` may go on, if they are held back now.

    Counted from the audit log: wrong attempts of this name from this PC since the last
    success, unlock or new secret (and within LOCK_MINUTES); and wrong attempts of any
    name from this PC. A lock holds at the PC where the wrong secrets were typed only, so
    nobody can lock the administrators out of their own consoles; a supervisor can lift it
    (``unlock_logins``)."""
    failures = failed_attempts(session, username, source, now, kind)
    if len(failures) >= MAX_FAILED_LOGINS:
        return failures[-1] + dt.timedelta(minutes=LOCK_MINUTES)
    window = now - dt.timedelta(minutes=LOCK_MINUTES)
    from_source = session.scalars(
        select(AuditRecord.at)
        .where(
            AuditRecord.action == kind.failed,
            AuditRecord.target.like(f"%@{source[:39]}"),
            AuditRecord.at > window,
        )
        .order_by(AuditRecord.at)
    ).all()
    if len(from_source) >= MAX_FAILED_FROM_SOURCE:
        return from_source[-1] + dt.timedelta(minutes=LOCK_MINUTES)
    return None


def authenticate(
    ctx: QueueContext, username: str, password: str, source: str = "console"
) -> OfficerView:
    """Check a console login from ``source`` (the PC's name). Every outcome is audited.

    An unknown name and a wrong password get the same answer, after the same work (one
    argon2 computation) and the same write; after MAX_FAILED_LOGINS wrong ones for a name
    from one PC (known or not), that name is held back at that PC for LOCK_MINUTES.

    The argon2 verification (tens of milliseconds, on purpose) runs outside the write
    transaction; the outcome is then recorded in one short transaction."""
    username = username.strip().lower()[:64]
    source = (source.strip() or "console")[:39]
    with ctx.db.read() as session:
        officer = session.scalar(select(Officer).where(Officer.username == username))
        stored_hash = officer.password_hash if officer is not None else None
    if stored_hash is None:
        _hasher.hash(password or "-")  # the same cost as a real check: no timing hint
        ok = False
    else:
        try:
            ok = _hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False

    def record(session: Session) -> OfficerView | QueueError:
        now = ctx.now()
        row = session.get(Officer, officer.id) if officer is not None else None
        who = (
            Actor(row.username, Role(row.role), row.id)
            if row is not None
            else Actor(username or "?", Role.OFFICER)
        )
        target = source_target(username, source)
        until = lock_until(session, username, source, now)
        if until is not None:
            audit_unchecked(session, who, "login_refused_locked", now, target)
            return _locked(ctx, until)
        if not ok or row is None:
            audit_unchecked(session, who, "login_failed", now, target)
            until = lock_until(session, username, source, now)
            if until is not None:
                if row is not None:
                    row.locked_until = until  # shown in the officers list
                audit_unchecked(session, who, "account_locked", now, target, until=until)
                return _locked(ctx, until)
            return LoginFailed("Wrong username or password.")
        if not row.active:
            audit_unchecked(session, who, "login_refused_inactive", now, target)
            return AccountInactive("This account is deactivated; ask an administrator.")
        row.failed_logins = 0
        row.locked_until = None
        audit_unchecked(session, who, "login", now, target)
        return OfficerView(row.id, row.username, row.display_name, Role(row.role), row.active)

    # The refusals are returned, not raised, so that their audit records are committed.
    result = ctx.db.run_write(record)
    if isinstance(result, QueueError):
        raise result
    return result


def unlock_logins(ctx: QueueContext, actor: Actor, username: str) -> None:
    """A supervisor lifts the hold on ``username`` after wrong passwords, at every PC."""
    require(actor, "unlock_logins")
    username = username.strip().lower()[:64]

    def work(session: Session) -> None:
        check_actor(session, actor, "unlock_logins")
        now = ctx.now()
        row = session.scalar(select(Officer).where(Officer.username == username))
        if row is not None:
            row.locked_until = None
            row.failed_logins = 0
        audit_unchecked(session, actor, "unlock_logins", now, username)

    ctx.db.run_write(work)


# --- managing officers (administrators only) ------------------------------------------------


@dataclass(frozen=True)
class OfficerRow:
    """One officer as the administrator's list shows them."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime
    has_kiosk_pin: bool = False  # they sign in at the kiosk with their own PIN


def list_officers(ctx: QueueContext, actor: Actor) -> list[OfficerRow]:
    require(actor, "manage_officers")
    with ctx.db.read() as session:
        check_actor(session, actor, "manage_officers")
        rows = session.scalars(select(Officer).order_by(Officer.username)).all()
        now = ctx.now()
        return [
            OfficerRow(
                r.id,
                r.username,
                r.display_name,
                Role(r.role),
                r.active,
                r.locked_until if r.locked_until is not None and r.locked_until > now else None,
                r.created_at,
                r.kiosk_pin_hash is not None,
            )
            for r in rows
        ]


def _officer(session: Session, officer_id: int) -> Officer:
    row = session.get(Officer, officer_id)
    if row is None:
        raise UnknownOfficer("There is no officer with id {officer_id}.", officer_id=officer_id)
    return row


def _view(row: Officer) -> OfficerView:
    return OfficerView(row.id, row.username, row.display_name, Role(row.role), row.active)


def _keep_an_admin(session: Session, actor: Actor, row: Officer) -> None:
    """Refuse a change that takes ``row``, the last active administrator, out of that role."""
    if not (row.active and Role(row.role) == Role.ADMIN):
        return
    others = session.scalar(
        select(func.count(Officer.id)).where(
            Officer.role == Role.ADMIN, Officer.active.is_(True), Officer.id != row.id
        )
    )
    if not others:
        if actor.officer_id == row.id:
            raise LastAdmin(
                "You cannot do this to yourself: {username} is the last active administrator. "
                "Make another officer an administrator first.",
                username=row.username,
            )
        raise LastAdmin(
            "You cannot do this to {username}: {username} is the last active administrator. "
            "Make another officer an administrator first.",
            username=row.username,
        )


def reset_password(ctx: QueueContext, actor: Actor, officer_id: int, password: str) -> OfficerView:
    """Give an officer a new password; it also lifts a lock after wrong passwords."""
    require(actor, "manage_officers")
    password_hash = _hash_password(password)  # slow on purpose: outside the transaction

    def work(session: Session) -> OfficerView:
        # Checked before the change: administrators may change their own account.
        check_actor(session, actor, "manage_officers")
        now = ctx.now()
        row = _officer(session, officer_id)
        row.password_hash = password_hash
        row.failed_logins = 0
        row.locked_until = None
        audit_unchecked(session, actor, "reset_password", now, row.username)
        return _view(row)

    return ctx.db.run_write(work)


def set_role(ctx: QueueContext, actor: Actor, officer_id: int, role: Role | str) -> OfficerView:
    require(actor, "manage_officers")
    new_role = _staff_role(role)

    def work(session: Session) -> OfficerView:
        # Checked before the change: administrators may change their own account.
        check_actor(session, actor, "manage_officers")
        now = ctx.now()
        row = _officer(session, officer_id)
        old_role = Role(row.role)
        if old_role == new_role:
            return _view(row)
        if new_role != Role.ADMIN:
            _keep_an_admin(session, actor, row)
        row.role = new_role
        audit_unchecked(
            session, actor, "set_role", now, row.username, role=str(new_role), was=str(old_role)
        )
        return _view(row)

    return ctx.db.run_write(work)


def set_active(ctx: QueueContext, actor: Actor, officer_id: int, active: bool) -> OfficerView:
    """Deactivate (no more logins; the history keeps the name) or reactivate an officer."""
    require(actor, "manage_officers")

    def work(session: Session) -> OfficerView:
        # Checked before the change: administrators may change their own account.
        check_actor(session, actor, "manage_officers")
        now = ctx.now()
        row = _officer(session, officer_id)
        if row.active == active:
            return _view(row)
        if not active:
            _keep_an_admin(session, actor, row)
        row.active = active
        if active:
            row.failed_logins = 0
            row.locked_until = None
        action = "reactivate_officer" if active else "deactivate_officer"
        audit_unchecked(session, actor, action, now, row.username)
        return _view(row)

    return ctx.db.run_write(work)
