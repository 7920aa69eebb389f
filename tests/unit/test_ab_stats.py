"""The shared A/B statistics (loyalty_rules/ab_stats.py, plain Python for the kiosk's bundle)
against scipy's, which the cloud used before, and against hand-computed values."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pytest
from scipy import stats

from loyalty_rules.ab_stats import (
    difference_in_means,
    mean_estimate,
    proportion_estimate,
    t_quantile,
    t_two_sided_p,
)
from loyalty_rules.experiment_results import expected_day
from loyalty_rules.experiments import Arm, Experiment, Metric


@pytest.mark.parametrize("df", [1, 2.5, 6.9808, 30, 400, 5000])
@pytest.mark.parametrize("t", [0.0, 0.05, 1.0, 2.1, 4.0, 12.0])
def test_student_t_tail_matches_scipy(t, df):
    assert t_two_sided_p(t, df) == pytest.approx(2 * stats.t.sf(t, df), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("df", [1, 3.3, 6.9808, 50, 3000])
@pytest.mark.parametrize("probability", [0.6, 0.95, 0.975, 0.995])
def test_student_t_quantile_matches_scipy(probability, df):
    assert t_quantile(probability, df) == pytest.approx(stats.t.ppf(probability, df), rel=1e-9)


def test_welch_matches_scipy_and_no_spread_shows_no_difference():
    a, b = [0, 1, 1, 2, 5, 3, 0], [2, 2, 3, 6, 1, 4, 4, 5]
    found = difference_in_means(a, b)
    scipy_found = stats.ttest_ind(b, a, equal_var=False)
    interval = scipy_found.confidence_interval(0.95)
    assert found.p_value == pytest.approx(scipy_found.pvalue, rel=1e-9)
    assert (found.low, found.high) == pytest.approx((interval.low, interval.high), rel=1e-9)
    flat = difference_in_means([2, 2, 2], [3, 3])
    assert (flat.effect, flat.low, flat.high, flat.p_value) == (1.0, 1.0, 1.0, 1.0)


def test_an_arms_own_intervals_by_hand():
    # 0 of 10: Wilson's upper end z²/(n + z²) = 3.841459/13.841459 = 0.277533 (Wald's would be 0..0)
    none = proportion_estimate(0, 10)
    assert (none.value, none.low) == (0.0, 0.0)
    assert none.high == pytest.approx(3.841459 / 13.841459, abs=1e-6)
    everyone = proportion_estimate(10, 10)
    assert (everyone.low, everyone.high) == pytest.approx((1 - 0.277533, 1.0), abs=1e-6)
    # mean of 1, 2, 3, 4 = 2.5, s = √(5/3), t(0.975, 3) = 3.182446: 2.5 ± 3.182446·√(5/12) = ±2.054260
    mean = mean_estimate([1, 2, 3, 4])
    assert (mean.value, mean.low, mean.high) == pytest.approx((2.5, 2.5 - 2.054260, 2.5 + 2.054260), abs=1e-6)
    with pytest.raises(ValueError, match="at least 2"):
        mean_estimate([1])
    with pytest.raises(ValueError, match="successes ≤ trials"):
        proportion_estimate(3, 2)
    assert math.isclose(t_quantile(0.975, 3), 3.182446, abs_tol=1e-6)


def test_the_horizons_expected_day():
    e = Experiment("x", "x", (Arm(None), Arm("b")), Metric.RETURN_WITHIN_DAYS, 7, 30, datetime.now(UTC))
    first = date(2026, 3, 1)
    today = first + timedelta(days=9)  # 10 days so far
    # arm A: 30 entered already, the 30th on day 4 -> her window ends day 11, read on day 12;
    # arm B: 10 in 10 days -> 20 more take 20 days (day 29), read 8 days later: day 37
    a = [first + timedelta(days=min(i // 6, 4)) for i in range(30)]
    b = [first + timedelta(days=i) for i in range(10)]
    assert expected_day(e, [a, b], first, today) == first + timedelta(days=37)
    assert expected_day(e, [a, a], first, today) == first + timedelta(days=12)
    assert expected_day(e, [a, []], first, today) is None  # nobody in B yet: no pace to tell
