"""Can Qt open a window here? Asked before ``QApplication`` exists, because Qt's answer
to "no" is to abort the process with a message about reinstalling the application."""

from __future__ import annotations

import ctypes.util
import os
import sys

OFFSCREEN_HINT = "set QT_QPA_PLATFORM=offscreen to run without a screen"


def display_problem(prog: str, window_option: str | None) -> str | None:
    """None when a window can be opened; else one line: what is wrong and the ways out."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if platform not in ("", "xcb", "wayland", "wayland-egl"):
        return None  # offscreen, eglfs, linuxfb, vnc: no display server involved
    x11 = bool(os.environ.get("DISPLAY"))
    wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    window = (
        f" (add {window_option} for a window instead of the full screen)" if window_option else ""
    )
    if (
        (platform == "xcb" and not x11)
        or (platform.startswith("wayland") and not wayland)
        or not (x11 or wayland)
    ):
        return (
            f"{prog}: no display to show a window on (DISPLAY and WAYLAND_DISPLAY are not set): "
            f"start it in the desktop session{window}, or {OFFSCREEN_HINT}"
        )
    uses_x11 = platform == "xcb" or (not platform and x11 and not wayland)
    if uses_x11 and ctypes.util.find_library("xcb-cursor") is None:
        return (
            f"{prog}: Qt needs the X11 library libxcb-cursor0, which is not installed: "
            f"install it (apt-get install libxcb-cursor0), or {OFFSCREEN_HINT}"
        )
    return None
