"""Start Loket on this PC with the settings in force (the embedded defaults when there is no
settings file): the queue database is created or upgraded, and the kiosk starts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from config import ConfigError, load_settings
from db.migrate import SchemaError, open_queue


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_kiosk", description=__doc__)
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
        ctx = open_queue(settings)
    except (ConfigError, SchemaError) as exc:
        print(f"loket: {exc}", file=sys.stderr)
        return 3
    where = ctx.db.engine.url.render_as_string(hide_password=True)
    print(f"Loket queue database ready: {where}")
    print(f"Office: {settings.office.name} ({settings.office.code})")
    ctx.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
