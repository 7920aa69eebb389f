"""GET /api/v1/devices/me/analytics: what a paired kiosk's Analytics screen draws, in one answer.

The owner's analytics endpoints take a manager's or owner's access token; a kiosk holds only its
device token. Rather than let device tokens into those routes (the campaign CSV carries contacts),
this one route gives a device read-only figures of its own business (the token says which; there
is no business to name, so no other business's figures can be asked for): visits per day, new
members per week, the popular offers, the join cohorts, the RFM segment counts and the members
least likely to come back, with their names and nothing else about them, and the results of
its A/B tests (as GET /api/v1/experiments/{id}/results says them, no winner before the horizon).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.deps import DeviceActor, Now, ReadDb
from cloud.experiment_results import experiment_of, results
from cloud.models import Experiment as ExperimentRow
from cloud.models import Offer
from cloud.routes import churn, insights
from cloud.routes.analytics import By, _grouped, cells, daily
from cloud.routes.experiments import ResultsOut, results_out
from cloud.schemas import WireOut
from cloud.schemas_admin import DayStats, GroupStats
from cloud.zones import shop_zone
from loyalty_rules.experiments import ExperimentStatus
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1/devices/me", tags=["devices"])

COHORT_MONTHS = 12  # this month and the eleven before it, as the kiosk's own heat map
TOP_OFFERS = 8  # as many bars as the kiosk's chart shows
AT_RISK_LISTED = 200  # the members least likely to be active; the kiosk orders them by value
CHURN_WEEKS = 12


class DeviceExperimentOut(ResultsOut):
    id: str
    name: str
    running: bool  # False: stopped, its results still shown
    start: str  # the shop's day it started
    days: int  # the metric's window
    arm_names: list[str | None]  # each arm's offer name, null for the control


class DeviceAnalyticsOut(WireOut):
    as_of: datetime  # when the cloud counted
    start: str  # the shop's first and last day of the period
    end: str
    days: list[DayStats]
    weeks: list[insights.NewMembers]
    offers: list[GroupStats]  # the busiest first
    cohorts: list[insights.CohortOut]  # join months from COHORT_MONTHS - 1 months back
    rfm: insights.RfmOut  # over the last 365 days
    churn: churn.ChurnOut  # `outlook`: most at risk first
    experiments: list[DeviceExperimentOut]  # newest first; `winner` null until the horizon


def _experiments(session: Session, bid: int, zone, today: date) -> list[DeviceExperimentOut]:
    rows = session.scalars(
        select(ExperimentRow)
        .where(ExperimentRow.business_id == bid)
        .order_by(ExperimentRow.started_at.desc(), ExperimentRow.id)
    )
    names = dict(session.execute(select(Offer.id, Offer.name).where(Offer.business_id == bid)).all())
    found = []
    for row in rows:
        e, first = experiment_of(row), local_day(row.started_at, zone)
        out = results_out(e, results(session, row, first, today))
        found.append(
            DeviceExperimentOut(
                **out.model_dump(),
                id=e.id,
                name=e.name,
                running=e.status is ExperimentStatus.RUNNING,
                start=first.isoformat(),
                days=e.days,
                arm_names=[None if a.offer_id is None else names.get(a.offer_id, "?") for a in e.arms],
            )
        )
    return found


@router.get("/analytics", response_model=DeviceAnalyticsOut)
def device_analytics(
    request: Request,
    device: DeviceActor,
    session: ReadDb,
    when: Now,
    days: Annotated[int, Query(ge=1, le=366, description="the period: this many shop days to today")] = 30,
) -> DeviceAnalyticsOut:
    bid = device.business_id
    zone = shop_zone(session, bid)
    last = local_day(when, zone)
    first = last - timedelta(days=days - 1)
    lo, hi = first.isoformat(), last.isoformat()
    no_filter = {"location_id": None, "program_id": None}
    counted = cells(session, bid, lo, hi)  # one pass over the period's events for both views
    return DeviceAnalyticsOut(
        as_of=when,
        start=lo,
        end=hi,
        days=daily(session, bid, lo, hi, counted),
        weeks=insights.acquisition(
            device, session, when, start=lo, end=hi, by=insights.Period.WEEK, **no_filter
        ),
        offers=_grouped(session, bid, lo, hi, By.OFFER, limit=TOP_OFFERS, counted=counted),
        cohorts=insights.cohorts(
            device,
            session,
            when,
            start=insights.months_back(last, COHORT_MONTHS).isoformat(),
            end=hi,
            **no_filter,
        ),
        rfm=insights.rfm_segments(device, session, when, start=None, end=hi, **no_filter),
        churn=churn.outlook(request, bid, session, when, CHURN_WEEKS, AT_RISK_LISTED),
        experiments=_experiments(session, bid, zone, last),
    )
