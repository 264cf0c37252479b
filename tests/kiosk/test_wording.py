"""The wording rules of docs/wording.md that a machine can check, over every Indonesian
text of the kiosk (kiosk/translations/kiosk_id.ts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.translations import finished_translations

TS = Path(__file__).resolve().parents[2] / "kiosk" / "translations" / "kiosk_id.ts"

# Words the applicant's screens do not use in Indonesian, and the word they use instead.
NOT_SAID = {
    r"\bantrian\b": "antrean",
    r"\bwalk-?in\b": "datang langsung",
    r"\bbooking\b": "pemesanan / memesan",
    r"\bsekitar 0 menit\b": "segera dipanggil",
}


@pytest.mark.parametrize("pattern", sorted(NOT_SAID))
def test_no_indonesian_kiosk_text_uses_the_word(pattern: str) -> None:
    texts = finished_translations(TS)
    assert len(texts) > 200  # the whole kiosk, not an empty file
    found = [t for t in texts.values() if re.search(pattern, t, re.IGNORECASE)]
    assert found == [], f"say {NOT_SAID[pattern]!r} instead: {found}"


def test_no_indonesian_kiosk_text_exclaims_except_to_thank() -> None:
    sentences = [
        sentence
        for text in finished_translations(TS).values()
        for sentence in re.split(r"(?<=[.!?])\s+", text)
    ]
    exclaiming = [s for s in sentences if "!" in s and not s.startswith("Terima kasih")]
    assert exclaiming == []
    assert any(s.startswith("Terima kasih") and s.endswith("!") for s in sentences)
