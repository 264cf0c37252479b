"""Personal data: what may be shown of it, and how it is kept."""

from __future__ import annotations

import hashlib


def mask_name(name: str | None) -> str | None:
    """``"BUDI SANTOSO"`` → ``"BUD*** S***"``: enough for an applicant to recognise their
    ticket, not enough for the waiting room to learn who they are."""
    if not name:
        return None
    words = name.split()
    if not words:
        return None
    first, rest = words[0], words[1:]
    masked = [first[:3] + "***"]
    masked += [w[:1] + "***" for w in rest]
    return " ".join(masked)


def hash_nik(nik: str, salt: str) -> str:
    """A salted hash of a national ID number: staff can check "is this the same person"
    by hashing what the applicant shows; the number itself is never stored."""
    return hashlib.sha256(f"{salt}:{nik.strip()}".encode()).hexdigest()
