"""A/B statistics for offers: effect, 95 % confidence interval and p-value, and sample sizes.

Two-sided tests, chosen before the data: the difference in proportions with the usual z-test
(pooled under the null for the p-value, unpooled for the interval), the difference in means with
Welch's t-test (scipy), and the per-arm sample size that a fixed-horizon test needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from loyalty_rules.experiments import sample_size_means, sample_size_proportions


@dataclass(frozen=True)
class Comparison:
    effect: float  # variant B minus variant A
    low: float
    high: float
    p_value: float
    confidence: float


def _check_level(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"a confidence level lies between 0 and 1, got {confidence}")


def difference_in_proportions(
    successes_a: int, n_a: int, successes_b: int, n_b: int, confidence: float = 0.95
) -> Comparison:
    """p_B - p_A (e.g. the share of members who came back) with its interval and p-value."""
    _check_level(confidence)
    for s, n in ((successes_a, n_a), (successes_b, n_b)):
        if n < 1 or not 0 <= s <= n:
            raise ValueError(f"need 0 ≤ successes ≤ trials and trials ≥ 1, got {s} of {n}")
    p_a, p_b = successes_a / n_a, successes_b / n_b
    effect = p_b - p_a
    pooled = (successes_a + successes_b) / (n_a + n_b)
    null_se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = 1.0 if null_se == 0 else float(2 * stats.norm.sf(abs(effect) / null_se))
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    return Comparison(effect, effect - z * se, effect + z * se, p_value, confidence)


def difference_in_means(a: Sequence[float], b: Sequence[float], confidence: float = 0.95) -> Comparison:
    """mean(B) - mean(A) (e.g. spend per member) by Welch's t-test, which allows unequal variances."""
    _check_level(confidence)
    a_values, b_values = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a_values.size < 2 or b_values.size < 2:
        raise ValueError("each variant needs at least 2 observations")
    result = stats.ttest_ind(b_values, a_values, equal_var=False)
    interval = result.confidence_interval(confidence_level=confidence)
    effect = float(b_values.mean() - a_values.mean())
    return Comparison(effect, float(interval.low), float(interval.high), float(result.pvalue), confidence)


# the fixed horizon's sample sizes live with the experiments (the kiosk's editor computes them too)
__all__ = [
    "Comparison",
    "difference_in_means",
    "difference_in_proportions",
    "sample_size_means",
    "sample_size_proportions",
]
