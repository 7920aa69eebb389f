"""Fit both customer-base models on a calibration period and check them on the holdout.

The check is the papers' own: the repeat transactions the fitted BG/NBD model expects in the weeks
after calibration against those the cohort actually made, in total and cumulatively week by week.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cloud.insights import bgnbd, gamma_gamma
from cloud.insights.purchases import Split


@dataclass(frozen=True)
class WeekCheck:
    week: int  # counted from the start of the data (the first holdout week follows the calibration's)
    expected: float  # given each customer's calibration history
    expected_unconditional: float  # the cohort's mean path, ignoring each customer's history
    actual: int


@dataclass(frozen=True)
class HoldoutCheck:
    split: Split
    visits: bgnbd.BgNbdFit
    spend: gamma_gamma.GammaGammaFit
    weeks: tuple[WeekCheck, ...]  # cumulative from the end of calibration
    expected_spend: float
    actual_spend: float

    @property
    def converged(self) -> bool:
        return self.visits.converged and self.spend.converged


def check(split: Split) -> HoldoutCheck:
    """Fit BG/NBD on every cohort customer and Gamma-Gamma on those with a paid repeat purchase.

    A customer whose repeat transactions were all free (m_x = 0) has no spend density to fit;
    she still gets a spend forecast, shrunk towards the population's mean.
    """
    h = split.histories
    visits = bgnbd.fit(h.x, h.t_x, h.T)
    paid = (h.x > 0) & (h.m_x > 0)
    spend = gamma_gamma.fit(h.x[paid], h.m_x[paid])
    horizons = split.holdout_horizons()
    # customers × horizons; the unconditional path of customer i from her first purchase is
    # E[X(T_i + t)] - E[X(T_i)] for the t after calibration
    conditional = bgnbd.conditional_expected_transactions(
        visits.params, horizons[None, :], h.x[:, None], h.t_x[:, None], h.T[:, None]
    )
    unconditional = bgnbd.expected_transactions(visits.params, h.T[:, None] + horizons[None, :])
    unconditional -= bgnbd.expected_transactions(visits.params, h.T)[:, None]
    actual = np.cumsum(split.holdout_weekly.sum(axis=0))
    first_week = split.calibration_weeks + 1
    weeks = tuple(
        WeekCheck(first_week + k, float(conditional[:, k].sum()), float(unconditional[:, k].sum()), int(n))
        for k, n in enumerate(actual)
    )
    per_transaction = gamma_gamma.conditional_expected_spend(spend.params, h.x, h.m_x)
    return HoldoutCheck(
        split=split,
        visits=visits,
        spend=spend,
        weeks=weeks,
        expected_spend=float(np.dot(conditional[:, -1], per_transaction)),
        actual_spend=float(split.holdout_spend.sum()),
    )


def as_json(result: HoldoutCheck) -> dict:
    """The check as plain JSON values (what `loyalty-cloud clv-fit` prints)."""
    split, v, s = result.split, result.visits, result.spend
    h = split.histories
    return {
        "calibration": {
            "weeks": split.calibration_weeks,
            "from": split.start.isoformat(),
            "to": split.calibration_end.isoformat(),
        },
        "holdout": {
            "weeks": len(result.weeks),
            "days": split.holdout_days,
            "to": split.last_day.isoformat(),
        },
        "customers": {
            "calibration_cohort": len(h.customers),
            "with_repeat_purchase": int(np.count_nonzero(h.x)),
            "first_purchase_after_calibration": split.later_customers,
        },
        "time_unit": "week",
        "bg_nbd": {
            "r": v.params.r,
            "alpha": v.params.alpha,
            "a": v.params.a,
            "b": v.params.b,
            "log_likelihood": v.log_likelihood,
            "converged": v.converged,
            "customers": v.customers,
        },
        "gamma_gamma": {
            "p": s.params.p,
            "q": s.params.q,
            "gamma": s.params.gamma,
            "log_likelihood": s.log_likelihood,
            "converged": s.converged,
            "customers": s.customers,
            "spend_measure": "mean amount per repeat transaction in calibration (x >= 1, m_x > 0)",
            "mean_spend_per_transaction": s.params.mean_spend,
        },
        "holdout_forecast": {
            "repeat_transactions": {
                "expected": result.weeks[-1].expected,
                "expected_unconditional": result.weeks[-1].expected_unconditional,
                "actual": result.weeks[-1].actual,
            },
            "spend": {"expected": result.expected_spend, "actual": result.actual_spend},
            "cumulative_repeat_transactions_by_week": [
                {
                    "week": w.week,
                    "expected": round(w.expected, 3),
                    "expected_unconditional": round(w.expected_unconditional, 3),
                    "actual": w.actual,
                }
                for w in result.weeks
            ],
        },
    }
