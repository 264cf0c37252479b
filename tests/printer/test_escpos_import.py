"""python-escpos' import-time side effects are undone (fresh interpreters, as an app starts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import logging, os, tempfile
temp_dirs = set(os.listdir(tempfile.gettempdir()))
import printer.layout
import escpos.capabilities as caps
print(len(logging.getLogger().handlers))
print(caps.pickle_dir)
print(sorted(set(os.listdir(tempfile.gettempdir())) - temp_dirs))
"""


def probe(tmp_path: Path, code: str = PROBE) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warnings, no log lines
    return done.stdout.splitlines()


def test_no_root_handler_stable_pickle_dir_and_no_temp_dir(tmp_path: Path) -> None:
    handlers, pickle_dir, new_temp = probe(tmp_path)
    assert handlers == "0"  # logging.basicConfig() was undone
    assert Path(pickle_dir).parent == tmp_path / "cache" / "loket"
    assert new_temp == "[]"  # no mkdtemp() per process
    pickles = list(Path(pickle_dir).glob("*.capabilities.pickle"))
    assert len(pickles) == 1
    first_mtime = pickles[0].stat().st_mtime_ns
    assert probe(tmp_path)[1] == pickle_dir  # the next start reuses it ...
    assert pickles[0].stat().st_mtime_ns == first_mtime  # ... without rewriting it


def test_an_existing_root_handler_is_kept(tmp_path: Path) -> None:
    code = (
        "import logging; logging.getLogger().addHandler(logging.NullHandler())\n"
        "import printer.layout\nprint(logging.getLogger().handlers)"
    )
    assert probe(tmp_path, code) == ["[<NullHandler (NOTSET)>]"]


def test_escpos_is_loaded_on_the_first_print_not_with_the_package(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from printer import PrinterStatus, TicketPrint, read_status, send_ticket\n"
        "from printer.service import open_connection\n"
        "print('escpos' in sys.modules, 'qrcode' in sys.modules, 'PIL' in sys.modules)\n"
        "import printer\n"
        "print(sorted(n for n in printer.__all__ if not hasattr(printer, n)))\n"
        "import printer.layout\n"
        "print('escpos' in sys.modules)\n"
    )
    assert probe(tmp_path, code) == ["False False False", "[]", "True"]
