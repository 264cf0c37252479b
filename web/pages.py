"""The pages as HTML text. Everything from the queue or a form is escaped here; pages
carry no inline script or style (the content security policy forbids both), only
``/static/web.css`` and, where a page updates itself, one small script of its own.

Without JavaScript a live page reloads itself (``<noscript><meta http-equiv=refresh>``);
with it, the script keeps an EventSource open and fills in the same elements by id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from typing import Any

from config.settings import Settings
from db.models import CounterState, TicketStatus
from db.ops.issuing import QuotaLeft
from db.read.calling_display import Call, CounterNow, DisplayUpdate, WaitingCount
from db.read.ticket_progress import TicketProgress
from web.text import CATEGORIES, SCALE, SURVEY_QUESTIONS, WEEKDAY_NAMES, pick, t

STATIC_VERSION = "1"


def page(
    title: str,
    body: str,
    lang: str,
    *,
    refresh: int | None = None,
    script: str | None = None,
    body_class: str = "",
) -> str:
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f'<link rel="stylesheet" href="/static/web.css?v={STATIC_VERSION}">',
    ]
    if refresh:
        head.append(f'<noscript><meta http-equiv="refresh" content="{int(refresh)}"></noscript>')
    if script:
        head.append(f'<script src="/static/{script}?v={STATIC_VERSION}" defer></script>')
    cls = f' class="{body_class}"' if body_class else ""
    return "\n".join([*head, "</head>", f"<body{cls}>", body, "</body>", "</html>"])


def language_switch(path: str, lang: str) -> str:
    other = "en" if lang == "id" else "id"
    return f'<a class="lang" href="{escape(path)}?lang={other}">{t("language_other", lang)}</a>'


def plain_page(title: str, message: str, lang: str, status_class: str = "plain") -> str:
    body = (
        f'<main class="{status_class}"><h1>{escape(title)}</h1>'
        f'<p class="big">{escape(message)}</p>'
        f'<p><a href="/?lang={lang}">{t("today_title", lang)}</a></p></main>'
    )
    return page(title, body, lang)


# -- the live ticket page --------------------------------------------------------------


def ticket_state(settings: Settings, p: TicketProgress, lang: str) -> dict[str, str]:
    """The texts of the live parts of the ticket page, by element id (the script sets the
    same ones from the event stream)."""
    status = p.status
    counter = p.counter_name or ""
    state = {
        "state": str(status),
        "ahead": str(p.people_ahead) if p.people_ahead is not None else t("nothing_to_show", lang),
        "wait": (
            t("minutes_range", lang, low=p.wait_low, high=p.wait_high)
            if p.wait_low is not None
            else t("nothing_to_show", lang)
        ),
        "message": t("waiting", lang),
        "call": f"{p.counter_name}#{p.recall_count}" if status == TicketStatus.CALLED else "",
        "survey": "yes" if status == TicketStatus.DONE and not p.survey_given else "no",
    }
    if status == TicketStatus.CALLED:
        state["message"] = t("called", lang, counter=counter)
    elif status == TicketStatus.SERVING:
        state["message"] = t("serving", lang, counter=counter)
    elif status == TicketStatus.DONE:
        state["message"] = t("done", lang)
    elif status == TicketStatus.NO_SHOW:
        state["message"] = t("no_show", lang)
    elif status == TicketStatus.CANCELLED:
        state["message"] = t("cancelled", lang)
    return state


def service_name(settings: Settings, code: str, lang: str) -> str:
    try:
        return settings.service(code).name.get(lang)
    except KeyError:
        return code


def ticket_page(
    settings: Settings,
    link: str,
    p: TicketProgress,
    lang: str,
    csrf: str,
    *,
    notice: str = "",
    survey_done: bool = False,
) -> str:
    state = ticket_state(settings, p, lang)
    path = f"/t/{link}"
    called = " called" if p.status == TicketStatus.CALLED else ""
    parts = [
        f'<main id="ticket" class="ticket{called}" data-events="{escape(path)}/events?lang={lang}"'
        f' data-state="{escape(state["state"])}" data-call="{escape(state["call"])}">',
        f'<header><span class="office">{escape(settings.office.name)}</span>'
        f"{language_switch(path, lang)}</header>",
        f'<p class="label">{t("your_number", lang)}</p>',
        f'<p class="number" id="number">{escape(p.number)}</p>',
        f'<p class="service">{escape(service_name(settings, p.service, lang))}</p>',
        f'<p class="message" id="message" role="status" aria-live="assertive">'
        f"{escape(state['message'])}</p>",
        '<dl class="figures">',
        f'<dt>{t("people_ahead", lang)}</dt><dd id="ahead">{escape(state["ahead"])}</dd>',
        f'<dt>{t("estimated", lang)}</dt><dd id="wait">{escape(state["wait"])}</dd>',
        "</dl>",
    ]
    if p.status in (TicketStatus.WAITING, TicketStatus.CALLED):
        parts += [
            f'<p class="hint" id="hint">{t("sound_hint", lang)}</p>',
            f'<button type="button" id="sound" class="sound" hidden>{t("enable_sound", lang)}'
            "</button>",
        ]
    parts += [
        f'<p class="offline" id="offline" hidden>{t("offline", lang)}</p>',
    ]
    if notice:
        parts.append(f'<p class="notice" role="alert">{escape(notice)}</p>')
    if survey_done:
        parts.append(f'<p class="notice ok" role="status">{t("survey_thanks", lang)}</p>')
    elif state["survey"] == "yes":
        parts.append(survey_form(path, lang, csrf))
    elif p.status == TicketStatus.DONE and p.survey_given:
        parts.append(f'<p class="notice ok">{t("survey_given", lang)}</p>')
    parts.append(
        f'<p class="links"><a href="/complaint?lang={lang}">{t("complaint_title", lang)}</a>'
        f' · <a href="/?lang={lang}">{t("today_title", lang)}</a></p>'
    )
    parts.append("</main>")
    return page(
        f"{p.number} · {t('title_ticket', lang)}",
        "\n".join(parts),
        lang,
        refresh=settings.web.refresh_seconds,
        script="ticket.js",
    )


def survey_form(path: str, lang: str, csrf: str) -> str:
    rows = [
        f'<form method="post" action="{escape(path)}/survey?lang={lang}"'
        ' class="survey" id="survey">',
        f"<h2>{t('survey_title', lang)}</h2>",
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">',
    ]
    for n, (element, pair) in enumerate(SURVEY_QUESTIONS.items(), start=1):
        rows.append(f"<fieldset><legend>{n}. {escape(pick(pair, lang))}</legend>")
        for value, label in SCALE.items():
            rows.append(
                f'<label><input type="radio" name="{element}" value="{value}" required>'
                f" {escape(pick(label, lang))}</label>"
            )
        rows.append("</fieldset>")
    rows.append(
        f'<label class="block">{t("survey_comment", lang)}'
        '<textarea name="comment" maxlength="500" rows="3"></textarea></label>'
    )
    rows.append(f'<button type="submit">{t("survey_send", lang)}</button></form>')
    return "\n".join(rows)


# -- complaint -------------------------------------------------------------------------


def complaint_page(
    settings: Settings, lang: str, csrf: str, *, notice: str = "", receipt: str = ""
) -> str:
    title = t("complaint_title", lang)
    parts = [
        '<main class="form">',
        f'<header><span class="office">{escape(settings.office.name)}</span>'
        f"{language_switch('/complaint', lang)}</header>",
        f"<h1>{title}</h1>",
    ]
    if receipt:
        parts += [
            f'<p class="label">{t("complaint_receipt", lang)}</p>',
            f'<p class="number" id="receipt">{escape(receipt)}</p>',
            f'<p class="big">{t("complaint_keep", lang)}</p>',
        ]
    else:
        if notice:
            parts.append(f'<p class="notice" role="alert">{escape(notice)}</p>')
        parts += [
            f'<form method="post" action="/complaint?lang={lang}">',
            f'<input type="hidden" name="csrf" value="{escape(csrf)}">',
            f"<fieldset><legend>{t('complaint_category', lang)}</legend>",
        ]
        for code, pair in CATEGORIES.items():
            parts.append(
                f'<label><input type="radio" name="category" value="{code}" required>'
                f" {escape(pick(pair, lang))}</label>"
            )
        parts += [
            "</fieldset>",
            f'<label class="block">{t("complaint_text", lang)}'
            '<textarea name="text" maxlength="1000" rows="4"></textarea></label>',
            f'<label class="block">{t("complaint_contact", lang)}'
            '<input type="text" name="contact" maxlength="120" autocomplete="off"></label>',
            f'<label><input type="checkbox" name="consent" value="yes"> '
            f"{t('complaint_consent', lang)}</label>",
            f'<button type="submit">{t("complaint_send", lang)}</button>',
            "</form>",
        ]
    parts.append(f'<p class="links"><a href="/?lang={lang}">{t("today_title", lang)}</a></p>')
    parts.append("</main>")
    return page(title, "\n".join(parts), lang)


# -- today -----------------------------------------------------------------------------


def _channel_word(channel: str, lang: str) -> str:
    return t(f"channel_{channel}", lang)


def today_page(
    settings: Settings,
    lang: str,
    day: dt.date,
    open_close: tuple[str, str] | None,
    quotas: Iterable[QuotaLeft],
    faq: list[tuple[str, str]],
    notice: str | None = None,
) -> str:
    """``notice``: a supervisor closed the office today, and why."""
    title = t("today_title", lang)
    parts = [
        '<main class="today">',
        f'<header><span class="office">{escape(settings.office.name)}</span>'
        f"{language_switch('/', lang)}</header>",
        f"<h1>{title} · {day:%d-%m-%Y}</h1>",
        '<p class="big" id="hours-today">'
        + (
            t("open_today", lang, open=open_close[0], close=open_close[1])
            if open_close
            else t("closed_today_because", lang, reason=escape(notice))
            if notice
            else t("closed_today", lang)
        )
        + "</p>",
        f"<h2>{t('quota_left', lang)}</h2>",
        '<table class="quota" id="quota">',
    ]
    by_service: dict[str, list[QuotaLeft]] = {}
    for q in quotas:
        by_service.setdefault(q.service, []).append(q)
    for code, rows in by_service.items():
        parts.append(f'<tr><th colspan="2">{escape(service_name(settings, code, lang))}</th></tr>')
        for q in rows:
            left = t("quota_unlimited", lang) if q.remaining is None else f"{q.remaining}/{q.quota}"
            parts.append(f"<tr><td>{_channel_word(str(q.channel), lang)}</td><td>{left}</td></tr>")
    parts.append("</table>")
    parts.append(f'<h2>{t("hours", lang)}</h2><table class="hours">')
    for key, hours in settings.business_day.hours.items():
        when = f"{hours.open:%H:%M}–{hours.close:%H:%M}" if hours else t("closed", lang)
        parts.append(f"<tr><td>{pick(WEEKDAY_NAMES[key], lang)}</td><td>{when}</td></tr>")
    parts.append("</table>")
    if faq:
        parts.append(f'<h2>{t("faq", lang)}</h2><ul class="faq">')
        for key, page_title in faq:
            parts.append(
                f'<li><a href="/faq/{escape(key)}?lang={lang}">{escape(page_title)}</a></li>'
            )
        parts.append("</ul>")
    parts.append(
        f'<p class="links"><a href="/complaint?lang={lang}">{t("complaint_title", lang)}</a></p>'
    )
    parts.append("</main>")
    return page(title, "\n".join(parts), lang, refresh=300)


def faq_page(settings: Settings, lang: str, key: str, title: str, text: str, url: str) -> str:
    paragraphs = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    body = [
        '<main class="faqpage">',
        f'<header><span class="office">{escape(settings.office.name)}</span>'
        f"{language_switch(f'/faq/{key}', lang)}</header>",
        f"<h1>{escape(title)}</h1>",
        *(f"<p>{escape(p)}</p>" for p in paragraphs),
    ]
    if key == "counters":
        body.append("<ul>")
        for c in settings.counters:
            names = ", ".join(service_name(settings, s, lang) for s in c.services)
            body.append(f"<li>{escape(c.name)}: {escape(names)}</li>")
        body.append("</ul>")
    if url.startswith("https://"):
        body.append(f'<p><a href="{escape(url)}" rel="noopener">{t("official_page", lang)}</a></p>')
    body.append(f'<p class="links"><a href="/?lang={lang}">{t("back", lang)}</a></p></main>')
    return page(title, "\n".join(body), lang)


# -- the calling display ---------------------------------------------------------------


def display_state(settings: Settings, update: DisplayUpdate | None) -> dict[str, Any]:
    """What the display script draws: plain values, no markup."""
    if update is None:
        return {"last": 0, "calls": [], "counters": [], "waiting": []}
    # Newest first. A number stays on the board whatever became of it after its call; only
    # a call or a recall is announced (a ticket served while the TV was away is not called
    # out late).
    calls = list(reversed(update.calls))
    return {
        "last": update.last_event_id,
        "calls": [_call_json(c) for c in calls],
        "counters": [_counter_json(c) for c in update.counters],
        "waiting": [_waiting_json(settings, w) for w in update.waiting],
    }


def _call_json(c: Call) -> dict[str, object]:
    return {
        "id": c.event_id,
        "number": c.number,
        "counter": c.counter_name,
        "counter_no": c.counter or 0,
        "kind": c.kind,
        "announce": c.announced,
        "at": c.at.timestamp(),
    }


def _counter_json(c: CounterNow) -> dict[str, object]:
    return {
        "name": c.name,
        "open": c.state == CounterState.OPEN,
        "serving": c.serving or "",
    }


def _waiting_json(settings: Settings, w: WaitingCount) -> dict[str, object]:
    return {
        "service": service_name(settings, w.service, "id"),
        "service_en": service_name(settings, w.service, "en"),
        "prefix": w.prefix,
        "waiting": w.waiting,
    }


def _row(*cells: object) -> str:
    return "<li>" + "".join(f"<span>{escape(str(c))}</span>" for c in cells) + "</li>"


def display_page(settings: Settings, state: dict[str, Any]) -> str:
    calls: list[dict[str, Any]] = state["calls"]
    counters: list[dict[str, Any]] = state["counters"]
    waiting: list[dict[str, Any]] = state["waiting"]
    latest = calls[0] if calls else None
    ticker = " · ".join(
        f"{a.id} / {a.en}" if settings.display.voice_english else a.id
        for a in settings.display.announcements
    )
    parts = [
        f'<main id="display" class="display" data-events="/display/events"'
        f' data-last="{int(state["last"])}">',
        '<section class="latest" id="latest">',
        f'<p class="label">{t("latest_call", "id")} / {t("latest_call", "en")}</p>',
        '<p class="number" id="latest-number">'
        f"{escape(str(latest['number'])) if latest else '–'}</p>",
        f'<p class="counter" id="latest-counter">'
        f"{escape(str(latest['counter'])) if latest else t('no_calls', 'id')}</p>",
        "</section>",
        '<section class="previous"><h2>'
        f"{t('previous_calls', 'id')} / {t('previous_calls', 'en')}</h2>",
        '<ol id="previous">',
        *(_row(c["number"], c["counter"]) for c in calls[1:]),
        "</ol></section>",
        f'<section class="serving"><h2>{t("now_serving", "id")} / {t("now_serving", "en")}</h2>',
        '<ul id="serving">',
        *(_row(c["name"], c["serving"] or "–") for c in counters if c["open"] or c["serving"]),
        "</ul></section>",
        f'<section class="waiting"><h2>{t("waiting_now", "id")} / {t("waiting_now", "en")}</h2>',
        '<ul id="waiting">',
        *(_row(w["service"], w["waiting"]) for w in waiting),
        "</ul></section>",
        f'<p class="ticker" id="ticker"><span>{escape(ticker)}</span></p>',
        f'<button type="button" id="sound" class="sound" hidden>{t("display_sound", "id")} / '
        f"{t('display_sound', 'en')}</button>",
        '<p class="offline" id="offline" hidden>Menyambung kembali… / Reconnecting…</p>',
        "</main>",
    ]
    return page(
        f"{settings.office.name}",
        "\n".join(parts),
        "id",
        refresh=30,
        script="display.js",
        body_class="tv",
    )
