"""Signed booking QR tokens (db/io/booking_token.py) and their key commands (db/cli/keys.py)."""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime as dt
import json
import os
import stat
import tomllib
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from config.settings import Settings
from db.cli import keys as keys_cli
from db.io.booking_token import (
    MAX_TOKEN_CHARS,
    BookingClaim,
    TokenError,
    check_public_key,
    generate_key_pair,
    key_id_of,
    looks_like_token,
    public_key_of,
    sign_booking,
    verify_token,
)
from tests.conftest import JAKARTA, MORNING

PRIVATE, PUBLIC = generate_key_pair()
OTHER_PRIVATE, OTHER_PUBLIC = generate_key_pair()
END_OF_DAY = dt.datetime(2026, 12, 2, 0, 0, tzinfo=JAKARTA)
CLAIM = BookingClaim(
    office_code="JKS",
    booking_code="MP261201JKS00001",
    date=dt.date(2026, 12, 1),
    slot_start=dt.time(8, 0),
    slot_end=dt.time(10, 0),
    service_name="PENGGANTIAN PASPOR HABIS BERLAKU",
    masked_name="SIT*** N***",
    expires_at=END_OF_DAY,
)
TOKEN = sign_booking(PRIVATE, CLAIM)
REASONS = {"malformed", "forged", "expired", "unknown_key"}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def failure(token: str, keys: list[str] | None = None, now: dt.datetime = MORNING) -> TokenError:
    with pytest.raises(TokenError) as info:
        verify_token(token, [PUBLIC] if keys is None else keys, now)
    return info.value


def resigned(raw: bytes, private_b64: str = PRIVATE) -> str:
    """A token over any payload bytes, properly signed: only the content can be wrong."""
    key = Ed25519PrivateKey.from_private_bytes(unb64(private_b64))
    return f"LKT1.{b64(raw)}.{b64(key.sign(raw))}"


# --- the format -----------------------------------------------------------------------------


def test_round_trip_gives_the_claim_back_with_its_key_id() -> None:
    claim = verify_token(TOKEN, [PUBLIC], MORNING)
    assert claim == dataclasses.replace(CLAIM, key_id=key_id_of(PUBLIC))
    assert claim.expires_at == END_OF_DAY and claim.expires_at.tzinfo is not None
    # The documented layout, field by field.
    prefix, payload, signature = TOKEN.split(".")
    assert (prefix, len(signature), len(claim.key_id)) == ("LKT1", 86, 11)
    assert unb64(payload).decode() == (
        f"1|{key_id_of(PUBLIC)}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|"
        "PENGGANTIAN PASPOR HABIS BERLAKU|SIT*** N***|1796144400"
    )
    nameless = dataclasses.replace(CLAIM, masked_name=None, service_name="PASPOR BARU")
    assert verify_token(sign_booking(PRIVATE, nameless), [PUBLIC], MORNING).masked_name is None


def test_token_fits_a_qr_code_on_a_phone_screen() -> None:
    print(f"typical token: {len(TOKEN)} characters")
    assert len(TOKEN) < 300
    largest = BookingClaim(
        office_code="ABCDEFGH",
        booking_code="X" * 32,
        date=dt.date(2026, 12, 31),
        slot_start=dt.time(23, 58),
        slot_end=dt.time(23, 59),
        service_name="S" * 80,
        masked_name="AB*** C*** D*** E*** F*** G*** H*** I***",
        expires_at=dt.datetime(5000, 1, 1, tzinfo=dt.UTC),
    )
    longest = sign_booking(PRIVATE, largest)
    print(f"largest token: {len(longest)} characters")
    assert len(longest) == 375 < MAX_TOKEN_CHARS
    assert verify_token(longest, [PUBLIC], MORNING).booking_code == "X" * 32


def test_qr_image_of_a_token_scans_back_to_a_valid_token(tmp_path: Path) -> None:
    path = tmp_path / "qr.png"
    qrcode.make(TOKEN, error_correction=qrcode.constants.ERROR_CORRECT_M).save(path)
    found = zxingcpp.read_barcodes(Image.open(path))
    assert [r.text for r in found] == [TOKEN]
    assert verify_token(found[0].text, [PUBLIC], MORNING).booking_code == CLAIM.booking_code


def test_looks_like_token_tells_tokens_from_booking_codes() -> None:
    assert looks_like_token(TOKEN)
    assert looks_like_token(f"  {TOKEN}\r\n")
    assert looks_like_token("LKT2.whatever")  # a newer version is refused, not read as a code
    assert not looks_like_token("MP261201JKS00001")
    assert not looks_like_token("LKT1MP261201")
    assert not looks_like_token("")


# --- refusals -------------------------------------------------------------------------------


def test_altered_payload_is_forged() -> None:
    prefix, payload, signature = TOKEN.split(".")
    raw = unb64(payload).replace(b"JKS00001", b"JKS00002")
    assert failure(f"{prefix}.{b64(raw)}.{signature}").reason == "forged"
    raw = unb64(payload).replace(b"|10:00|", b"|11:00|")
    assert failure(f"{prefix}.{b64(raw)}.{signature}").reason == "forged"
    sig = bytearray(unb64(signature))
    sig[10] ^= 0x01
    assert failure(f"{prefix}.{payload}.{b64(bytes(sig))}").reason == "forged"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_changed_character_is_refused(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(TOKEN) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.|="
    char = data.draw(st.sampled_from(alphabet).filter(lambda c: c != TOKEN[position]))
    changed = TOKEN[:position] + char + TOKEN[position + 1 :]
    assert failure(changed).reason in {"forged", "malformed", "unknown_key"}


def test_signature_by_another_key_is_unknown_or_forged() -> None:
    # A token of another key names that key: unknown here.
    stranger = sign_booking(OTHER_PRIVATE, CLAIM)
    error = failure(stranger)
    assert error.reason == "unknown_key"
    assert key_id_of(OTHER_PUBLIC) in error.message
    # Another key's signature under our key id: forged.
    raw = unb64(TOKEN.split(".")[1])
    assert failure(resigned(raw, OTHER_PRIVATE)).reason == "forged"


def test_no_configured_keys_means_unknown_key() -> None:
    assert failure(TOKEN, keys=[]).reason == "unknown_key"


def test_expired_at_the_expiry_instant_and_carries_the_claim() -> None:
    assert verify_token(TOKEN, [PUBLIC], END_OF_DAY - dt.timedelta(seconds=1))
    error = failure(TOKEN, now=END_OF_DAY)
    assert error.reason == "expired"
    assert error.claim is not None and error.claim.booking_code == CLAIM.booking_code


def test_key_rotation_accepts_tokens_of_every_configured_key() -> None:
    new_private, new_public = generate_key_pair()
    new_token = sign_booking(new_private, CLAIM)
    rotating = [PUBLIC, f" {new_public}\n"]
    assert verify_token(TOKEN, rotating, MORNING).key_id == key_id_of(PUBLIC)
    assert verify_token(new_token, rotating, MORNING).key_id == key_id_of(new_public)
    # The old key retired: its tokens are no longer trusted.
    assert failure(TOKEN, keys=[new_public]).reason == "unknown_key"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "LKT1.",
        "LKT1..",
        "LKT1.AAAA.BBBB",
        "LKT9.MXw." + "A" * 86,
        "LKT1.MXw=." + "A" * 86,  # padding is not base64url as we write it
        "LKT1.!!!!." + "A" * 86,
        "LKT1.A." + "A" * 86,  # 1 character is no base64 at all
        "MP261201JKS00001",
    ],
)
def test_malformed_texts(text: str) -> None:
    assert failure(text).reason == "malformed"


def test_non_canonical_base64_is_malformed() -> None:
    prefix, payload, signature = TOKEN.split(".")
    # 64 bytes leave 4 unused bits in the last character; setting one keeps the bytes.
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    bumped = last[last.index(signature[-1]) + 1]
    assert unb64(signature[:-1] + bumped) == unb64(signature)
    assert failure(f"{prefix}.{payload}.{signature[:-1]}{bumped}").reason == "malformed"


def test_size_limit() -> None:
    assert failure(TOKEN + " " * 10 + "x" * MAX_TOKEN_CHARS).reason == "malformed"
    with pytest.raises(TokenError) as info:
        verify_token(TOKEN, [PUBLIC], MORNING, max_chars=len(TOKEN) - 1)
    assert info.value.reason == "malformed" and "too long" in info.value.message


@pytest.mark.parametrize(
    "raw",
    [
        b"1|KEY|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||1796144400",
        b"{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||1796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-02-30|08:00|10:00|PASPOR BARU||1796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|10:00|08:00|PASPOR BARU||1796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|24:00|PASPOR BARU||1796144400",
        b"1|{kid}|jks|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||1796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU|SITI NURHALIZA|1",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00| PASPOR||1796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||01796144400",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||1796144400|x",
        b"1|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR \xff||1796144400",
        b"2|{kid}|JKS|MP261201JKS00001|2026-12-01|08:00|10:00|PASPOR BARU||1796144400",
    ],
)
def test_signed_but_invalid_payload_is_malformed(raw: bytes) -> None:
    token = resigned(raw.replace(b"{kid}", key_id_of(PUBLIC).encode()))
    assert failure(token).reason == "malformed"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_arbitrary_text_only_ever_raises_token_error(text: str) -> None:
    with pytest.raises(TokenError) as info:
        verify_token(text, [PUBLIC], MORNING)
    assert info.value.reason in REASONS and info.value.message


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\ALKT1\.[A-Za-z0-9_-]{0,300}\.[A-Za-z0-9_-]{80,90}\Z"))
def test_token_shaped_text_only_ever_raises_token_error(text: str) -> None:
    with pytest.raises(TokenError) as info:
        verify_token(text, [PUBLIC], MORNING)
    assert info.value.reason in REASONS


_FIELD = st.text(st.characters(codec="utf-8", exclude_characters="|"), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(_FIELD, min_size=8, max_size=11).map(
            lambda fs: "|".join(["1", key_id_of(PUBLIC), *fs]).encode()
        ),
    )
)
def test_any_signed_payload_is_a_claim_or_malformed(raw: bytes) -> None:
    """Even a genuine signature over garbage must not crash the verifier."""
    try:
        claim = verify_token(resigned(raw), [PUBLIC], MORNING)
    except TokenError as error:
        assert error.reason in {"malformed", "expired"}
    else:
        assert claim.key_id == key_id_of(PUBLIC)


# --- signing and keys ------------------------------------------------------------------------


def test_key_pair_and_ids() -> None:
    private, public = generate_key_pair()
    assert (len(private), len(public)) == (43, 43)
    assert public_key_of(private) == public
    assert check_public_key(public) == key_id_of(public)
    assert key_id_of(public) != key_id_of(PUBLIC)
    with pytest.raises(ValueError):
        check_public_key("not a key")
    with pytest.raises(ValueError):
        verify_token(TOKEN, ["AAAA"], MORNING)  # a broken configured key is a setup error
    with pytest.raises(ValueError):
        verify_token(TOKEN, [PUBLIC], dt.datetime(2026, 12, 1, 9))  # naive "now"


@pytest.mark.parametrize(
    "change",
    [
        {"expires_at": dt.datetime(2026, 12, 2)},  # naive
        {"masked_name": "SITI NURHALIZA"},  # a full name must never be in a QR code
        {"masked_name": "ÉÉÉ*** É*** É*** É*** É*** É*** É***"},  # 36 characters, 45 bytes
        {"service_name": "PASPOR|BARU"},
        {"service_name": ""},
        {"slot_end": dt.time(7, 0)},
        {"booking_code": "mp261201jks00001"},
        {"office_code": "J"},
        {"key_id": "AAAAAAAAAAA"},
    ],
)
def test_signing_refuses_a_claim_outside_the_format(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        sign_booking(PRIVATE, dataclasses.replace(CLAIM, **change))  # type: ignore[arg-type]


# --- loket-db booking-keys / sign-booking -----------------------------------------------------


def make_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    old = os.umask(0)  # the files must be owner-only whatever the umask
    try:
        assert keys_cli.main(["booking-keys", "--out", str(tmp_path / "keys")]) == 0
    finally:
        os.umask(old)
    out = capsys.readouterr().out
    private_path = Path(out.split("private key: ", 1)[1].split(" (", 1)[0])
    # The printed settings section is TOML to paste into a kiosk's settings file.
    snippet = tomllib.loads(out[out.index("[booking_qr]") :])
    (public,) = snippet["booking_qr"]["public_keys"]
    return private_path, public


def test_booking_keys_writes_an_owner_only_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_path, public = make_keys(tmp_path, capsys)
    public_path = private_path.with_suffix(".pub")
    for path in (private_path, public_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    private = private_path.read_text().strip()
    assert public_key_of(private) == public == public_path.read_text().strip()
    assert private_path.name == f"booking-{key_id_of(public)}.key"
    # A second pair never overwrites the first.
    second, _ = make_keys(tmp_path, capsys)
    assert second != private_path and private_path.read_text().strip() == private
    assert len(list((tmp_path / "keys").iterdir())) == 4


def sign_args(key: Path, *extra: str) -> argparse.Namespace:
    """The arguments as ``loket-db`` parses them; later options override earlier ones."""
    base = ["sign-booking", "--key", str(key), "--booking", "mp261201jks00042"]
    base += ["--date", "2026-12-01", "--slot", "10.00 - 12.00", "--service", "ganti"]
    return keys_cli.parser().parse_args([*base, "--name", "Siti Nurhaliza binti Ahmad", *extra])


def test_sign_booking_makes_a_token_the_kiosk_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_path, public = make_keys(tmp_path, capsys)
    png = tmp_path / "qr.png"
    assert keys_cli.run(sign_args(private_path, "--png", str(png)), Settings(), MORNING) == 0
    token = capsys.readouterr().out.strip()
    claim = verify_token(token, [public], MORNING)
    assert claim.office_code == "JKS"
    assert claim.booking_code == "MP261201JKS00042"
    assert (claim.slot_start, claim.slot_end) == (dt.time(10), dt.time(12))
    assert claim.service_name == "PENGGANTIAN PASPOR HABIS BERLAKU"  # the service's first name
    assert claim.masked_name == "Sit*** N*** b*** A***"
    assert claim.expires_at == END_OF_DAY
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png))] == [token]


def test_sign_booking_main_with_json_and_explicit_expiry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_path, public = make_keys(tmp_path, capsys)
    argv = ["sign-booking", "--key", str(private_path), "--booking", "MP261201JKS00007"]
    argv += ["--date", "2026-12-01", "--slot", "08:00-10:00", "--service", "PASPOR BARU"]
    argv += ["--expires", "2026-12-01T12:00:00+07:00", "--json"]
    assert keys_cli.main(argv) == 0
    details = json.loads(capsys.readouterr().out)
    assert details["length"] == len(details["token"]) < 300
    assert details["key_id"] == key_id_of(public)
    claim = verify_token(details["token"], [public], MORNING)
    assert claim.expires_at == dt.datetime(2026, 12, 1, 12, tzinfo=JAKARTA)
    assert claim.masked_name is None


def test_sign_booking_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    private_path, _ = make_keys(tmp_path, capsys)
    assert keys_cli.run(sign_args(private_path, "--slot", "8-10"), Settings(), MORNING) == 2
    assert "--slot" in capsys.readouterr().err
    assert keys_cli.run(sign_args(private_path, "--service", "ambil"), Settings(), MORNING) == 2
    assert "takes no bookings" in capsys.readouterr().err
    naive = sign_args(private_path, "--expires", "2026-12-01T12:00")
    assert keys_cli.run(naive, Settings(), MORNING) == 2
    assert "zone" in capsys.readouterr().err
    # Signing something already expired works (tests need it) but says so.
    past = sign_args(private_path, "--date", "2026-11-30")
    assert keys_cli.run(past, Settings(), MORNING) == 0
    assert "expired already" in capsys.readouterr().err
    unknown = sign_args(private_path, "--service", "PASPOR DIPLOMATIK")
    assert keys_cli.run(unknown, Settings(), MORNING) == 0
    assert "not mapped" in capsys.readouterr().err


def test_sign_booking_refuses_a_key_file_others_can_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private_path, _ = make_keys(tmp_path, capsys)
    private_path.chmod(0o644)
    assert keys_cli.run(sign_args(private_path), Settings(), MORNING) == 1
    assert "chmod 600" in capsys.readouterr().err
    private_path.chmod(0o600)
    private_path.write_text("garbage\n")
    assert keys_cli.run(sign_args(private_path), Settings(), MORNING) == 1
    assert "not a booking private key" in capsys.readouterr().err
    missing = sign_args(tmp_path / "nowhere.key")
    assert keys_cli.run(missing, Settings(), MORNING) == 1
    assert "nowhere.key" in capsys.readouterr().err
