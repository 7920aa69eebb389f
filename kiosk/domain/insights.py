"""What the Analytics screen draws beyond the counts: the RFM segments, the members at risk with
their chance of still being customers, and where the figures came from (the cloud, which sees
every till of the shop, or this kiosk's own ledger), and the results of the shop's A/B tests.
Pure values; kiosk/sync reads the cloud's,
kiosk/services counts the kiosk's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from kiosk.domain.analytics import Analytics
from loyalty_rules.experiment_results import Results
from loyalty_rules.experiments import Metric
from loyalty_rules.rfm import Segment

AT_RISK_BELOW = 0.5  # a member less likely than not to still be a customer is "at risk"
AT_RISK_SHOWN = 25  # the table's rows: the most valuable of them, enough for a morning's calls


class Source(Enum):
    """Where the screen's figures came from, which the screen says in words."""

    CLOUD = "cloud"  # every till of the shop, counted by the cloud
    STANDALONE = "standalone"  # this kiosk is not paired: its ledger is the whole shop
    FALLBACK = "fallback"  # paired, but the cloud did not answer: this till's own events only


class ChurnState(Enum):
    """The cloud's churn model (BG/NBD), as its /analytics/churn says."""

    READY = "ready"
    FITTING = "fitting"
    NOT_ENOUGH_DATA = "not_enough_data"
    FAILED = "failed"
    NEEDS_CLOUD = "needs_cloud"  # a kiosk alone has no model: only the cloud fits one


@dataclass(frozen=True, slots=True)
class SegmentCount:
    segment: Segment
    members: int


@dataclass(frozen=True, slots=True)
class MemberOutlook:
    """One member as the churn model sees her."""

    member_id: str
    name: str
    visit_days: int  # days she came in so far
    probability_alive: float  # 0-1: that she is still a customer
    expected_visits: float  # over the model's horizon
    expected_spend: float | None = None


@dataclass(frozen=True, slots=True)
class Churn:
    state: ChurnState
    message: str = ""  # the cloud's words while not ready (English; the screen has its own)
    weeks: int = 0  # the horizon of expected_visits
    members: tuple[MemberOutlook, ...] = ()  # the cloud's list, least likely to be active first


@dataclass(frozen=True, slots=True)
class ExperimentReport:
    """An A/B test and its results so far (no value, interval or winner before the horizon)."""

    id: str
    name: str
    running: bool  # False: stopped; its results stay readable
    start: date  # the shop's day it started
    metric: Metric
    days: int  # the metric's window
    horizon: int  # members per arm
    arm_names: tuple[str | None, ...]  # each arm's offer name; None for the control
    results: Results

    @property
    def counted(self) -> int:
        """Members with a finished window counted towards the horizon, over every arm."""
        return sum(min(a.complete, self.horizon) for a in self.results.arms)

    @property
    def baseline(self) -> int:
        """The group the others are compared with: the control if there is one, else the first."""
        return next((i for i, a in enumerate(self.results.arms) if a.offer_id is None), 0)

    @property
    def needed(self) -> int:
        return self.horizon * len(self.results.arms)


@dataclass(frozen=True, slots=True)
class Insights:
    """The screen's figures: the counts (Analytics), the segments and the churn outlook."""

    analytics: Analytics
    segments: tuple[SegmentCount, ...]  # every segment, in the rules' order, zeros included
    scored_members: int  # members with a visit in the RFM year
    churn: Churn
    source: Source
    as_of: datetime  # when they were counted (the cloud's clock for CLOUD)
    experiments: tuple[ExperimentReport, ...] = ()  # newest first


def at_risk(members: tuple[MemberOutlook, ...], limit: int = AT_RISK_SHOWN) -> tuple[MemberOutlook, ...]:
    """The members less likely than not to still be customers, the most valuable first: those
    who came in most often (then expected spend, then the least likely to come back), so the
    calls a manager makes go to the ones worth winning back."""
    risky = [m for m in members if m.probability_alive < AT_RISK_BELOW]
    risky.sort(key=lambda m: (-m.visit_days, -(m.expected_spend or 0.0), m.probability_alive, m.name))
    return tuple(risky[:limit])


def segment_counts(counts: dict[Segment, int]) -> tuple[SegmentCount, ...]:
    """Every segment in the rules' order, those not in `counts` at 0."""
    return tuple(SegmentCount(s, counts.get(s, 0)) for s in Segment)


class CloudProblem(Enum):
    """Why a paired kiosk shows its own figures instead of the cloud's."""

    NOT_PAIRED = "not_paired"  # no cloud address or no device credential here
    UNREACHABLE = "unreachable"  # network down, cloud down or failing (5xx, 429, a bad answer)
    REFUSED = "refused"  # the cloud said no: a revoked device, an unknown token, an older cloud


@dataclass(frozen=True, slots=True)
class CloudRead:
    """The cloud's answer for a period of `days`: its figures, or why there are none."""

    days: int
    insights: Insights | None = None
    problem: CloudProblem | None = None
    detail: str = ""  # the technical words, for the log and the tooltip
