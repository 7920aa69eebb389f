"""Each member's outlook from the two fitted models: still active?, visits and spend ahead.

What the dashboard's at-risk list and lifetime value need per member, given her history
(x, t_x, T in the fit's time unit, m_x her mean spend per repeat visit) and a horizon.
Spend ahead is expected visits × expected spend per visit: the Gamma-Gamma model assumes the
two are independent, as the papers check on CDNOW.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cloud.insights import bgnbd, gamma_gamma


@dataclass(frozen=True)
class Outlook:
    probability_alive: NDArray
    expected_visits: NDArray
    expected_spend_per_visit: NDArray
    expected_spend: NDArray


def outlook(
    visits: bgnbd.BgNbdParams,
    spend: gamma_gamma.GammaGammaParams,
    horizon: float,
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    m_x: ArrayLike,
) -> Outlook:
    """Per member, over the next `horizon` (same unit as T) after the end of her history."""
    if not horizon >= 0:
        raise ValueError(f"the horizon must be ≥ 0, got {horizon}")
    alive = bgnbd.probability_alive(visits, x, t_x, T)
    ahead = bgnbd.conditional_expected_transactions(visits, horizon, x, t_x, T)
    per_visit = gamma_gamma.conditional_expected_spend(spend, x, m_x)
    return Outlook(alive, ahead, per_visit, np.asarray(ahead * per_visit))
