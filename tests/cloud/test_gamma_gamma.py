"""Gamma-Gamma spend model against hand-computed values, integration and simulated customers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from cloud.insights import gamma_gamma
from cloud.insights._optimize import FitError
from cloud.insights.gamma_gamma import GammaGammaParams

PARAMS = GammaGammaParams(p=6.25, q=3.74, gamma=15.44)


def test_one_transaction_density_by_hand():
    # x = 1, p=1, q=2, γ=3, m=1: Γ(3)/(Γ(1)Γ(2))·3²·1^0·1^1/(3+1)^3 = 2·9/64
    params = GammaGammaParams(1.0, 2.0, 3.0)
    assert math.exp(gamma_gamma.log_likelihood(params, [1], [1.0])) == pytest.approx(18 / 64, rel=1e-12)


@pytest.mark.parametrize("x", [1, 3, 10])
def test_density_of_the_mean_integrates_to_one_with_the_population_mean(x):
    def density(m):
        return math.exp(gamma_gamma.log_likelihood(PARAMS, [x], [m]))

    total, _ = integrate.quad(density, 0, np.inf)
    mean, _ = integrate.quad(lambda m: m * density(m), 0, np.inf)
    assert total == pytest.approx(1.0, rel=1e-8)
    assert mean == pytest.approx(PARAMS.p * PARAMS.gamma / (PARAMS.q - 1), rel=1e-7)
    assert PARAMS.mean_spend == pytest.approx(6.25 * 15.44 / 2.74)


def test_density_is_the_mixture_over_nu():
    # m_x given ν is the mean of x Gamma(p, ν) amounts: Gamma(p·x, rate x·ν); ν ~ Gamma(q, γ)
    x, m = 4, 30.0
    numeric, _ = integrate.quad(
        lambda nu: (
            stats.gamma.pdf(m, PARAMS.p * x, scale=1 / (x * nu))
            * stats.gamma.pdf(nu, PARAMS.q, scale=1 / PARAMS.gamma)
        ),
        0,
        np.inf,
    )
    assert math.exp(gamma_gamma.log_likelihood(PARAMS, [x], [m])) == pytest.approx(numeric, rel=1e-8)


def test_conditional_expected_spend_by_hand():
    # p=2, q=3, γ=10; x=2, m=20: p(γ + x·m)/(p·x + q - 1) = 2·50/6; x = 0: population mean p·γ/(q-1) = 10
    params = GammaGammaParams(2.0, 3.0, 10.0)
    got = gamma_gamma.conditional_expected_spend(params, [2, 0], [20.0, 0.0])
    assert got == pytest.approx([100 / 6, 10.0], rel=1e-12)


def test_conditional_expected_spend_is_the_posterior_mean_of_p_over_nu():
    x, m = 3, 50.0

    def likelihood(nu):
        spend = stats.gamma.pdf(m, PARAMS.p * x, scale=1 / (x * nu))
        return spend * stats.gamma.pdf(nu, PARAMS.q, scale=1 / PARAMS.gamma)

    evidence, _ = integrate.quad(likelihood, 0, np.inf)
    numerator, _ = integrate.quad(lambda nu: PARAMS.p / nu * likelihood(nu), 0, np.inf)
    got = gamma_gamma.conditional_expected_spend(PARAMS, [x], [m])[0]
    assert got == pytest.approx(numerator / evidence, rel=1e-8)
    # shrunk from her own 50 towards the population's mean, more so with fewer purchases
    fewer = gamma_gamma.conditional_expected_spend(PARAMS, [1], [m])[0]
    assert PARAMS.mean_spend < fewer < got < m


def test_fit_recovers_the_parameters_of_simulated_customers():
    truth = GammaGammaParams(p=4.0, q=5.0, gamma=40.0)
    rng = np.random.default_rng(2005)
    x = rng.integers(1, 12, 6000)
    nu = rng.gamma(truth.q, 1 / truth.gamma, x.size)
    m = np.array([rng.gamma(truth.p, 1 / n, k).mean() for n, k in zip(nu, x, strict=True)])
    fitted = gamma_gamma.fit(x, m)
    assert fitted.converged
    assert fitted.params.p == pytest.approx(truth.p, rel=0.1)
    assert fitted.params.q == pytest.approx(truth.q, rel=0.2)
    assert fitted.params.gamma == pytest.approx(truth.gamma, rel=0.25)
    assert fitted.params.mean_spend == pytest.approx(truth.mean_spend, rel=0.05)
    assert fitted.log_likelihood >= gamma_gamma.log_likelihood(truth, x, m)


def test_bad_spend_data_is_refused():
    with pytest.raises(ValueError, match="x ≥ 1"):
        gamma_gamma.log_likelihood(PARAMS, [0], [10.0])
    with pytest.raises(ValueError, match="positive"):
        gamma_gamma.log_likelihood(PARAMS, [2], [0.0])
    with pytest.raises(ValueError, match="one value per customer"):
        gamma_gamma.fit([1, 2], [3.0])
    with pytest.raises(FitError, match="more than a few"):
        gamma_gamma.fit([1, 2], [3.0, 4.0])
    with pytest.raises(ValueError, match="infinite when q ≤ 1"):
        gamma_gamma.conditional_expected_spend(GammaGammaParams(1.0, 0.9, 1.0), [1], [5.0])
