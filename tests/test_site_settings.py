"""A PC belongs to an office by its site settings file, found with no environment at all:
a console started from a desktop menu joins the same queue as the kiosk's service, and a PC
whose site file names PostgreSQL never quietly falls back to a local file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.loader import (
    ConfigError,
    database_label,
    hide_password,
    load_settings,
    settings_file,
)

REPO = Path(__file__).resolve().parents[1]
OFFICE_DB = "postgresql+psycopg://loket_app:s3cret@127.0.0.1:9/loket?connect_timeout=2"


def _site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "etc" / "loket.toml"
    site.parent.mkdir(exist_ok=True)
    site.write_text(body)
    os.environ["LOKET_SITE_CONFIG"] = str(site)
    return site


def test_site_file_is_found_without_loket_config(tmp_path: Path) -> None:
    site = _site(tmp_path, f'database_url = "{OFFICE_DB}"\n[office]\ncode = "JKS"\n')
    assert settings_file() == site
    assert load_settings().database_url == OFFICE_DB


def test_command_line_and_environment_come_before_the_site_file(tmp_path: Path) -> None:
    _site(tmp_path, f'database_url = "{OFFICE_DB}"\n')
    mine = tmp_path / "mine.toml"
    mine.write_text('database_url = "sqlite:////tmp/mine.sqlite3"\n')
    assert settings_file(mine) == mine
    os.environ["LOKET_CONFIG"] = str(mine)
    try:
        assert load_settings().database_url == "sqlite:////tmp/mine.sqlite3"
    finally:
        del os.environ["LOKET_CONFIG"]


def test_user_file_only_when_there_is_no_site_file(tmp_path: Path) -> None:
    user = tmp_path / "user-config" / "loket" / "loket.toml"
    user.parent.mkdir(parents=True)
    user.write_text('database_url = "sqlite:////tmp/user.sqlite3"\n')
    assert settings_file() == user
    site = _site(tmp_path, f'database_url = "{OFFICE_DB}"\n')
    assert settings_file() == site


def test_database_shown_without_its_password() -> None:
    assert database_label(OFFICE_DB) == "PostgreSQL 127.0.0.1:9/loket"
    assert database_label("sqlite:////var/lib/loket/loket.sqlite3") == (
        "SQLite /var/lib/loket/loket.sqlite3"
    )
    assert "s3cret" not in hide_password(OFFICE_DB) and "***" in hide_password(OFFICE_DB)


def test_config_check_names_the_site_file_and_hides_the_password(tmp_path: Path) -> None:
    site = _site(tmp_path, f'database_url = "{OFFICE_DB}"\n')
    env = {k: v for k, v in os.environ.items() if k != "LOKET_CONFIG"}
    for args in ([], ["--json"]):
        shown = subprocess.run(
            [sys.executable, "-m", "config", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=180,
        )
        assert shown.returncode == 0, shown.stderr
        assert "s3cret" not in shown.stdout and "***" in shown.stdout
    assert str(site) in shown.stdout or "file:" not in shown.stdout


def test_an_office_database_out_of_reach_never_becomes_a_local_file(tmp_path: Path) -> None:
    _site(tmp_path, f'database_url = "{OFFICE_DB}"\n')
    env = {k: v for k, v in os.environ.items() if k != "LOKET_CONFIG"}
    status = subprocess.run(
        [sys.executable, "-m", "db", "status"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=180,
    )
    assert status.returncode != 0
    assert "127.0.0.1:9" in status.stderr and "s3cret" not in status.stderr
    data = Path(os.environ["LOKET_DATA_DIR"])
    assert not list(data.glob("*.sqlite3")) if data.exists() else True


def _environment(site: Path, body: str) -> Path:
    path = site.with_name("environment")
    path.write_text(body)
    return path


TLS_DB = (
    "postgresql+psycopg://loket_app:s3cret@db.office:5432/loket"
    "?sslmode=verify-full&sslrootcert=/etc/loket/office-ca.crt"
)


def test_the_pcs_environment_file_names_the_database_when_nothing_else_does(
    tmp_path: Path,
) -> None:
    """The file the set-up script writes and the units read: a console from the desktop
    menu and an administrator's `loket-db` find the office's database there too."""
    site = _site(tmp_path, '[office]\ncode = "JKS"\n')
    _environment(site, f"# written by postgres-setup.sh\nLOKET_DATABASE_URL='{TLS_DB}'\n")
    assert load_settings().database_url == TLS_DB
    _environment(site, f"LOKET_DATABASE_URL={OFFICE_DB}\n")
    assert load_settings().database_url == OFFICE_DB


def test_the_environment_and_a_named_database_come_before_the_environment_file(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, "")
    _environment(site, f"LOKET_DATABASE_URL={OFFICE_DB}\n")
    mine = tmp_path / "mine.toml"
    mine.write_text('database_url = "sqlite:////tmp/mine.sqlite3"\n')
    assert load_settings(mine).database_url == "sqlite:////tmp/mine.sqlite3"
    os.environ["LOKET_DATABASE_URL"] = "sqlite:////tmp/env.sqlite3"
    try:
        assert load_settings().database_url == "sqlite:////tmp/env.sqlite3"
    finally:
        del os.environ["LOKET_DATABASE_URL"]


def test_an_environment_file_that_cannot_be_read_is_an_error_not_a_local_file(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, "")
    site.with_name("environment").mkdir()  # unreadable as a file, even for root
    with pytest.raises(ConfigError, match="cannot read this PC's database URL"):
        load_settings()


def test_loket_db_as_the_service_user_reaches_the_database_of_the_environment_file(
    tmp_path: Path,
) -> None:
    """`sudo -u loket loket-db backup ...` in the guide: no environment, the PC's file."""
    site = _site(tmp_path, "")
    _environment(site, f"LOKET_DATABASE_URL='{OFFICE_DB}'\n")
    env = {k: v for k, v in os.environ.items() if k not in ("LOKET_CONFIG", "LOKET_DATABASE_URL")}
    status = subprocess.run(
        [sys.executable, "-m", "db", "backup", str(tmp_path / "one.backup")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=180,
    )
    assert status.returncode != 0
    assert "127.0.0.1" in status.stderr and "s3cret" not in status.stderr
    assert "sqlite" not in status.stderr.lower()
