"""The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV").

A customer's transactions are worth z ~ Gamma(p, ν) each (shape p, rate ν), and ν varies across
customers as Gamma(q, γ). Only her number of repeat transactions x and their mean m_x matter; the
model assumes spend is independent of how often she buys, so it is fitted on the customers with
x ≥ 1 and combined with the BG/NBD visit forecast for lifetime value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import gammaln

from cloud.insights._optimize import FitError, maximize, shapes_plausible


@dataclass(frozen=True)
class GammaGammaParams:
    p: float
    q: float
    gamma: float

    def __post_init__(self) -> None:
        for name in ("p", "q", "gamma"):
            value = getattr(self, name)
            if not (np.isfinite(value) and value > 0):
                raise ValueError(f"Gamma-Gamma parameter {name} must be positive and finite, got {value}")

    @property
    def mean_spend(self) -> float:
        """E[Z]: the population's mean spend per transaction, p·γ/(q-1); infinite when q ≤ 1."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")


@dataclass(frozen=True)
class GammaGammaFit:
    params: GammaGammaParams
    log_likelihood: float
    converged: bool
    customers: int


def _arrays(x: ArrayLike, m_x: ArrayLike) -> tuple[NDArray, NDArray]:
    x, m_x = np.asarray(x, dtype=float), np.asarray(m_x, dtype=float)
    if x.shape != m_x.shape:
        raise ValueError("x and m_x must have one value per customer")
    if np.any(x < 1) or np.any(x != np.round(x)):
        raise ValueError("the spend model takes customers with x ≥ 1 repeat transactions")
    if np.any(m_x <= 0) or not np.all(np.isfinite(m_x)):
        raise ValueError("every mean spend m_x must be positive and finite")
    return x, m_x


def log_likelihood_terms(params: GammaGammaParams, x: ArrayLike, m_x: ArrayLike) -> NDArray:
    """log f(m_x | p, q, γ; x), the density of a customer's mean spend over x transactions.

    Given ν, x·m_x ~ Gamma(p·x, ν); mixing ν over Gamma(q, γ) gives
    Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m_x^(px-1) · x^(px) / (γ + x·m_x)^(px+q).
    """
    x, m_x = _arrays(x, m_x)
    p, q, gamma = params.p, params.q, params.gamma
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + (px - 1) * np.log(m_x)
        + px * np.log(x)
        - (px + q) * np.log(gamma + x * m_x)
    )


def log_likelihood(params: GammaGammaParams, x: ArrayLike, m_x: ArrayLike) -> float:
    return float(np.sum(log_likelihood_terms(params, x, m_x)))


def fit(
    x: ArrayLike, m_x: ArrayLike, start: GammaGammaParams = GammaGammaParams(1.0, 1.0, 1.0)
) -> GammaGammaFit:
    """Maximum-likelihood (p, q, γ) from the customers with at least one repeat transaction."""
    x, m_x = _arrays(x, m_x)
    if x.size < 3:
        raise FitError(
            f"the spend model needs more than a few customers with a repeat purchase (got {x.size})"
        )

    def total(values: NDArray) -> float:
        try:
            params = GammaGammaParams(*values)
        except ValueError:
            return -np.inf
        return log_likelihood(params, x, m_x)

    found = maximize(total, (start.p, start.q, start.gamma))
    params = GammaGammaParams(*found.params)
    converged = found.converged and shapes_plausible(params.p, params.q)
    return GammaGammaFit(params, found.log_likelihood, converged, int(x.size))


def conditional_expected_spend(params: GammaGammaParams, x: ArrayLike, m_x: ArrayLike) -> NDArray:
    """E[Z | x, m_x]: a customer's expected spend per transaction given what she spent so far.

    The posterior of ν is Gamma(q + p·x, γ + x·m_x), so E[p/ν] = p(γ + x·m_x)/(p·x + q - 1): a
    weighted mean of the population mean and her own m_x, trusting her more the more she bought.
    A customer with no repeat transaction (x = 0) gets the population mean.
    """
    x, m_x = np.asarray(x, dtype=float), np.asarray(m_x, dtype=float)
    if np.any(x < 0) or np.any(m_x < 0):
        raise ValueError("x and m_x must be ≥ 0")
    if params.q <= 1:
        raise ValueError(f"expected spend is infinite when q ≤ 1 (q = {params.q})")
    p, q, gamma = params.p, params.q, params.gamma
    own = np.where(x > 0, m_x, 0.0)
    return p * (gamma + x * own) / (p * x + q - 1)
