"""Mutation testing of the queue core with mutmut: each module against its own tests.

    python -m tests.mutation                        # every core module, a full run each
    python -m tests.mutation policy estimate        # some modules (by short name)
    python -m tests.mutation --sample 40 --min-score 0.85   # the bounded sample CI runs
    python -m tests.mutation policy --tests tests/test_policy.py  # other tests than configured
    python -m tests.mutation policy --survivors     # the last run's survivors, tests as now

The modules and the tests that pin each one are configured in ``pyproject.toml``
(``[tool.loket.mutation.modules]``); the rest of mutmut's settings are its own section,
``[tool.mutmut]``. Each run works in a folder of its own under ``out/mutation/``: the
folder holds links to the sources and tests and a ``pyproject.toml`` whose ``[tool.mutmut]``
names only the module(s) and the tests of that run, so mutmut's first pass (which runs the
selected tests once to learn which test reaches which function) stays short. mutmut then
runs, for every mutant, only the tests that reach the mutated function, fastest first,
stopping at the first failure.

A full run prints, per module, killed / total and the surviving mutants (``mutmut show
NAME`` in the module's folder prints the change). The sample takes ``--sample`` mutants
spread evenly over the modules, the same ones every time, runs them against the quicker
test selection of ``[tool.loket.mutation.sample]``, and fails (exit status 1) when fewer
than ``--min-score`` of them are killed. Scores and the judged survivors are in
docs/TESTING.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "out" / "mutation"
# What a copy of the project needs for the core's tests to import (mutmut copies it into
# the folder's mutants/ and imports only from there).
LINKED = ("config", "db", "printer", "bench", "tests", "samples")
KILLED = {1, 3, 24, -24, 36, 152, 255}  # failed, pytest internal error, timeouts


@dataclass(frozen=True)
class Module:
    path: str  # e.g. "db/rules/policy.py"
    tests: tuple[str, ...]

    @property
    def name(self) -> str:  # "policy"
        return Path(self.path).stem

    @property
    def dotted(self) -> str:  # "db.rules.policy"
        return self.path.removesuffix(".py").replace("/", ".")


@dataclass
class Score:
    module: str
    killed: int
    total: int  # mutants run (killed or survived)
    survivors: list[str]
    untested: int = 0  # made but not run (a run stopped early)

    @property
    def ratio(self) -> float:
        return self.killed / self.total if self.total else 1.0


def configured_modules() -> list[Module]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    modules = data["tool"]["loket"]["mutation"]["modules"]
    return [Module(path, tuple(tests)) for path, tests in modules.items()]


def _project_text_without_mutmut() -> str:
    """The project's pyproject.toml (pytest's settings above all) minus [tool.mutmut]."""
    lines = (ROOT / "pyproject.toml").read_text("utf-8").splitlines()
    kept: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("["):
            skipping = line.strip() == "[tool.mutmut]"
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def prepare(folder: Path, modules: list[Module], *, fresh: bool = True) -> None:
    """A folder whose mutmut settings name ``modules`` and their tests only (``fresh``:
    emptied first; else its mutants and what mutmut learnt are kept)."""
    base = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        if not (folder / name).exists():
            (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    tests = sorted({t for m in modules for t in m.tests})
    section = [
        "[tool.mutmut]",
        f"source_paths = {_toml_list(base['source_paths'])}",
        f"also_copy = {_toml_list(base.get('also_copy', []))}",
        f"only_mutate = {_toml_list([m.path for m in modules])}",
        f"pytest_add_cli_args = {_toml_list(base.get('pytest_add_cli_args', []))}",
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}",
        "use_git_change_detection = false",
    ]
    text = _project_text_without_mutmut() + "\n" + "\n".join(section) + "\n"
    (folder / "pyproject.toml").write_text(text, "utf-8")


def mutmut(folder: Path, names: list[str], children: int, *, check: bool = True) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # The property tests run fewer examples per mutant (tests/properties.py).
    env["LOKET_MUTATION"] = "1"
    command = [str(Path(sys.executable).with_name("mutmut")), "run", "--max-children"]
    command += [str(children), *names]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        sys.stdout.write(done.stdout[-5000:] + done.stderr[-5000:])
        raise SystemExit(f"mutmut failed in {folder} (exit status {done.returncode})")


def results(folder: Path, module: Module) -> dict[str, int | None]:
    meta = folder / "mutants" / (module.path + ".meta")
    data = json.loads(meta.read_text("utf-8"))
    codes: dict[str, int | None] = data["exit_code_by_key"]
    return codes


def score(module: Module, codes: dict[str, int | None], names: set[str] | None = None) -> Score:
    chosen = {k: v for k, v in codes.items() if names is None or k in names}
    run = {k: v for k, v in chosen.items() if v is not None}
    survivors = sorted(k for k, v in run.items() if v not in KILLED)
    untested = len(chosen) - len(run)
    return Score(module.name, len(run) - len(survivors), len(run), survivors, untested)


def spread(names: list[str], count: int) -> list[str]:
    """``count`` names evenly spaced over the sorted ``names`` (the same ones every time)."""
    ordered = sorted(names)
    if count >= len(ordered):
        return ordered
    step = len(ordered) / count
    return [ordered[int(i * step + step / 2)] for i in range(count)]


def full_run(modules: list[Module], children: int, survivors: bool = False) -> list[Score]:
    scores = []
    for module in modules:
        folder = WORK / module.name
        started = time.monotonic()
        if survivors:  # the last run's survivors again, against the tests as they are now
            names = score(module, results(folder, module)).survivors
            prepare(folder, [module], fresh=False)
            if names:
                mutmut(folder, names, children)
        else:
            prepare(folder, [module])
            mutmut(folder, [], children)
        result = score(module, results(folder, module))
        minutes = (time.monotonic() - started) / 60
        untested = f", {result.untested} not run" if result.untested else ""
        print(
            f"{module.path}: {result.killed}/{result.total} killed "
            f"({100 * result.ratio:.1f} %{untested}) in {minutes:.1f} min",
            flush=True,
        )
        for name in result.survivors:
            print(f"    survived: {name}  (mutmut show {name}, in {folder})")
        scores.append(result)
    return scores


def sample_tests() -> tuple[str, ...]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return tuple(data["tool"]["loket"]["mutation"]["sample"]["tests"])


def sample_run(modules: list[Module], count: int, children: int) -> tuple[int, int, list[str]]:
    folder = WORK / "sample"
    prepare(folder, modules)
    # A first run makes every mutant and learns which tests reach which function, then
    # stops: the name it is given matches no mutant. The sample is drawn from the names
    # that run wrote.
    mutmut(folder, ["no-such-mutant"], children, check=False)
    if not (folder / "mutants" / "mutmut-stats.json").exists():
        mutmut(folder, ["no-such-mutant"], children)  # shows why
    per_module = {m: results(folder, m) for m in modules}
    total = sum(len(c) for c in per_module.values())
    chosen: list[str] = []
    for codes in per_module.values():
        share = max(1, round(count * len(codes) / total))
        chosen += spread(list(codes), share)
    mutmut(folder, chosen, children)
    killed, survivors = 0, []
    for m in modules:
        s = score(m, results(folder, m), set(chosen))
        killed += s.killed
        survivors += s.survivors
    return killed, len(chosen), survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__)
    parser.add_argument("modules", nargs="*", help="short names (policy, estimate, ...)")
    parser.add_argument("--sample", type=int, help="run only this many mutants, spread out")
    parser.add_argument("--min-score", type=float, default=0.0, help="fail below this share")
    parser.add_argument("--children", type=int, default=1, help="mutants run at once")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="run only the last full run's survivors again (after adding tests)",
    )
    parser.add_argument(
        "--tests", nargs="+", help="run the module(s) against these test files instead"
    )
    args = parser.parse_args(argv)
    modules = configured_modules()
    if args.tests:
        modules = [Module(m.path, tuple(args.tests)) for m in modules]
    if args.modules:
        known = {m.name: m for m in modules}
        unknown = [n for n in args.modules if n not in known]
        if unknown:
            parser.error(f"unknown module(s) {unknown}; known: {sorted(known)}")
        modules = [known[n] for n in args.modules]
    started = time.monotonic()
    if args.sample:
        if not args.tests:  # the sample's own, quicker tests (pyproject.toml)
            modules = [Module(m.path, sample_tests()) for m in modules]
        killed, total, survivors = sample_run(modules, args.sample, args.children)
        ratio = killed / total if total else 1.0
        for name in survivors:
            print(f"    survived: {name}")
        print(
            f"mutation sample: {killed}/{total} killed ({100 * ratio:.1f} %), "
            f"minimum {100 * args.min_score:.1f} %, {time.monotonic() - started:.0f} s"
        )
        return 0 if ratio >= args.min_score else 1
    scores = full_run(modules, args.children, args.survivors)
    low = [s for s in scores if s.ratio < args.min_score]
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
