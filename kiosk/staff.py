"""The staff PIN (and staff cards) that open assisted mode and let staff close the kiosk.

Only argon2 hashes are stored (settings.kiosk.staff_pin_hash / staff_card_hashes). After
``MAX_TRIES`` wrong PINs in a row the PIN is refused for ``LOCK_SECONDS``, so guessing a
4-6 digit PIN at the lobby is not practical. Thread-safe: checks run in a worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MAX_TRIES = 5
LOCK_SECONDS = 300.0


class PinResult(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinCheck:
    result: PinResult
    tries_left: int = 0
    locked_seconds: int = 0


class StaffLock:
    def __init__(
        self,
        pin_hash: str,
        card_hashes: list[str] | None = None,
        *,
        max_tries: int = MAX_TRIES,
        lock_seconds: float = LOCK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pin_hash = pin_hash
        self.card_hashes = list(card_hashes or [])
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self.clock = clock
        self.wrong = 0
        self.locked_until = 0.0
        self._hasher = PasswordHasher()
        self._lock = threading.Lock()

    def _matches(self, hashed: str, secret: str) -> bool:
        try:
            return self._hasher.verify(hashed, secret)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def check_pin(self, pin: str) -> PinCheck:
        with self._lock:
            now = self.clock()
            if now < self.locked_until:
                return PinCheck(PinResult.LOCKED, 0, int(self.locked_until - now + 0.999))
            if not self.pin_hash:
                return PinCheck(PinResult.NOT_SET)
            if pin and self._matches(self.pin_hash, pin):
                self.wrong = 0
                return PinCheck(PinResult.OK)
            self.wrong += 1
            if self.wrong >= self.max_tries:
                self.wrong = 0
                self.locked_until = now + self.lock_seconds
                return PinCheck(PinResult.LOCKED, 0, int(self.lock_seconds))
            return PinCheck(PinResult.WRONG, self.max_tries - self.wrong)

    def is_staff_card(self, code: str) -> bool:
        return any(self._matches(h, code) for h in self.card_hashes)


def hash_secret(secret: str) -> str:
    """An argon2 hash for the settings file."""
    return PasswordHasher().hash(secret)
