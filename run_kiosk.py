"""Start Loket on this PC.

    python run_kiosk.py [--config FILE] [--windowed [portrait|landscape]]
    python run_kiosk.py --demo [--keep]

Without ``--demo``: the kiosk on the settings in force (``--config``, ``$LOKET_CONFIG`` or the
embedded defaults); the queue database is created or upgraded first.

With ``--demo``: the whole office on this PC, on a throwaway data folder: today's bookings
(their QR codes as PNG files, listed in an index), the virtual printer on loopback, and the
kiosk, a calling display and a console (logged in as the demo supervisor at counter 1),
each its own process. Printed tickets are saved as PNG files in the folder. Ctrl-C, or
leaving the kiosk (assisted mode, Demo Supervisor's PIN 2580 or the shared staff PIN 1234,
"Close the kiosk"), ends everything and
removes the folder (unless ``--keep``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from config import add_config_option

PROCESS_WAIT_S = 5.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="run_kiosk",
        description="Start the Loket kiosk, or with --demo the whole office on this PC.",
    )
    add_config_option(parser)
    parser.add_argument(
        "--windowed",
        nargs="?",
        const="portrait",
        choices=("landscape", "portrait"),
        help="the kiosk in a window instead of fullscreen",
    )
    parser.add_argument(
        "--demo", action="store_true", help="the whole office on a throwaway data folder"
    )
    parser.add_argument(
        "--keep", action="store_true", help="with --demo: keep the data folder afterwards"
    )
    return parser


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # SIGTERM (kill, systemd) ends the demo or the kiosk as Ctrl-C does, cleaning up.
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN:
        signal.signal(signal.SIGTERM, _interrupt)
    if args.demo:
        return run_demo(keep=args.keep)
    try:
        from kiosk.app import main as kiosk_main
    except KeyboardInterrupt:
        return 130

    kiosk_args = []
    if args.config:
        kiosk_args += ["--config", args.config]
    if args.windowed:
        kiosk_args += ["--windowed", args.windowed]
    return kiosk_main(kiosk_args)


# --- the demo ---------------------------------------------------------------------------


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the virtual printer stopped (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the virtual printer did not listen on port {port}")


def demo_commands(settings_path: Path, printed_dir: Path, port: int) -> dict[str, list[str]]:
    """The demo's processes, by name (the kiosk last: the demo ends with it)."""
    py = sys.executable
    config = ["--config", str(settings_path)]
    return {
        "printer": [
            py, "-m", "printer", "emulate", "--host", "127.0.0.1", "--port", str(port),
            "--out", str(printed_dir),
        ],
        "display": [py, "-m", "display", *config, "--window", "1280x720"],
        "console": [py, "-m", "admin_console", *config, "--counter", "1", "--login", "demo"],
        "web": [py, "-m", "web", *config, "--log-level", "warning"],
        "kiosk": [py, "-m", "kiosk", *config, "--windowed", "landscape"],
    }  # fmt: skip


def _stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + PROCESS_WAIT_S
    for process in processes.values():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _report_new_tickets(printed_dir: Path, seen: set[Path]) -> None:
    for png in sorted(printed_dir.glob("ticket-*.png")):
        if png not in seen:
            seen.add(png)
            print(f"Printed: {png}", flush=True)


def run_demo(keep: bool = False, folder: Path | None = None) -> int:
    from db.sim.demo import DEMO_COUNTER, free_port, seed_demo

    folder = folder or Path(tempfile.mkdtemp(prefix="loket-demo-"))
    port = free_port()
    os.environ.pop("LOKET_DATABASE_URL", None)
    office = seed_demo(folder, port)
    print(office.index_path.read_text(encoding="utf-8"))
    print(f"Demo data folder: {folder}")
    print(
        f"Console: logged in as {office.officer!r} (password {office.password!r}) at counter "
        f"{DEMO_COUNTER}. Kiosk: Demo Supervisor's own PIN {office.officer_pin}, or the shared "
        f"staff PIN {office.staff_pin}."
    )
    print(
        f"Web: http://127.0.0.1:{office.web_port}/ (ticket pages open from the printed QR "
        f"codes; the TV display is http://127.0.0.1:{office.web_port}/display)."
    )
    print("Ctrl-C here, or closing the kiosk through assisted mode, ends the demo.", flush=True)
    env = {
        **os.environ,
        "LOKET_DATA_DIR": str(folder),
        "LOKET_CONFIG": str(office.settings_path),
        "LOKET_CONSOLE_PASSWORD": office.password,
    }
    processes: dict[str, subprocess.Popen[bytes]] = {}
    seen: set[Path] = set()
    try:
        for name, command in demo_commands(office.settings_path, office.printed_dir, port).items():
            # A session of their own: Ctrl-C reaches this launcher, which stops them in order.
            processes[name] = subprocess.Popen(command, env=env, start_new_session=True)
            if name == "printer":
                _wait_listening(port, processes[name])
        pids = ", ".join(f"{name} {p.pid}" for name, p in processes.items())
        print(f"Demo running (process ids: {pids}).", flush=True)
        kiosk = processes["kiosk"]
        while kiosk.poll() is None:
            _report_new_tickets(office.printed_dir, seen)
            time.sleep(0.5)
        _report_new_tickets(office.printed_dir, seen)
        return 0
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(f"run_kiosk: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not stop the cleanup
        _stop(processes)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if keep:
            print(f"Demo data kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
