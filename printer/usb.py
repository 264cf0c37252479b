"""USB printers through pyusb (libusb), with status replies on the bulk IN endpoint.

Kept apart from ``printer.connection`` because pyusb is optional: without it (or without
the libusb system library) opening a USB printer fails with a ``PrinterError`` that says
what to install. A USB printer also works without pyusb as ``kind = "file"`` with
``device_path = "/dev/usb/lp0"`` (the kernel's usblp driver), without status.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from printer.connection import Connection
from printer.errors import PrinterError


class UsbConnection(Connection):
    """The first interface of the USB device ``vendor:product``; bulk OUT for the ticket."""

    CHUNK = 4096

    def __init__(self, vendor: int | None, product: int | None, timeout: float) -> None:
        if vendor is None or product is None:
            raise PrinterError("Set printer.usb_vendor and printer.usb_product for a USB printer")
        super().__init__(f"USB printer {vendor:04x}:{product:04x}", timeout)
        try:
            import usb.core
            import usb.util
        except ImportError:
            raise PrinterError(
                "USB printing needs the pyusb package (pip install pyusb) and libusb-1.0; "
                "or use printer.kind = 'file' with device_path = '/dev/usb/lp0'"
            ) from None
        self._core: Any = usb.core
        self._util: Any = usb.util
        self._device: Any = None
        try:
            device = usb.core.find(idVendor=vendor, idProduct=product)
        except usb.core.NoBackendError:
            raise PrinterError(
                "USB printing needs the libusb-1.0 system library (apt install libusb-1.0-0)"
            ) from None
        if device is None:
            raise PrinterError(f"{self.where} not found (is it switched on and plugged in?)")
        try:
            if device.is_kernel_driver_active(0):
                device.detach_kernel_driver(0)  # usblp holds it otherwise
            # Fails when already configured (by the kernel before detaching): fine.
            with contextlib.suppress(usb.core.USBError):
                device.set_configuration()
            interface = device.get_active_configuration()[(0, 0)]
            self._out = self._endpoint(interface, usb.util.ENDPOINT_OUT)
            self._in = self._endpoint(interface, usb.util.ENDPOINT_IN)
        except (usb.core.USBError, NotImplementedError) as exc:
            usb.util.dispose_resources(device)
            raise PrinterError(f"Cannot use {self.where}: {_reason(exc)}") from None
        if self._out is None:
            usb.util.dispose_resources(device)
            raise PrinterError(f"{self.where} has no output endpoint; is it a printer?")
        self._device = device
        self.has_status = self._in is not None

    def _endpoint(self, interface: Any, direction: int) -> Any:
        def match(endpoint: Any) -> bool:
            return bool(self._util.endpoint_direction(endpoint.bEndpointAddress) == direction)

        return self._util.find_descriptor(interface, custom_match=match)

    def write_all(self, data: bytes) -> None:
        sent = 0
        deadline = self.write_deadline(len(data))
        try:
            while sent < len(data):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise self._core.USBTimeoutError("deadline")
                millis = max(1, int(min(self.timeout, left) * 1000))
                sent += self._out.write(data[sent : sent + self.CHUNK], timeout=millis)
        except self._core.USBTimeoutError:
            raise PrinterError(
                f"{self.where} stopped taking data after {sent} of {len(data)} bytes",
                bytes_sent=sent,
            ) from None
        except self._core.USBError as exc:
            raise PrinterError(
                f"Printer connection lost after {sent} of {len(data)} bytes ({_reason(exc)})",
                bytes_sent=sent,
            ) from None

    def _read_some(self, timeout: float) -> bytes:
        try:
            return bytes(self._in.read(64, timeout=max(1, int(timeout * 1000))))
        except self._core.USBTimeoutError:
            return b""
        except self._core.USBError as exc:
            raise PrinterError(f"{self.where} failed: {_reason(exc)}") from None

    def _discard_input(self) -> None:
        while self._read_some(0.01):
            pass

    def close(self) -> None:
        if self._device is not None:
            with contextlib.suppress(Exception):  # closing must never raise
                self._util.dispose_resources(self._device)
            self._device = None


def _reason(exc: BaseException) -> str:
    errno_ = getattr(exc, "errno", None)
    if errno_ == 13:
        return "permission denied (add a udev rule giving this user access to the printer)"
    if errno_ == 16:
        return "busy (another program is using the printer)"
    return str(exc) or type(exc).__name__
