"""The link on a ticket's QR code to its live page, and reading it back from a scan.

With ``web.public_url`` set, a ticket's QR holds ``{public_url}/t/{link}``, where the link
token is ``{ticket token}.{YYMMDD}.{mac}``: the ticket's random token (as the QR held
before), its business day, and the first 16 characters of the URL-safe base64 HMAC-SHA256
of ``"{office code}|{YYMMDD}|{ticket token}"`` under a key kept in a file, never in the
database. No name, booking code or ID number is in it. The web service answers only links
whose MAC is right and whose day is today; a copied database alone cannot make links.

Without ``web.public_url`` the QR holds the ticket token alone, as it always did. A kiosk
reading a ticket for the survey accepts both forms (``ticket_token_of_scan``).

The key file: ``web.key_path``, or ``web-link.key`` in the data folder; created on first
use (32 random bytes, hex, owner-only). The PCs that print tickets and the web service
must share it (copy it when they are different machines).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from config.loader import data_dir
from config.settings import Settings

KEY_FILE = "web-link.key"
MAC_CHARS = 16
_LINK = re.compile(r"^([A-Za-z0-9_-]{8,32})\.(\d{6})\.([A-Za-z0-9_-]{16})$")


class LinkKeyError(Exception):
    """The key file cannot be read or made; the message names the file."""


def key_file(settings: Settings) -> Path:
    return Path(settings.web.key_path) if settings.web.key_path else data_dir() / KEY_FILE


def load_key(settings: Settings) -> bytes:
    """The link key, made (owner-only) when the file does not exist yet."""
    path = key_file(settings)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise LinkKeyError(f"cannot create the ticket link key {path}: {exc.strerror}") from None
    else:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise LinkKeyError(f"cannot read the ticket link key {path}: {exc}") from None
    if len(key) < 16:
        raise LinkKeyError(f"the ticket link key {path} is too short (need 32 hex bytes)")
    return key


def _mac(key: bytes, office: str, day: dt.date, token: str) -> str:
    message = f"{office}|{day:%y%m%d}|{token}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:MAC_CHARS]


def link_token(key: bytes, office: str, day: dt.date, token: str) -> str:
    return f"{token}.{day:%y%m%d}.{_mac(key, office, day, token)}"


@dataclass(frozen=True)
class TicketLink:
    token: str  # the ticket's own token (the database's)
    day: dt.date


class LinkInvalid(Exception):
    """Not a link this office made (malformed or wrong MAC)."""


def read_link(key: bytes, office: str, link: str) -> TicketLink:
    """The ticket token and day of a link token; ``LinkInvalid`` when it is not ours."""
    match = _LINK.match(link)
    if match is None:
        raise LinkInvalid("malformed")
    token, day_text, mac = match.groups()
    try:
        day = dt.datetime.strptime(day_text, "%y%m%d").date()
    except ValueError:
        raise LinkInvalid("malformed day") from None
    if not hmac.compare_digest(mac, _mac(key, office, day, token)):
        raise LinkInvalid("wrong signature")
    return TicketLink(token, day)


def ticket_qr_payload(settings: Settings, token: str, day: dt.date) -> str:
    """What a ticket's QR code holds: the page URL when ``web.public_url`` is set, else the
    ticket token. A key that cannot be read falls back to the token (the ticket must print)."""
    base = settings.web.public_url
    if not base:
        return token
    try:
        key = load_key(settings)
    except LinkKeyError:
        return token
    return f"{base}/t/{link_token(key, settings.office.code, day, token)}"


def ticket_token_of_scan(code: str) -> str:
    """The ticket token in a scanned ticket QR: the text itself, or the token in a ticket
    page URL (``.../t/{token}.{YYMMDD}.{mac}``)."""
    code = code.strip()
    marker = code.rfind("/t/")
    if marker < 0 or not code.lower().startswith(("http://", "https://")):
        return code
    link = code[marker + 3 :].split("?", 1)[0].split("#", 1)[0]
    match = _LINK.match(link)
    return match.group(1) if match else code
