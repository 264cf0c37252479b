"""The stored holiday table (db/io/holiday_table.py): the same dates and names as the
``holidays`` package, read without importing it, and never an error when the file is bad."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import holidays

from db.io.holiday_table import holiday_table

ROOT = Path(__file__).resolve().parents[1]


def test_the_stored_table_is_the_packages_own(tmp_path: Path) -> None:
    expected = dict(holidays.country_holidays("ID", years=2026, language="id"))
    assert holiday_table("ID", 2026, tmp_path) == expected  # computed, then stored
    assert (tmp_path / "ID-2026-id.json").exists()
    assert holiday_table("ID", 2026, tmp_path) == expected  # read back
    assert expected[dt.date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"


def test_a_stored_table_is_read_without_loading_the_holidays_package(tmp_path: Path) -> None:
    holiday_table("ID", 2027, tmp_path)
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from db.io.holiday_table import holiday_table\n"
        f"table = holiday_table('ID', 2027, Path({str(tmp_path)!r}))\n"
        "print(len(table), 'holidays' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out == [str(len(holidays.country_holidays("ID", years=2027))), "False"]


def test_a_damaged_file_is_computed_again_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "ID-2026-id.json"
    for damage in ('{"2026-13-45": "x"}', "[1, 2]", "not json at all", ""):
        path.write_text(damage, encoding="utf-8")
        table = holiday_table("ID", 2026, tmp_path)
        assert table == dict(holidays.country_holidays("ID", years=2026, language="id"))
        assert holiday_table("ID", 2026, tmp_path) == table
        assert path.read_text(encoding="utf-8").startswith('{"2026-01-01"')


def test_a_folder_that_cannot_be_written_still_gives_the_table(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    table = holiday_table("ID", 2026, blocked / "holidays")
    assert table == dict(holidays.country_holidays("ID", years=2026, language="id"))
