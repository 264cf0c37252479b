"""Officers and their passwords (argon2 hashes; the plain password is never stored)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, require
from db.errors import QueueError
from db.models import Officer, Role

USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 8
_hasher = PasswordHasher()


@dataclass(frozen=True)
class OfficerView:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool


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
