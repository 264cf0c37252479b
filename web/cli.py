"""``loket-web``: start the web service (uvicorn) on the settings in force.

    loket-web [--config FILE] [--host 127.0.0.1] [--port 8080] [--workers 1]
              [--forwarded-allow-ips 127.0.0.1]

It listens on the loopback address by default: the reverse proxy in front of it (Caddy,
nginx; see docs/web.md) does TLS and passes the client address in ``X-Forwarded-For``,
which uvicorn trusts from ``--forwarded-allow-ips`` only. Several workers share the port;
each keeps its own change watcher (one LISTEN connection per worker on PostgreSQL).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from starlette.applications import Starlette

from config import ConfigError, load_settings
from config.loader import ENV_CONFIG


def factory() -> Starlette:
    """The application for uvicorn's workers (settings from ``$LOKET_CONFIG``)."""
    from db.io.ticket_link import load_key
    from web.app import build

    settings = load_settings()
    return build(settings, load_key(settings))


def check(settings_path: str | None) -> str | None:
    """A plain message when the service cannot start (settings, key, schema), else None."""
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import Database
    from db.io.ticket_link import LinkKeyError, load_key
    from db.migrate import current_revision, head_revision

    try:
        settings = load_settings(settings_path)
    except ConfigError as exc:
        return str(exc)
    try:
        load_key(settings)
    except LinkKeyError as exc:
        return str(exc)
    db = Database(settings.database_url)
    try:
        if current_revision(db) != head_revision():
            return "The database schema is not up to date: run `loket-db upgrade`."
    except SQLAlchemyError as exc:
        return f"Cannot open the database: {getattr(exc, 'orig', exc)}"
    finally:
        db.dispose()
    return None


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    parser = argparse.ArgumentParser(prog="loket-web", description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="settings file (default: $LOKET_CONFIG or built-in)")
    parser.add_argument("--host", help="address to listen on (default: web.host)")
    parser.add_argument("--port", type=int, help="port (default: web.port)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="reverse proxies whose X-Forwarded-For is trusted (default 127.0.0.1)",
    )
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    if args.config:
        os.environ[ENV_CONFIG] = os.path.abspath(args.config)
    problem = check(args.config)
    if problem:
        print(f"loket-web: {problem}", file=sys.stderr)
        return 2
    settings = load_settings(args.config)
    uvicorn.run(
        "web.cli:factory",
        factory=True,
        host=args.host or settings.web.host,
        port=args.port or settings.web.port,
        workers=max(1, args.workers),
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        timeout_graceful_shutdown=3,
        server_header=False,
    )
    return 0
