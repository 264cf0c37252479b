"""The queue's refusals reach the officer in the console's language: every refusal raised
in db/ has its sentence (``template``) translated in admin_console_id.ts with the same
fields, every fixed word a refusal fills in (a status, a channel, a role...) too, and the
console shows them translated, with the values filled in (English when it speaks English)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from admin_console.tasks import describe_error
from admin_console.text import CONTEXT, WORDS_CONTEXT
from admin_console.tools import TicketsPage
from admin_console.window import ConsoleWindow
from config.settings import Channel
from db.context import PERMISSIONS, ROLE_WORDS, QueueContext, needed_roles
from db.errors import WORDS, OfficeClosed, QueueError
from db.models import PrintState, Role, TicketStatus
from db.ops.calling import call_next, complete
from db.ops.counters import close_counter
from db.ops.day_overrides import close_service
from db.ops.issuing import issue_ticket, set_quota
from db.ops.officers import OfficerView
from tests.conftest import KIOSK, SUPERVISOR
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, child, log_in
from tests.console.test_transfer import click_radio, combo, idle, open_dialog
from tests.translations import finished_translations
from ui.ops import Failure

ROOT = Path(__file__).resolve().parents[2]
DB = ROOT / "db"
TS = ROOT / "admin_console" / "translations" / "admin_console_id.ts"
FIELD = re.compile(r"\{(\w+)\}")

# A token's refusal (db/io/booking_token.py) is not a queue refusal, but check-in refuses
# the scan with its sentence: its sentences are refusals too.
CARRIED = {"TokenError"}


def fields(text: str) -> list[str]:
    return sorted(FIELD.findall(text))


@dataclass(frozen=True)
class Raised:
    where: str  # path:line
    cls: str
    template: str | None  # None: another refusal's template passed on (``exc.template``)
    keywords: frozenset[str]
    own: frozenset[str]  # the class's own keyword arguments (not fields of the sentence)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(DB.rglob("*.py"))}


def _refusal_classes(trees: dict[Path, ast.Module]) -> dict[str, ast.ClassDef]:
    """Every class in db/ that is a QueueError (by the names of its bases), and the
    refusals whose sentence a queue refusal carries on."""
    classes = {
        node.name: node
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }

    def is_refusal(name: str) -> bool:
        if name in ("QueueError", *CARRIED):
            return True
        node = classes.get(name)
        return node is not None and any(
            (base := _name(b)) is not None and is_refusal(base) for b in node.bases
        )

    return {name: node for name, node in classes.items() if is_refusal(name)}


def _init(classes: dict[str, ast.ClassDef], name: str) -> ast.FunctionDef:
    node = classes[name]
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == "__init__":
            return item
    bases = [b for b in map(_name, node.bases) if b in classes]
    assert bases, f"{name}: no __init__ found"
    return _init(classes, bases[0])


def raised_refusals() -> list[Raised]:
    """Every refusal made in db/ (raised, or returned to be raised), as written there."""
    trees = _trees()
    classes = _refusal_classes(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in classes:
                continue
            cls = _name(node.func)
            assert cls is not None
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            init = _init(classes, cls)
            positional = [a.arg for a in init.args.posonlyargs + init.args.args][1:]
            assert "template" in positional, f"{cls}: no template argument"
            index = positional.index("template")
            assert len(node.args) > index, f"{where}: {cls} without a sentence"
            arg = node.args[index]
            keywords = frozenset(k.arg for k in node.keywords if k.arg is not None)
            own = frozenset(a.arg for a in init.args.kwonlyargs)
            if isinstance(arg, ast.Attribute) and arg.attr == "template":
                # Another refusal's sentence passed on (with its values: ``**``).
                carried = [k for k in node.keywords if k.arg is None]
                assert carried, f"{where}: a template passed on without its values"
                found.append(Raised(where, cls, None, keywords, own))
                continue
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{where}: the sentence of {cls} must be a literal string, its values given "
                "as keywords (see db/errors.py)"
            )
            found.append(Raised(where, cls, arg.value, keywords, own))
    return found


def sentences(raised: Raised) -> list[str]:
    """The sentences a refusal can show: an office closed with or without the next
    opening."""
    assert raised.template is not None
    if raised.cls in ("OfficeClosed", "WalkInClosed"):
        return [raised.template, raised.template + OfficeClosed.NEXT_OPENING]
    return [raised.template]


def test_every_refusal_is_a_sentence_with_its_values() -> None:
    found = raised_refusals()
    assert len(found) > 100
    assert {r.cls for r in found} >= {"NotAllowed", "CheckInRejected", "TokenError"}
    for r in found:
        if r.template is None:
            continue
        names = set(fields(r.template))
        assert names <= r.keywords, f"{r.where}: no value for {sorted(names - r.keywords)}"
        values = r.keywords - r.own
        extra = {k for k in values if k not in names and k.removesuffix("_id") not in names}
        assert not extra, f"{r.where}: {sorted(extra)} not in the sentence"
        if not names:
            assert "{" not in r.template and "}" not in r.template, r.where
    # The office's next opening is added to a closed office's sentence.
    assert fields(OfficeClosed.NEXT_OPENING) == ["next_opening", "weekday"]


def test_every_refusal_has_an_indonesian_translation() -> None:
    translated = finished_translations(TS, CONTEXT)
    missing = []
    for r in raised_refusals():
        if r.template is None:
            continue
        for sentence in sentences(r):
            if sentence not in translated:
                missing.append(f"{r.where}: {sentence}")
                continue
            assert fields(translated[sentence]) == fields(sentence), sentence
    assert missing == [], "add to admin_console_id.ts:\n" + "\n".join(missing)


def _clean_text_fields() -> set[str]:
    """The names feedback's text checks give their fields (db/ops/feedback.py)."""
    tree = ast.parse((DB / "ops" / "feedback.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "clean_text":
            arg = node.args[2]
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            found.add(arg.value)
    return found


def vocabulary() -> dict[str, set[str]]:
    """Each field of db.errors.WORDS and the English words db/ fills into it."""
    monday = dt.date(2026, 11, 30)
    return {
        "status": {s.value.replace("_", "-") for s in TicketStatus},
        "state": {s.value for s in PrintState},
        "channel": {c.value for c in Channel} | {c.value.replace("_", "-") for c in Channel},
        "role": {r.value for r in Role} | set(ROLE_WORDS.values()),
        "was": set(ROLE_WORDS.values()),
        "who": {needed_roles(allowed) for allowed in PERMISSIONS.values()},
        "operation": {op.replace("_", " ") for op in PERMISSIONS},
        "field": _clean_text_fields(),
        "weekday": {f"{monday + dt.timedelta(days=n):%a}" for n in range(7)},
    }


def test_every_word_a_refusal_fills_in_has_an_indonesian_translation() -> None:
    words = vocabulary()
    assert set(words) == WORDS
    translated = finished_translations(TS, WORDS_CONTEXT)
    missing = sorted({w for group in words.values() for w in group} - translated.keys())
    assert missing == [], f"add to admin_console_id.ts: {missing}"


# -- through the console ----------------------------------------------------------------


def done_ticket(ctx: QueueContext) -> str:
    """A-001, called and served at counter 1 by a supervisor."""
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, SUPERVISOR, 1)
    complete(ctx, SUPERVISOR, 1, ticket.id)
    return ticket.number


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_refused_cancel_says_why_in_the_console_language(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
    language: str,
) -> None:
    """A supervisor cancels a ticket already served: the queue refuses, and the tickets
    page says so in the console's language, the ticket's status in it too."""
    number = done_ticket(ctx)
    window: ConsoleWindow = make_console(ctx, language=None if language == "id" else "en")
    log_in(qtbot, window, "sari", counter=None)
    assert window.work is not None
    page = window.findChild(TicketsPage, "ticketsPage")
    assert isinstance(page, TicketsPage)
    window.work.tabs.setCurrentWidget(page)
    table = child(page, QTableWidget, "ticketsTable")
    assert isinstance(table, QTableWidget)
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT_MS)
    table.selectRow(0)
    qtbot.mouseClick(button(page, "cancelTicketButton"), LEFT)
    qtbot.waitUntil(lambda: page.findChild(QDialog, "cancelReasonDialog") is not None)
    dialog = page.findChild(QDialog, "cancelReasonDialog")
    assert isinstance(dialog, QDialog)
    reason = dialog.findChild(QLineEdit)
    assert isinstance(reason, QLineEdit)
    reason.setText("duplicate")
    dialog.accept()
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    if language == "id":
        assert page.message.text() == f"{number} tidak dapat dibatalkan: statusnya selesai."
    else:
        assert page.message.text() == f"Cannot cancel {number}: it is done."


def test_a_transfer_to_a_counter_closed_meanwhile_is_refused_in_indonesian(
    qtbot: QtBot,
    ctx: QueueContext,
    other_ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    """Budi chooses Loket 3 for his ticket; Andi closes Loket 3 before Budi confirms."""
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    andi_view = log_in(qtbot, make_console(other_ctx), "andi", counter=3)
    window = make_console(ctx, language=None)  # the office's default: Indonesian
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None and andi_view is not None
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    dialog = open_dialog(qtbot, view)
    click_radio(qtbot, dialog, "transferToCounter")
    counters = combo(dialog, "transferCounter")
    counters.setCurrentIndex(counters.findData(3))
    close_counter(other_ctx, andi_view.actor, 3)
    qtbot.mouseClick(button(dialog, "transferOk"), LEFT)
    qtbot.waitUntil(lambda: view.message.kind == "error" and idle(view), timeout=WAIT_MS)
    assert view.message.text() == (
        "Loket 3 (nomor 3) tutup: tidak ada yang akan memanggil tiket itu di sana."
    )


def test_a_service_is_named_in_the_console_language(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    """A refusal naming a service names it as the console does; a refusal the translation
    file does not know stays in English."""
    make_console(ctx, language=None)  # installs the Indonesian translation
    replace = ctx.settings.service("ganti").name
    close_service(ctx, SUPERVISOR, ctx.today(), "baru", "no blanks left")
    with pytest.raises(QueueError) as refused:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert refused.value.message == "New Passport is closed for the rest of today."
    assert describe_error(Failure.of(refused.value)) == "Paspor Baru ditutup untuk sisa hari ini."
    set_quota(ctx, SUPERVISOR, "ganti", "walk_in", 0, "no blanks left")
    with pytest.raises(QueueError) as refused:
        issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    assert refused.value.message == f"Today's walk-in quota for {replace.en} (0) is used up."
    assert describe_error(Failure.of(refused.value)) == (
        f"Kuota langsung hari ini untuk {replace.id} (0) sudah habis."
    )
    unknown = QueueError("Something {thing} the console has never seen.", thing="new")
    assert describe_error(Failure.of(unknown)) == "Something new the console has never seen."
