from __future__ import annotations

from pathlib import Path

from db.rules.privacy import hash_nik, mask_name


def test_mask_name_shows_enough_to_recognise_not_to_identify() -> None:
    assert mask_name("BUDI SANTOSO") == "BUD*** S***"
    assert mask_name("  siti   nur haliza ") == "sit*** n*** h***"
    assert mask_name("AN") == "AN***"
    assert mask_name("") is None
    assert mask_name(None) is None
    assert mask_name("AL*** S***") == "AL*** S***"


def test_nik_hash_is_keyed_by_a_file_outside_the_database(tmp_path: Path) -> None:
    import hashlib
    import os
    import stat

    from db.io.office_keys import key_path

    nik = "3174181590830615"
    first = hash_nik(nik, "JKS")
    path = key_path("nik")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # Knowing the office code and trying NIKs no longer finds it: the old unkeyed hash
    # (sha256 of "JKS:NIK") is not what is stored.
    assert first != hashlib.sha256(f"JKS:{nik}".encode()).hexdigest()
    # Another office's key (another file) gives another hash.
    path.rename(tmp_path / "old.key")
    assert hash_nik(nik, "JKS") != first


def test_nik_hash_is_stable_and_salted() -> None:
    nik = "3174181590830615"
    assert hash_nik(nik, "JKS") == hash_nik(f" {nik} ", "JKS")
    assert hash_nik(nik, "JKS") != hash_nik(nik, "BGR")
    assert nik not in hash_nik(nik, "JKS")
