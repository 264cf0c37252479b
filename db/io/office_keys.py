"""Secret keys this PC keeps outside the queue database, in the data folder.

``audit.key`` seals the audit chain (HMAC-SHA256): whoever can write the database but does
not have the file cannot rewrite the chain so that it verifies. ``nik.key`` keys the hash of
national ID numbers so that they cannot be found by trying every plausible number. Each is
32 random bytes, created on first use readable by the owner only (0600). Every PC of an
office that shares one database needs the same files: copy them from the first PC (see
docs/deployment.md). Losing ``audit.key`` means the old chain can no longer be checked."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

_cache: dict[Path, bytes] = {}


class MissingKey(Exception):
    """A key file that must exist does not."""


_folders: dict[tuple[str | None, ...], Path] = {}


def key_path(name: str) -> Path:
    # The data folder is found (and checked writable) once per environment that names it;
    # the audit key is read on every queue change.
    where = tuple(os.environ.get(v) for v in ("LOKET_DATA_DIR", "XDG_DATA_HOME", "HOME"))
    folder = _folders.get(where)
    if folder is None or not folder.is_dir():
        from config.loader import data_dir

        folder = _folders[where] = data_dir()
    return folder / f"{name}.key"


def office_key(name: str, *, create: bool = True) -> bytes:
    """The key ``name`` (32 bytes), created 0600 when missing and ``create`` is true."""
    path = key_path(name)
    cached = _cache.get(path)
    if cached is not None and path.exists():
        return cached
    if not path.exists():
        if not create:
            raise MissingKey(
                f"the key file {path} is missing: copy it from the PC that made it (without it "
                "the check cannot be done)"
            )
        # The owner only; in a shared data folder (setgid, the office's "loket" group) the
        # group may read it too, as every program of the PC needs the same key.
        shared = path.parent.stat().st_mode & stat.S_ISGID
        mode = 0o640 if shared else 0o600
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
            os.fchmod(fd, mode)
        except FileExistsError:
            pass  # another program made it at the same moment
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32) + "\n")
                out.flush()
                os.fsync(out.fileno())
    text = path.read_text(encoding="ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise MissingKey(f"the key file {path} is damaged (expected 64 hexadecimal digits)")
    _cache[path] = key
    return key
