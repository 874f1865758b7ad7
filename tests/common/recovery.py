"""The attacker of the adversarial suppression tests: everything a person is shown is a set of
linear equations over the exact counts; a hidden cell is recovered when its own linear form lies
in the span of those equations (then some combination of shown figures equals it exactly)."""

from __future__ import annotations

import numpy as np


def recovered(shown: list[np.ndarray], hidden: dict[str, np.ndarray]) -> list[str]:
    """Return the names of the hidden cells that the shown equations determine."""
    if not shown:
        return []
    known = np.vstack(shown)
    rank = np.linalg.matrix_rank(known)
    return [
        name
        for name, form in hidden.items()
        if np.linalg.matrix_rank(np.vstack([known, form])) == rank
    ]
