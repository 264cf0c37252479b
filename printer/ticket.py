"""A ticket as the printer sees it: plain values, already in the applicant's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Language = Literal["id", "en"]

LABELS: dict[str, dict[Language, str]] = {
    "queue_number": {"id": "Nomor antrean", "en": "Queue number"},
    "service": {"id": "Layanan", "en": "Service"},
    "issued": {"id": "Waktu", "en": "Issued"},
    "people_ahead": {"id": "Orang di depan Anda", "en": "People ahead of you"},
    "estimated_wait": {"id": "Perkiraan waktu tunggu", "en": "Estimated wait"},
    "minutes": {"id": "{n} menit", "en": "{n} min"},
    "unknown_wait": {"id": "belum diketahui", "en": "not known yet"},
    "name": {"id": "Nama", "en": "Name"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "copy": {"id": "SALINAN", "en": "COPY"},
    "keep": {
        "id": "Simpan tiket ini sampai Anda selesai dilayani.",
        "en": "Keep this ticket until you have been served.",
    },
}

_CHANNEL_LABELS: dict[str, dict[Language, str]] = {
    "booking": {"id": "BOOKING", "en": "BOOKING"},
    "walk_in": {"id": "WALK-IN", "en": "WALK-IN"},
    "priority": {"id": "PRIORITAS", "en": "PRIORITY"},
    "vip": {"id": "VIP", "en": "VIP"},
}


def label(key: str, language: Language) -> str:
    """A fixed ticket text (see ``LABELS``) in ``language``."""
    return LABELS[key][language]


def channel_label(channel: str, language: Language) -> str:
    """The printed name of a channel ("booking", "walk_in", "priority", "vip")."""
    try:
        return _CHANNEL_LABELS[str(channel)][language]
    except KeyError:
        raise ValueError(f"unknown channel {channel!r}") from None


@dataclass(frozen=True)
class TicketPrint:
    """Everything printed on one ticket.

    ``issued_at`` must be time-zone aware; it is printed in ``office_timezone`` as
    ``DD-MM-YYYY HH:MM`` whatever zone the PC runs in. ``masked_name`` must already be
    masked (the queue's ``db.ops.privacy.mask_name``); the printer never sees a full name.
    Texts may contain any Unicode: the layout transliterates what the printer's code page
    cannot print.
    """

    office_name: str
    number: str
    service_name: str
    channel_label: str
    issued_at: dt.datetime
    qr_token: str
    people_ahead: int = 0
    estimated_wait_minutes: int | None = None
    # The estimate already in words ("25-40 menit", "sekitar 1 jam"): printed instead of
    # the minutes when given.
    estimated_wait_text: str | None = None
    priority_reason: str | None = None
    masked_name: str | None = None
    footer_lines: tuple[str, ...] = field(default_factory=tuple)
    language: Language = "id"
    office_timezone: str = "Asia/Jakarta"
    # Printed again because the printer could not tell whether the first one came out.
    copy: bool = False

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("a ticket needs a number")
        if not self.qr_token:
            raise ValueError("a ticket needs a QR token")
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be a time-zone aware datetime")
        if self.people_ahead < 0:
            raise ValueError("people_ahead cannot be negative")
        if self.estimated_wait_minutes is not None and self.estimated_wait_minutes < 0:
            raise ValueError("estimated_wait_minutes cannot be negative")
        if self.language not in ("id", "en"):
            raise ValueError(f"language must be 'id' or 'en', not {self.language!r}")
        try:
            ZoneInfo(self.office_timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.office_timezone!r}") from exc
        # A list given for the footer is kept as a tuple: the ticket stays immutable.
        object.__setattr__(self, "footer_lines", tuple(self.footer_lines))

    @property
    def local_issued_at(self) -> dt.datetime:
        return self.issued_at.astimezone(ZoneInfo(self.office_timezone))

    @property
    def issued_text(self) -> str:
        """``DD-MM-YYYY HH:MM`` in the office's time zone."""
        return self.local_issued_at.strftime("%d-%m-%Y %H:%M")

    @property
    def wait_text(self) -> str:
        if self.estimated_wait_text:
            return self.estimated_wait_text
        if self.estimated_wait_minutes is None:
            return label("unknown_wait", self.language)
        return label("minutes", self.language).format(n=self.estimated_wait_minutes)
