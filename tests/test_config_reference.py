"""docs/configuration.md is generated from the settings model and must be up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from config.__main__ import main as config_main
from config.reference import build_reference, example_comments, rows
from config.settings import Settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_the_committed_reference_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == build_reference(), (
        "regenerate it: python -m config --reference > docs/configuration.md"
    )


def test_every_key_of_the_model_is_listed() -> None:
    listed = {path for path, *_ in rows()}
    for name, field in Settings.model_fields.items():
        assert name in listed
        value = field.get_default(call_default_factory=True)
        if isinstance(value, BaseModel):
            assert {f"{name}.{key}" for key in type(value).model_fields} <= listed
    assert "services[].prefix" in listed and "business_day.hours.*.open" in listed
    assert "| `printer.port` | integer (≥ 1, ≤ 65535) | `9100` |" in build_reference()


def test_descriptions_come_from_the_example_comments() -> None:
    comments = example_comments(
        "# The office.\n[office]\n# Its code.\ncode = 'X'\n\nname = 'n'\n"
        "# about usb\n# usb_vendor = 1\nserial_port = 'p'\n"
        "[[services]]\n# A prefix.\nprefix = 'A'\n"
    )
    assert comments == {
        "office": "The office.",
        "office.code": "Its code.",
        "services[].prefix": "A prefix.",
    }


def test_python_m_config_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert config_main(["--reference"]) == 0
    assert capsys.readouterr().out == build_reference()
