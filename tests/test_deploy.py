"""The deployment files describe commands that exist and units systemd accepts."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service")) + sorted(
    (ROOT / "deploy" / "systemd").glob("*.timer")
)
SYSTEMD = ROOT / "deploy" / "systemd"
SCRIPTS = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"])
# Installed on the kiosk and display PCs by docs/deployment.md, not on a build machine.
PROVIDED_BY_THE_TARGET = {"/usr/bin/cage"}


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


def test_there_are_units_for_kiosk_display_and_backup() -> None:
    names = {p.name for p in UNITS}
    assert {
        "loket-kiosk.service",
        "loket-display.service",
        "loket-backup.service",
        "loket-backup.timer",
    } <= names


@pytest.mark.parametrize("path", [p for p in UNITS if p.suffix == ".service"], ids=str)
def test_units_start_programs_loket_installs(path: Path) -> None:
    service = unit(path)["Service"]
    programs = re.findall(r"/opt/loket/\.venv/bin/([\w-]+)", service["ExecStart"])
    assert programs, "ExecStart runs no Loket program"
    for program in programs:
        assert program in SCRIPTS, f"{program} is not a console script of the package"


@pytest.mark.parametrize("path", UNITS, ids=str)
def test_systemd_accepts_the_units(path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    sections = unit(path).sections()
    assert "Unit" in sections
    assert ("Service" in sections) or ("Timer" in sections)
    if analyze is None:
        return  # the structural checks above are what this machine can do
    result = subprocess.run(
        [analyze, "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip()
        and not any(f"Command {p} is not executable" in line for p in PROVIDED_BY_THE_TARGET)
        and "/opt/loket/" not in line
    ]
    assert problems == []


def test_desktop_entry_and_udev_rules_parse() -> None:
    desktop = unit(ROOT / "deploy" / "loket-console.desktop")["Desktop Entry"]
    assert desktop["Exec"].rsplit("/", 1)[-1] in SCRIPTS
    for line in (ROOT / "deploy" / "udev" / "99-loket.rules").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r'(\w+(\{\w+\})?(==|\+?=)"[^"]*"(, )?)+', line), line


# Every unit is hardened; systemd rates each. The screens keep only their devices.
HARDENED = (
    "loket-backup.service",
    "loket-web.service",
    "loket-kiosk.service",
    "loket-display.service",
)


@pytest.mark.parametrize("name", HARDENED)
def test_service_units_are_hardened(name: str) -> None:
    text = (SYSTEMD / name).read_text(encoding="utf-8")
    for setting in ("NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet="):
        assert setting in text, f"{name} lacks {setting}"
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        return  # the settings above are what this machine can check
    result = subprocess.run(
        [analyze, "security", "--offline=true", "--no-pager", str(SYSTEMD / name)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    level = re.search(r"Overall exposure level for \S+: ([\d.]+)", result.stdout)
    assert level is not None, result.stdout[-500:] + result.stderr
    assert float(level.group(1)) <= 4.0, f"{name}: exposure {level.group(1)}"


@pytest.mark.parametrize("name", ["loket-kiosk.service", "loket-display.service"])
def test_screens_in_the_lobby_cannot_switch_virtual_terminals(name: str) -> None:
    command = unit(SYSTEMD / name)["Service"]["ExecStart"]
    assert command.startswith("/usr/bin/cage "), command
    assert " -s " not in f" {command} ", "cage -s lets Ctrl+Alt+Fn switch consoles"


def test_the_usb_printer_kind_has_its_library_in_an_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert any(req.startswith("pyusb") for req in extras["usb"])
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "udevadm trigger" in guide and "cage xwayland" in guide and "libusb-1.0-0" in guide
