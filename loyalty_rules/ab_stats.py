"""A/B statistics: effect, 95 % confidence interval and p-value of two arms, and each arm's own
interval. Shared by the cloud's results and a standalone kiosk's (issue 17), so both say the same
numbers for the same members; in plain Python because the kiosk's bundle carries no scipy
(tests/unit/test_ab_stats.py checks every function against scipy/statsmodels' values).

Two-sided tests, chosen before the data: the difference in proportions with the usual z-test
(pooled under the null for the p-value, unpooled for the interval), the difference in means with
Welch's t-test (unequal variances). An arm's own interval: Wilson's score interval for a share
(it stays inside [0, 1] and is not empty at 0 of n), Student's t interval for a mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()


@dataclass(frozen=True, slots=True)
class Comparison:
    effect: float  # variant B minus variant A
    low: float
    high: float
    p_value: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Estimate:
    """One arm's value (a share or a mean) and its confidence interval."""

    value: float
    low: float
    high: float


def _check_level(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"a confidence level lies between 0 and 1, got {confidence}")


def _check_counts(successes: int, n: int) -> None:
    if n < 1 or not 0 <= successes <= n:
        raise ValueError(f"need 0 ≤ successes ≤ trials and trials ≥ 1, got {successes} of {n}")


def _z(confidence: float) -> float:
    return _NORMAL.inv_cdf(0.5 + confidence / 2)


# --- Student's t, from the regularized incomplete beta function ----------------------------------


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes 6.4)."""
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < eps:
            break
    return result


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), 0 <= x <= 1."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with df degrees of freedom."""
    return _incomplete_beta(df / 2, 0.5, df / (df + t * t))


def t_quantile(probability: float, df: float) -> float:
    """The t with P(T <= t) = probability (0.5 < probability < 1), by bisection on the tail."""
    tail = 2 * (1 - probability)  # the two-sided p-value of the wanted t
    low, high = 0.0, 1.0
    while t_two_sided_p(high, df) > tail:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_two_sided_p(middle, df) > tail:
            low = middle
        else:
            high = middle
        if high - low < 1e-13 * high:
            break
    return (low + high) / 2


# --- the comparisons -------------------------------------------------------------------------------


def difference_in_proportions(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = 0.95
) -> Comparison:
    """p_B - p_A (e.g. the share of members who came back) with its interval and p-value."""
    _check_level(confidence)
    _check_counts(successes_a, n_a)
    _check_counts(successes_b, n_b)
    p_a, p_b = successes_a / n_a, successes_b / n_b
    effect = p_b - p_a
    pooled = (successes_a + successes_b) / (n_a + n_b)
    null_se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = 1.0 if null_se == 0 else math.erfc(abs(effect) / null_se / math.sqrt(2))
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    z = _z(confidence)
    return Comparison(effect, effect - z * se, effect + z * se, p_value, confidence)


def _mean_and_variance(values: Sequence[float]) -> tuple[float, float]:
    mean = math.fsum(values) / len(values)
    return mean, math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def difference_in_means(a: Sequence[float], b: Sequence[float], confidence: float = 0.95) -> Comparison:
    """mean(B) - mean(A) (e.g. visits per member) by Welch's t-test. Both arms without any spread
    (every value equal) show no difference: p = 1 and an empty interval at the effect."""
    _check_level(confidence)
    if len(a) < 2 or len(b) < 2:
        raise ValueError("each variant needs at least 2 observations")
    (mean_a, var_a), (mean_b, var_b) = _mean_and_variance(a), _mean_and_variance(b)
    effect = mean_b - mean_a
    share_a, share_b = var_a / len(a), var_b / len(b)
    se = math.sqrt(share_a + share_b)
    if se == 0:
        return Comparison(effect, effect, effect, 1.0, confidence)
    # Welch–Satterthwaite degrees of freedom
    df = (share_a + share_b) ** 2 / (share_a**2 / (len(a) - 1) + share_b**2 / (len(b) - 1))
    margin = t_quantile(0.5 + confidence / 2, df) * se
    return Comparison(effect, effect - margin, effect + margin, t_two_sided_p(effect / se, df), confidence)


def proportion_estimate(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """A share with Wilson's score interval."""
    _check_level(confidence)
    _check_counts(successes, n)
    share, z = successes / n, _z(confidence)
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    # at 0 (or n) of n the end is exactly 0 (or 1); the formula leaves rounding dust there
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Estimate(share, low, high)


def mean_estimate(values: Sequence[float], confidence: float = 0.95) -> Estimate:
    """A mean with Student's t interval (n - 1 degrees of freedom)."""
    _check_level(confidence)
    if len(values) < 2:
        raise ValueError("a mean's interval needs at least 2 observations")
    mean, variance = _mean_and_variance(values)
    margin = t_quantile(0.5 + confidence / 2, len(values) - 1) * math.sqrt(variance / len(values))
    return Estimate(mean, mean - margin, mean + margin)
