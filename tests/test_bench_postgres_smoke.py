"""The SQLite-versus-PostgreSQL benchmark, run with a tiny N so it doesn't rot."""

from __future__ import annotations

from bench import bench_postgres


def test_postgres_bench() -> None:
    throughput, whole, calls, notify = bench_postgres.run(processes=2, per_process=3, commits=5)
    assert throughput.n == whole.n == 6 and throughput.value and throughput.base_value
    assert throughput.unit == whole.unit == "tickets/s" and whole.value
    assert throughput.ok is not None
    assert calls.p99 and calls.base_p99 and calls.n > 0
    assert notify.n == 5 and notify.p50 is not None and notify.p99 and notify.base_p99
    assert 0 < notify.p50 < 5000
