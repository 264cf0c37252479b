"""The apps' logs: a rotating file per app under ``data_dir()/logs``, no personal data.

Everything from INFO up goes to the file; the terminal (stderr) gets warnings and errors
only, everything with ``--verbose``. The apps log ticket numbers, device states and errors,
never a scanned code, a booking code, a name or an ID number. As a second line of defence
``PrivacyFilter`` masks what looks like personal data in every record before it is written:
e-mail addresses, long digit runs (NIK, phone and passport numbers), and long token-like
strings (QR payloads).
"""

from __future__ import annotations

import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from config import check_writable_folder, data_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"(?<!\d)\+?\d(?:[ -]?\d){8,}(?!\d)"), "[number]"),
    # 24+ characters of base64/base32/hex without blanks: a token or a QR payload.
    (re.compile(r"(?<![\w/.])[A-Za-z0-9_+=-]{24,}"), "[token]"),
)


def scrub(text: str) -> str:
    """``text`` with e-mail addresses, long numbers and tokens masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PrivacyFilter(logging.Filter):
    """Masks personal-looking data in the message, its arguments and any traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        record.msg = scrub(message)
        record.args = None
        return True


def setup_logging(
    app: str,
    folder: Path | None = None,
    *,
    level: int = logging.INFO,
    to_stderr: bool = True,
    verbose: bool = False,
) -> Path:
    """Log to ``folder/<app>.log`` (default ``data_dir()/logs``), rotated at 1 MB, five old
    files kept, and warnings to stderr (all of ``level`` and up when ``verbose``); returns
    the file's path. Calling it again replaces the handlers it set."""
    folder = folder or data_dir() / "logs"
    check_writable_folder(folder, "the log folder", "make it writable")
    path = folder / f"{app}.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "loket_log", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [
        RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    ]
    if to_stderr:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(level if verbose else max(level, logging.WARNING))
        handlers.append(terminal)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(PrivacyFilter())
        handler.loket_log = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    return path
