"""The announcer's words: numbers, letters and counter names as a speech engine reads them."""

from __future__ import annotations

import re

import pytest

from display.dates import date_id, datetime_id, time_id
from tests.conftest import MORNING
from ui.speech_text import (
    LETTERS_ID,
    call_text_en,
    call_text_id,
    call_texts,
    number_words,
    spell_letters,
    spoken_name,
    spoken_ticket,
)


def test_the_call_as_the_office_says_it() -> None:
    assert call_text_id("A-023", "Loket 3") == (
        "Nomor antrean A dua puluh tiga, silakan menuju loket tiga"
    )
    assert call_text_en("A-023", "Loket 3") == (
        "Number Ay twenty-three, please go to counter three"
    )


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "satu"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (23, "dua puluh tiga"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (210, "dua ratus sepuluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
    ],
)
def test_numbers_in_indonesian_words(n: int, words: str) -> None:
    assert number_words(n) == words
    assert spoken_ticket(f"A-{n:03d}") == f"A {words}"


def test_every_ticket_number_1_to_999_is_words_only() -> None:
    seen = set()
    for n in range(1, 1000):
        text = call_text_id(f"B-{n:03d}", "Loket 2")
        assert not re.search(r"\d", text), text
        assert text.startswith("Nomor antrean Be ") and text.endswith(", silakan menuju loket dua")
        english = call_text_en(f"B-{n:03d}", "Loket 2")
        assert not re.search(r"\d", english), english
        seen.add(text)
    assert len(seen) == 999  # no two numbers sound the same


def test_leading_zeros_are_not_spoken() -> None:
    assert spoken_ticket("C-007") == "Ce tujuh"
    assert spoken_ticket("C-007", "en") == "See seven"


def test_letters_by_their_indonesian_names() -> None:
    assert len(LETTERS_ID) == 26
    assert spell_letters("ABCD") == "A Be Ce De"
    assert spell_letters("QVWXYZ") == "Ki Fe We Eks Ye Zet"
    assert spoken_ticket("P-004") == "Pe empat"
    assert spoken_ticket("AB-12") == "A Be dua belas"
    assert spoken_ticket("vip-3") == "Fe I Pe tiga"


def test_counter_names_with_numbers_spoken() -> None:
    assert spoken_name("Loket 3") == "loket tiga"
    assert spoken_name("Loket 12") == "loket dua belas"
    assert spoken_name("Loket Prioritas") == "loket prioritas"
    assert spoken_name("Loket 2B") == "loket dua Be"
    assert spoken_name("Loket 3", "en") == "counter three"
    assert call_text_en("D-001", "Loket Prioritas") == (
        "Number Dee one, please go to counter prioritas"
    )
    assert call_text_en("D-001", "Meja 4") == "Number Dee one, please go to counter meja four"


def test_english_only_when_enabled() -> None:
    assert len(call_texts("A-001", "Loket 1", english=False)) == 1
    indonesian, english = call_texts("A-001", "Loket 1", english=True)
    assert indonesian.startswith("Nomor antrean") and english.startswith("Number")


def test_date_and_time_in_indonesian() -> None:
    assert datetime_id(MORNING) == "Selasa, 1 Desember 2026 09.00"
    assert date_id(MORNING.date().replace(day=6)) == "Minggu, 6 Desember 2026"
    assert date_id(MORNING.date().replace(month=8, day=17)) == "Senin, 17 Agustus 2026"
    assert time_id(MORNING.replace(hour=14, minute=5)) == "14.05"
