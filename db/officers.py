"""Officers and their passwords (argon2 hashes; the plain password is never stored)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, require
from db.errors import QueueError
from db.models import Officer, Role

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

    def __init__(self, message: str, until: dt.datetime) -> None:
        super().__init__(message)
        self.until = until


class AccountInactive(LoginFailed):
    code = "account_inactive"


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
        raise QueueError(
            "A username is 2-64 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter."
        )
    try:
        role = Role(role)
    except ValueError:
        raise QueueError("The role must be officer, supervisor or admin.") from None
    if role == Role.KIOSK:
        raise QueueError("The role must be officer, supervisor or admin.")
    if len(password) < MIN_PASSWORD:
        raise QueueError(f"The password must be at least {MIN_PASSWORD} characters.")
    password_hash = _hasher.hash(password)

    def work(session: Session) -> OfficerView:
        now = ctx.now()
        if session.scalar(select(Officer.id).where(Officer.username == username)):
            raise QueueError(f"An officer named {username!r} already exists.")
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
        audit(session, actor, "add_officer", now, username, role=str(role))
        return OfficerView(officer.id, username, officer.display_name, Role(role), True)

    return ctx.db.run_write(work)


def _locked_message(ctx: QueueContext, until: dt.datetime) -> str:
    return (
        f"This account is locked after {MAX_FAILED_LOGINS} wrong passwords until "
        f"{ctx.calendar.local(until):%H:%M}. Try again then, or ask a supervisor."
    )


def authenticate(ctx: QueueContext, username: str, password: str) -> OfficerView:
    """Check a console login. Every outcome is audited: success, a wrong password, a
    refused attempt on a locked account, and the lock itself.

    The argon2 verification (tens of milliseconds, on purpose) runs outside the write
    transaction; the failure count is then updated in one short transaction."""
    username = username.strip().lower()
    with ctx.db.read() as session:
        officer = session.scalar(select(Officer).where(Officer.username == username))
        stored_hash = officer.password_hash if officer is not None else None
    if officer is None or stored_hash is None:
        _hasher.hash(password or "-")  # the same cost as a real check: no timing hint

        def unknown(session: Session) -> None:
            who = Actor(username[:64] or "?", Role.OFFICER)
            audit(session, who, "login_failed", ctx.now(), username[:80], reason="unknown user")

        ctx.db.run_write(unknown)
        raise LoginFailed("Wrong username or password.")
    try:
        ok = _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False

    def record(session: Session) -> OfficerView | QueueError:
        now = ctx.now()
        row = session.get(Officer, officer.id)
        assert row is not None
        who = Actor(row.username, Role(row.role), row.id)
        if row.locked_until is not None and row.locked_until > now:
            audit(session, who, "login_refused_locked", now, row.username)
            return AccountLocked(_locked_message(ctx, row.locked_until), row.locked_until)
        if not ok:
            row.failed_logins = (row.failed_logins or 0) + 1
            audit(session, who, "login_failed", now, row.username, failures=row.failed_logins)
            if row.failed_logins >= MAX_FAILED_LOGINS:
                row.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                row.failed_logins = 0
                audit(session, who, "account_locked", now, row.username, until=row.locked_until)
                return AccountLocked(_locked_message(ctx, row.locked_until), row.locked_until)
            left = MAX_FAILED_LOGINS - row.failed_logins
            return LoginFailed(
                f"Wrong username or password ({left} attempt{'s' if left != 1 else ''} left "
                "before the account is locked)."
            )
        if not row.active:
            audit(session, who, "login_refused_inactive", now, row.username)
            return AccountInactive("This account is deactivated; ask an administrator.")
        row.failed_logins = 0
        row.locked_until = None
        audit(session, who, "login", now, row.username)
        return OfficerView(row.id, row.username, row.display_name, Role(row.role), row.active)

    # The refusals are returned, not raised, so that their audit records are committed.
    result = ctx.db.run_write(record)
    if isinstance(result, QueueError):
        raise result
    return result
