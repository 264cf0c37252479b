"""Input no office could mean is refused in one line: absurd settings, a huge field, a
number thousands of digits long, a full disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from config.loader import describe_validation_error
from config.settings import Settings
from tests.conftest import always_open_toml, env_without_loket

ROOT = Path(__file__).resolve().parents[1]


def _settings(**changes: object) -> Settings:
    return Settings.model_validate({**Settings().model_dump(), **changes})


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"call_policy": {"name": "ratio", "ratio_priority": 10**20}}, "ratio_priority"),
        ({"call_policy": {"max_priority_in_row": 10**20}}, "max_priority_in_row"),
        ({"call_policy": {"max_wait_minutes": 10**20}}, "max_wait_minutes"),
        ({"call_policy": {"weights": {"walk_in": float("nan")}}}, "weights"),
        ({"call_policy": {"weights": {"walk_in": float("inf")}}}, "weights"),
    ],
)
def test_absurd_numbers_are_refused(changes: dict[str, object], key: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _settings(**changes)
    assert key in str(refused.value)


def test_a_counter_name_longer_than_the_database_keeps_is_refused() -> None:
    counters = Settings().model_dump()["counters"]
    counters[0]["name"] = "L" * 81
    with pytest.raises(ValidationError, match="at most 80 characters"):
        _settings(counters=counters)
    counters[0]["name"] = "L" * 80
    assert _settings(counters=counters).counters[0].name == "L" * 80


def test_a_huge_value_gives_a_short_message() -> None:
    with pytest.raises(ValidationError) as refused:
        _settings(kiosk_id="k" * 1_000_000)
    message = describe_validation_error(refused.value, "loket.toml")
    assert "kiosk_id" in message and "1000000 characters" in message
    assert len(message) < 400


def _loket_db(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "loket.toml"
    config.write_text(always_open_toml(f"sqlite:///{tmp_path / 'q.sqlite3'}"), encoding="utf-8")
    env = env_without_loket()
    env["PYTHONPATH"] = str(ROOT)
    env["LOKET_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run(
        [sys.executable, "-m", "db", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_a_json_import_with_a_5000_digit_number_is_one_line(tmp_path: Path) -> None:
    export = tmp_path / "bookings.json"
    export.write_text('{"bookings": [{"KODE_BOOKING": ' + "9" * 5000 + "}]}", encoding="utf-8")
    result = _loket_db(tmp_path, "import-bookings", str(export))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and len(result.stderr) < 600, result.stderr
