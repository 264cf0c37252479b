"""Hypothesis settings of the queue's property tests.

Always derandomized: the same examples on every run, so no seed decides whether a rule
is checked (the cases a rule is about are also given with ``@example``). Under mutation
testing (``python -m tests.mutation`` sets ``LOKET_MUTATION``) each mutant gets fewer
examples and no shrinking: a failing example is enough to kill it, and the worked examples
carry the rules.
"""

from __future__ import annotations

import os

from hypothesis import Phase, settings

MUTATION = bool(os.environ.get("LOKET_MUTATION"))


def properties(max_examples: int) -> settings:
    if MUTATION:
        return settings(
            max_examples=min(max_examples, 25),
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
        )
    return settings(max_examples=max_examples, deadline=None, database=None, derandomize=True)
