"""Revenue impact (issue 17): what members spend and how often they come, and what an A/B test
with a control arm says the program added.

- spend: the sales points earns carry (`amount_minor`), net of voids: a void takes its target's
  sale back on the void's own day, as the summary's points figures (cloud/routes/analytics.py).
  sales: those earns, less the voided ones; spend_per_visit: spend / sales, since only a points
  earn records a sale (a stamp visit carries no amount, and is not counted as a visit of 0).
- visits: visit events net of voids (the summary's count); members: members with a visit day in
  the range and visit_days their visit days (the member rollups, cloud/member_sums.py);
  visits_per_member = visit_days / members.
- non_member_sales is null: the cloud receives no sale of a non-member (the tills send loyalty
  events only; there is no POS integration), so member and non-member sales cannot be compared.
- experiments: each A/B test with a control arm (no offer) that runs or ran, compared by the
  shared rules (loyalty_rules.experiment_results): per tested offer its effect over the control in
  the test's metric (visits per member in the first N days, or the share returning within N
  days) with a 95 % interval; null until the test has its planned members (no peeking).
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from fastapi import APIRouter
from sqlalchemy import select

from cloud.deps import Now, ReadDb, User
from cloud.experiment_results import experiment_of, results
from cloud.member_activity import minor_per_unit
from cloud.member_sums import member_sums
from cloud.models import Experiment as ExperimentRow
from cloud.models import Offer
from cloud.routes.analytics import End, Start, cells
from cloud.routes.insights import LocationId, ProgramId, filters
from cloud.routes.insights_scope import check_location, checked_days, owned_offer
from cloud.schemas import WireOut
from cloud.zones import shop_zone
from loyalty_rules.experiments import ExperimentStatus, Metric
from loyalty_rules.model import ProgramKind
from loyalty_rules.money import decimals_of
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])

NON_MEMBER_SALES_REASON = (
    "The cloud receives no sales of non-members: the tills send loyalty events only, and there is no "
    "point-of-sale integration."
)


class By(Enum):
    TOTAL = "total"
    DAY = "day"
    WEEK = "week"  # ISO weeks labelled by their Monday


class RevenuePeriod(WireOut):
    period: str
    spend_minor: int
    sales: int
    visits: int


class ArmLift(WireOut):
    experiment_id: str
    name: str
    status: ExperimentStatus
    metric: Metric
    offer_id: str  # the tested offer compared with the control
    ready: bool  # false until every arm has the planned members: no effect before
    members: int  # entered in this arm so far
    control_members: int
    effect: float | None  # this arm minus the control, in the metric's unit
    low: float | None  # its 95 % interval
    high: float | None
    p_value: float | None


class RevenueOut(WireOut):
    start: str
    end: str
    minor_per_unit: int  # minor units in one unit of the shop's currency
    spend_minor: int
    sales: int
    spend_per_visit: float | None  # currency units per sale; null without sales
    visits: int
    members: int
    visit_days: int
    visits_per_member: float | None
    non_member_sales: None = None
    non_member_sales_reason: str = NON_MEMBER_SALES_REASON
    periods: list[RevenuePeriod]  # empty for by=total
    experiments: list[ArmLift]


def _by_day(session, bid: int, lo: str, hi: str, location, program) -> dict[str, list[int]]:
    """day -> [spend_minor, sales, visits], net of undos as the summary counts them (a void on its
    own day, as the negative of its target: cloud/routes/analytics.py `cells`). Spend and sales are
    the points offers' earns; visits are every offer's."""
    offers = select(Offer.id).where(Offer.business_id == bid, Offer.kind == ProgramKind.POINTS.value)
    points = {str(i) for i in session.scalars(offers)}
    location = None if location is None else str(location)
    out: dict[str, list[int]] = {}
    for c in cells(session, bid, lo, hi, location, program):
        row = out.setdefault(c.day, [0, 0, 0])
        if c.program_id in points:
            row[0] += c.spend_minor
            row[1] += c.earns
        row[2] += c.visits
    return out


def _arms(session, bid: int, program, today_of) -> list[ArmLift]:
    rows = session.scalars(
        select(ExperimentRow).where(ExperimentRow.business_id == bid).order_by(ExperimentRow.started_at)
    )
    out = []
    for row in rows:
        e = experiment_of(row)
        control = next((i for i, a in enumerate(e.arms) if a.is_control), None)
        if control is None or (program is not None and program not in e.tested_offers):
            continue
        found = results(session, row, today_of(row.started_at), today_of(None))
        base = found.arms[control]
        for arm in found.arms:
            if arm.offer_id is None:
                continue
            c = arm.comparison
            out.append(
                ArmLift(
                    experiment_id=row.id,
                    name=row.name,
                    status=e.status,
                    metric=e.metric,
                    offer_id=arm.offer_id,
                    ready=found.ready,
                    members=arm.entered,
                    control_members=base.entered,
                    effect=None if c is None else round(c.effect, 4),
                    low=None if c is None else round(c.low, 4),
                    high=None if c is None else round(c.high, 4),
                    p_value=None if c is None else round(c.p_value, 4),
                )
            )
    return out


@router.get("/revenue", response_model=RevenueOut)
def revenue(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
    by: By = By.TOTAL,
) -> RevenueOut:
    """Members' spend (total, per sale), visits and visits per member in the range (default the 30
    shop days ending with end, default today), per day or ISO week if asked; the lift of A/B tests
    with a control arm; and why non-member sales are null. See the module's definitions."""
    bid = user.business_id
    lo, hi = checked_days(session, bid, start, end, when, 30)
    check_location(session, bid, location_id)
    offer = owned_offer(session, bid, program_id)
    program = offer.id if offer else None
    days = _by_day(session, bid, lo.isoformat(), hi.isoformat(), location_id, program)
    periods: dict[str, list[int]] = {}
    for day, figures in sorted(days.items()):
        d = date.fromisoformat(day)
        key = day if by is By.DAY else (d - timedelta(days=d.weekday())).isoformat()
        total = periods.setdefault(key, [0, 0, 0])
        for i, v in enumerate(figures):
            total[i] += v
    spend, sales, visits = (sum(f[i] for f in days.values()) for i in range(3))
    f, first, last = filters(user, location_id, program_id), lo.isoformat(), hi.isoformat()
    active = member_sums(session, f, first, last)  # what RFM scores: the same members and days
    members, visit_days = len(active.members), int(active.visit_days.sum())
    per_unit = minor_per_unit(session, bid)
    zone = shop_zone(session, bid)
    return RevenueOut(
        start=lo.isoformat(),
        end=hi.isoformat(),
        minor_per_unit=per_unit,
        spend_minor=spend,
        sales=sales,
        spend_per_visit=round(spend / sales / per_unit, decimals_of(per_unit) + 2) if sales else None,
        visits=visits,
        members=members,
        visit_days=visit_days,
        visits_per_member=round(visit_days / members, 4) if members else None,
        periods=[]
        if by is By.TOTAL
        else [RevenuePeriod(period=k, spend_minor=s, sales=n, visits=v) for k, (s, n, v) in periods.items()],
        experiments=_arms(session, bid, program, lambda at: local_day(at or when, zone)),
    )
