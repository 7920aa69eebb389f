"""A member's outlook: P(alive), visits and spend ahead, from both models, by hand."""

from __future__ import annotations

import pytest

from cloud.insights.bgnbd import BgNbdParams
from cloud.insights.clv import outlook
from cloud.insights.gamma_gamma import GammaGammaParams

VISITS = BgNbdParams(r=2.0, alpha=3.0, a=1.0, b=2.0)
SPEND = GammaGammaParams(p=2.0, q=3.0, gamma=10.0)


def test_outlook_by_hand():
    # member 1: x = 1, t_x = 1, T = 2 → P(alive) = 128/253 (see test_bgnbd), spend/visit with m = 20:
    #   p(γ + x·m)/(p·x + q - 1) = 2·30/4 = 15;  member 2: x = 0 → alive, population mean 2·10/2 = 10
    result = outlook(VISITS, SPEND, 0.0, [1, 0], [1.0, 0.0], [2.0, 2.0], [20.0, 0.0])
    assert result.probability_alive == pytest.approx([128 / 253, 1.0])
    assert result.expected_spend_per_visit == pytest.approx([15.0, 10.0])
    assert result.expected_visits == pytest.approx([0.0, 0.0])  # nothing happens in no time
    assert result.expected_spend == pytest.approx([0.0, 0.0])


def test_spend_ahead_is_visits_times_spend_per_visit_and_grows_with_the_horizon():
    histories = ([3, 3], [10.0, 2.0], [12.0, 12.0], [25.0, 25.0])
    short = outlook(VISITS, SPEND, 4.0, *histories)
    long = outlook(VISITS, SPEND, 52.0, *histories)
    assert long.expected_spend == pytest.approx(long.expected_visits * long.expected_spend_per_visit)
    assert (long.expected_visits > short.expected_visits).all()
    # same purchases, but the second member has been quiet for 10 weeks: less likely alive, fewer visits
    assert long.probability_alive[0] > long.probability_alive[1]
    assert long.expected_visits[0] > long.expected_visits[1]
    with pytest.raises(ValueError, match="horizon"):
        outlook(VISITS, SPEND, -1.0, *histories)
