"""Personal data: what may be shown of it (masked names), and how an ID number is kept
(hashed, never in clear)."""

from __future__ import annotations

import hashlib
import hmac

from db.io.office_keys import office_key


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


def hash_nik(nik: str, office_code: str) -> str:
    """A keyed hash of a national ID number: staff can check "is this the same person" by
    hashing what the applicant shows; the number itself is never stored. The key
    (``nik.key``, outside the database, see db/io/office_keys.py) makes it impossible to find a
    number by trying the plausible ones (a NIK encodes the district and the birth date, so
    there are few): without the key file a copy of the database tells nothing.

    HMAC over the earlier unkeyed hash (sha256 of "OFFICE:NIK"), so hashes stored before
    the key existed were re-keyed in place by migration 0005."""
    return rekey_nik_hash(_legacy_nik_hash(nik, office_code))


def _legacy_nik_hash(nik: str, office_code: str) -> str:
    return hashlib.sha256(f"{office_code}:{nik.strip()}".encode()).hexdigest()


def rekey_nik_hash(legacy: str) -> str:
    return hmac.new(office_key("nik"), legacy.encode("ascii"), hashlib.sha256).hexdigest()
