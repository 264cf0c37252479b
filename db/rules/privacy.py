"""Personal data: what may be shown of it (masked names), and how an ID number is kept
(hashed, never in clear)."""

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

    def mask(word: str, keep: int) -> str:
        # A word that arrives masked already (a signed QR carries masked names) stays as is.
        return word if word.endswith("***") else word[:keep] + "***"

    return " ".join([mask(words[0], 3), *(mask(w, 1) for w in words[1:])])


def hash_nik(nik: str, salt: str) -> str:
    """A salted hash of a national ID number: staff can check "is this the same person"
    by hashing what the applicant shows; the number itself is never stored."""
    return hashlib.sha256(f"{salt}:{nik.strip()}".encode()).hexdigest()
