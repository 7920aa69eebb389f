"""BG/NBD against closed forms, hand-computed cases, numerical integration and simulated customers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special

from cloud.insights import bgnbd
from cloud.insights._optimize import FitError
from cloud.insights.bgnbd import BgNbdParams

SMOOTH = BgNbdParams(r=2.0, alpha=3.0, a=2.5, b=4.0)  # Beta(a>1): no singularity at p = 0
CDNOW = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)  # the published estimates
_NODES = 100


def _posterior_integral(params: BgNbdParams, integrand) -> float:
    """E over the prior of integrand(λ, p): λ ~ Gamma(r, α), p ~ Beta(a, b), by Gauss quadrature.

    Generalized Gauss–Laguerre nodes carry the weight λ^(r-1)·e^(-αλ) and Gauss–Jacobi nodes
    p^(a-1)·(1-p)^(b-1), so the integrand is only the individual-level formula of the model.
    """
    u, u_weights = special.roots_genlaguerre(_NODES, params.r - 1)
    v, v_weights = special.roots_jacobi(_NODES, params.b - 1, params.a - 1)
    lam, p = np.meshgrid(u / params.alpha, (1 + v) / 2, indexing="ij")
    weights = np.outer(u_weights, v_weights)
    return float(np.sum(weights * integrand(lam, p)) / np.sum(weights))


def _alive_term(x, T):
    return lambda lam, p: (1 - p) ** x * lam**x * np.exp(-lam * T)


def _dead_term(x, t_x):
    return lambda lam, p: p * (1 - p) ** (x - 1) * lam**x * np.exp(-lam * t_x) if x > 0 else 0.0 * lam


def _future(t):
    # given λ, p and alive now: expected purchases in the next t, (1/p)(1 - e^(-λpt))
    return lambda lam, p: -np.expm1(-lam * p * t) / p


def test_no_repeat_purchase_likelihood_is_the_gamma_poisson_zero():
    # x = 0: nobody can have dropped out, so L = P(no purchase in T) = (α/(α+T))^r
    for T in (0.5, 10.0, 39.0):
        expected = SMOOTH.r * math.log(SMOOTH.alpha / (SMOOTH.alpha + T))
        assert bgnbd.log_likelihood(SMOOTH, [0], [0], [T]) == pytest.approx(expected, rel=1e-12)


def test_one_repeat_purchase_likelihood_by_hand():
    # r=2, α=3, a=1, b=2; x=1, t_x=1, T=2:
    # A1 = Γ(3)/Γ(2)·3² = 18; A2 = B(1,3)/B(1,2) = (1/3)/(1/2) = 2/3;
    # A3 = 5^-3 = 1/125; A4 = a/(b+x-1)·4^-3 = 1/128  →  L = 12·(1/125 + 1/128) = 0.18975
    params = BgNbdParams(2.0, 3.0, 1.0, 2.0)
    assert math.exp(bgnbd.log_likelihood(params, [1], [1], [2])) == pytest.approx(0.18975, rel=1e-12)


@pytest.mark.parametrize(("x", "t_x", "T"), [(0, 0.0, 5.0), (1, 2.0, 5.0), (4, 3.5, 6.0)])
def test_likelihood_is_the_mixture_of_the_individual_likelihood(x, t_x, T):
    # the closed form equals ∫∫ [(1-p)^x λ^x e^(-λT) + δ p(1-p)^(x-1) λ^x e^(-λ t_x)] dG(λ) dF(p)
    alive, dead = _alive_term(x, T), _dead_term(x, t_x)
    numeric = _posterior_integral(SMOOTH, lambda lam, p: alive(lam, p) + dead(lam, p))
    assert math.exp(bgnbd.log_likelihood(SMOOTH, [x], [t_x], [T])) == pytest.approx(numeric, rel=1e-6)


def test_probability_alive_by_hand_and_by_integration():
    # x = 0: alive for sure; x = 1 with r=2, α=3, a=1, b=2, t_x=1, T=2:
    # 1/(1 + a/(b+x-1)·((α+T)/(α+t_x))^(r+x)) = 1/(1 + (1/2)(5/4)^3) = 128/253
    params = BgNbdParams(2.0, 3.0, 1.0, 2.0)
    assert bgnbd.probability_alive(params, [0, 1], [0, 1], [2, 2]) == pytest.approx([1.0, 128 / 253])
    for x, t_x, T in [(1, 1.0, 8.0), (5, 2.0, 8.0), (5, 7.9, 8.0)]:
        alive, dead = _alive_term(x, T), _dead_term(x, t_x)
        numeric = _posterior_integral(SMOOTH, alive) / _posterior_integral(
            SMOOTH, lambda lam, p, alive=alive, dead=dead: alive(lam, p) + dead(lam, p)
        )
        assert bgnbd.probability_alive(SMOOTH, [x], [t_x], [T])[0] == pytest.approx(numeric, rel=1e-6)


def test_probability_alive_falls_with_time_since_the_last_purchase():
    p_alive = bgnbd.probability_alive(CDNOW, [3, 3, 3], [30.0, 20.0, 5.0], [39.0, 39.0, 39.0])
    assert 1 > p_alive[0] > p_alive[1] > p_alive[2] > 0


@pytest.mark.parametrize("params", [SMOOTH, CDNOW], ids=["a>1", "cdnow"])
def test_unconditional_expectation_matches_integration(params):
    for t in (1.0, 13.0, 52.0):
        numeric = _posterior_integral(params, _future(t))
        assert bgnbd.expected_transactions(params, t) == pytest.approx(numeric, rel=1e-5)
    assert bgnbd.expected_transactions(params, 0.0) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(("x", "t_x", "T"), [(0, 0.0, 10.0), (2, 4.0, 10.0), (6, 9.0, 10.0)])
def test_conditional_expectation_matches_integration(x, t_x, T):
    # E[Y(t) | x, t_x, T] = ∫∫ alive-term · future(t) / ∫∫ likelihood
    t = 20.0
    alive, dead = _alive_term(x, T), _dead_term(x, t_x)
    future = _future(t)
    numeric = _posterior_integral(
        SMOOTH, lambda lam, p: alive(lam, p) * future(lam, p)
    ) / _posterior_integral(SMOOTH, lambda lam, p: alive(lam, p) + dead(lam, p))
    got = bgnbd.conditional_expected_transactions(SMOOTH, t, [x], [t_x], [T])[0]
    assert got == pytest.approx(numeric, rel=1e-6)


def test_a_new_customers_conditional_expectation_is_the_unconditional_one():
    t = np.array([1.0, 10.0, 39.0])
    for params in (SMOOTH, CDNOW):
        conditional = bgnbd.conditional_expected_transactions(params, t, [0, 0, 0], [0, 0, 0], [0, 0, 0])
        assert conditional == pytest.approx(bgnbd.expected_transactions(params, t), rel=1e-12)


def test_expectations_are_continuous_through_a_equal_to_one():
    # the formulas divide by a - 1; a fit landing exactly on a = 1 must not blow up
    near = [BgNbdParams(0.5, 2.0, a, 3.0) for a in (1 - 1e-4, 1.0, 1 + 1e-4)]
    values = [bgnbd.conditional_expected_transactions(p, 26.0, [3], [10.0], [20.0])[0] for p in near]
    assert all(np.isfinite(values))
    assert values[1] == pytest.approx(values[0], rel=1e-3)
    assert values[1] == pytest.approx(values[2], rel=1e-3)


def test_frequent_buyers_do_not_overflow():
    # a regular with 300 visits: the paper's form raises ((α+T)/(α+t_x)) to the 300th power
    x, t_x, T = [300.0, 300.0], [103.9, 20.0], [104.0, 104.0]
    expected = bgnbd.conditional_expected_transactions(CDNOW, 52.0, x, t_x, T)
    assert np.all(np.isfinite(expected))
    assert expected[0] > 50 > expected[1] >= 0  # active regular vs one gone quiet for 84 weeks
    assert np.isfinite(bgnbd.log_likelihood(CDNOW, x, t_x, T))


def _simulate(params: BgNbdParams, customers: int, T: float, rng: np.random.Generator):
    lam = rng.gamma(params.r, 1 / params.alpha, customers)
    p = rng.beta(params.a, params.b, customers)
    x, t_x = np.zeros(customers), np.zeros(customers)
    for i in range(customers):
        now = 0.0
        while True:
            now += rng.exponential(1 / lam[i])
            if now > T:
                break
            x[i] += 1
            t_x[i] = now
            if rng.random() < p[i]:  # drops out after this repeat purchase
                break
    return x, t_x, np.full(customers, T)


def test_fit_recovers_the_parameters_of_simulated_customers():
    truth = BgNbdParams(r=0.8, alpha=5.0, a=1.5, b=4.0)
    x, t_x, T = _simulate(truth, 8000, 52.0, np.random.default_rng(20051))
    fitted = bgnbd.fit(x, t_x, T)
    assert fitted.converged
    assert fitted.params.r == pytest.approx(truth.r, rel=0.12)
    assert fitted.params.alpha == pytest.approx(truth.alpha, rel=0.15)
    # a and b are harder to pin down separately; their mean dropout a/(a+b) is well identified
    assert fitted.params.a / (fitted.params.a + fitted.params.b) == pytest.approx(
        truth.a / (truth.a + truth.b), rel=0.15
    )
    # the fitted maximum beats the truth on the same data (it is the maximum)
    assert fitted.log_likelihood >= bgnbd.log_likelihood(truth, x, t_x, T)


def test_bad_histories_are_refused():
    with pytest.raises(ValueError, match="t_x"):
        bgnbd.log_likelihood(SMOOTH, [1], [5.0], [4.0])
    with pytest.raises(ValueError, match="whole numbers"):
        bgnbd.log_likelihood(SMOOTH, [1.5], [1.0], [4.0])
    with pytest.raises(ValueError, match="t_x = 0"):
        bgnbd.log_likelihood(SMOOTH, [0], [1.0], [4.0])
    with pytest.raises(ValueError, match="positive"):
        BgNbdParams(0.0, 1.0, 1.0, 1.0)
    with pytest.raises(FitError, match="no customer made a repeat purchase"):
        bgnbd.fit([0] * 10, [0] * 10, [5] * 10)
    with pytest.raises(FitError, match="handful"):
        bgnbd.fit([1], [1.0], [5.0])
