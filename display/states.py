"""What the display writes next to a called number: where to go, or what became of the call
(called again, being served, not present, put back in line, transferred)."""

from __future__ import annotations

from config.settings import Settings
from db.read.calling_display import Call
from display.text import language, tr


def service_word(settings: Settings, code: str | None) -> str:
    if not code:
        return ""
    try:
        return settings.service(code).name.get(language())
    except KeyError:
        return code


def call_state(call: Call, settings: Settings) -> str:
    """One short line: "Loket 2", "Loket 2 · dipanggil lagi", "silakan ke meja informasi",
    "pindah ke Informasi", "pindah ke Loket 4"..."""
    where = call.counter_name
    if call.kind == "recalled":
        return tr("{counter} · called again", counter=where)
    if call.kind == "started":
        return tr("{counter} · being served", counter=where)
    if call.kind == "completed":
        return tr("{counter} · done", counter=where)
    if call.kind == "no_show":
        return settings.calling.no_show_text.get(language())
    if call.kind == "requeued":
        return tr("back in the queue")
    if call.kind == "transferred":
        target = call.to_counter_name or service_word(settings, call.to_service)
        return tr("moved to {target}", target=target) if target else tr("moved")
    if call.kind == "cancelled":
        return tr("cancelled")
    return where


def needs_attention(call: Call) -> bool:
    """The applicant should go somewhere other than the counter of the call."""
    return call.kind in ("no_show", "transferred", "requeued")
