"""`loket-db status` and `loket-db audit` only look: they answer while another program
holds the write lock (before, opening the queue wrote and they waited, then failed busy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from config import load_settings
from db.migrate import open_queue
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, always_open_toml, env_without_loket
from tests.fault_workers import LockHolder

ROOT = Path(__file__).resolve().parents[1]


def test_status_and_audit_answer_while_the_write_lock_is_held(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    config = tmp_path / "loket.toml"
    config.write_text(always_open_toml(f"sqlite:///{path}"), encoding="utf-8")
    env = env_without_loket()
    env["PYTHONPATH"] = str(ROOT)
    env["LOKET_DATA_DIR"] = str(tmp_path / "data")
    ctx = open_queue(load_settings(config))
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    ctx.db.dispose()
    holder = LockHolder(path, 120)
    try:
        for command in (["status"], ["audit", "verify"]):
            result = subprocess.run(
                [sys.executable, "-m", "db", *command, "--config", str(config)],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=110,
            )
            assert result.returncode == 0, result.stderr
            assert holder.proc.poll() is None  # the lock was held all along
        assert "audit log intact" in result.stdout
    finally:
        holder.release()
        holder.stop()
