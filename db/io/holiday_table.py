"""The public holidays of a country and year (the ``holidays`` package), kept in a small
file per country, year and package version in the user's cache folder.

``holidays`` loads the modules of all its 250 countries to answer for one (about 80 ms),
and the office calendar needs the table before an app's first screen; a stored table is
read in well under a millisecond. The ``holidays`` release is part of the file's name, so
an upgrade that corrects a date is used at once. A file that cannot be read or written is
no error: the table is then computed, as without the file.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import tempfile
from pathlib import Path

LANGUAGE = "id"


def cache_folder() -> Path:
    import platformdirs

    version = importlib.metadata.version("holidays")
    return Path(platformdirs.user_cache_dir("loket", "loket")) / f"holidays-{version}"


def holiday_table(country: str, year: int, folder: Path | None = None) -> dict[dt.date, str]:
    """``{date: name}`` of ``country``'s public holidays in ``year``, names in Indonesian."""
    try:
        path = (folder or cache_folder()) / f"{country}-{year}-{LANGUAGE}.json"
    except importlib.metadata.PackageNotFoundError:
        path = None
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return {dt.date.fromisoformat(day): str(name) for day, name in stored.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            pass
    import holidays

    table = dict(holidays.country_holidays(country, years=year, language=LANGUAGE))
    if path is not None:
        _store(path, {day.isoformat(): name for day, name in table.items()})
    return table


def _store(path: Path, data: dict[str, str]) -> None:
    """Write ``data`` whole or not at all (another app may read the file meanwhile)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, sort_keys=True)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass
