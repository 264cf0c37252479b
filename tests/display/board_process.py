"""A calling display process that reports what it shows, for the cross-process test:

    python -m tests.display.board_process --config FILE

runs the real display (muted) and prints, after every change of its view, one line
``board <json>`` with the latest call, the previous calls and each counter's text."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="display-board")
    parser.add_argument("--config", required=True)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from config import load_settings
    from db.migrate import open_queue
    from display.app import CallingDisplay
    from display.widgets import FitLabel

    app = QApplication([sys.argv[0]])
    ctx = open_queue(load_settings(args.config))
    display = CallingDisplay(ctx, muted=True, poll_ms=30)
    window = display.window

    def text(name: str) -> str:
        label = window.findChild(FitLabel, name)
        return label.text() if label is not None else ""

    def report(_update: object) -> None:
        recent = [
            [text(f"recentNumber{i}"), text(f"recentCounter{i}")]
            for i in range(ctx.settings.display.recent_calls)
            if text(f"recentNumber{i}")
        ]
        picture = {
            "latest": [text("latestNumber"), text("latestCounter")],
            "recent": recent,
            "serving": {
                str(c.number): text(f"counterServing{c.number}") for c in ctx.settings.counters
            },
        }
        print("board " + json.dumps(picture, ensure_ascii=False), flush=True)

    window.viewUpdated.connect(report)
    window.resize(1280, 720)
    window.show()
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    tick = QTimer()
    tick.timeout.connect(lambda: None)
    tick.start(100)
    display.start()
    try:
        return app.exec()
    finally:
        display.close()
        ctx.db.dispose()


if __name__ == "__main__":
    sys.exit(main())
