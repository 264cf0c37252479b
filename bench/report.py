"""The summary table every benchmark prints (plain text and Markdown)."""

from __future__ import annotations

from collections.abc import Sequence

from bench.common import Result


def _n(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return f"{text} {unit}".strip()


def rows(results: Sequence[Result]) -> list[list[str]]:
    out = []
    for r in results:
        if r.p50 is not None:
            measured = f"p50 {_n(r.p50)} / p99 {_n(r.p99)} {r.unit}"
            base = f"p50 {_n(r.base_p50)} / p99 {_n(r.base_p99)} {r.unit}"
        else:
            measured = _n(r.value, r.unit)
            base = _n(r.base_value, r.unit)
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else "-"
        verdict = "" if r.ok is None else ("OK" if r.ok else "MISSED")
        target = f"{r.target} {verdict}".strip()
        out.append([r.name, str(r.n), measured, base, ratio, target, r.note])
    return out


HEADER = ["benchmark", "n", "measured", "baseline", "ratio", "target", "note"]


def markdown(results: Sequence[Result]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def print_table(results: Sequence[Result]) -> None:
    table = [HEADER, *rows(results)]
    widths = [max(len(row[i]) for row in table) for i in range(len(HEADER))]
    for k, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
