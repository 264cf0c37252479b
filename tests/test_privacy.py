from __future__ import annotations

from db.rules.privacy import hash_nik, mask_name


def test_mask_name_shows_enough_to_recognise_not_to_identify() -> None:
    assert mask_name("BUDI SANTOSO") == "BUD*** S***"
    assert mask_name("  siti   nur haliza ") == "sit*** n*** h***"
    assert mask_name("AN") == "AN***"
    assert mask_name("") is None
    assert mask_name(None) is None
    assert mask_name("AL*** S***") == "AL*** S***"


def test_nik_hash_is_stable_and_salted() -> None:
    nik = "3174181590830615"
    assert hash_nik(nik, "JKS") == hash_nik(f" {nik} ", "JKS")
    assert hash_nik(nik, "JKS") != hash_nik(nik, "BGR")
    assert nik not in hash_nik(nik, "JKS")
