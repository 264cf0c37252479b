"""Several PCs starting at once on an older database: one upgrades, the others wait for it
and find the schema current; none fails ("relation already exists")."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command

from db.engine import Database
from db.migrate import alembic_config, current_revision, head_revision

REPO = Path(__file__).resolve().parents[1]

# Each process waits for the same start file, then upgrades as an app starting would.
WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from db.engine import Database
    from db.migrate import upgrade
    go = Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.005)
    db = Database(sys.argv[1])
    try:
        before, after = upgrade(db)
    finally:
        db.dispose()
    print(before, after)
    """
)


@pytest.mark.both_databases
@pytest.mark.slow
def test_four_pcs_upgrade_an_older_database_at_once(empty_db_url: str, tmp_path: Path) -> None:
    # PostgreSQL: as the owner role, the one that may change the schema.
    db = Database(empty_db_url)
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    db.dispose()
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, empty_db_url, str(go)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0, 0, 0, 0], [err[-2000:] for _, err in results]
    befores = sorted(out.split()[0] for out, _ in results)
    head = head_revision()
    # Exactly one PC found the old schema and upgraded it; the others found it current.
    assert befores.count("0002") == 1, befores
    assert befores.count(head) == 3, befores
    db = Database(empty_db_url)
    assert current_revision(db) == head
    db.dispose()
