"""One PC, two operating-system users: the kiosk runs as ``loket`` and an officer's console
is started from their desktop account. Both are in the ``loket`` group, which owns the data
folder (mode 2770); the database file is then made group-writable (0660) and both programs
use the same queue."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from db.engine import Database, sqlite_file_mode

REPO = Path(__file__).resolve().parents[1]
GROUP = 47_001  # the office's "loket" group
KIOSK_USER = 47_002
DESKTOP_USER = 47_003

ISSUE = """
import sys
from config.settings import Settings
from db.context import Actor
from db.migrate import open_queue
from db.models import Role
from db.ops.issuing import issue_ticket
week = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
data = Settings().model_dump()
data["business_day"].update(
    hours={d: {"open": "00:00:00", "close": "23:59:59"} for d in week}, public_holidays=False
)
data.update(database_url=sys.argv[1], walk_in_days=week)
settings = Settings.model_validate(data)
ctx = open_queue(settings)
print(issue_ticket(ctx, Actor(sys.argv[2], Role.KIOSK), "ambil", "walk_in").number)
ctx.db.dispose()
"""


def test_a_private_folder_keeps_the_database_to_its_owner(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    assert sqlite_file_mode(tmp_path) == 0o600
    db = Database(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    with db.engine.connect() as c:
        c.exec_driver_sql("CREATE TABLE t (x)")
    db.dispose()
    assert stat.S_IMODE((tmp_path / "q.sqlite3").stat().st_mode) == 0o600


def _as(uid: int, *args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["setpriv", f"--reuid={uid}", f"--regid={GROUP}", "--clear-groups", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
        env={
            **os.environ,
            "HOME": "/nonexistent",
            "PYTHONPATH": str(REPO),
            # The PC's data folder (/var/lib/loket): the database and the key files.
            **({"LOKET_DATA_DIR": str(data)} if data else {}),
        },
    )


def test_kiosk_and_desktop_console_share_one_database(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.fail("this test starts programs as two other users: run the tests as root (CI does)")
    readable = _as(KIOSK_USER, sys.executable, "-c", "import db.migrate")
    assert readable.returncode == 0, (
        "the project and its virtual environment must be readable by other users for this "
        f"test: {readable.stderr[-500:]}"
    )
    base = Path(tempfile.mkdtemp(prefix="loket-shared-"))
    try:
        base.chmod(0o755)
        folder = base / "lib"
        folder.mkdir()
        os.chown(folder, KIOSK_USER, GROUP)
        folder.chmod(0o2770)
        url = f"sqlite:///{folder / 'loket.sqlite3'}"
        kiosk = _as(KIOSK_USER, sys.executable, "-c", ISSUE, url, "kiosk-1", data=folder)
        assert kiosk.returncode == 0, kiosk.stderr[-2000:]
        console = _as(DESKTOP_USER, sys.executable, "-c", ISSUE, url, "desktop", data=folder)
        assert console.returncode == 0, console.stderr[-2000:]
        assert (kiosk.stdout.split()[-1], console.stdout.split()[-1]) == ("C-001", "C-002")
        for name in ("loket.sqlite3", "loket.sqlite3-wal", "loket.sqlite3-shm"):
            path = folder / name
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o660, name
                assert path.stat().st_gid == GROUP, name
        assert (folder / "loket.sqlite3").stat().st_uid == KIOSK_USER
        for key in ("audit.key", "nik.key"):
            assert stat.S_IMODE((folder / key).stat().st_mode) == 0o640, key
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)
