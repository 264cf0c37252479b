"""Translator loading the three apps share.

Each app keeps its Qt Linguist sources in ``<package>/translations/<package>_<lang>.ts``
(source strings in English inside ``tr()``) and, beside them, the compiled
``<package>_<lang>.qm`` the app loads with ``QTranslator``. The ``.qm`` files are made at
build time, never by a running app: ``python -m ui.i18n`` compiles every ``.ts`` with the
``lrelease`` that ships inside the PySide6 wheel (run it after editing a ``.ts``; a test
fails while a shipped ``.qm`` differs from its ``.ts``), and the package data installs
them. English needs no file: it is the source language.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


class TranslationError(Exception):
    """A ``.ts`` file that cannot be compiled or loaded."""


def translations_dir(package: str) -> Path:
    module = importlib.import_module(package)
    if module.__file__ is not None:
        return Path(module.__file__).resolve().parent / "translations"
    # A package the editable install still maps as a namespace: take its real folder.
    folders = [Path(p) for p in getattr(module, "__path__", []) if Path(p).is_dir()]
    if not folders:
        raise TranslationError(f"cannot find the folder of package {package!r}")
    return folders[0].resolve() / "translations"


def ts_files(package: str) -> dict[str, Path]:
    """The package's ``.ts`` files by language: ``{"id": .../kiosk_id.ts}``."""
    folder = translations_dir(package)
    prefix = f"{package}_"
    return {
        path.stem[len(prefix) :]: path
        for path in sorted(folder.glob(f"{prefix}*.ts"))
        if path.stem.startswith(prefix)
    }


def lrelease_path() -> str | None:
    """``lrelease`` of the installed PySide6 (inside the package, or the venv's wrapper)."""
    import PySide6

    candidates = [
        Path(os.path.dirname(PySide6.__file__)) / "lrelease",
        Path(sys.executable).parent / "pyside6-lrelease",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def qm_path(ts: Path, folder: Path | None = None) -> Path:
    """Where the compiled ``.qm`` of ``ts`` lives (beside it unless ``folder`` is given)."""
    return (folder or ts.parent) / (ts.stem + ".qm")


def compile_ts(ts: Path, out_dir: Path | None = None) -> Path:
    """Compile ``ts`` to its ``.qm`` (beside it, or in ``out_dir``) with ``lrelease``.
    A build step: apps only load what this made."""
    qm = qm_path(ts, out_dir)
    cache_dir = qm.parent
    tool = lrelease_path()
    if tool is None:
        raise TranslationError("lrelease not found (it ships with PySide6)")
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Build beside the target and rename: two apps starting together never read half a file.
    fd, tmp = tempfile.mkstemp(suffix=".qm", dir=cache_dir)
    os.close(fd)
    try:
        done = subprocess.run(
            [tool, "-silent", str(ts), "-qm", tmp],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or Path(tmp).stat().st_size == 0:
            raise TranslationError(f"{ts}: lrelease failed: {done.stderr.strip()}")
        os.replace(tmp, qm)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return qm


class Translations(QObject):
    """Switches an application's language: ``set_language("id")`` installs the compiled
    translator of ``package``; ``set_language("en")`` removes it (source language).
    ``qm_dir`` is where the ``.qm`` files are (default: the package's translations
    folder, where the build put them). Nothing here runs a program."""

    def __init__(
        self,
        package: str,
        qm_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.package = package
        self.qm_dir = qm_dir
        self.language = SOURCE_LANGUAGE
        self._translator: QTranslator | None = None

    def translator_for(self, language: str) -> QTranslator | None:
        """A loaded translator for ``language`` (None for the source language)."""
        if language == SOURCE_LANGUAGE:
            return None
        files = ts_files(self.package)
        if language not in files:
            raise TranslationError(f"{self.package}: no translation for {language!r}")
        qm = qm_path(files[language], self.qm_dir)
        if not qm.is_file():
            raise TranslationError(f"{qm} is missing: compile it with `python -m ui.i18n`")
        translator = QTranslator(self)
        if not translator.load(str(qm)):
            raise TranslationError(f"{qm}: QTranslator cannot load it")
        return translator

    def set_language(self, language: str) -> bool:
        """Install ``language``; on failure log it, keep the source language, return False."""
        app = QCoreApplication.instance()
        try:
            translator = self.translator_for(language)
        except (TranslationError, OSError) as exc:
            logger.error("cannot load the %s translation: %s", language, exc)
            translator, language, ok = None, SOURCE_LANGUAGE, False
        else:
            ok = True
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = translator
        if translator is not None and app is not None:
            app.installTranslator(translator)
        self.language = language
        return ok

    def uninstall(self) -> None:
        """Remove this object's translator from the application (at shutdown)."""
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None
        self.language = SOURCE_LANGUAGE


APPS = ("kiosk", "admin_console", "display", "ui")


def compile_all(packages: tuple[str, ...] = APPS) -> list[Path]:
    """Compile every ``.ts`` of ``packages`` beside itself; the ``.qm`` files written."""
    made = []
    for package in packages:
        try:
            files = ts_files(package)
        except (TranslationError, ModuleNotFoundError):
            continue
        made += [compile_ts(ts) for ts in files.values()]
    return made


if __name__ == "__main__":
    for path in compile_all():
        print(path)
