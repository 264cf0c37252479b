"""``loket-web``: the web service for phones and TVs, an ASGI application (Starlette)
served by uvicorn. It reads the queue database the apps use, is woken by the same change
notifications (``web.hub``), and writes only through the queue operations (survey
answers, complaints). No Qt, no personal data on any page.

    /                 today: quotas left, opening hours, the information pages
    /faq/{key}        one information page (the kiosk's ``faq.toml``)
    /t/{link}         the live ticket page of a ticket's QR code (+ /events, /survey)
    /complaint        the problem report, with its receipt number
    /display          the browser calling display (+ /events, /audio/...)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import tomllib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from config.settings import Settings
from db.context import Actor, QueueContext
from db.io.ticket_link import LinkInvalid, TicketLink, read_link
from db.models import Role
from db.ops.feedback import FeedbackInvalid, SurveyRefused, file_complaint, submit_survey
from db.ops.issuing import quotas_today
from db.read.calling_display import DisplayScope, DisplayUpdate
from db.read.day_overrides import day_state
from db.read.ticket_progress import TicketProgress
from db.rules.feedback import ELEMENTS
from web import pages
from web.guard import CSRF_COOKIE, FormTokens, RateLimit, SecurityHeaders
from web.hub import Hub, Picture
from web.sound import CallSounds
from web.text import CATEGORIES, language_of, t

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
FAQ_DEFAULT = Path(__file__).resolve().parent.parent / "kiosk" / "content" / "faq.toml"
ACTOR = Actor("web", Role.KIOSK)  # a kiosk of its own: reports show answers given "web"
MAX_FORM_BYTES = 16_384
DISPLAY_KEY = ("", "display")
FIRST_PICTURE_S = 5.0


def html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers={"Cache-Control": "no-store"})


def plain(title_key: str, message_key: str, lang: str, status: int, **values: Any) -> HTMLResponse:
    return html(pages.plain_page(t(title_key, lang), t(message_key, lang, **values), lang), status)


def load_faq(settings: Settings, lang: str) -> list[dict[str, str]]:
    """The information pages in ``lang`` (key, title, text, url); [] when unreadable."""
    path = Path(settings.kiosk.faq_path) if settings.kiosk.faq_path else FAQ_DEFAULT
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        log.warning("information pages unreadable (%s): %s", path, exc)
        return []
    result = []
    for item in data.get("page", []):
        try:
            result.append(
                {
                    "key": str(item["key"]),
                    "title": str(item["title"][lang]),
                    "text": str(item["text"][lang]),
                    "url": str(item.get("url", "")),
                }
            )
        except (KeyError, TypeError):
            continue
    return result


class Web:
    """The routes, over one queue context, one hub and one link key."""

    def __init__(self, ctx: QueueContext, key: bytes, espeak: Any = None) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.key = key
        scope = DisplayScope.of(self.settings)
        self.hub = Hub(ctx, scope, self.settings.display.recent_calls)
        self.forms = FormTokens(key)
        self.limits = RateLimit(self.settings.web.form_posts_per_10_minutes)
        self.sounds = CallSounds(self.settings, espeak)

    # -- helpers ------------------------------------------------------------------------

    async def picture(self) -> Picture:
        if self.hub.picture.generation == 0:
            return await self.hub.wait_for_picture(0, FIRST_PICTURE_S)
        return self.hub.picture

    def link_of(self, request: Request) -> TicketLink:
        return read_link(self.key, self.settings.office.code, request.path_params["link"])

    async def ticket_or_page(self, request: Request, lang: str) -> tuple[TicketLink, Any]:
        """The link and the ticket's progress, or a plain page saying why not."""
        try:
            link = self.link_of(request)
        except LinkInvalid:
            return TicketLink("", dt.date.min), plain("not_found_title", "not_found", lang, 404)
        if link.day != self.ctx.today():
            return link, plain(
                "other_day_title", "other_day", lang, 410, day=f"{link.day:%d-%m-%Y}"
            )
        picture = await self.picture()
        progress = picture.tickets.get(link.token)
        if progress is None:
            # Issued a moment ago: the next picture has it.
            self.hub.poke()
            picture = await self.hub.wait_for_picture(picture.generation, 2.0)
            progress = picture.tickets.get(link.token)
        if progress is None:
            return link, plain("not_found_title", "not_found", lang, 404)
        return link, progress

    def with_cookie(self, response: Response, cookie: str, new: bool) -> Response:
        if new:
            response.set_cookie(
                CSRF_COOKIE, cookie, max_age=86_400, httponly=True, samesite="strict",
                secure=self.settings.web.public_url.startswith("https://"),
            )  # fmt: skip
        return response

    async def form(self, request: Request) -> dict[str, str] | None:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return None
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=40)
        except (UnicodeDecodeError, ValueError):
            return None
        return {k: v[0] for k, v in parsed.items()}

    def address(self, request: Request) -> str:
        return request.client.host if request.client else "unknown"

    # -- the ticket page ---------------------------------------------------------------

    async def ticket(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        _, found = await self.ticket_or_page(request, lang)
        if isinstance(found, Response):
            return found
        cookie, new = self.forms.cookie_of(request)
        text = pages.ticket_page(
            self.settings, request.path_params["link"], found, lang, self.forms.field_for(cookie)
        )
        return self.with_cookie(html(text), cookie, new)

    async def ticket_events(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        link, found = await self.ticket_or_page(request, lang)
        if isinstance(found, Response):
            return Response("", 204 if found.status_code == 410 else found.status_code)
        settings = self.settings

        async def stream() -> AsyncIterator[str]:
            yield "retry: 2000\n\n"
            generation = -1
            sent = ""
            key = (link.token, lang)
            while True:
                picture = await self.hub.wait_newer(max(generation, 0))
                if picture.generation == generation:
                    yield ": keep-alive\n\n"
                    continue
                generation = picture.generation
                progress = picture.tickets.get(link.token)
                if progress is None:  # a new business day: the ticket is gone
                    yield "event: gone\ndata: {}\n\n"
                    return
                text = picture.message(key, lambda p=progress: ticket_event(settings, p, lang))
                if text != sent:
                    sent = text
                    yield text

        return event_stream(stream())

    async def survey(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        if not self.limits.allow(self.address(request)):
            return plain("error_title", "too_many", lang, 429)
        fields = await self.form(request)
        if fields is None or not self.forms.valid(request, fields.get("csrf", "")):
            return plain("error_title", "form_expired", lang, 403)
        link, found = await self.ticket_or_page(request, lang)
        if isinstance(found, Response):
            return found
        cookie, new = self.forms.cookie_of(request)
        field = self.forms.field_for(cookie)

        def again(notice: str) -> Response:
            text = pages.ticket_page(
                self.settings, request.path_params["link"], found, lang, field, notice=notice
            )
            return self.with_cookie(html(text, 400), cookie, new)

        try:
            answers = [int(fields.get(e, "")) for e in ELEMENTS]
        except ValueError:
            return again(t("survey_incomplete", lang))
        comment = fields.get("comment", "")
        try:
            await anyio.to_thread.run_sync(
                lambda: submit_survey(self.ctx, ACTOR, link.token, answers, comment, kiosk_id="web")
            )
        except SurveyRefused as exc:
            return again(
                t("survey_given", lang) if exc.reason == "already_given" else t("waiting", lang)
            )
        except FeedbackInvalid as exc:
            key = "too_long" if exc.field == "comment" else "survey_incomplete"
            return again(t(key, lang))
        self.hub.poke()
        text = pages.ticket_page(
            self.settings, request.path_params["link"], found, lang, field, survey_done=True
        )
        return self.with_cookie(html(text), cookie, new)

    # -- complaint ---------------------------------------------------------------------

    async def complaint(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        cookie, new = self.forms.cookie_of(request)
        field = self.forms.field_for(cookie)
        if request.method == "GET":
            return self.with_cookie(
                html(pages.complaint_page(self.settings, lang, field)), cookie, new
            )
        if not self.limits.allow(self.address(request)):
            return plain("error_title", "too_many", lang, 429)
        fields = await self.form(request)
        if fields is None or not self.forms.valid(request, fields.get("csrf", "")):
            return plain("error_title", "form_expired", lang, 403)

        def again(key: str) -> Response:
            text = pages.complaint_page(self.settings, lang, field, notice=t(key, lang))
            return self.with_cookie(html(text, 400), cookie, new)

        category = fields.get("category", "")
        if category not in CATEGORIES:
            return again("complaint_category")
        contact = fields.get("contact", "").strip() or None
        consent = fields.get("consent") == "yes"
        try:
            receipt = await anyio.to_thread.run_sync(
                lambda: file_complaint(
                    self.ctx, ACTOR, category, fields.get("text", ""), contact, consent,
                    kiosk_id="web",
                )
            )  # fmt: skip
        except FeedbackInvalid as exc:
            return again(
                {"contact": "bad_contact", "consent": "need_consent"}.get(exc.field, "too_long")
            )
        text = pages.complaint_page(self.settings, lang, field, receipt=receipt)
        return self.with_cookie(html(text), cookie, new)

    # -- today and the information pages -----------------------------------------------

    async def today(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        day = self.ctx.today()
        # The day as it stands: a supervisor may have closed it (and said why).
        state = await anyio.to_thread.run_sync(lambda: day_state(self.ctx, day))
        info = state.info
        hours = (
            (f"{info.open_at:%H:%M}", f"{info.close_at:%H:%M}")
            if info.open_at and info.close_at
            else None
        )
        quotas = await anyio.to_thread.run_sync(lambda: quotas_today(self.ctx))
        faq = [(p["key"], p["title"]) for p in load_faq(self.settings, lang)]
        return html(pages.today_page(self.settings, lang, day, hours, quotas, faq, info.notice))

    async def faq(self, request: Request) -> Response:
        lang = language_of(request.query_params.get("lang"))
        key = request.path_params["key"]
        for p in load_faq(self.settings, lang):
            if p["key"] == key:
                return html(
                    pages.faq_page(self.settings, lang, key, p["title"], p["text"], p["url"])
                )
        return plain("not_found_title", "not_found", lang, 404)

    # -- the calling display -----------------------------------------------------------

    async def display_now(self) -> DisplayUpdate:
        picture = await self.picture()
        if picture.display is not None:
            return picture.display
        return await anyio.to_thread.run_sync(self.hub.read_display)

    async def display(self, request: Request) -> Response:
        state = pages.display_state(self.settings, await self.display_now())
        return html(pages.display_page(self.settings, state))

    async def display_events(self, request: Request) -> Response:
        settings = self.settings
        hub = self.hub

        async def stream() -> AsyncIterator[str]:
            hub.displays += 1
            try:
                yield "retry: 2000\n\n"
                first = pages.display_state(settings, await self.display_now())
                sent = f"data: {json.dumps(first, ensure_ascii=False)}\n\n"
                yield sent
                generation = hub.picture.generation
                while True:
                    picture = await hub.wait_newer(generation)
                    if picture.generation == generation or picture.display is None:
                        yield ": keep-alive\n\n"
                        continue
                    generation = picture.generation
                    text = picture.message(
                        DISPLAY_KEY, lambda p=picture: display_event(settings, p)
                    )
                    if text != sent:
                        sent = text
                        yield text
            finally:
                hub.displays -= 1

        return event_stream(stream())

    async def chime(self, request: Request) -> Response:
        return wav(self.sounds.chime_wav)

    async def call_sound(self, request: Request) -> Response:
        number = request.path_params["number"]
        counter = request.path_params["counter"]
        if not self.sounds.valid(number, counter):
            return Response("", 404)
        data = await anyio.to_thread.run_sync(lambda: self.sounds.call_wav(number, counter))
        return wav(data)

    async def health(self, request: Request) -> Response:
        picture = self.hub.picture
        return JSONResponse(
            {"ok": picture.ok, "generation": picture.generation},
            200 if picture.ok else 503,
            headers={"Cache-Control": "no-store"},
        )

    # -- the application ---------------------------------------------------------------

    def application(self) -> Starlette:
        @contextlib.asynccontextmanager
        async def lifespan(_app: Starlette) -> AsyncIterator[None]:
            await self.hub.start()
            try:
                yield
            finally:
                await self.hub.stop()
                self.ctx.db.dispose()

        async def not_found(request: Request, exc: Exception) -> Response:
            lang = language_of(request.query_params.get("lang"))
            status = exc.status_code if isinstance(exc, HTTPException) else 404
            if status == 405:
                return Response("", 405)
            return plain("not_found_title", "not_found", lang, status)

        async def failed(request: Request, exc: Exception) -> Response:
            log.error("request %s failed", request.url.path, exc_info=exc)
            return plain("error_title", "error", language_of(request.query_params.get("lang")), 500)

        routes = [
            Route("/", self.today),
            Route("/faq/{key:str}", self.faq),
            Route("/complaint", self.complaint, methods=["GET", "POST"]),
            Route("/t/{link:str}", self.ticket),
            Route("/t/{link:str}/events", self.ticket_events),
            Route("/t/{link:str}/survey", self.survey, methods=["POST"]),
            Route("/display", self.display),
            Route("/display/events", self.display_events),
            Route("/audio/chime.wav", self.chime),
            Route("/audio/call/{number:str}/{counter:int}.wav", self.call_sound),
            Route("/health", self.health),
            Route("/favicon.ico", lambda _r: Response("", 204)),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
        app = Starlette(
            routes=routes,
            lifespan=lifespan,
            exception_handlers={HTTPException: not_found, 404: not_found, 500: failed},
        )
        app.add_middleware(SecurityHeaders)
        return app


def ticket_event(settings: Settings, progress: TicketProgress, lang: str) -> str:
    state = pages.ticket_state(settings, progress, lang)
    return f"data: {json.dumps(state, ensure_ascii=False)}\n\n"


def display_event(settings: Settings, picture: Picture) -> str:
    state = pages.display_state(settings, picture.display)
    return f"data: {json.dumps(state, ensure_ascii=False)}\n\n"


def event_stream(body: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(
        body,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def wav(data: bytes) -> Response:
    return Response(data, media_type="audio/wav", headers={"Cache-Control": "max-age=3600"})


def build(settings: Settings, key: bytes) -> Starlette:
    """The application for ``settings``. The database is opened as it is (no migration, no
    counter sync: the web service may run on a read-only role); the schema must be current
    (``loket-web`` checks it before it starts)."""
    from db.engine import Database
    from ui.sound import Espeak

    ctx = QueueContext(Database(settings.database_url), settings)
    return Web(ctx, key, Espeak.find()).application()
