from __future__ import annotations

from pathlib import Path

import pytest

from config import ConfigError, load_settings
from config.settings import Channel, Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "config" / "example.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "loket.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_embedded_defaults_describe_a_believable_office(tmp_path: Path) -> None:
    settings = load_settings()
    codes = [s.code for s in settings.services]
    assert codes == ["baru", "ganti", "ambil", "info"]
    assert settings.office.timezone == "Asia/Jakarta"
    assert any(c.channels == [Channel.PRIORITY, Channel.VIP] for c in settings.counters)
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'loket.sqlite3'}"
    assert settings.printer.kind == "virtual"


def test_example_file_loads_and_documents_every_key() -> None:
    settings = load_settings(EXAMPLE)
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in Settings.model_fields:
        if key != "kiosk_id":
            assert key in text, f"example.toml does not document {key}"
    assert settings.office.code == "JKS"
    assert settings.service("baru").quota[Channel.WALK_IN] == 40


def test_environment_chooses_file_and_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, '[office]\nname = "Kantor Imigrasi Bogor"\ncode = "BGR"\n')
    monkeypatch.setenv("LOKET_CONFIG", str(path))
    monkeypatch.setenv("LOKET_DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    settings = load_settings()
    assert settings.office.code == "BGR"
    assert settings.database_url == "sqlite:////tmp/elsewhere.sqlite3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[idle]\nkiosk_seconds = "long"\n', "idle.kiosk_seconds: Input should be a valid integer"),
        ("[office]\nnmae = 'x'\n", "office.nmae: unknown key"),
        (
            "[[services]]\ncode='a'\nprefix='A'\nname={id='a',en='a'}\nchannels=['walk_in']\n"
            "[[services]]\ncode='b'\nprefix='A'\nname={id='b',en='b'}\nchannels=['walk_in']\n"
            "[[counters]]\nnumber=1\nname='L1'\nservices=['a']\n",
            "services[1].prefix: 'A' is used twice",
        ),
        (
            "[[services]]\ncode='a'\nprefix='A'\nname={id='a',en='a'}\nchannels=['walk_in']\n"
            "quota={walk_in=-3}\n[[counters]]\nnumber=1\nname='L1'\nservices=['a']\n",
            "services[0].quota.walk_in: Input should be greater than or equal to 0",
        ),
        (
            "[[counters]]\nnumber=1\nname='L1'\nservices=['passport']\n",
            "counters[0].services: counter 1 serves unknown service 'passport'",
        ),
        ("[office\nname='x'\n", "not valid TOML"),
        ("[office]\ntimezone = 'Mars/Olympus'\n", "unknown time zone 'Mars/Olympus'"),
        (
            "[business_day.hours]\nmon = { open = '16:00:00', close = '08:00:00' }\n",
            "must be before closing time",
        ),
        ("[printer]\nkind = 'laser'\n", "printer.kind: Input should be"),
    ],
)
def test_bad_file_gives_one_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "Traceback" not in message


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="settings file not found"):
        load_settings(tmp_path / "nope.toml")


def test_python_m_config_checks_a_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import env_without_loket

    good = subprocess.run(
        [sys.executable, "-m", "config", "--config", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env_without_loket(),
    )
    assert good.returncode == 0 and "settings OK" in good.stdout
    bad = write(tmp_path, "[kiosk]\nticket_screen_seconds = 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "config", "--config", str(bad)],
        capture_output=True,
        text=True,
        env=env_without_loket(),
    )
    assert result.returncode == 3
    assert "kiosk.ticket_screen_seconds: Input should be greater than or equal to 3" in (
        result.stderr
    )
