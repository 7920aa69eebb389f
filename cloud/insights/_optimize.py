"""Maximum likelihood over positive parameters, without gradients.

The models' likelihoods are smooth but their gradients are long formulas that would be one more
thing to get wrong; Nelder–Mead on the logarithms of the parameters needs neither bounds nor
derivatives and, restarted from its own answer until it stops improving, lands on the maximum to
many more digits than the published estimates carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

# one Nelder–Mead run can shrink its simplex on a ridge before reaching the top; a fresh simplex
# around its answer either confirms it or climbs on
_MAX_RUNS = 10
_IMPROVEMENT = 1e-8  # log-likelihood units: smaller gains mean the search has settled
_FIRST_STEP = 0.5  # the first simplex spans a factor e**0.5 ≈ 1.6 in each parameter
_RESTART_STEP = 0.05


class FitError(ValueError):
    """The data cannot identify the model (too few customers, or none with what the model needs)."""


@dataclass(frozen=True)
class Maximum:
    params: tuple[float, ...]
    log_likelihood: float
    converged: bool
    evaluations: int


def _simplex(center: np.ndarray, step: float) -> np.ndarray:
    return np.vstack([center, center + step * np.eye(center.size)])


def maximize(log_likelihood: Callable[[np.ndarray], float], start: Sequence[float]) -> Maximum:
    """The parameters (all > 0) that maximize `log_likelihood`, searched from `start`."""
    if any(not (value > 0 and np.isfinite(value)) for value in start):
        raise ValueError(f"a start must be positive and finite, got {tuple(start)}")

    def objective(log_params: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            value = log_likelihood(np.exp(log_params))
        # a step that overflows is simply a bad step: the search moves away from it
        return -value if np.isfinite(value) else np.inf

    point = np.log(np.asarray(start, dtype=float))
    best = objective(point)
    evaluations = 1
    converged = False
    step = _FIRST_STEP
    for _ in range(_MAX_RUNS):
        result = minimize(
            objective,
            point,
            method="Nelder-Mead",
            options={
                "initial_simplex": _simplex(point, step),
                "xatol": 1e-8,
                "fatol": 1e-9,
                "maxiter": 5_000,
                "maxfev": 8_000,
                "adaptive": True,
            },
        )
        evaluations += int(result.nfev)
        gain = best - float(result.fun)
        if float(result.fun) <= best:
            point, best = np.asarray(result.x), float(result.fun)
        if step == _RESTART_STEP and gain < _IMPROVEMENT and np.isfinite(best):
            converged = True
            break
        step = _RESTART_STEP
    return Maximum(
        params=tuple(float(v) for v in np.exp(point)),
        log_likelihood=-best,
        converged=converged,
        evaluations=evaluations,
    )
