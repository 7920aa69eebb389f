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
# every parameter is searched within [1e-8, 1e8]: real fits sit far inside, and data without a
# maximum inside (all customers alike, nobody leaving) would otherwise drift off to 0 or infinity
_LOG_BOUND = 8 * np.log(10)
_EDGE = 0.5  # within a factor e**0.5 of a bound counts as having run to the edge


# shape parameters (r, a, b; p, q) have no units, so real data put them well inside this range;
# beyond it a fit is drifting towards a limit (e.g. q → ∞: all customers spend alike), not a maximum
_SHAPE_RANGE = (1e-6, 1e6)


def shapes_plausible(*shapes: float) -> bool:
    low, high = _SHAPE_RANGE
    return all(low < value < high for value in shapes)


class FitError(ValueError):
    """The data cannot identify the model (too few customers, or none with what the model needs)."""


@dataclass(frozen=True)
class Maximum:
    params: tuple[float, ...]
    log_likelihood: float
    converged: bool  # settled on a maximum inside the bounds
    evaluations: int
    at_edge: bool  # a parameter ran to a bound: the data have no maximum inside


def _simplex(center: np.ndarray, step: float) -> np.ndarray:
    return np.vstack([center, center + step * np.eye(center.size)])


def maximize(log_likelihood: Callable[[np.ndarray], float], start: Sequence[float]) -> Maximum:
    """The parameters (all > 0) that maximize `log_likelihood`, searched from `start`."""
    if any(not (value > 0 and np.isfinite(value)) for value in start):
        raise ValueError(f"a start must be positive and finite, got {tuple(start)}")

    def objective(log_params: np.ndarray) -> float:
        if np.any(np.abs(log_params) > _LOG_BOUND):
            return np.inf
        with np.errstate(all="ignore"):
            value = log_likelihood(np.exp(log_params))
        # a step that overflows is simply a bad step: the search moves away from it
        return -value if np.isfinite(value) else np.inf

    point = np.log(np.asarray(start, dtype=float))
    if np.any(np.abs(point) > _LOG_BOUND):
        raise ValueError(f"a start must lie within [1e-8, 1e8], got {tuple(start)}")
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
    at_edge = bool(np.any(np.abs(point) > _LOG_BOUND - _EDGE))
    return Maximum(
        params=tuple(float(v) for v in np.exp(point)),
        log_likelihood=-best,
        converged=converged and not at_edge,
        evaluations=evaluations,
        at_edge=at_edge,
    )
