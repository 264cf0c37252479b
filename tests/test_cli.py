"""`loket-db` as an administrator runs it: a real process, a real settings file and
database, the office open whatever the date and time of the test run."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from db.migrate import head_revision
from tests.conftest import EXPORT_GENERATOR, always_open_toml, env_without_loket


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "loket.toml"
    path.write_text(always_open_toml(f"sqlite:///{tmp_path / 'cli.sqlite3'}"), encoding="utf-8")
    return path


def loket_db(
    *args: str, config: Path | None = None, stdin: str = ""
) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "db", *args]
    if config is not None:
        cmd += ["--config", str(config)]
    env = env_without_loket()
    env["LOKET_DATA_DIR"] = str(config.parent / "data") if config else "/nonexistent"
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, env=env, timeout=60)


def test_init_then_upgrade(config: Path) -> None:
    first = loket_db("init", config=config)
    assert first.returncode == 0, first.stderr
    assert f"schema empty -> {head_revision()}" in first.stdout
    again = loket_db("upgrade", config=config)
    assert "up to date" in again.stdout


def test_issue_call_status_round_trip(config: Path) -> None:
    issued = loket_db("issue", "--service", "baru", "--channel", "walk_in", "--json", config=config)
    assert issued.returncode == 0, issued.stderr
    ticket = json.loads(issued.stdout)
    assert ticket["number"] == "A-001"
    assert {"id", "number", "service", "channel", "people_ahead", "estimated_wait_minutes"} <= set(
        ticket
    )
    second = loket_db(
        "issue", "--service", "baru", "--channel", "priority", "--reason", "elderly", config=config
    )
    assert second.stdout.strip() == "A-002"
    status = json.loads(loket_db("status", "--json", config=config).stdout)
    assert status["waiting"]["baru"] == {"walk_in": 1, "priority": 1}
    assert status["issued"] == 2
    called = json.loads(loket_db("call", "--counter", "1", "--json", config=config).stdout)
    assert called["number"] == "A-002"  # the elderly applicant first
    assert called["counter"] == 1
    text = loket_db("status", config=config).stdout
    assert "waiting    1" in text and "in service 1" in text


def test_import_check_in_and_rejection(config: Path, tmp_path: Path) -> None:
    today = dt.date.today()
    export = tmp_path / f"antrean_JKS_{today:%Y%m%d}.csv"
    subprocess.run(
        [
            sys.executable,
            str(EXPORT_GENERATOR),
            str(export),
            today.isoformat(),
            "30",
        ],
        check=True,
    )
    first = loket_db("import-bookings", str(export), "--json", config=config)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["imported"] == 30 and report["rejected"] == []
    again = json.loads(loket_db("import-bookings", str(export), "--json", config=config).stdout)
    assert (again["imported"], again["updated"], again["unchanged"]) == (0, 0, 30)
    unknown = loket_db("check-in", "MP261201JKS99999", "--json", config=config)
    assert unknown.returncode == 1
    assert json.loads(unknown.stdout)["rejected"] == "unknown"
    plain = loket_db("check-in", "not a code!", config=config)
    assert plain.returncode == 1
    assert plain.stderr.startswith("loket-db: ") and "Traceback" not in plain.stderr


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("issue", "--service", "nope", "--channel", "walk_in"), 1, "Unknown service 'nope'"),
        (("issue", "--service", "baru", "--channel", "priority"), 1, "needs a reason"),
        (("call", "--counter", "99"), 1, "no counter 99"),
        (("import-bookings", "/no/such/file.csv"), 1, "No such file"),
        (("issue", "--service", "baru"), 2, "--channel"),
    ],
)
def test_failures_are_one_clear_line(
    config: Path, args: tuple[str, ...], code: int, fragment: str
) -> None:
    result = loket_db(*args, config=config)
    assert result.returncode == code
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_settings_file_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[office]\ncode = 12\n", encoding="utf-8")
    result = loket_db("status", config=bad)
    assert result.returncode == 3
    assert f"{bad}: invalid settings" in result.stderr
    assert "office.code" in result.stderr


def test_add_officer_from_stdin(config: Path) -> None:
    ok = loket_db(
        "add-officer",
        "sari",
        "--role",
        "supervisor",
        "--password-stdin",
        config=config,
        stdin="kata-sandi-panjang\n",
    )
    assert ok.returncode == 0, ok.stderr
    dup = loket_db(
        "add-officer",
        "sari",
        "--role",
        "officer",
        "--password-stdin",
        config=config,
        stdin="kata-sandi-panjang\n",
    )
    assert dup.returncode == 1 and "already exists" in dup.stderr
    short = loket_db(
        "add-officer", "budi", "--role", "officer", "--password-stdin", config=config, stdin="123\n"
    )
    assert short.returncode == 1 and "at least 8" in short.stderr


def test_backup_and_restore_commands(config: Path, tmp_path: Path) -> None:
    loket_db("issue", "--service", "baru", "--channel", "walk_in", config=config)
    dest = tmp_path / "nightly.backup"
    made = loket_db("backup", str(dest), config=config)
    assert made.returncode == 0, made.stderr
    assert dest.exists()
    loket_db("issue", "--service", "baru", "--channel", "walk_in", config=config)
    refused = loket_db("restore", str(dest), config=config)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    done = loket_db("restore", str(dest), "--yes", config=config)
    assert done.returncode == 0, done.stderr
    status = json.loads(loket_db("status", "--json", config=config).stdout)
    assert status["issued"] == 1
    again = loket_db("backup", str(dest), config=config)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_audit_verify_and_purge_commands(config: Path) -> None:
    loket_db("issue", "--service", "baru", "--channel", "walk_in", config=config)
    ok = loket_db("audit", "verify", config=config)
    assert ok.returncode == 0 and "audit log intact" in ok.stdout
    db_file = config.parent / "cli.sqlite3"
    import sqlite3

    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE audit_log SET detail = '{}' WHERE id = 1")
    conn.commit()
    conn.close()
    bad = loket_db("audit", "verify", config=config)
    assert bad.returncode == 1 and "record 1 (issue_ticket A-001) was changed" in bad.stderr
    purge = loket_db("purge", config=config)
    assert purge.returncode == 0 and "personal data removed from 0 bookings" in purge.stdout


def test_a_full_disk_is_one_line_naming_the_free_space(config: Path) -> None:
    import resource
    import signal

    assert (
        loket_db("issue", "--service", "baru", "--channel", "walk_in", config=config).returncode
        == 0
    )

    def no_room() -> None:  # the process may not grow any file past 4 KiB, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = env_without_loket()
    env["LOKET_DATA_DIR"] = str(config.parent / "data")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "db",
            "issue",
            "--service",
            "baru",
            "--channel",
            "walk_in",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        preexec_fn=no_room,
    )
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "the disk may be full or failing (free: " in lines[0]
    assert f"MB on {config.parent})" in lines[0]
    status = loket_db("status", "--json", config=config)
    assert json.loads(status.stdout)["issued"] == 1  # nothing half-written
