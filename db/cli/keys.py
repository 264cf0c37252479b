"""``loket-db booking-keys`` and ``loket-db sign-booking``: the key pair of the signed booking
QR (db/io/booking_token.py) and test or demo tokens made with it.

The private key belongs on the signing side (the central booking system; for a demo, the
administrator's PC), never on a kiosk: kiosks hold only public keys
(``[booking_qr] public_keys``). A key file is one line of base64url, created owner-only
(0600); ``sign-booking`` refuses a private key file that others can read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from config import ConfigError, add_config_option, load_settings
from config.settings import Settings
from db.io.booking_token import (
    BookingClaim,
    generate_key_pair,
    key_id_of,
    public_key_of,
    sign_booking,
)
from db.rules.privacy import mask_name

COMMANDS = ("booking-keys", "sign-booking")
EXIT_REFUSED = 1
EXIT_USAGE = 2
_SLOT = re.compile(r"^(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})$")


class KeyCommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.code = code


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Sequence[argparse.ArgumentParser],
) -> None:
    """Add the two sub-commands to ``loket-db``'s sub-parsers (``common``: parent parsers)."""
    p = sub.add_parser(
        "booking-keys", parents=list(common), help="create a key pair for signed booking QR codes"
    )
    p.add_argument("--out", default=".", metavar="DIR", help="folder for the key files")

    p = sub.add_parser(
        "sign-booking", parents=list(common), help="make a signed booking QR token (tests, demo)"
    )
    p.add_argument("--key", required=True, metavar="FILE", help="private key file")
    p.add_argument("--booking", required=True, metavar="CODE", help="booking code")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="arrival date (default: today)")
    p.add_argument("--slot", required=True, metavar="HH:MM-HH:MM", help="arrival slot")
    p.add_argument(
        "--service", required=True, help="service code of these settings, or a JENIS_LAYANAN"
    )
    p.add_argument("--name", help="applicant's name (only its masked form goes in the token)")
    p.add_argument("--office", help="office code (default: this office)")
    p.add_argument(
        "--expires", metavar="ISO", help="expiry with zone (default: end of the arrival day)"
    )
    p.add_argument("--png", metavar="FILE", help="also write the QR code as a PNG image")
    p.add_argument("--json", action="store_true", help="print token and details as JSON")


def _write_owner_only(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("ascii"))
    finally:
        os.close(fd)


def create_keys(out: str | os.PathLike[str]) -> tuple[Path, Path, str]:
    """Write ``booking-<key id>.key`` (private) and ``.pub`` in ``out``, both 0600;
    return their paths and the public key."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    private, public = generate_key_pair()
    key_id = key_id_of(public)
    private_path = folder / f"booking-{key_id}.key"
    public_path = folder / f"booking-{key_id}.pub"
    try:
        _write_owner_only(private_path, private + "\n")
        _write_owner_only(public_path, public + "\n")
    except FileExistsError as exc:
        raise KeyCommandError(f"{exc.filename} exists already; nothing was overwritten") from None
    return private_path, public_path, public


def read_private_key(path: str | os.PathLike[str]) -> str:
    file = Path(path)
    mode = file.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyCommandError(
            f"{file} can be read by others (mode {stat.S_IMODE(mode):o}): chmod 600 {file}"
        )
    text = file.read_text("ascii", errors="replace").strip()
    try:
        public_key_of(text)
    except ValueError as exc:
        raise KeyCommandError(f"{file} is not a booking private key: {exc}") from None
    return text


def _time(text: str) -> dt.time:
    hours, minutes = re.split(r"[:.]", text)
    return dt.time(int(hours), int(minutes))


def claim_from_args(args: argparse.Namespace, settings: Settings, now: dt.datetime) -> BookingClaim:
    """The claim the arguments describe; ``ValueError`` names a bad argument."""
    tz = settings.office.tz
    date = dt.date.fromisoformat(args.date) if args.date else now.astimezone(tz).date()
    slot = _SLOT.match(args.slot.strip())
    if slot is None:
        raise ValueError(f"--slot {args.slot!r}: expected HH:MM-HH:MM, e.g. 08:00-10:00")
    start, end = _time(slot.group(1)), _time(slot.group(2))
    service_name = args.service.strip()
    try:
        service = settings.service(service_name)
    except KeyError:
        pass
    else:
        if not service.booking_names:
            raise ValueError(f"--service {service.code}: that service takes no bookings")
        service_name = service.booking_names[0]
    if args.expires:
        expires = dt.datetime.fromisoformat(args.expires)
        if expires.tzinfo is None:
            raise ValueError(f"--expires {args.expires!r}: give a zone, e.g. +07:00")
    else:
        expires = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return BookingClaim(
        office_code=(args.office or settings.office.code).strip().upper(),
        booking_code=args.booking.strip().upper(),
        date=date,
        slot_start=start,
        slot_end=end,
        service_name=service_name,
        masked_name=mask_name(args.name),
        expires_at=expires,
    )


def _write_png(path: str, token: str) -> None:
    import qrcode  # only this command draws; the kiosk never needs it at start-up

    image = qrcode.make(token, error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    with open(path, "wb") as out:
        image.save(out)


def _booking_keys(args: argparse.Namespace) -> int:
    private_path, public_path, public = create_keys(args.out)
    print(f"private key: {private_path} (owner-only; keep it on the signing side, not a kiosk)")
    print(f"public key:  {public_path} (key id {key_id_of(public)})")
    print("add the public key to the settings of every kiosk:")
    print("[booking_qr]")
    print(f'public_keys = ["{public}"]')
    return 0


def _sign_booking(args: argparse.Namespace, settings: Settings, now: dt.datetime) -> int:
    private = read_private_key(args.key)
    try:
        claim = claim_from_args(args, settings, now)
        token = sign_booking(private, claim)
    except ValueError as exc:
        raise KeyCommandError(str(exc), EXIT_USAGE) from None
    if claim.expires_at <= now:
        print("loket-db: warning: this token has expired already", file=sys.stderr)
    if (
        claim.office_code == settings.office.code
        and settings.service_for_booking_name(claim.service_name) is None
    ):
        print(
            f"loket-db: warning: {claim.service_name!r} is not mapped to a service here "
            "(services.booking_names); check-in will refuse it",
            file=sys.stderr,
        )
    if args.png:
        _write_png(args.png, token)
    if args.json:
        details = {
            "token": token,
            "length": len(token),
            "key_id": key_id_of(public_key_of(private)),
            "booking_code": claim.booking_code,
            "expires_at": claim.expires_at.isoformat(),
        }
        print(json.dumps(details, ensure_ascii=False, sort_keys=True))
    else:
        print(token)
    return 0


def run(args: argparse.Namespace, settings: Settings, now: dt.datetime | None = None) -> int:
    """Run ``booking-keys`` or ``sign-booking``; a refusal is one line on stderr and exit
    1 (refused) or 2 (bad arguments), as everywhere in ``loket-db``."""
    try:
        if args.command == "booking-keys":
            return _booking_keys(args)
        return _sign_booking(args, settings, now or dt.datetime.now(dt.UTC))
    except KeyCommandError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_REFUSED


def parser() -> argparse.ArgumentParser:
    """The two commands on their own (``python -m db.cli.keys``); ``loket-db`` embeds them."""
    result = argparse.ArgumentParser(prog="loket-db")
    add_config_option(result)
    common = argparse.ArgumentParser(add_help=False)
    add_config_option(common, subcommand=True)
    add_parsers(result.add_subparsers(dest="command", required=True), [common])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return 3
    return run(args, settings)


if __name__ == "__main__":
    sys.exit(main())
