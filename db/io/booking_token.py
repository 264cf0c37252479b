"""Signed booking QR codes: a booking the kiosk can verify with no list and no network.

The central booking system (or ``loket-db sign-booking`` for tests and demos) signs each
booking with an Ed25519 private key; the office's settings hold the matching public keys
(``booking_qr.public_keys``, several while keys rotate). The kiosk checks the signature, so
a booking that is not in the imported export can still be checked in, and a code someone
typed up or altered cannot.

Token format, version 1
-----------------------
``LKT1.<payload>.<signature>``, all ASCII, where

- ``LKT1`` names the format and its version (``LKT`` + version number; a newer version is
  refused as malformed until this module learns it);
- ``<payload>`` is base64url without padding (RFC 4648 §5) of the payload bytes below;
- ``<signature>`` is base64url without padding of the 64-byte Ed25519 signature (RFC 8032)
  over exactly those payload bytes (86 characters).

Base64url keeps the token to ``[A-Za-z0-9_.-]``, which keyboard-wedge scanners type
faithfully. Only canonical base64url is accepted (no padding, zero unused bits), so one
claim has one spelling.

The payload is UTF-8 text: ten fields joined by ``|`` (0x7C), in this order, none may
contain ``|``. A fixed layout rather than JSON keeps a typical token near 240 characters:
a QR code of version 11 (61 x 61 modules) at error correction M, easy to scan from a phone
screen; the largest token the rules allow (375 characters) needs version 15.

====  ===========  ==========================================================================
 #    field        format
====  ===========  ==========================================================================
 0    version      ``1`` (must equal the version of the prefix)
 1    key id       11 characters: base64url of the first 8 bytes of SHA-256 of the raw
                   32-byte public key; says which configured key must verify the signature
 2    office       ``[A-Z0-9]{2,8}``, e.g. ``JKS`` (KODE_KANTOR)
 3    booking      ``[A-Z0-9]{6,32}``, e.g. ``MP261201JKS00001`` (KODE_BOOKING)
 4    date         ``YYYY-MM-DD``, the arrival date in the office's time zone
 5    slot start   ``HH:MM`` (24 h, office time)
 6    slot end     ``HH:MM``, later than the start
 7    service      the service as the central system names it (JENIS_LAYANAN, e.g.
                   ``PASPOR BARU``), printable ASCII, 1-80 characters, no blank at either
                   end; the office maps it to its services (``services.booking_names``)
 8    name         the applicant's masked name as db.ops.privacy.mask_name writes it
                   (``SIT*** N***``: 1-3 characters of the first word, 1 of each other,
                   each followed by ``***``; at most 40 bytes) or empty. Never a full
                   name: a QR code is shown and photographed in public.
 9    expires      Unix time in seconds (UTC), decimal, no leading zero; the token is
                   refused at or after that instant
====  ===========  ==========================================================================

Example payload: ``1|q9Xk2aH7Lw0|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU|
SIT*** N***|1796144400`` (one line).

Verification order, and the reason each failure carries (``TokenError.reason``):
size, shape and base64 (``malformed``) → key id among the configured keys (``unknown_key``)
→ signature over the payload bytes (``forged``: anything altered after signing) → the
fields (``malformed``) → expiry (``expired``; the error then carries the claim, which is
authentic). Office, date, check-in window and replays are the check-in's business
(db/ops/checkin.py), not the token's.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VERSION = 1
PREFIX = f"LKT{VERSION}."
# The largest token the format allows is 375 characters; anything longer is not one of ours.
MAX_TOKEN_CHARS = 512
SIGNATURE_CHARS = 86
KEY_CHARS = 43

Reason = Literal["malformed", "forged", "expired", "unknown_key"]

_TOKEN = re.compile(r"LKT(\d{1,3})\.([A-Za-z0-9_-]{1,700})\.([A-Za-z0-9_-]{86})")
_LOOKS = re.compile(r"LKT\d{1,3}\.")
_B64 = re.compile(r"[A-Za-z0-9_-]*")
_KEY_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_OFFICE = re.compile(r"[A-Z0-9]{2,8}")
_BOOKING = re.compile(r"[A-Z0-9]{6,32}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
_SERVICE = re.compile(r"[\x21-\x7b\x7d\x7e](?:[\x20-\x7b\x7d\x7e]{0,78}[\x21-\x7b\x7d\x7e])?")
_PART = r"[^\x00-\x20\x7f-\x9f|*\s]"
_MASKED = re.compile(rf"{_PART}{{1,3}}\*\*\*(?: {_PART}\*\*\*)*")
_EXPIRES = re.compile(r"[1-9]\d{0,10}")
MAX_MASKED = 40
FIELDS = 10


@dataclass(frozen=True)
class BookingClaim:
    """What a token says about a booking. ``date`` and the slot are office-local; the
    office's zone turns them into instants. ``key_id`` is filled in by signing and
    verifying; leave it empty when making a claim to sign."""

    office_code: str
    booking_code: str
    date: dt.date
    slot_start: dt.time
    slot_end: dt.time
    service_name: str
    masked_name: str | None
    expires_at: dt.datetime
    key_id: str = ""


class TokenError(Exception):
    """A token that cannot be trusted. ``reason`` is what a kiosk words; ``message`` is for
    staff and logs, ``template`` and ``params`` the same as for a queue refusal (check-in
    refuses the scan with them, ``db.errors.CheckInRejected``). ``claim`` is set only for
    ``expired`` (the signature was good)."""

    def __init__(
        self,
        reason: Reason,
        template: str,
        claim: BookingClaim | None = None,
        /,
        **params: object,
    ) -> None:
        message = template.format(**params) if params else template
        super().__init__(message)
        self.reason: Reason = reason
        self.message = message
        self.template = template
        self.params: dict[str, object] = params
        self.claim = claim


def looks_like_token(payload: str) -> bool:
    """True when a scan is meant as a signed token (any version), so check-in verifies it
    instead of reading it as a plain booking code. Booking codes have no dot."""
    return _LOOKS.match(payload.strip()) is not None


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes | None:
    """Canonical unpadded base64url, or None."""
    if len(text) % 4 == 1 or not _B64.fullmatch(text):
        return None
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return data if _b64encode(data) == text else None


def _key_bytes(text: str, what: str) -> bytes:
    data = _b64decode(text.strip())
    if data is None or len(data) != 32:
        raise ValueError(
            f"{what} must be 32 bytes in base64url without padding ({KEY_CHARS} chars)"
        )
    return data


def key_id_of(public_key_b64: str) -> str:
    """The 11-character id of a public key, as tokens and settings show it."""
    raw = _key_bytes(public_key_b64, "an Ed25519 public key")
    return _b64encode(hashlib.sha256(raw).digest()[:8])


@functools.lru_cache(maxsize=32)
def _public_key(public_key_b64: str) -> tuple[str, Ed25519PublicKey]:
    raw = _key_bytes(public_key_b64, "an Ed25519 public key")
    return key_id_of(public_key_b64), Ed25519PublicKey.from_public_bytes(raw)


def _private_key(private_key_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_key_bytes(private_key_b64, "a private key"))


def check_public_key(public_key_b64: str) -> str:
    """Raise ``ValueError`` unless the text is a usable public key; return its key id."""
    return _public_key(public_key_b64.strip())[0]


def public_key_of(private_key_b64: str) -> str:
    public = _private_key(private_key_b64).public_key().public_bytes_raw()
    return _b64encode(public)


def generate_key_pair() -> tuple[str, str]:
    """A new key pair as ``(private_b64, public_b64)``: raw 32-byte keys in base64url."""
    private = Ed25519PrivateKey.generate()
    return (
        _b64encode(private.private_bytes_raw()),
        _b64encode(private.public_key().public_bytes_raw()),
    )


def _encode(claim: BookingClaim, key_id: str) -> bytes:
    if claim.expires_at.tzinfo is None or claim.expires_at.utcoffset() is None:
        raise ValueError("expires_at must be zone-aware")
    fields = [
        str(VERSION),
        key_id,
        claim.office_code,
        claim.booking_code,
        claim.date.isoformat(),
        claim.slot_start.strftime("%H:%M"),
        claim.slot_end.strftime("%H:%M"),
        claim.service_name,
        claim.masked_name or "",
        str(int(claim.expires_at.timestamp())),
    ]
    raw = "|".join(fields).encode("utf-8")
    _decode(raw)  # the signer is held to the rules the verifier applies
    return raw


def _decode(raw: bytes) -> BookingClaim:
    """Parse payload bytes into a claim, or raise ``ValueError`` naming the bad field."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the payload is not UTF-8 text") from None
    fields = text.split("|")
    if len(fields) != FIELDS:
        raise ValueError(f"the payload has {len(fields)} fields, not {FIELDS}")
    version, key_id, office, booking, date, start, end, service, name, expires = fields
    if version != str(VERSION):
        raise ValueError(f"payload version {version[:8]!r} is not {VERSION}")
    checks = (
        (_KEY_ID, key_id, "key id"),
        (_OFFICE, office, "office code"),
        (_BOOKING, booking, "booking code"),
        (_DATE, date, "date"),
        (_TIME, start, "slot start"),
        (_TIME, end, "slot end"),
        (_SERVICE, service, "service"),
        (_EXPIRES, expires, "expiry"),
    )
    for pattern, value, what in checks:
        if not pattern.fullmatch(value):
            raise ValueError(f"the {what} {value[:40]!r} is not in the expected form")
    if name and (len(name.encode()) > MAX_MASKED or not _MASKED.fullmatch(name)):
        raise ValueError("the name is not a masked name (e.g. 'SIT*** N***')")
    day = dt.date.fromisoformat(date)  # the pattern passed: only a day like 02-30 fails
    slot_start, slot_end = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
    if slot_start >= slot_end:
        raise ValueError(f"the slot {start}-{end} ends before it starts")
    try:
        expires_at = dt.datetime.fromtimestamp(int(expires), dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"the expiry {expires!r} is out of range") from None
    return BookingClaim(
        office, booking, day, slot_start, slot_end, service, name or None, expires_at, key_id
    )


def sign_booking(private_key_b64: str, claim: BookingClaim) -> str:
    """The token for ``claim``, signed with the private key. Raises ``ValueError`` when a
    field breaks the format (the expiry is kept to whole seconds)."""
    private = _private_key(private_key_b64)
    key_id = key_id_of(_b64encode(private.public_key().public_bytes_raw()))
    if claim.key_id and claim.key_id != key_id:
        raise ValueError(f"the claim names key {claim.key_id}, the private key is {key_id}")
    raw = _encode(claim, key_id)
    return f"{PREFIX}{_b64encode(raw)}.{_b64encode(private.sign(raw))}"


def verify_token(
    payload: str,
    public_keys: Sequence[str],
    now: dt.datetime,
    *,
    max_chars: int = MAX_TOKEN_CHARS,
) -> BookingClaim:
    """The claim of a genuine, unexpired token, else ``TokenError`` (see the module text for
    the order of checks). ``public_keys`` are the configured keys in base64url; a broken
    configured key raises ``ValueError`` (settings validation prevents it)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be zone-aware")
    text = payload.strip()
    if len(text) > max_chars:
        raise TokenError(
            "malformed",
            "The code is too long ({length} > {limit}).",
            length=len(text),
            limit=max_chars,
        )
    found = _TOKEN.fullmatch(text)
    if found is None:
        raise TokenError("malformed", "This is not a booking QR code we can read.")
    if found.group(1) != str(VERSION):
        raise TokenError(
            "malformed", "Booking QR version {version} is not supported.", version=found.group(1)
        )
    raw = _b64decode(found.group(2))
    signature = _b64decode(found.group(3))
    if raw is None or signature is None or len(signature) != 64:
        raise TokenError("malformed", "The booking QR code is damaged (bad encoding).")
    head = raw.split(b"|", 2)
    key_id = head[1].decode("ascii", "replace") if len(head) == 3 else ""
    if head[0] != str(VERSION).encode() or not _KEY_ID.fullmatch(key_id):
        raise TokenError("malformed", "The booking QR code is damaged (no key id).")
    keys = [key for kid, key in map(_public_key, (k.strip() for k in public_keys)) if kid == key_id]
    if not keys:
        raise TokenError(
            "unknown_key",
            "The booking QR code is signed with key {key_id}, not known here.",
            key_id=key_id,
        )
    for key in keys:
        try:
            key.verify(signature, raw)
            break
        except InvalidSignature:
            continue
    else:
        raise TokenError("forged", "The booking QR code's signature does not match its content.")
    try:
        claim = _decode(raw)
    except ValueError as exc:
        raise TokenError(
            "malformed", "The booking QR code is signed but invalid: {problem}.", problem=str(exc)
        ) from None
    if now >= claim.expires_at:
        raise TokenError(
            "expired",
            "The booking QR code for {code} expired at {time} UTC.",
            claim,
            code=claim.booking_code,
            time=f"{claim.expires_at:%Y-%m-%d %H:%M}",
        )
    return claim
