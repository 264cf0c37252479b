"""What keeps the public pages safe: the security headers (a strict content security
policy), form tokens against cross-site posts, and per-address limits on form posts.

Form tokens: a random cookie (``SameSite=Strict``, ``HttpOnly``) and, in the form, its
HMAC under the server's key. Another site can make a browser post, but cannot read the
cookie to compute the field, and the cookie is not sent on a cross-site post anyway.

Rate limits count posts per client address (``request.client.host``; behind the reverse
proxy uvicorn takes it from ``X-Forwarded-For`` of the trusted proxy only,
``--forwarded-allow-ips``) in a sliding window, in this process's memory: with several
workers each keeps its own count, so the effective limit is at most workers × the setting.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
CSRF_COOKIE = "loket_form"


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class FormTokens:
    def __init__(self, key: bytes) -> None:
        self._key = hashlib.sha256(b"loket-form|" + key).digest()

    def cookie_of(self, request: Request) -> tuple[str, bool]:
        """The browser's form cookie, or a new one (True: set it on the response)."""
        value = request.cookies.get(CSRF_COOKIE, "")
        if len(value) == 32 and value.isalnum():
            return value, False
        return secrets.token_hex(16), True

    def field_for(self, cookie: str) -> str:
        return hmac.new(self._key, cookie.encode(), hashlib.sha256).hexdigest()[:32]

    def valid(self, request: Request, field: str) -> bool:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not field:
            return False
        origin = request.headers.get("origin")
        if origin and origin != "null":
            host = request.headers.get("host", "")
            if origin.split("://", 1)[-1] != host:
                return False
        return hmac.compare_digest(field, self.field_for(cookie))


class RateLimit:
    """At most ``limit`` events per ``window`` seconds per key."""

    def __init__(self, limit: int, window: float = 600.0, max_keys: int = 50_000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        times = self._seen.get(key)
        if times is None:
            if len(self._seen) >= self.max_keys:
                self._forget(now)
            times = self._seen[key] = deque()
        while times and now - times[0] > self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def _forget(self, now: float) -> None:
        for key in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window]:
            del self._seen[key]
        if len(self._seen) >= self.max_keys:
            self._seen.clear()
