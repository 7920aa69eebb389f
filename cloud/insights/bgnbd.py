"""The BG/NBD model of repeat visits (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").

While active, a customer buys at a Poisson rate λ; after each repeat purchase she drops out for good
with probability p. Across customers λ ~ Gamma(r, α) (α a rate, in 1/time units) and p ~ Beta(a, b).
A customer's calibration history is summed up as (x, t_x, T): x repeat purchases, the last at t_x,
observed until T, both measured from her first purchase. Time is in whatever unit the caller uses
(the CLI uses weeks, as the paper does).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import betaln, expit, gammaln, hyp2f1

from cloud.insights._optimize import FitError, maximize, shapes_plausible

# the expectations divide by (a - 1); the formula is continuous there, so a fit that lands on
# a = 1 exactly is evaluated a hair away (relative error ~1e-7, far below any data's noise)
_A_NUDGE = 1e-7


@dataclass(frozen=True)
class BgNbdParams:
    r: float
    alpha: float
    a: float
    b: float

    def __post_init__(self) -> None:
        for name in ("r", "alpha", "a", "b"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value > 0):
                raise ValueError(f"BG/NBD parameter {name} must be positive and finite, got {value}")


@dataclass(frozen=True)
class BgNbdFit:
    params: BgNbdParams
    log_likelihood: float
    converged: bool
    customers: int


def _arrays(x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> tuple[NDArray, NDArray, NDArray]:
    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    if np.any(x < 0) or np.any(x != np.round(x)):
        raise ValueError("x (repeat purchases) must be whole numbers ≥ 0")
    if np.any(t_x < 0) or np.any(t_x > T):
        raise ValueError("every t_x must lie in [0, T]")
    if np.any((x == 0) & (t_x != 0)):
        raise ValueError("a customer with no repeat purchase has t_x = 0")
    return x, t_x, T


def _log_dropout_odds(params: BgNbdParams, x: NDArray, t_x: NDArray, T: NDArray) -> NDArray:
    """log of a/(b+x-1)·((α+T)/(α+t_x))^(r+x): the odds that a customer with x > 0 has already left.

    Kept in logs because (α+T)/(α+t_x) raised to r+x overflows for a frequent buyer long gone.
    Customers with x = 0 cannot have left (dropout happens only after a repeat purchase): -inf.
    """
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    repeat = x > 0
    safe_b = np.where(repeat, b + x - 1, 1.0)
    odds = np.log(a) - np.log(safe_b) + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
    return np.where(repeat, odds, -np.inf)


def log_likelihood_terms(params: BgNbdParams, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> NDArray:
    """Each customer's log-likelihood, equation (6) of the paper taken in logs."""
    x, t_x, T = _arrays(x, t_x, T)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    ln_a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    ln_a2 = betaln(a, b + x) - betaln(a, b)
    ln_a3 = -(r + x) * np.log(alpha + T)
    # ln A4 = ln A3 + the dropout log-odds; logaddexp adds A3 and A4 without leaving logs
    ln_a4 = ln_a3 + _log_dropout_odds(params, x, t_x, T)
    return ln_a1 + ln_a2 + np.logaddexp(ln_a3, ln_a4)


def log_likelihood(params: BgNbdParams, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> float:
    return float(np.sum(log_likelihood_terms(params, x, t_x, T)))


def fit(
    x: ArrayLike, t_x: ArrayLike, T: ArrayLike, start: BgNbdParams = BgNbdParams(1.0, 1.0, 1.0, 1.0)
) -> BgNbdFit:
    """Maximum-likelihood estimates of (r, α, a, b) from customers' calibration histories."""
    x, t_x, T = _arrays(x, t_x, T)
    if x.size < 4:
        raise FitError(f"the BG/NBD model needs more than a handful of customers (got {x.size})")
    if not np.any(x > 0):
        raise FitError("no customer made a repeat purchase in the calibration period: nothing to fit")
    # customers with the same history contribute the same term: fit over the distinct ones
    histories, counts = np.unique(np.column_stack([x, t_x, T]), axis=0, return_counts=True)
    hx, ht_x, hT = histories.T

    def total(values: NDArray) -> float:
        try:
            params = BgNbdParams(*values)
        except ValueError:  # a step so far out that a parameter underflowed to 0 or overflowed
            return -np.inf
        return float(np.dot(counts, log_likelihood_terms(params, hx, ht_x, hT)))

    found = maximize(total, (start.r, start.alpha, start.a, start.b))
    params = BgNbdParams(*found.params)
    converged = found.converged and shapes_plausible(params.r, params.a, params.b)
    return BgNbdFit(params, found.log_likelihood, converged, int(x.size))


def probability_alive(params: BgNbdParams, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> NDArray:
    """P(still active at T | x, t_x, T): equation (11) of the paper."""
    x, t_x, T = _arrays(x, t_x, T)
    return expit(-_log_dropout_odds(params, x, t_x, T))


def _nudged_a(a: float) -> float:
    if abs(a - 1.0) < _A_NUDGE:
        return 1.0 + _A_NUDGE if a >= 1.0 else 1.0 - _A_NUDGE
    return a


def expected_transactions(params: BgNbdParams, t: ArrayLike) -> NDArray:
    """E[X(t)]: repeat purchases a new customer is expected to make in her first t (equation 9).

    Written with Euler's transformation of 2F1, (1-z)^r·2F1(r, b; a+b-1; z) =
    (1-z)^(a-1)·2F1(a+b-1-r, a-1; a+b-1; z), whose arguments stay small for any t.
    """
    t = np.asarray(t, dtype=float)
    if np.any(t < 0):
        raise ValueError("a horizon t must be ≥ 0")
    r, alpha, b = params.r, params.alpha, params.b
    a = _nudged_a(params.a)
    z = t / (alpha + t)
    tail = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b - 1, z)
    return (a + b - 1) / (a - 1) * (1 - tail)


def conditional_expected_transactions(
    params: BgNbdParams, t: ArrayLike, x: ArrayLike, t_x: ArrayLike, T: ArrayLike
) -> NDArray:
    """E[Y(t) | x, t_x, T]: purchases in the next t after T by a customer with this history (eq. 10).

    The factor ((α+T)/(α+T+t))^(r+x)·2F1(r+x, b+x; a+b+x-1; z) of the paper overflows and
    underflows for frequent buyers; by Euler's transformation it equals
    (1-z)^(a-1)·2F1(a+b-1-r, a-1; a+b+x-1; z) with z = t/(α+T+t), which stays tame.
    """
    x, t_x, T = _arrays(x, t_x, T)
    t = np.asarray(t, dtype=float)
    if np.any(t < 0):
        raise ValueError("a horizon t must be ≥ 0")
    r, alpha, b = params.r, params.alpha, params.b
    a = _nudged_a(params.a)
    z = t / (alpha + T + t)
    tail = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
    if_alive = (a + b + x - 1) / (a - 1) * (1 - tail)
    return if_alive * expit(-_log_dropout_odds(BgNbdParams(r, alpha, a, b), x, t_x, T))
