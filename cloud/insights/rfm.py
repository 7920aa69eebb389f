"""RFM scores and segments: the pure rules live in loyalty_rules/rfm.py, shared with the kiosk,
which scores its own ledger when it is not paired."""

from loyalty_rules.rfm import (
    QUINTILES,
    Activity,
    RfmScore,
    Segment,
    quintile_scores,
    score,
    segment,
    segment_counts,
)

__all__ = [
    "QUINTILES",
    "Activity",
    "RfmScore",
    "Segment",
    "quintile_scores",
    "score",
    "segment",
    "segment_counts",
]
