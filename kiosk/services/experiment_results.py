"""A standalone kiosk's A/B test results, from its own ledger, judged by the shared rules the
cloud uses (loyalty_rules/experiment_results.py) so the numbers are the same for the same visits.
A paired kiosk shows the cloud's (kiosk/sync/insights.py), which sees every till; these only when
the cloud does not answer, and the screen says whose they are."""

from __future__ import annotations

from datetime import datetime, tzinfo

from kiosk.domain.analytics import day_buckets
from kiosk.domain.insights import ExperimentReport
from kiosk.domain.reports import local_day
from kiosk.store.experiment_visits import member_visit_days, offers_earned
from kiosk.store.experiments import all_experiments
from loyalty_rules.experiment_results import judge
from loyalty_rules.experiments import ExperimentStatus


def local_experiments(
    conn, now: datetime, zone: tzinfo, names: dict[str, str]
) -> tuple[ExperimentReport, ...]:
    """Every A/B test this kiosk holds, newest first, with its results as of now."""
    today = local_day(now, zone)
    reports = []
    for e in sorted(all_experiments(conn), key=lambda e: (e.started_at, e.id), reverse=True):
        first = local_day(e.started_at, zone)
        visits = member_visit_days(conn, day_buckets(first, today, zone)) if first <= today else {}
        earned = offers_earned(conn, e.started_at, e.tested_offers)
        reports.append(
            ExperimentReport(
                id=e.id,
                name=e.name,
                running=e.status is ExperimentStatus.RUNNING,
                start=first,
                metric=e.metric,
                days=e.days,
                horizon=e.horizon,
                arm_names=tuple(None if a.is_control else names.get(a.offer_id or "", "?") for a in e.arms),
                results=judge(e, visits, earned, first, today),
            )
        )
    return tuple(reports)
