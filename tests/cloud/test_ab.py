"""A/B statistics against hand-computed values."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from cloud.insights.ab import (
    difference_in_means,
    difference_in_proportions,
    sample_size_means,
    sample_size_proportions,
)

Z975 = 1.959963984540054  # the normal 97.5 % quantile


def test_difference_in_proportions_by_hand():
    # 50 of 100 came back with offer A, 65 of 100 with B
    result = difference_in_proportions(50, 100, 65, 100)
    assert result.effect == pytest.approx(0.15)
    # unpooled standard error √(.5·.5/100 + .65·.35/100) = √.004775 for the interval
    se = math.sqrt(0.004775)
    assert (result.low, result.high) == pytest.approx((0.15 - Z975 * se, 0.15 + Z975 * se))
    assert (result.low, result.high) == pytest.approx((0.01457, 0.28543), abs=1e-5)
    # pooled p = 115/200 = .575 under the null: z = .15/√(.575·.425·.02) = 2.1456; p = erfc(z/√2)
    z = 0.15 / math.sqrt(0.575 * 0.425 * 0.02)
    assert result.p_value == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)
    assert result.p_value == pytest.approx(0.0319, abs=1e-4)


def test_no_difference_and_degenerate_proportions():
    same = difference_in_proportions(30, 60, 15, 30)
    assert same.effect == 0
    assert same.p_value == pytest.approx(1.0)
    everyone = difference_in_proportions(10, 10, 20, 20)
    assert (everyone.effect, everyone.p_value) == (0.0, 1.0)
    with pytest.raises(ValueError, match="successes ≤ trials"):
        difference_in_proportions(11, 10, 1, 10)
    with pytest.raises(ValueError, match="trials ≥ 1"):
        difference_in_proportions(0, 0, 1, 10)
    with pytest.raises(ValueError, match="between 0 and 1"):
        difference_in_proportions(1, 10, 1, 10, confidence=95)


def test_difference_in_means_by_hand():
    a, b = [1, 2, 3, 4], [3, 4, 5, 6, 7]
    result = difference_in_means(a, b)
    assert result.effect == pytest.approx(2.5)
    # Welch: variances 5/3 and 5/2; se² = (5/3)/4 + (5/2)/5 = 11/12;
    # df = (11/12)² / (((5/12)²)/3 + (1/2)²/4) = 6.9808
    se = math.sqrt(11 / 12)
    df = (11 / 12) ** 2 / ((5 / 12) ** 2 / 3 + 0.5**2 / 4)
    assert df == pytest.approx(6.9808, abs=1e-4)
    t_crit = stats.t.ppf(0.975, df)
    assert (result.low, result.high) == pytest.approx((2.5 - t_crit * se, 2.5 + t_crit * se))
    assert result.p_value == pytest.approx(2 * stats.t.sf(2.5 / se, df))
    assert 0.03 < result.p_value < 0.04
    with pytest.raises(ValueError, match="at least 2"):
        difference_in_means([1], [1, 2])


def test_sample_sizes_by_hand():
    # 50 % → 60 %, α = .05, power .8: (1.96·√(2·.55·.45) + 0.8416·√(.25 + .24))² / .01 = 387.3 → 388
    assert sample_size_proportions(0.5, 0.6) == 388
    assert sample_size_proportions(0.6, 0.5) == 388
    # a smaller effect needs more members; more power too
    assert sample_size_proportions(0.5, 0.55) > 388
    assert sample_size_proportions(0.5, 0.6, power=0.9) > 388
    # means: 2·((1.96 + 0.8416)·10/5)² = 62.8 → 63
    assert sample_size_means(5, 10) == 63
    with pytest.raises(ValueError, match="two different proportions"):
        sample_size_proportions(0.5, 0.5)
    with pytest.raises(ValueError, match="positive standard deviation"):
        sample_size_means(1, 0)
