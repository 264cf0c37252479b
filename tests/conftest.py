"""Shared fixtures: a real SQLite file per test, a settable clock, the embedded settings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# No display (a server, CI): Qt's offscreen platform, chosen before any QApplication exists.
# A developer with a display keeps theirs, or picks another with QT_QPA_PLATFORM.
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from config.settings import Settings
from db.clock import FixedClock
from db.context import Actor, QueueContext
from db.migrate import open_queue
from db.models import Role
from tests.postgres import (
    OWNER,
    PostgresServer,
    as_role,
    create_database,
    drop_database,
    ensure_roles,
    queue_database,
    queue_template,
)

JAKARTA = ZoneInfo("Asia/Jakarta")
# Tuesday 1 December 2026, 09:00 in Jakarta: an ordinary open day, the samples' date.
OPEN_DAY = dt.date(2026, 12, 1)
MORNING = dt.datetime(2026, 12, 1, 9, 0, tzinfo=JAKARTA)
# The booking export samples, their format description and their generator.
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EXPORT_GENERATOR = SAMPLES / "make_booking_export.py"

KIOSK = Actor.kiosk("kiosk-1")
OFFICER = Actor("budi", Role.OFFICER, None)
SUPERVISOR = Actor("sari", Role.SUPERVISOR, None)
ADMIN = Actor.system("admin-cli")


def pytest_sessionstart(session: pytest.Session) -> None:
    # Everything imported so far lives for the whole run: the collections after each test
    # (below) need not scan it again.
    gc.freeze()


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """A test's windows and workers often sit in reference cycles (signal connections,
    closures). Collect them here, on the main thread, as each test ends: left to a garbage
    collection that happens to run on a worker thread of a later test, a Qt object deleted
    there stops its timers from the wrong thread ("Timers cannot be stopped from another
    thread") or crashes the run. A failed test's frames, kept by pytest in
    ``sys.last_traceback``, are let go first."""
    yield
    if getattr(sys, "last_traceback", None) is not None:
        sys.last_type = sys.last_value = sys.last_traceback = None
        if hasattr(sys, "last_exc"):
            sys.last_exc = None
    gc.collect()


@pytest.fixture(autouse=True)
def _estimates_start_afresh() -> None:
    """The estimate keeps the rows it parsed and the history it learnt between calls, keyed
    by the queue: each test starts as a program just started (its database is new)."""
    from db.read import estimate

    estimate.forget()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may touch the real user data folder or a real config."""
    monkeypatch.setenv("LOKET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOKET_SITE_CONFIG", str(tmp_path / "no-site" / "loket.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.delenv("LOKET_CONFIG", raising=False)
    monkeypatch.delenv("LOKET_DATABASE_URL", raising=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "both_databases"
    ):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    given = os.environ.get("LOKET_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    server = PostgresServer()
    try:
        server.start()
        yield server.admin_url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_roles(postgres_admin_url: str) -> str:
    """The office's owner, app and web roles on the test server, made once (the admin URL)."""
    ensure_roles(postgres_admin_url)
    return postgres_admin_url


@pytest.fixture(scope="session")
def postgres_template(postgres_roles: str) -> Iterator[str]:
    """A queue database migrated by the owner role with the grants applied, made once: each
    test's database is a copy of it."""
    name = f"loket_template_{uuid.uuid4().hex[:12]}"
    queue_template(postgres_roles, name)
    yield name
    drop_database(postgres_roles, name)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """SQLite: a file not made yet. PostgreSQL: a migrated database of its own, as the app
    role, which has only the rights db/postgres_grants.sql gives it, as on every PC."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'queue.sqlite3'}"
        return
    admin = request.getfixturevalue("postgres_admin_url")
    template = request.getfixturevalue("postgres_template")
    name = f"loket_{uuid.uuid4().hex[:12]}"
    yield queue_database(admin, name, template)
    drop_database(admin, name)


@pytest.fixture
def owner_url(db_url: str) -> str:
    """The test's database as its owner role (SQLite: the same file), for what only the
    owner may do: restore a backup, change the schema, edit history by hand."""
    return as_role(db_url, OWNER)


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no tables yet, as its owner role (SQLite: a file not made yet)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'queue.sqlite3'}"
        return
    admin = request.getfixturevalue("postgres_roles")
    name = f"loket_{uuid.uuid4().hex[:12]}"
    yield create_database(admin, name)
    drop_database(admin, name)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


def make_settings(db_url: str, **changes: object) -> Settings:
    return Settings.model_validate({**Settings().model_dump(), "database_url": db_url, **changes})


def held_to_sessions(ctx: QueueContext) -> QueueContext:
    """The same queue with ``estimate.booking_waits_for_session`` set."""
    held = ctx.settings.estimate.model_copy(update={"booking_waits_for_session": True})
    return dataclasses.replace(ctx, settings=ctx.settings.model_copy(update={"estimate": held}))


@pytest.fixture
def settings(db_url: str) -> Settings:
    return make_settings(db_url)


@pytest.fixture
def ctx(settings: Settings, clock: FixedClock) -> Iterator[QueueContext]:
    queue = open_queue(settings, clock=clock)
    yield queue
    queue.db.dispose()


def booking_sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.fail(f"booking sample {path} is missing")
    return path


def always_open_toml(db_url: str) -> str:
    """A settings file for command-line tests that run whatever the real date and time."""
    days = "\n".join(
        f'{d} = {{ open = "00:00:00", close = "23:59:59" }}'
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    )
    return (
        f'database_url = "{db_url}"\n'
        'walk_in_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
        "[business_day]\npublic_holidays = false\nissue_from_minutes_before_open = 0\n"
        f"[business_day.hours]\n{days}\n"
    )


def env_without_loket() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LOKET_")}
