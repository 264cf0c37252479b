"""Reading an app's Qt Linguist file and its ``tr("...")`` calls, for the tests that check
every shown text has its Indonesian translation (kiosk, console, display)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path


def finished_translations(ts: Path, context: str | None = None) -> dict[str, str]:
    """source → translation of every finished message of a ``.ts`` file (of one
    ``context`` only, when given)."""
    result = {}
    root = ET.parse(ts).getroot()
    contexts = [c for c in root.iter("context") if context in (None, c.findtext("name"))]
    for message in (m for c in contexts for m in c.iter("message")):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") not in ("unfinished", "obsolete") and translation.text:
            result[message.findtext("source") or ""] = translation.text
    return result


def tr_sources(folder: Path) -> set[str]:
    """Every literal passed to ``tr(...)`` in the Python files of ``folder``."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                arg = node.args[0]
                assert isinstance(arg, ast.Constant), f"{path}:{node.lineno}: tr() of a variable"
                found.add(arg.value)
    return found
