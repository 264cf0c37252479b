"""Printing tickets and slips: layout to ESC/POS, connections and status, the virtual printer.

No Qt and nothing from ``db/`` here; ``config`` only for the printer settings.

``printer._escpos_env`` is imported first, before anything imports python-escpos, to undo
python-escpos' import-time side effects (root logger, per-process temp dir).
"""

from __future__ import annotations

import printer._escpos_env  # noqa: F401  (must precede every escpos import)
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
