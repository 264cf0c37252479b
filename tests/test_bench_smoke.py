"""Every benchmark and the simulation command, run with a tiny N so they don't rot."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image

from bench import bench_call_next, bench_issue, bench_memory, bench_throughput, run_all, simulate

TINY_SCENARIO = """
name = "tiny"
date = 2026-12-01
seed = 3
[settings.business_day.hours]
tue = { open = "08:00:00", close = "09:30:00" }
[bookings]
slots = { "08:00" = 4 }
[arrivals.walk_in]
count = 4
services = { ambil = 1, info = 1 }
profile = [["07:30", 1], ["09:00", 0]]
[service_times]
baru = { median = 6 }
ganti = { median = 6 }
ambil = { median = 2 }
info = { median = 3 }
"""


def test_issue_bench() -> None:
    results = bench_issue.run(n=5, lines=(0, 5), repeat=2)
    assert [r.name for r in results] == [
        "issuing transaction",
        "issue one ticket (whole)",
        "transaction with 0 waiting",
        "whole issue with 0 waiting",
        "transaction with 5 waiting",
        "whole issue with 5 waiting",
    ]
    first, whole = results[:2]
    assert first.p50 and first.p99 and first.base_p99 and first.ratio
    assert first.ok is not None and results[4].ok is not None
    assert "ESC/POS" in whole.note


def test_throughput_bench() -> None:
    transaction, whole = bench_throughput.run(processes=2, per_process=3)
    assert transaction.n == whole.n == 6
    assert transaction.value and whole.value and transaction.base_value
    assert transaction.ok is not None


def test_call_next_bench() -> None:
    (result,) = bench_call_next.run(n=3, waiting=5, days=2, per_day=20)
    assert result.p99 and result.base_p99 and "40 old tickets" in result.note


def test_memory_bench() -> None:
    (result,) = bench_memory.run(tickets=20, per_day=10)
    assert result.value and result.base_value and result.value >= result.base_value * 0.5


def test_other_benches_are_taken_into_the_summary() -> None:
    for module in run_all.EXTERNAL:
        results = run_all.external(module, quick=True)
        if importlib.util.find_spec(f"bench.{module}") is None:
            assert results == []
        else:
            # A smoke run checks that it runs; its verdicts depend on the machine's load.
            assert results and not any(r.note.startswith("failed") for r in results), results


def test_simulate_command_writes_tables_and_charts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    scenario = tmp_path / "tiny.toml"
    scenario.write_text(TINY_SCENARIO, encoding="utf-8")
    out = tmp_path / "docs"
    code = simulate.main(
        ["--scenario", str(scenario), "--policies", "fifo", "weighted_wait:priority=4",
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    text = (out / "queue-policy.md").read_text(encoding="utf-8")
    assert "| | `fifo` | `weighted_wait:priority=4` |" in text
    assert simulate.BEGIN in text and simulate.END in text
    with Image.open(out / "charts" / "sim-tiny.png") as chart:
        assert chart.width >= 1000
    # Running again replaces the generated section and keeps what was written around it.
    (out / "queue-policy.md").write_text("# Mine\n\nkept\n\n" + text, encoding="utf-8")
    simulate.main(["--scenario", str(scenario), "--policies", "fifo", "--out", str(out)])
    again = (out / "queue-policy.md").read_text(encoding="utf-8")
    assert again.startswith("# Mine\n\nkept") and again.count(simulate.BEGIN) == 1
    assert "| | `fifo` |" in capsys.readouterr().out
