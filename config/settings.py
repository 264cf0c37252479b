"""The settings schema: everything an office configures, validated.

Every model forbids unknown keys, so a typo in the TOML file is an error naming the key
instead of a silently ignored setting.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Language = Literal["id", "en"]


HEX_COLOUR = r"^#[0-9A-Fa-f]{6}$"
MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of "#RRGGBB"."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours: 1 (none) to 21 (black on white)."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(background: str) -> str:
    """White or black, whichever reads better on ``background``."""
    white, black = contrast_ratio(background, "#FFFFFF"), contrast_ratio(background, "#000000")
    return "#FFFFFF" if white >= MIN_TEXT_CONTRAST or white >= black else "#000000"


class Channel(StrEnum):
    """How an applicant came to the queue."""

    BOOKING = "booking"
    WALK_IN = "walk_in"
    PRIORITY = "priority"
    VIP = "vip"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in the two interface languages."""

    id: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.id


class Office(Strict):
    name: str = "Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan"
    code: str = Field(default="JKS", min_length=2, max_length=8, pattern=r"^[A-Z0-9]+$")
    address: str = "Jl. Warung Buncit Raya No. 207, Jakarta Selatan"
    timezone: str = "Asia/Jakarta"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (expected e.g. 'Asia/Jakarta')") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Hours(Strict):
    open: dt.time
    close: dt.time

    @model_validator(mode="after")
    def _open_before_close(self) -> Hours:
        if self.open >= self.close:
            raise ValueError(f"opening time {self.open} must be before closing time {self.close}")
        return self


def _weekday_hours() -> dict[Weekday, Hours | None]:
    day = Hours(open=dt.time(8, 0), close=dt.time(16, 0))
    return {
        "mon": day,
        "tue": day,
        "wed": day,
        "thu": day,
        "fri": Hours(open=dt.time(8, 0), close=dt.time(16, 30)),
        "sat": None,
        "sun": None,
    }


class BusinessDay(Strict):
    """Opening hours per weekday (a missing or empty weekday is closed) and closed days."""

    hours: dict[Weekday, Hours | None] = Field(default_factory=_weekday_hours)
    closed_dates: list[dt.date] = Field(default_factory=list)
    public_holidays: bool = True
    holiday_country: str = "ID"
    # Applicants queue from dawn: the kiosk issues tickets from this many minutes before opening.
    issue_from_minutes_before_open: int = Field(default=60, ge=0, le=12 * 60)
    # ...and stops this many minutes before closing.
    stop_issuing_minutes_before_close: int = Field(default=0, ge=0, le=12 * 60)


Quota = Annotated[int, Field(ge=0)]


class Service(Strict):
    code: str = Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9_-]+$")
    prefix: str = Field(min_length=1, max_length=3, pattern=r"^[A-Z]+$")
    name: Text
    channels: list[Channel]
    # Daily quota per channel; a channel the service accepts with no entry is unlimited.
    quota: dict[Channel, Quota] = Field(default_factory=dict)
    minutes_per_applicant: float = Field(default=10.0, gt=0, le=240)
    # Names the central booking system uses for this service (JENIS_LAYANAN).
    booking_names: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _quota_for_accepted(self) -> Service:
        if not self.channels:
            raise ValueError("a service must accept at least one channel")
        for channel in self.quota:
            if channel not in self.channels:
                raise ValueError(
                    f"quota given for channel {channel.value!r} the service does not accept"
                )
        return self


class PriorityReason(Strict):
    code: str = Field(pattern=r"^[a-z_]+$")
    name: Text
    # A priority ticket for this reason always waits for a staff PIN or staff card.
    staff_must_confirm: bool = False


class CheckInWindow(Strict):
    minutes_before: int = Field(default=60, ge=0, le=24 * 60)
    minutes_after: int = Field(default=60, ge=0, le=24 * 60)


class BookingQr(Strict):
    """Signed booking QR codes (format: db/io/booking_token.py), verified offline with these
    public keys. With none, a scanned token is refused and plain booking codes still work."""

    # Ed25519 public keys of the signing side in base64url, 43 characters each (make a pair
    # with `loket-db booking-keys`). List the new key next to the old one while keys rotate.
    public_keys: list[str] = Field(default_factory=list, max_length=8)
    # A longer scan is refused unread; the largest token of the format is 375 characters.
    max_token_chars: int = Field(default=512, ge=400, le=1024)

    @field_validator("public_keys")
    @classmethod
    def _ed25519_keys(cls, value: list[str]) -> list[str]:
        keys = [key.strip() for key in value]
        for i, key in enumerate(keys):
            # 43 characters are 32 bytes; the last one must leave its 2 unused bits zero.
            shape = re.fullmatch(r"[A-Za-z0-9_-]{43}", key)
            if not shape or base64.urlsafe_b64encode(_raw_key(key)).decode() != key + "=":
                raise ValueError(
                    f"[{i}] is not an Ed25519 public key (43 base64url characters, as "
                    "`loket-db booking-keys` prints)"
                )
            if key in keys[:i]:
                raise ValueError(f"[{i}] is listed twice")
        return keys


class Counter(Strict):
    number: int = Field(ge=1, le=999)
    # The database keeps at most 80 characters (counters.name).
    name: str = Field(min_length=1, max_length=80)
    services: list[str]
    channels: list[Channel] = Field(default_factory=lambda: list(Channel))
    # Usernames of the officers who may work at this counter; empty: every officer.
    officers: list[str] = Field(default_factory=list)

    @field_validator("officers")
    @classmethod
    def _usernames(cls, value: list[str]) -> list[str]:
        return [name.strip().lower() for name in value if name.strip()]

    def allows(self, username: str) -> bool:
        """May ``username`` call at this counter?"""
        return not self.officers or username.strip().lower() in self.officers


class CallPolicy(Strict):
    """How "call next" chooses; see db/rules/policy.py for the exact rules."""

    name: Literal["fifo", "strict_priority", "weighted_wait", "ratio", "deadline"] = "weighted_wait"
    # weighted_wait: effective wait = minutes waited x weight of the ticket's channel.
    weights: dict[Channel, float] = Field(
        default_factory=lambda: {
            Channel.BOOKING: 1.5,
            Channel.WALK_IN: 1.0,
            Channel.PRIORITY: 3.0,
            Channel.VIP: 2.0,
        }
    )
    # Anyone waiting longer than this is called first, whatever the weights (0 disables).
    max_wait_minutes: int = Field(default=90, ge=0, le=24 * 60)
    # At most this many priority/VIP calls in a row at one counter while others wait (0 = no limit).
    max_priority_in_row: int = Field(default=3, ge=0, le=1000)
    # ratio: after this many priority calls, one other call.
    ratio_priority: int = Field(default=2, ge=1, le=1000)
    ratio_other: int = Field(default=1, ge=1, le=1000)
    # deadline: each ticket is due at a time; a booking at its session start plus the
    # office's promise, priority and VIP at their place in line plus their bound, a walk-in
    # at its place in line plus max_wait_minutes. Tickets within slack_minutes of their due
    # time (or past it) are called earliest due first; otherwise the weighted order.
    booking_promise_minutes: int = Field(default=30, ge=0, le=240)
    priority_bound_minutes: int = Field(default=20, ge=1, le=240)
    slack_minutes: int = Field(default=15, ge=0, le=240)

    @field_validator("weights")
    @classmethod
    def _positive(cls, value: dict[Channel, float]) -> dict[Channel, float]:
        for channel, weight in value.items():
            if not math.isfinite(weight) or not 0 < weight <= 1000:
                raise ValueError(
                    f"weight of {channel.value!r} must be a number greater than 0 and at most 1000"
                )
        return value


class Estimate(Strict):
    """The estimated wait: the call policy run forward from the queue as it stands."""

    # Service times, walk-up times and no-shows are learnt from this many past days.
    history_days: int = Field(default=20, ge=0, le=365)
    # Simulated runs per estimate (median and 80 % range).
    runs: int = Field(default=100, ge=10, le=2000)
    # A paused counter is expected back this many minutes after it paused.
    pause_minutes: int = Field(default=45, ge=1, le=240)
    # A booking checked in before its session: false, the estimate says what the call
    # policy does (it calls an early booking when no one is due at a counter that may
    # serve it); true, it is never estimated before its session starts (docs/queue-policy.md).
    booking_waits_for_session: bool = False


class Printer(Strict):
    """Where tickets are printed. `kind` chooses which of the other keys matter."""

    kind: Literal["virtual", "network", "usb", "serial", "file", "cups", "none"] = "virtual"
    # python-escpos capability profile; decides native QR support and paper width.
    profile: str = "TM-T88V"
    paper_width_dots: Literal[576, 384] = 576
    host: str = "127.0.0.1"
    port: int = Field(default=9100, ge=1, le=65535)
    timeout_seconds: float = Field(default=3.0, gt=0, le=60)
    usb_vendor: int | None = None
    usb_product: int | None = None
    serial_port: str = "/dev/ttyUSB0"
    serial_baud: int = 9600
    device_path: str = "/dev/usb/lp0"
    cups_queue: str = ""
    # virtual: where the built-in emulator saves each ticket (bin, PNG, text); empty = data dir.
    virtual_out_dir: str = ""
    near_end_stop: bool = False


class DatabaseLimits(Strict):
    """How long one PC may hold up the others on a shared (PostgreSQL) queue database.

    A PC that hangs or drops off the network in the middle of a change keeps the queue's
    lock until the server notices; these bounds make sure it does within seconds."""

    # A change waits at most this long for another PC's lock before it is retried.
    lock_timeout_seconds: float = Field(default=3.0, ge=0.5, le=60)
    # The server ends a PC's unfinished change when the PC is silent this long.
    idle_in_transaction_seconds: float = Field(default=5.0, ge=1, le=600)
    # No single statement runs longer than this (a runaway report, a stuck query).
    statement_timeout_seconds: float = Field(default=30.0, ge=1, le=3600)
    # A change that stays "busy" this long in all (retries included) is given up with a
    # clear "busy" message; nothing is saved.
    busy_limit_seconds: float = Field(default=10.0, ge=1, le=120)
    # TCP keepalives: a server connection silent this long is probed, every
    # keepalive_interval_seconds, and declared dead after keepalive_count lost probes.
    keepalive_idle_seconds: int = Field(default=5, ge=1, le=3600)
    keepalive_interval_seconds: int = Field(default=2, ge=1, le=600)
    keepalive_count: int = Field(default=3, ge=1, le=100)
    connect_timeout_seconds: int = Field(default=5, ge=1, le=120)


def _all_languages() -> list[Language]:
    return ["id", "en"]


def _booking_failure_days() -> list[Weekday]:
    return ["tue", "thu"]


def _working_days() -> list[Weekday]:
    return ["mon", "tue", "wed", "thu", "fri"]


class Languages(Strict):
    available: list[Language] = Field(default_factory=_all_languages)
    default: Language = "id"


class Idle(Strict):
    kiosk_seconds: int = Field(default=45, ge=5, le=3600)
    kiosk_warning_seconds: int = Field(default=10, ge=1, le=600)
    console_lock_seconds: int = Field(default=600, ge=30, le=86400)


class Retention(Strict):
    personal_data_days: int = Field(default=30, ge=1, le=3650)


class Kiosk(Strict):
    """The lobby kiosk."""

    # When a priority ticket waits for a staff PIN or staff card before printing: "always",
    # "never", or "after_refusal" (after this applicant was refused a walk-in ticket because
    # the quota is used up). A reason with ``staff_must_confirm`` always waits.
    priority_staff_confirm: Literal["always", "never", "after_refusal"] = "after_refusal"
    # Older setting, kept: true means priority_staff_confirm = "always".
    priority_needs_staff: bool = False
    # The fixed start of the office's booking codes, already on screen when an applicant
    # types a code ({date}: today as YYMMDD, {office}: office.code); empty = nothing.
    booking_code_prefill: str = Field(default="MP{date}{office}", max_length=40)
    # The service a priority ticket is for unless the applicant changes it on the last
    # look (its code); empty = the first service that takes priority tickets.
    priority_default_service: str = ""
    # argon2 hash of the kiosk's shared staff PIN (make one with `loket-kiosk hash-pin`);
    # empty = no shared PIN. Officers sign in with their own kiosk PIN (set on the console's
    # officers page); the shared PIN is the fallback, and what it does is recorded as the
    # kiosk's staff ("kiosk-1-staff"), not as a person.
    staff_pin_hash: str = ""
    # Whether the shared staff PIN still opens assisted mode (and confirms priority tickets,
    # and closes the kiosk) beside the officers' own PINs; false = only an officer's own PIN
    # or a staff card.
    shared_staff_pin: bool = True
    # argon2 hashes of staff card codes (scanned like a QR code).
    staff_card_hashes: list[str] = Field(default_factory=list)
    # Assisted mode: the reasons staff pick with one touch for a walk-in beyond the quota,
    # and the evidence they pick for the walk-in after failed online bookings ("another
    # reason" is always there to type). Recorded with the ticket.
    override_reasons: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(
        default_factory=lambda: [
            "Lansia / disabilitas datang dari jauh",
            "Keperluan mendesak (berobat, ibadah, pekerjaan)",
            "Kesalahan petugas sebelumnya",
            "Arahan kepala kantor",
        ],
        max_length=12,
    )
    booking_failure_notes: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(
        default_factory=lambda: [
            "Gagal booking online 2 minggu",
            "Gagal booking online 3 minggu",
            "Gagal booking online lebih dari 1 bulan",
        ],
        max_length=12,
    )
    vip_info: Text = Field(
        default_factory=lambda: Text(
            id="Layanan Paspor Selesai di Hari yang Sama: paspor jadi pada hari yang sama, "
            "tanpa pemesanan online. Tarif tambahan Rp 1.000.000 di luar biaya paspor.",
            en="One-day passport service: your passport is ready the same day, no online "
            "booking needed. An extra fee of Rp 1,000,000 on top of the passport fee.",
        )
    )
    logo_path: str = ""
    # The office's colours ("#RRGGBB"): primary for buttons, headings and the ticket number
    # (white text on it and it as text on white, so it must be dark enough); accent for
    # the staff tiles (its text turns black when the colour is light).
    primary_colour: str = Field(default="#0B3D91", pattern=HEX_COLOUR)
    accent_colour: str = Field(default="#C8102E", pattern=HEX_COLOUR)
    hide_cursor: bool = True
    # Seconds the ticket screen stays before returning home.
    ticket_screen_seconds: int = Field(default=12, ge=3, le=120)
    # When the printer cannot print (paper out, offline, cover open): "on_screen" issues
    # tickets shown on screen with their QR code (printed once the printer is back);
    # "out_of_service" stops issuing until the printer is back.
    printer_unusable: Literal["on_screen", "out_of_service"] = "on_screen"
    # Seconds between printer status checks.
    printer_poll_seconds: float = Field(default=3.0, ge=0.2, le=300)
    # Voice guidance: each screen's title and choices spoken in the kiosk's language
    # (espeak-ng, the PC's sound output), with a "Listen" button to hear it again.
    voice_guidance: bool = False
    # QR scanner: "wedge" (USB keyboard), "serial" (pyserial), "camera" (a webcam through Qt
    # Multimedia, decoded with zxing-cpp), or "none".
    scanner: Literal["wedge", "serial", "camera", "none"] = "wedge"
    serial_port: str = "/dev/ttyACM0"
    serial_baud: int = Field(default=9600, ge=1200, le=921600)
    # What ends one scan on the serial line: "cr", "lf" or "crlf".
    serial_terminator: Literal["cr", "lf", "crlf"] = "cr"
    # Seconds between the kiosk's heartbeat rows (device state for the consoles).
    heartbeat_seconds: float = Field(default=5.0, ge=0.2, le=300)
    # The information pages (TOML); empty = the pages that come with Loket.
    faq_path: str = ""
    # A ticket can be rated in the satisfaction survey up to this many days after service.
    survey_days: int = Field(default=7, ge=0, le=60)
    # Walk-in for applicants who repeatedly failed to book online (staff confirm in
    # assisted mode): the weekdays it is open and its own daily quota.
    booking_failure_days: list[Weekday] = Field(default_factory=_booking_failure_days)
    booking_failure_quota: int = Field(default=20, ge=0, le=1000)

    @field_validator("primary_colour")
    @classmethod
    def _readable_primary(cls, value: str) -> str:
        ratio = contrast_ratio(value, "#FFFFFF")
        if ratio < MIN_TEXT_CONTRAST:
            raise ValueError(
                f"{value} is too light for white text (contrast {ratio:.1f}:1, needs "
                f"{MIN_TEXT_CONTRAST}:1); choose a darker colour"
            )
        return value.upper()

    @field_validator("accent_colour")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class Display(Strict):
    """The calling display in the waiting room."""

    # Which counters and services this display shows (empty = all).
    counters: list[int] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    recent_calls: int = Field(default=6, ge=1, le=20)
    highlight_seconds: int = Field(default=8, ge=1, le=60)
    # Lines scrolled along the bottom (announcements, FAQ).
    announcements: list[Text] = Field(
        default_factory=lambda: [
            Text(
                id="Pesan antrean paspor lewat aplikasi M-Paspor.",
                en="Book your passport queue with the M-Paspor app.",
            ),
            Text(
                id="Lansia, penyandang disabilitas, ibu hamil dan yang membawa balita: "
                "silakan ambil antrean prioritas.",
                en="Elderly, disabled, pregnant and with a child under 5: please take a "
                "priority ticket.",
            ),
        ]
    )
    voice: bool = True
    voice_english: bool = True
    # espeak-ng voice names.
    voice_id: str = "id"
    voice_en: str = "en"
    chime: bool = True


class Calling(Strict):
    """Calling rules at the counters and what the display says about a call's outcome."""

    # A called ticket may be marked no-show only after this many seconds since its first
    # call AND this many recalls (0 switches a condition off); a supervisor may override.
    no_show_min_seconds: int = Field(default=120, ge=0, le=3600)
    no_show_min_recalls: int = Field(default=1, ge=0, le=10)
    # Shown on the display next to a number marked not present.
    no_show_text: Text = Field(
        default_factory=lambda: Text(
            id="silakan ke meja informasi", en="please go to the information desk"
        )
    )


class Web(Strict):
    """The web service for phones and TVs (``loket-web``)."""

    # The office's public address, as applicants' phones reach it (https://antrean.example.id).
    # When set, the QR on every ticket carries {public_url}/t/{ticket link token}; empty: the
    # QR holds the ticket token alone, as before.
    public_url: str = Field(default="", max_length=200, pattern=r"^(https?://[^\s?#]+[^/\s?#])?$")
    # The HMAC key of the ticket links: a file outside the database. Empty: ``web-link.key``
    # beside the data (created, owner-only, on first use). Every PC that prints tickets and
    # the web service need the same key.
    key_path: str = ""
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    # Form posts (survey, complaint) allowed per client address per ten minutes.
    form_posts_per_10_minutes: int = Field(default=10, ge=1, le=1000)
    # A page without JavaScript reloads itself this often.
    refresh_seconds: int = Field(default=30, ge=5, le=600)


def _default_services() -> list[Service]:
    return [
        Service(
            code="baru",
            prefix="A",
            name=Text(id="Paspor Baru", en="New Passport"),
            channels=[Channel.BOOKING, Channel.WALK_IN, Channel.PRIORITY, Channel.VIP],
            quota={Channel.WALK_IN: 40, Channel.PRIORITY: 30, Channel.VIP: 10},
            minutes_per_applicant=12,
            booking_names=["PASPOR BARU", "PASPOR BARU ANAK"],
        ),
        Service(
            code="ganti",
            prefix="B",
            name=Text(id="Penggantian Paspor", en="Passport Replacement"),
            channels=[Channel.BOOKING, Channel.WALK_IN, Channel.PRIORITY, Channel.VIP],
            quota={Channel.WALK_IN: 30, Channel.PRIORITY: 30, Channel.VIP: 10},
            minutes_per_applicant=10,
            booking_names=[
                "PENGGANTIAN PASPOR HABIS BERLAKU",
                "PENGGANTIAN PASPOR HILANG/RUSAK",
            ],
        ),
        Service(
            code="ambil",
            prefix="C",
            name=Text(id="Pengambilan Paspor", en="Passport Pick-up"),
            channels=[Channel.WALK_IN, Channel.PRIORITY],
            minutes_per_applicant=3,
        ),
        Service(
            code="info",
            prefix="D",
            name=Text(id="Informasi", en="Information"),
            channels=[Channel.WALK_IN, Channel.PRIORITY],
            minutes_per_applicant=5,
        ),
    ]


def _default_reasons() -> list[PriorityReason]:
    return [
        PriorityReason(code="elderly", name=Text(id="Lansia (60+)", en="Elderly (60+)")),
        PriorityReason(code="disabled", name=Text(id="Penyandang disabilitas", en="Disability")),
        PriorityReason(code="pregnant", name=Text(id="Ibu hamil", en="Pregnant")),
        PriorityReason(
            code="small_child", name=Text(id="Membawa balita", en="With a child under 5")
        ),
        PriorityReason(code="other", name=Text(id="Lainnya", en="Other"), staff_must_confirm=True),
    ]


def _default_counters() -> list[Counter]:
    regular = [Channel.BOOKING, Channel.WALK_IN, Channel.PRIORITY, Channel.VIP]
    return [
        Counter(number=1, name="Loket 1", services=["baru", "ganti"], channels=regular),
        Counter(number=2, name="Loket 2", services=["baru", "ganti"], channels=regular),
        Counter(number=3, name="Loket 3", services=["baru", "ganti"], channels=regular),
        Counter(number=4, name="Loket 4", services=["ambil", "info"], channels=regular),
        Counter(
            number=5,
            name="Loket Prioritas",
            services=["baru", "ganti", "ambil", "info"],
            channels=[Channel.PRIORITY, Channel.VIP],
        ),
    ]


class Settings(Strict):
    office: Office = Field(default_factory=Office)
    business_day: BusinessDay = Field(default_factory=BusinessDay)
    services: list[Service] = Field(default_factory=_default_services)
    priority_reasons: list[PriorityReason] = Field(default_factory=_default_reasons)
    walk_in_days: list[Weekday] = Field(default_factory=_working_days)
    check_in: CheckInWindow = Field(default_factory=CheckInWindow)
    booking_qr: BookingQr = Field(default_factory=BookingQr)
    counters: list[Counter] = Field(default_factory=_default_counters)
    call_policy: CallPolicy = Field(default_factory=CallPolicy)
    estimate: Estimate = Field(default_factory=Estimate)
    printer: Printer = Field(default_factory=Printer)
    # Empty: the PC's environment file, else a SQLite file in the user data folder (see
    # config.loader.load_settings).
    database_url: str = ""
    database: DatabaseLimits = Field(default_factory=DatabaseLimits)
    languages: Languages = Field(default_factory=Languages)
    idle: Idle = Field(default_factory=Idle)
    retention: Retention = Field(default_factory=Retention)
    kiosk: Kiosk = Field(default_factory=Kiosk)
    display: Display = Field(default_factory=Display)
    calling: Calling = Field(default_factory=Calling)
    web: Web = Field(default_factory=Web)
    # This PC's kiosk name, used for heartbeats and print jobs.
    kiosk_id: str = Field(default="kiosk-1", min_length=1, max_length=40)

    @model_validator(mode="after")
    def _cross_checks(self) -> Settings:
        codes = [s.code for s in self.services]
        _unique(codes, "services", "code")
        _unique([s.prefix for s in self.services], "services", "prefix")
        _unique([c.number for c in self.counters], "counters", "number")
        _unique([r.code for r in self.priority_reasons], "priority_reasons", "code")
        names: dict[str, str] = {}
        for i, service in enumerate(self.services):
            for booking_name in service.booking_names:
                if booking_name.upper() in names:
                    raise ValueError(
                        f"services[{i}].booking_names: {booking_name!r} is mapped to both "
                        f"services {names[booking_name.upper()]!r} and {service.code!r}"
                    )
                names[booking_name.upper()] = service.code
        for i, counter in enumerate(self.counters):
            for code in counter.services:
                if code not in codes:
                    raise ValueError(
                        f"counters[{i}].services: counter {counter.number} serves unknown "
                        f"service {code!r} (known: {', '.join(codes)})"
                    )
        numbers = {c.number for c in self.counters}
        for number in self.display.counters:
            if number not in numbers:
                raise ValueError(f"display.counters: there is no counter {number}")
        for code in self.display.services:
            if code not in codes:
                raise ValueError(f"display.services: unknown service {code!r}")
        if self.languages.default not in self.languages.available:
            raise ValueError("languages.default must be one of languages.available")
        return self

    def service(self, code: str) -> Service:
        for service in self.services:
            if service.code == code:
                return service
        raise KeyError(code)

    def counter(self, number: int) -> Counter:
        for counter in self.counters:
            if counter.number == number:
                return counter
        raise KeyError(number)

    def service_for_booking_name(self, booking_name: str) -> Service | None:
        wanted = booking_name.strip().upper()
        for service in self.services:
            if wanted in (n.upper() for n in service.booking_names):
                return service
        return None

    def reason(self, code: str) -> PriorityReason:
        for reason in self.priority_reasons:
            if reason.code == code:
                return reason
        raise KeyError(code)


def _raw_key(key: str) -> bytes:
    return base64.urlsafe_b64decode(key + "=")


def _unique(values: Sequence[object], section: str, key: str) -> None:
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise ValueError(f"{section}[{i}].{key}: {value!r} is used twice")
        seen.add(value)
