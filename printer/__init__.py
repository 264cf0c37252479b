"""Printing tickets and slips: layout to ESC/POS, connections and status, the virtual printer.

No Qt and nothing from ``db/`` here; ``config`` only for the printer settings.

The names below are loaded on first use (PEP 562), so that an app which only reads a
status or builds a ``TicketPrint`` does not load python-escpos, qrcode and Pillow before
its first screen. ``printer._escpos_env`` undoes python-escpos' import-time side effects
(root logger, per-process temp dir); ``printer.layout``, our only module that imports
python-escpos, imports it first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from printer.emulator import Emulator, TicketRecord, ensure_virtual_printer
    from printer.errors import PrinterError
    from printer.service import (
        Delivered,
        PrintOutcome,
        print_ticket,
        read_status,
        send_slip,
        send_ticket,
    )
    from printer.slip import SlipPrint
    from printer.status import PrinterStatus
    from printer.ticket import TicketPrint, channel_label

_WHERE = {
    "Delivered": "printer.service",
    "Emulator": "printer.emulator",
    "PrintOutcome": "printer.service",
    "PrinterError": "printer.errors",
    "PrinterStatus": "printer.status",
    "SlipPrint": "printer.slip",
    "TicketPrint": "printer.ticket",
    "TicketRecord": "printer.emulator",
    "channel_label": "printer.ticket",
    "ensure_virtual_printer": "printer.emulator",
    "print_ticket": "printer.service",
    "read_status": "printer.service",
    "send_slip": "printer.service",
    "send_ticket": "printer.service",
}

__all__ = [
    "Delivered",
    "Emulator",
    "PrintOutcome",
    "PrinterError",
    "PrinterStatus",
    "SlipPrint",
    "TicketPrint",
    "TicketRecord",
    "channel_label",
    "ensure_virtual_printer",
    "print_ticket",
    "read_status",
    "send_slip",
    "send_ticket",
]
assert sorted(__all__) == sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'printer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
