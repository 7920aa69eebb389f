"""A/B statistics for offers: effect, 95 % confidence interval and p-value, and sample sizes.

They are the shared rules' (loyalty_rules/ab_stats.py and loyalty_rules/experiments.py), so a
standalone kiosk computes the same numbers from its own ledger; this module names them for the
cloud's analytics.
"""

from __future__ import annotations

from loyalty_rules.ab_stats import (
    Comparison,
    Estimate,
    difference_in_means,
    difference_in_proportions,
    mean_estimate,
    proportion_estimate,
)
from loyalty_rules.experiments import sample_size_means, sample_size_proportions

__all__ = [
    "Comparison",
    "Estimate",
    "difference_in_means",
    "difference_in_proportions",
    "mean_estimate",
    "proportion_estimate",
    "sample_size_means",
    "sample_size_proportions",
]
