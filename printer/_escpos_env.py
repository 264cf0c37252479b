"""Neutralise python-escpos 3.1's import-time side effects; imported before escpos.

Every module of ours that imports escpos (``printer/layout.py``) imports this one before,
so it also holds when ``printer`` is loaded as a namespace package (a stale editable
install). python-escpos 3.1 has two side effects on import:

* ``escpos/capabilities.py`` calls ``logging.basicConfig()``, which adds a stderr handler
  to the root logger when it has none and so changes the logging of the whole app. We
  remove exactly the handlers that appeared during the import.
* it pickles its printer database to ``$ESCPOS_CAPABILITIES_PICKLE_DIR``, defaulting to a
  fresh ``mkdtemp()`` per process (a new temp dir left behind by every start, and a full
  YAML parse each time); and it calls that ``mkdtemp()`` even when the variable is set.
  We point the variable at a stable cache folder, write the pickle there ourselves,
  atomically (python-escpos writes it in place, so two processes starting together could
  read half a pickle), and answer its ``mkdtemp()`` call with that folder.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

_PICKLE_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
_CAPABILITIES_ENV = "ESCPOS_CAPABILITIES_FILE"


def _capabilities_file() -> Path | None:
    override = os.environ.get(_CAPABILITIES_ENV)
    if override:
        return Path(override)
    spec = importlib.util.find_spec("escpos")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "capabilities.json"


def _prime_capabilities_pickle(folder: Path) -> None:
    """Write python-escpos' capabilities pickle into ``folder`` unless a fresh one exists.

    python-escpos reloads the JSON (as YAML) when the JSON is newer than the pickle, so a
    pickle written now stays valid until python-escpos is reinstalled.
    """
    source = _capabilities_file()
    if source is None or not source.is_file():
        return
    target = folder / f"{platform.python_version()}.capabilities.pickle"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return
    import yaml  # a python-escpos dependency; it parses the file the same way

    with source.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not data:
        return  # let python-escpos report its broken install itself
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".capabilities-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(data, out, protocol=2)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stable_pickle_dir() -> str | None:
    """Our cache folder for the pickle, primed; None when it cannot be used."""
    try:
        import platformdirs
        import yaml

        version = importlib.metadata.version("python-escpos")
        folder = Path(platformdirs.user_cache_dir("loket", "loket")) / f"escpos-{version}"
        folder.mkdir(parents=True, exist_ok=True)
        _prime_capabilities_pickle(folder)
    except (OSError, ImportError, pickle.PickleError, yaml.YAMLError):
        return None  # python-escpos falls back to a temp dir, as it always did
    return str(folder)


def _prepare_escpos() -> None:
    if "escpos.capabilities" in sys.modules:
        return  # someone imported it before us; nothing left to prevent
    if not os.environ.get(_PICKLE_ENV):
        folder = _stable_pickle_dir()
        if folder is not None:
            os.environ[_PICKLE_ENV] = folder
    pickle_dir = os.environ.get(_PICKLE_ENV)
    # capabilities.py runs `environ.get(..., mkdtemp())`: the default is evaluated even
    # when the variable is set, leaving an empty temp dir behind per process. While it is
    # imported, its bare `mkdtemp()` call gets the (unused) configured folder instead.
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args: Any, **kwargs: Any) -> str:
        caller = sys._getframe(1).f_globals.get("__name__")
        if pickle_dir and not args and not kwargs and caller == "escpos.capabilities":
            return pickle_dir
        made: str = real_mkdtemp(*args, **kwargs)
        return made

    root = logging.getLogger()
    handlers_before = list(root.handlers)
    tempfile.mkdtemp = mkdtemp  # type: ignore[assignment]
    try:
        import escpos.capabilities  # noqa: F401  (the import is the point)
    finally:
        tempfile.mkdtemp = real_mkdtemp
        for handler in list(root.handlers):
            if handler not in handlers_before:
                root.removeHandler(handler)


_prepare_escpos()

# python-escpos, for the modules of this package: importing it from here keeps the order.
from escpos import capabilities  # noqa: E402
from escpos.constants import QR_ECLEVEL_M  # noqa: E402
from escpos.exceptions import Error as EscposError  # noqa: E402
from escpos.printer import Dummy  # noqa: E402

__all__ = ["QR_ECLEVEL_M", "Dummy", "EscposError", "capabilities"]
