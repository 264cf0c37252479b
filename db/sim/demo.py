"""A throwaway office for trying Loket on one PC: settings, today's bookings, a demo officer.

``seed_demo(folder, printer_port)`` fills ``folder`` with:

* ``settings.toml``: the embedded defaults, but open all day every day (so the demo works at
  any hour), booking check-in accepted all day, the printer on ``127.0.0.1:printer_port``
  (the virtual printer, run as its own process), a SQLite file in ``folder``, a known staff
  PIN for the kiosk's assisted mode;
* ``bookings/antrean_<OFFICE>_<YYYYMMDD>.csv``: today's bookings in the central booking
  system's export format (UTF-8 with BOM, ``;``, CRLF), imported with the real importer;
* ``bookings/qr/<KODE_BOOKING>.png``: each booking's QR code (it holds the booking code
  alone, as the applicant's printout does) and ``bookings/index.txt`` listing them;
* a demo supervisor in the officers table, with a known password and a known kiosk PIN.

Everything goes through the queue operations (``import_bookings``, ``add_officer``); nothing
here writes rows itself. No Qt.
"""

from __future__ import annotations

import datetime as dt
import random
import socket
from dataclasses import dataclass
from pathlib import Path

import qrcode
from argon2 import PasswordHasher

from config import load_settings
from config.settings import Settings
from db.context import Actor
from db.io.booking_export import write_csv_export
from db.migrate import open_queue
from db.ops.importer import import_bookings
from db.ops.kiosk_pins import set_kiosk_pin
from db.ops.officers import add_officer

DEMO_OFFICER = "demo"
DEMO_PASSWORD = "loket-demo"
DEMO_PIN = "1234"  # the kiosk's shared staff PIN
DEMO_OFFICER_PIN = "2580"  # the demo supervisor's own kiosk PIN
DEMO_COUNTER = 1
SEEDER = Actor.system("demo")

FIRST = ("Siti", "Budi", "Agus", "Dewi", "Rina", "Andi", "Putri", "Wahyu", "Lestari", "Yusuf")
LAST = ("Nurhaliza", "Santoso", "Wijaya", "Hidayat", "Saputra", "Siregar", "Pratama", "Lubis")
SERVICES = (
    "PASPOR BARU",
    "PENGGANTIAN PASPOR HABIS BERLAKU",
    "PASPOR BARU ANAK",
    "PENGGANTIAN PASPOR HILANG/RUSAK",
)
SESSIONS = ("08.00 - 10.00", "10.00 - 12.00", "13.00 - 15.00")
STATUS_WORDS = {"AKTIF": "active", "BATAL": "cancelled", "RESCHEDULE": "moved to another day"}


@dataclass(frozen=True)
class DemoBooking:
    code: str
    session: str
    service_name: str
    status: str  # AKTIF, BATAL or RESCHEDULE
    qr_png: Path


@dataclass(frozen=True)
class DemoOffice:
    folder: Path
    settings_path: Path
    settings: Settings
    printer_port: int
    printed_dir: Path
    export_path: Path
    index_path: Path
    bookings: tuple[DemoBooking, ...]
    web_port: int = 0
    officer: str = DEMO_OFFICER
    password: str = DEMO_PASSWORD
    staff_pin: str = DEMO_PIN
    officer_pin: str = DEMO_OFFICER_PIN

    def active_codes(self) -> list[str]:
        return [b.code for b in self.bookings if b.status == "AKTIF"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (for the virtual printer)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


ALL_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def always_open_toml(database_url: str) -> str:
    """Settings (TOML) of an office open around the clock every day with walk-in every day,
    no holidays: for the demo, the benchmarks and tests that run whatever the date and time."""
    days = "\n".join(f'{d} = {{ open = "00:00:00", close = "23:59:59" }}' for d in ALL_WEEK)
    return f"""database_url = "{database_url}"
walk_in_days = {list(ALL_WEEK)!r}

[business_day]
public_holidays = false
closed_dates = []
issue_from_minutes_before_open = 0
stop_issuing_minutes_before_close = 0

[business_day.hours]
{days}
"""


def demo_settings_toml(
    folder: Path, printer_port: int, pin_hash: str, web_port: int | None = None
) -> str:
    """The demo's settings file: the defaults, open around the clock, the printer on loopback
    (and with ``web_port``, the web service on loopback: tickets' QR codes open its pages).
    ``kiosk_id`` comes before the first table, so it stays a top-level key."""
    database = (folder / "loket.sqlite3").as_posix()
    return f"""# Loket demo office: open all day, every day; the virtual printer on loopback.
kiosk_id = "kiosk-1"
{always_open_toml(f"sqlite:///{database}")}
[check_in]
minutes_before = 1440
minutes_after = 1440

[printer]
kind = "network"
host = "127.0.0.1"
port = {printer_port}
timeout_seconds = 3.0

[kiosk]
staff_pin_hash = "{pin_hash}"
hide_cursor = false
""" + (
        f'\n[web]\npublic_url = "http://127.0.0.1:{web_port}"\nport = {web_port}\n'
        if web_port
        else ""
    )


def booking_rows(
    day: dt.date, n: int = 12, office: str = "JKS", seed: int = 7
) -> list[dict[str, str]]:
    """Bookings for ``day`` in the export's columns; the last two are cancelled and
    rescheduled, so the demo can show a refusal too."""
    rnd = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        status = "AKTIF"
        if i == n - 1:
            status = "BATAL"
        elif i == n:
            status = "RESCHEDULE"
        booked = dt.datetime.combine(day - dt.timedelta(days=rnd.randint(3, 25)), dt.time(14))
        booked += dt.timedelta(seconds=rnd.randint(0, 5400))
        nik = "3174" + "".join(str(rnd.randint(0, 9)) for _ in range(8))
        rows.append(
            {
                "KODE_BOOKING": f"MP{day:%y%m%d}{office}{i:05d}",
                "TGL_KEDATANGAN": f"{day:%d/%m/%Y}",
                "SESI": SESSIONS[(i - 1) % len(SESSIONS)],
                "JENIS_LAYANAN": SERVICES[(i - 1) % len(SERVICES)],
                "NAMA_PEMOHON": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}".upper(),
                "NIK": nik + f"{rnd.randint(1, 9999):04d}",
                "KODE_KANTOR": office,
                "STATUS": status,
                "WAKTU_DAFTAR": f"{booked:%Y-%m-%d %H:%M:%S}",
            }
        )
    return rows


def write_qr_codes(folder: Path, rows: list[dict[str, str]]) -> list[DemoBooking]:
    """One PNG per booking; the QR holds the booking code alone."""
    folder.mkdir(parents=True, exist_ok=True)
    bookings = []
    for row in rows:
        png = folder / f"{row['KODE_BOOKING']}.png"
        qr = qrcode.QRCode(border=4, box_size=10)
        qr.add_data(row["KODE_BOOKING"])
        qr.make(fit=True)
        qr.make_image().save(str(png))
        bookings.append(
            DemoBooking(row["KODE_BOOKING"], row["SESI"], row["JENIS_LAYANAN"], row["STATUS"], png)
        )
    return bookings


def index_text(bookings: list[DemoBooking] | tuple[DemoBooking, ...], day: dt.date) -> str:
    lines = [
        f"Demo bookings for {day:%d/%m/%Y}: show a QR code to the kiosk's scanner or camera,",
        "or type the code at the kiosk (Check in > Type the code).",
        "",
    ]
    for b in bookings:
        status = STATUS_WORDS[b.status]
        lines.append(f"{b.code}  {b.session}  {b.service_name:<34} {status:<21} {b.qr_png}")
    return "\n".join(lines) + "\n"


def seed_demo(folder: str | Path, printer_port: int, bookings: int = 12) -> DemoOffice:
    """Make the demo office in ``folder`` (which should be empty) and return what is in it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pin_hash = PasswordHasher().hash(DEMO_PIN)
    settings_path = folder / "settings.toml"
    web_port = free_port()
    settings_path.write_text(
        demo_settings_toml(folder, printer_port, pin_hash, web_port), encoding="utf-8"
    )
    # The demo's own database, whatever LOKET_DATABASE_URL says in this shell.
    settings = load_settings(settings_path)
    settings = settings.model_copy(
        update={"database_url": f"sqlite:///{(folder / 'loket.sqlite3').as_posix()}"}
    )
    ctx = open_queue(settings)
    try:
        day = ctx.today()
        office = settings.office.code
        rows = booking_rows(day, bookings, office)
        export = write_csv_export(rows, folder / "bookings" / f"antrean_{office}_{day:%Y%m%d}.csv")
        import_bookings(ctx, SEEDER, export)
        demo = add_officer(
            ctx, SEEDER, DEMO_OFFICER, "supervisor", DEMO_PASSWORD, "Demo Supervisor"
        )
        set_kiosk_pin(ctx, SEEDER, demo.id, DEMO_OFFICER_PIN)
    finally:
        ctx.db.dispose()
    made = write_qr_codes(folder / "bookings" / "qr", rows)
    index = folder / "bookings" / "index.txt"
    index.write_text(index_text(made, day), encoding="utf-8")
    return DemoOffice(
        folder=folder,
        settings_path=settings_path,
        settings=settings,
        printer_port=printer_port,
        printed_dir=folder / "printed",
        export_path=export,
        index_path=index,
        bookings=tuple(made),
        web_port=web_port,
    )
