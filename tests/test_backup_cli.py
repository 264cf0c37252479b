"""`loket-db backup` into a folder (dated names, retention, a second copy) and the restore
drill `loket-db restore --check`, as the nightly timer and an administrator run them: a real
process, a real settings file and database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config.loader import load_settings
from db.migrate import open_queue
from db.models import Ticket
from db.ops.issuing import issue_ticket
from db.read.dashboard import backup_status
from tests.conftest import KIOSK, always_open_toml, env_without_loket


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    path = tmp_path / "loket.toml"
    path.write_text(always_open_toml(db_url), encoding="utf-8")
    return path


def loket_db(config: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = env_without_loket()
    env["LOKET_DATA_DIR"] = str(config.parent / "data")
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "db", *args, "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def issue(config: Path, n: int) -> None:
    ctx = open_queue(load_settings(config))
    try:
        for _ in range(n):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
    finally:
        ctx.db.dispose()


def tickets_in(config: Path) -> int:
    ctx = open_queue(load_settings(config))
    try:
        with ctx.db.read() as s:
            return int(s.scalar(select(func.count(Ticket.id))) or 0)
    finally:
        ctx.db.dispose()


def test_nightly_backups_into_a_folder_are_unique_single_files(
    config: Path, tmp_path: Path
) -> None:
    issue(config, 3)
    folder = tmp_path / "backups"
    folder.mkdir()
    first = loket_db(config, "backup", str(folder))
    second = loket_db(config, "backup", str(folder))  # the same second: still a new file
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2
    assert all(n.startswith("loket-") and n.endswith(".backup") for n in names)
    # Nothing beside the backups: no -wal / -shm, no unfinished copy.
    assert not [n for n in os.listdir(folder) if n.endswith(("-wal", "-shm", ".partial"))]
    # The devices page knows of the last one.
    ctx = open_queue(load_settings(config))
    try:
        status = backup_status(ctx)
    finally:
        ctx.db.dispose()
    assert status.file in names
    assert status.size_bytes == (folder / status.file).stat().st_size
    assert status.alerts == []


@pytest.mark.both_databases
def test_retention_and_a_second_copy_keep_the_last_days_only(config: Path, tmp_path: Path) -> None:
    issue(config, 1)
    folder, second_disk = tmp_path / "backups", tmp_path / "usb"
    folder.mkdir()
    second_disk.mkdir()
    old_stamp = time.time() - 40 * 86400
    for place in (folder, second_disk):
        for name in ("loket-20261001-213000.backup", ".loket-20261001-213000.backup.partial"):
            (place / name).write_bytes(b"old")
            os.utime(place / name, (old_stamp, old_stamp))
    (folder / "notes.txt").write_text("not a backup")
    os.utime(folder / "notes.txt", (old_stamp, old_stamp))
    done = loket_db(
        config, "backup", str(folder), "--keep-days", "30", "--copy-to", str(second_disk)
    )
    assert done.returncode == 0, done.stderr
    made = [p for p in folder.iterdir() if p.name.startswith("loket-")]
    assert len(made) == 1 and made[0].stat().st_size > 1000
    assert sorted(p.name for p in folder.iterdir()) == sorted([made[0].name, "notes.txt"])
    copied = list(second_disk.iterdir())
    assert [p.name for p in copied] == [made[0].name]
    assert copied[0].read_bytes() == made[0].read_bytes()
    assert "deleted (older than 30 days)" in done.stdout


def test_a_failed_copy_keeps_the_backup_and_shows_on_the_devices_page(
    config: Path, tmp_path: Path
) -> None:
    issue(config, 1)
    folder = tmp_path / "backups"
    folder.mkdir()
    done = loket_db(config, "backup", str(folder), "--copy-to", str(tmp_path / "not-mounted"))
    assert done.returncode == 1
    assert "the backup is written, but copy to" in done.stderr
    assert "does not exist (not mounted?)" in done.stderr
    assert len(list(folder.iterdir())) == 1
    ctx = open_queue(load_settings(config))
    try:
        alerts = backup_status(ctx).alerts
    finally:
        ctx.db.dispose()
    assert len(alerts) == 1 and alerts[0].startswith("backup copy failed: copy to")


def test_a_copy_to_a_host_without_rsync_installed_is_a_failed_copy(
    config: Path, tmp_path: Path
) -> None:
    issue(config, 1)
    folder = tmp_path / "backups"
    folder.mkdir()
    nothing = tmp_path / "no-programs"
    nothing.mkdir()
    done = loket_db(
        config, "backup", str(folder), "--copy-to", "backuphost:/srv/loket", path=str(nothing)
    )
    assert done.returncode == 1
    assert "the backup is written, but copy to backuphost:/srv/loket failed: rsync is not " in (
        done.stderr
    )
    assert len(list(folder.iterdir())) == 1
    ctx = open_queue(load_settings(config))
    try:
        alerts = backup_status(ctx).alerts
    finally:
        ctx.db.dispose()
    assert alerts == ["backup copy failed: copy to backuphost:/srv/loket failed: rsync is not "
                      "installed (apt-get install rsync)"]  # fmt: skip


def test_keep_days_needs_a_folder(config: Path, tmp_path: Path) -> None:
    done = loket_db(config, "backup", str(tmp_path / "one.backup"), "--keep-days", "30")
    assert done.returncode == 1
    assert "--keep-days needs a folder" in done.stderr
    assert not (tmp_path / "one.backup").exists()


@pytest.mark.both_databases
def test_the_restore_drill_counts_the_backup_and_leaves_the_live_database(
    config: Path, owner_url: str, tmp_path: Path
) -> None:
    issue(config, 4)
    file = tmp_path / "drill.backup"
    assert loket_db(config, "backup", str(file)).returncode == 0
    issue(config, 2)  # the live database moves on
    # PostgreSQL: the scratch database is the owner's to make.
    as_owner = tmp_path / "owner.toml"
    as_owner.write_text(always_open_toml(owner_url), encoding="utf-8")
    checked = loket_db(as_owner, "restore", str(file), "--check")
    assert checked.returncode == 0, checked.stderr
    assert "restore check passed" in checked.stdout
    assert "4 tickets" in checked.stdout
    assert "newest business day" in checked.stdout
    assert tickets_in(config) == 6


def test_the_restore_drill_rejects_a_damaged_backup(config: Path, tmp_path: Path) -> None:
    issue(config, 1)
    file = tmp_path / "damaged.backup"
    assert loket_db(config, "backup", str(file)).returncode == 0
    data = bytearray(file.read_bytes())
    data[100:4000] = b"\xff" * 3900
    file.write_bytes(bytes(data))
    checked = loket_db(config, "restore", str(file), "--check")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert str(file) in checked.stderr
    assert tickets_in(config) == 1


def test_restore_without_a_choice_explains_both(config: Path, tmp_path: Path) -> None:
    file = tmp_path / "x.backup"
    file.write_bytes(b"")
    refused = loket_db(config, "restore", str(file))
    assert refused.returncode == 1
    assert "--yes" in refused.stderr and "--check" in refused.stderr
