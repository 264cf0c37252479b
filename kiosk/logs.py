"""The kiosk's log: ``data_dir()/logs/kiosk.log`` (see ``ui.logs``), no personal data."""

from __future__ import annotations

import logging
from pathlib import Path

from ui import logs


def setup_logging(
    folder: Path | None = None,
    *,
    level: int = logging.INFO,
    to_stderr: bool = True,
    verbose: bool = False,
) -> Path:
    """The kiosk's rotating log file (and warnings on stderr); returns the file's path."""
    return logs.setup_logging("kiosk", folder, level=level, to_stderr=to_stderr, verbose=verbose)
