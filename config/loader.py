"""Loading settings: a TOML file, else the embedded defaults; ``LOKET_DATABASE_URL``
overrides the database URL in both cases.

Which file: ``--config FILE``, else ``$LOKET_CONFIG``, else the PC's site file
(``/etc/loket/loket.toml``: every program and every user of the PC finds it with no
environment at all, so a console started from a desktop menu joins the same office queue as
the kiosk's service), else the user's own file (``~/.config/loket/loket.toml``), else the
embedded defaults (a SQLite file in the user's data folder: one PC alone).

Which database: ``$LOKET_DATABASE_URL``, else the file's ``database_url``, else the
``LOKET_DATABASE_URL=`` line of the PC's environment file (``/etc/loket/environment``, beside
the site file: the one the set-up script writes and the units read, so a console started
from a desktop menu and an administrator's ``loket-db`` reach the office's PostgreSQL as the
kiosk's service does), else the SQLite file in the user's data folder."""

from __future__ import annotations

import argparse
import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError

from config.settings import Settings

ENV_CONFIG = "LOKET_CONFIG"
ENV_DATABASE_URL = "LOKET_DATABASE_URL"
ENV_DATA_DIR = "LOKET_DATA_DIR"
# Where the site file is looked for; the variable exists for tests and unusual installs.
ENV_SITE_CONFIG = "LOKET_SITE_CONFIG"
SITE_CONFIG = Path("/etc/loket/loket.toml")


CONFIG_HELP = (
    "settings file (TOML); default $LOKET_CONFIG, else /etc/loket/loket.toml, else "
    "~/.config/loket/loket.toml, else the embedded defaults"
)


def add_config_option(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """``--config FILE`` on a command (``subcommand=False``) or on each of its sub-commands.

    On a sub-command the option has no default of its own, so ``loket-db --config F status``
    and ``loket-db status --config F`` mean the same: the file given in either place."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS if subcommand else None,
        help=CONFIG_HELP,
    )


class ConfigError(Exception):
    """A settings file that cannot be used; the message names the file, the key and why."""


def check_writable_folder(path: Path, what: str, remedy: str) -> Path:
    """``path``, created if missing; ``ConfigError`` (what, which path, what to do) when it
    cannot be created or written to."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"{what} {path} cannot be created ({reason}): {remedy}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"{what} {path} is not writable: {remedy}")
    return path


def data_dir() -> Path:
    """The folder for the SQLite file, the logs and the virtual printer's output."""
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir("loket", "loket"))
    return check_writable_folder(
        path, "the data folder", f"make it writable, or set {ENV_DATA_DIR} to a writable folder"
    )


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'loket.sqlite3'}"


def _key_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif parts:
            parts.append(f".{item}")
        else:
            parts.append(str(item))
    return "".join(parts)


def describe_validation_error(error: ValidationError, source: str) -> str:
    lines = [f"{source}: invalid settings"]
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and "[" in part))
        key = _key_path(loc)
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        given = item.get("input")
        if item["type"] not in ("extra_forbidden", "missing") and not isinstance(given, dict):
            shown = repr(given)
            if len(shown) > 60:  # a megabyte of input must not become a megabyte of message
                shown = f"{shown[:50]}... ({len(str(given))} characters)"
            message += f" (got {shown})"
        lines.append(f"  {key}: {message}" if key else f"  {message}")
    return "\n".join(lines)


def settings_from_mapping(data: dict[str, Any], source: str = "settings") -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc, source)) from None


def site_config_path() -> Path:
    return Path(os.environ.get(ENV_SITE_CONFIG) or SITE_CONFIG)


def site_environment_path() -> Path:
    """The PC's environment file, beside the site file: ``/etc/loket/environment``."""
    return site_config_path().with_name("environment")


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def site_database_url() -> str:
    """``LOKET_DATABASE_URL`` as the PC's environment file sets it (a systemd environment
    file: ``NAME=value`` lines, the value optionally quoted), or "" when there is no file or
    it sets none. A file this user may not read is an error, not a reason to run on a local
    file instead of the office's database."""
    path = site_environment_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise ConfigError(
            f"{path}: cannot read this PC's database URL ({reason}): add this user to the "
            "group of the file (loket), or set LOKET_DATABASE_URL"
        ) from None
    url = ""
    for line in text.splitlines():
        name, equals, value = line.strip().partition("=")
        if equals and name.strip() == ENV_DATABASE_URL:
            url = _unquoted(value.strip())
    return url


def user_config_path() -> Path:
    return platformdirs.user_config_path("loket", "loket") / "loket.toml"


def settings_file(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The settings file in force (see the module's docstring), or None for the defaults."""
    if path is not None:
        return Path(path)
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG])
    for candidate in (site_config_path(), user_config_path()):
        if candidate.is_file():
            return candidate
    return None


def database_label(url: str) -> str:
    """Which database, for people: ``PostgreSQL db.office:5432/loket`` or ``SQLite
    /var/lib/loket/loket.sqlite3``; never the password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or ':memory:'}"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    return f"PostgreSQL {where}"


def office_identity(settings: Settings) -> dict[str, str]:
    """Which office and which database an app runs on, as its heartbeat and its status line
    say it: ``{"office": "JKS", "database": "PostgreSQL db.office:5432/loket"}``."""
    return {"office": settings.office.code, "database": database_label(settings.database_url)}


def hide_password(url: str) -> str:
    """The URL as it may be printed or logged: a password shows as ``***``."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Settings from the file :func:`settings_file` finds, else the embedded defaults."""
    chosen = settings_file(path)
    if chosen is None:
        settings = Settings()
    else:
        file = Path(chosen)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{file}: settings file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read settings file ({exc})") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from None
        settings = settings_from_mapping(data, str(file))
    url = (
        os.environ.get(ENV_DATABASE_URL)
        or settings.database_url
        or site_database_url()
        or default_database_url()
    )
    return settings.model_copy(update={"database_url": url})
