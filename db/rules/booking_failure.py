"""How a walk-in ticket for an applicant whose online bookings kept failing is told apart:
its override reason starts with :data:`TAG` (issued by ``db.ops.booking_failure``)."""

from __future__ import annotations

TAG = "[gagal-booking]"


def is_booking_failure(override_reason: str | None) -> bool:
    return bool(override_reason and override_reason.startswith(TAG))
