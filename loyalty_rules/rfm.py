"""RFM: recency, frequency and monetary scores (quintiles, 1-5) and the named segments (shared by
the cloud's analytics and a standalone kiosk's own).

A score says how many of the other members a member beats: 1 + ⌊5·(members strictly worse)/n⌋.
Ties share a score, a member's score does not depend on how the list is ordered, and with n
distinct values spread evenly each quintile holds a fifth. Segments come from the usual R×F map
(monetary sharpens the campaign list but does not name the segment).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

QUINTILES = 5


class Segment(Enum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL_LOYALIST = "potential_loyalist"
    NEW = "new"
    PROMISING = "promising"
    NEEDS_ATTENTION = "needs_attention"
    ABOUT_TO_SLEEP = "about_to_sleep"
    AT_RISK = "at_risk"
    CANNOT_LOSE = "cannot_lose"
    HIBERNATING = "hibernating"


@dataclass(frozen=True)
class Activity:
    member: str
    days_since_last_visit: int  # recency: fewer is better
    visits: int  # frequency
    spend: float  # monetary


@dataclass(frozen=True)
class RfmScore:
    member: str
    recency: int
    frequency: int
    monetary: int
    segment: Segment

    @property
    def code(self) -> str:
        return f"{self.recency}{self.frequency}{self.monetary}"


def quintile_scores(values: Sequence[float], higher_is_better: bool = True) -> tuple[int, ...]:
    """1-5 per value: 1 + ⌊5·(values strictly worse)/n⌋."""
    ordered = sorted(values)
    n = len(ordered)

    def worse(value: float) -> int:
        if higher_is_better:
            return bisect.bisect_left(ordered, value)
        return n - bisect.bisect_right(ordered, value)

    return tuple(1 + QUINTILES * worse(v) // n for v in values)


def segment(recency: int, frequency: int) -> Segment:
    """The R×F map: recent and frequent are champions, long gone and rare are hibernating."""
    for score in (recency, frequency):
        if not 1 <= score <= QUINTILES:
            raise ValueError(f"RFM scores run from 1 to {QUINTILES}, got {score}")
    if recency <= 2:
        if frequency <= 2:
            return Segment.HIBERNATING
        return Segment.AT_RISK if frequency <= 4 else Segment.CANNOT_LOSE
    if recency == 3:
        if frequency <= 2:
            return Segment.ABOUT_TO_SLEEP
        return Segment.NEEDS_ATTENTION if frequency == 3 else Segment.LOYAL
    if frequency >= 4:
        return Segment.CHAMPIONS if recency == 5 else Segment.LOYAL
    if frequency >= 2:
        return Segment.POTENTIAL_LOYALIST
    return Segment.NEW if recency == 5 else Segment.PROMISING


def score(members: Sequence[Activity]) -> tuple[RfmScore, ...]:
    """Every member's scores and segment, in the order given."""
    for m in members:
        if m.days_since_last_visit < 0 or m.visits < 0 or m.spend < 0:
            raise ValueError(f"member {m.member}: recency, visits and spend must be ≥ 0")
    r = quintile_scores([m.days_since_last_visit for m in members], higher_is_better=False)
    f = quintile_scores([m.visits for m in members])
    mon = quintile_scores([m.spend for m in members])
    return tuple(
        RfmScore(m.member, ri, fi, mi, segment(ri, fi))
        for m, ri, fi, mi in zip(members, r, f, mon, strict=True)
    )


def segment_counts(scores: Sequence[RfmScore]) -> dict[Segment, int]:
    """Members per segment, every segment listed (zero where empty) in the enum's order."""
    counts = Counter(s.segment for s in scores)
    return {seg: counts.get(seg, 0) for seg in Segment}
