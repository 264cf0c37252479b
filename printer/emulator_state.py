"""The virtual printer's simulated condition, shared by its connection threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from printer.status import (
    encode_error_status,
    encode_offline_cause,
    encode_paper_sensor,
    encode_printer_status,
)

PaperState = Literal["ok", "near_end", "out"]


@dataclass(frozen=True)
class EmulatorSnapshot:
    """The simulated printer's condition at one moment."""

    paper: PaperState = "ok"
    offline: bool = False
    cover_open: bool = False
    cutter_error: bool = False
    # After this many more tickets the paper runs out (None: never).
    paper_out_after: int | None = None
    # Close each new connection once it has sent this many bytes (None: never).
    close_after_bytes: int | None = None
    # Accept connections but never read from them (a hung printer).
    never_read: bool = False
    # Pause before handling each chunk received (a slow printer).
    delay_s: float = 0.0

    @property
    def can_print(self) -> bool:
        return not (self.offline or self.cover_open or self.cutter_error or self.paper == "out")

    def status_reply(self, n: int) -> int:
        """The ``DLE EOT n`` answer; 0x12 (all clear) for an unknown n."""
        offline = not self.can_print
        if n == 1:
            return encode_printer_status(offline=offline)
        if n == 2:
            return encode_offline_cause(
                cover_open=self.cover_open,
                paper_end_stop=self.paper == "out",
                error=self.cutter_error,
            )
        if n == 3:
            return encode_error_status(autocutter=self.cutter_error)
        if n == 4:
            return encode_paper_sensor(self.paper)
        return 0x12


class EmulatorState:
    """Lock-protected simulated state; ``update(paper="out")`` or ``state.paper = "out"``."""

    def __init__(self, **initial: Any) -> None:
        self._lock = threading.Lock()
        self._value = EmulatorSnapshot()
        self.update(**initial)

    def snapshot(self) -> EmulatorSnapshot:
        with self._lock:
            return self._value

    def update(self, **changes: Any) -> EmulatorSnapshot:
        if "paper" in changes and changes["paper"] not in ("ok", "near_end", "out"):
            raise ValueError(f"paper must be ok, near_end or out, not {changes['paper']!r}")
        with self._lock:
            self._value = replace(self._value, **changes)
            return self._value

    def ticket_printed(self) -> None:
        """Count a ticket against ``paper_out_after``."""
        with self._lock:
            left = self._value.paper_out_after
            if left is not None:
                left -= 1
                self._value = replace(
                    self._value,
                    paper_out_after=None if left <= 0 else left,
                    paper="out" if left <= 0 else self._value.paper,
                )

    def __getattr__(self, name: str) -> Any:
        if name in _FIELDS:
            return getattr(self.snapshot(), name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FIELDS:
            self.update(**{name: value})
        else:
            super().__setattr__(name, value)


_FIELDS = frozenset(f.name for f in fields(EmulatorSnapshot))
