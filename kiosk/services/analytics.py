"""The Analytics screen's figures for managers and owners, counted from this kiosk's ledger.

A paired kiosk's ledger holds only what was recorded at this till: the outcome says so (`paired`)
and the screen asks the cloud, which sees every till (kiosk/sync/insights.py), showing these only
when the cloud does not answer. The RFM segments are scored here by the same rules as the cloud's
(loyalty_rules/rfm.py); the churn model is the cloud's alone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from pathlib import Path

from kiosk.domain.analytics import (
    ANALYTICS_PERIODS,
    COHORT_MONTHS,
    Analytics,
    DayFigures,
    OfferFigures,
    WeekFigures,
    analytics_days,
    cohorts,
    day_buckets,
    month_buckets,
    week_buckets,
)
from kiosk.domain.insights import Churn, ChurnState, Insights, SegmentCount, Source, segment_counts
from kiosk.domain.model import Role
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.services.context import Actor, Connection, Context, connection
from kiosk.services.experiment_results import local_experiments
from kiosk.services.identity import load_identity
from kiosk.services.reports import local_zone
from kiosk.store import StorageError, directory
from kiosk.store.analytics import (
    cohort_returns,
    figures_by_bucket,
    figures_by_offer,
    joiners_by_bucket,
    visit_days_by_member,
)
from loyalty_rules import rfm

RFM_DAYS = 365  # the year the segments score, as the cloud's /analytics/rfm by default


@dataclass(frozen=True, slots=True)
class AnalyticsOutcome(Outcome):
    analytics: Analytics | None = None
    days: int = 0
    shop: str = ""
    # a paired kiosk holds only its own events: the cloud's analytics cover every kiosk
    paired: bool = False
    insights: Insights | None = None  # the same figures with this kiosk's own segments


def local_segments(conn, now: datetime, zone: tzinfo) -> tuple[tuple[SegmentCount, ...], int]:
    """The RFM segments of the members with a visit in the last RFM_DAYS local days, and how many
    were scored. Spend is not on this kiosk's events: monetary plays no part in a segment anyway."""
    first, last = analytics_days(now, RFM_DAYS, zone)
    came = visit_days_by_member(conn, day_buckets(first, last, zone))
    last_index = (last - first).days
    scores = rfm.score([rfm.Activity(m, last_index - i, n, 0.0) for m, (n, i) in sorted(came.items())])
    return segment_counts(rfm.segment_counts(scores)), len(scores)


def count(conn, now: datetime, days: int, zone: tzinfo, names: dict[str, str]) -> Analytics:
    """The figures of the last `days` local days up to now, from the ledger behind conn."""
    first, last = analytics_days(now, days, zone)
    day_list = day_buckets(first, last, zone)
    by_day = figures_by_bucket(conn, day_list)
    week_list = week_buckets(first, last, zone)
    joiners = joiners_by_bucket(conn, week_list)
    month_list = month_buckets(last, COHORT_MONTHS, zone)
    offers = figures_by_offer(conn, day_list[0].start, day_list[-1].end)
    return Analytics(
        start=datetime.combine(first, time(0), tzinfo=zone),
        end=now,
        days=tuple(DayFigures(b.first_day, *by_day.get(i, (0, 0, 0))) for i, b in enumerate(day_list)),
        weeks=tuple(WeekFigures(b.first_day, joiners.get(i, 0)) for i, b in enumerate(week_list)),
        offers=tuple(
            sorted(
                (OfferFigures(pid, names.get(pid, pid[:8]), *figures) for pid, figures in offers.items()),
                key=lambda o: (-o.stamps, -o.visits, o.name),
            )
        ),
        cohorts=cohorts(month_list, joiners_by_bucket(conn, month_list), cohort_returns(conn, month_list)),
    )


def analytics(ctx: Context, days: int, *, actor: Actor, tz: tzinfo | None = None) -> AnalyticsOutcome:
    if not actor.role.at_least(Role.MANAGER):
        return AnalyticsOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    if isinstance(days, bool) or days not in ANALYTICS_PERIODS:
        return AnalyticsOutcome(refusal=invalid("Days", Problem.REPORT_DAYS, max=max(ANALYTICS_PERIODS)))
    zone = tz or local_zone(ctx)
    try:
        with ctx.store.reading() as conn:
            names = {p.id: p.name for p in directory.all_programs(conn)}
            now = ctx.clock()
            made = count(conn, now, days, zone, names)
            segments, scored = local_segments(conn, now, zone)
            tests = local_experiments(conn, now, zone, names)
            paired = connection(conn) is Connection.PAIRED
    except StorageError as exc:
        return AnalyticsOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    own = Insights(
        made,
        segments,
        scored,
        Churn(ChurnState.NEEDS_CLOUD),
        Source.FALLBACK if paired else Source.STANDALONE,
        now,
        tests,
    )
    return AnalyticsOutcome(
        analytics=made, days=days, shop=load_identity(ctx).business_name, paired=paired, insights=own
    )


@dataclass(frozen=True, slots=True)
class SavedFile(Outcome):
    path: Path | None = None
    size: int = 0  # bytes written


def save_report(path: Path, data: bytes, *, actor: Actor) -> SavedFile:
    """The exported PDF, written on the store thread (the UI thread never waits on disk): under a
    .part name and renamed once complete, so a file with the chosen name is always whole."""
    if not actor.role.at_least(Role.MANAGER):
        return SavedFile(refusal=refuse(Reason.NOT_ALLOWED))
    target = Path(path).absolute()
    if not target.parent.is_dir():
        return SavedFile(refusal=refuse(Reason.STORAGE_FAILED, problem=f"no such folder: {target.parent}"))
    partial = target.with_name(target.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return SavedFile(
            refusal=refuse(Reason.STORAGE_FAILED, problem=f"cannot write {target} ({exc.strerror or exc})")
        )
    return SavedFile(path=target, size=len(data))
