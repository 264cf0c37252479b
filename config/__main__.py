"""``python -m config [--config FILE] [--json] [--reference]``: check a settings file and show
what is in force (the file merged over the embedded defaults, and the environment's
overrides), or print the configuration reference (docs/configuration.md)."""

from __future__ import annotations

import argparse
import json
import sys

from config.loader import ConfigError, hide_password, load_settings, settings_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m config", description=__doc__)
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    parser.add_argument("--json", action="store_true", help="print every setting as JSON")
    parser.add_argument(
        "--reference", action="store_true", help="print the Markdown reference of every key"
    )
    args = parser.parse_args(argv)
    if args.reference:
        from config.reference import build_reference

        sys.stdout.write(build_reference())
        return 0
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 3
    if args.json:
        data = settings.model_dump(mode="json")
        data["database_url"] = hide_password(settings.database_url)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    source = settings_file(args.config)
    print(f"settings OK: {settings.office.name} ({settings.office.code})")
    print(f"  file:     {source if source is not None else 'none (embedded defaults)'}")
    print(f"  database: {hide_password(settings.database_url)}")
    print(f"  services: {', '.join(f'{s.code} ({s.prefix})' for s in settings.services)}")
    print(f"  counters: {', '.join(str(c.number) for c in settings.counters)}")
    print(f"  printer:  {settings.printer.kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
