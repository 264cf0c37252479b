"""``loket-db backup`` and ``loket-db restore``: copies of the queue database, their
retention and second copy, and the restore drill (``restore --check``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from config.settings import Settings
from db.context import Actor
from db.io.backup import (
    BackupError,
    backup,
    backup_into,
    check_backup,
    copy_backup,
    prune_backups,
    restore,
)
from db.migrate import open_queue, upgrade
from db.ops.backups import record_backup

COMMANDS = ("backup", "restore")


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Sequence[argparse.ArgumentParser],
) -> None:
    """Add ``backup`` and ``restore`` to ``loket-db``'s sub-parsers."""
    p = sub.add_parser(
        "backup", parents=list(common), help="copy the database to a file or into a folder"
    )
    p.add_argument(
        "dest",
        help="a new file, or a folder: the backup is then named loket-YYYYMMDD-HHMMSS.backup",
    )
    p.add_argument(
        "--keep-days",
        type=int,
        metavar="N",
        help="with a folder: delete its backups older than N days (and anything they left)",
    )
    p.add_argument(
        "--copy-to",
        metavar="PLACE",
        help="also copy the backup to a folder (a second disk, a mounted share) or an rsync "
        "target host:folder; a failed copy is reported on the console's devices page",
    )
    p = sub.add_parser("restore", parents=list(common), help="replace the database by a backup")
    p.add_argument("src", help="a file written by `loket-db backup`")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--yes", action="store_true", help="confirm: the current contents are lost")
    what.add_argument(
        "--check",
        action="store_true",
        help="restore into a throwaway database and report what the backup holds; the live "
        "database is not touched",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "backup":
        return _backup(args, settings)
    return _restore(args, settings)


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.database_url
    dest = Path(args.dest)
    now = dt.datetime.now(settings.office.tz)
    into_folder = dest.is_dir()
    if args.keep_days is not None and (not into_folder or args.keep_days < 1):
        raise BackupError("--keep-days needs a folder as the destination and at least 1 day")
    written = backup_into(url, dest, now) if into_folder else backup(url, dest)
    print(f"backup written: {written}")
    pruned: list[Path] = []
    if into_folder and args.keep_days:
        pruned = prune_backups(dest, args.keep_days, now)
    copied_to, copy_error = "", ""
    if args.copy_to:
        try:
            copied_to = str(copy_backup(written, args.copy_to))
            print(f"copied to: {copied_to}")
            copy_folder = Path(args.copy_to)
            if args.keep_days and copy_folder.is_dir():
                pruned += prune_backups(copy_folder, args.keep_days, now)
        except BackupError as exc:
            copy_error = str(exc)
    for path in pruned:
        print(f"deleted (older than {args.keep_days} days): {path}")
    _record(settings, written, copied_to, copy_error, len(pruned))
    if copy_error:
        print(f"loket-db: the backup is written, but {copy_error}", file=sys.stderr)
        return 1
    return 0


def _record(
    settings: Settings, written: Path, copied_to: str, copy_error: str, pruned: int
) -> None:
    """The backup in the audit log, for the devices page. A backup is kept even when the
    record cannot be written (the message says so)."""
    try:
        ctx = open_queue(settings)
        try:
            record_backup(
                ctx,
                Actor.system(),
                written.name,
                written.stat().st_size,
                copied_to=copied_to,
                copy_error=copy_error,
                pruned=pruned,
            )
        finally:
            ctx.db.dispose()
    except Exception as exc:  # the backup itself is done and kept
        print(f"loket-db: the backup was not recorded in the database: {exc}", file=sys.stderr)


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    if args.check:
        report = check_backup(settings.database_url, args.src, settings.office.code)
        print(f"restore check passed: {report.summary()}")
        return 0
    if not args.yes:
        raise BackupError(
            "restore replaces the whole database: stop the apps, then add --yes "
            "(or --check to only test the backup)"
        )
    safety = restore(settings.database_url, args.src, settings.office.code)
    if safety is not None:
        print(f"the database as it was is kept in {safety}")
    from db.engine import Database

    db = Database(settings.database_url, settings.database)
    try:
        _before, after = upgrade(db)
    finally:
        db.dispose()
    print(f"restored from {args.src} (schema {after})")
    return 0
