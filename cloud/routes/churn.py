"""GET /analytics/churn: each member's chance of still being a customer, her expected visits (and
spend) over the next weeks, from the models the background job fitted (cloud/churn.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from cloud.churn import (
    MIN_MEMBERS,
    MIN_REPEAT_MEMBERS,
    FitStatus,
    ledger_histories,
    most_at_risk,
    shop_today,
)
from cloud.deps import Now, ReadDb, User
from cloud.insights import bgnbd, gamma_gamma
from cloud.member_activity import members_by_id
from cloud.schemas import WireOut

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])

MESSAGES = {
    FitStatus.FITTING: "The models are being fitted on this shop's visits; ask again in a minute.",
    FitStatus.NOT_ENOUGH_DATA: "Not enough data yet: the models need at least {repeat} members who came "
    "back (and {members} members with a visit); this shop has {have_repeat} and {have_members}.",
    FitStatus.FAILED: "The models could not be fitted on this shop's visits; they are tried again daily.",
}


class VisitModel(WireOut):
    r: float
    alpha: float
    a: float
    b: float


class SpendModel(WireOut):
    p: float
    q: float
    gamma: float


class MemberOutlook(WireOut):
    member_id: str
    name: str
    visit_days: int
    probability_alive: float
    expected_visits: float  # over the next `weeks` weeks
    expected_spend: float | None  # null while events carry no amount


class ChurnOut(WireOut):
    status: FitStatus
    message: str | None = None
    fitted_at: datetime | None = None
    fitted_as_of: str | None = None  # the shop's day the fit saw the ledger up to
    members: int = 0  # members with a visit, when fitted
    repeat_members: int = 0  # of them, those who came back on another day
    weeks: int
    visit_model: VisitModel | None = None  # BG/NBD, time in weeks
    spend_model: SpendModel | None = None  # Gamma-Gamma, null while events carry no amount
    outlook: list[MemberOutlook] = Field(default_factory=list)  # most at risk first


@router.get("/churn", response_model=ChurnOut, responses={202: {"model": ChurnOut}})
def churn(
    request: Request,
    user: User,
    session: ReadDb,
    when: Now,
    weeks: Annotated[int, Query(ge=1, le=260, description="the horizon of the expected visits")] = 12,
    limit: Annotated[int, Query(ge=1, le=10_000, description="members listed, most at risk first")] = 100,
):
    """202 with status "fitting" until the first fit of the business is in; then 200 with the
    cached parameters (refitted in the background when older than a day) and the members whose
    chance of still being active is lowest first; "not_enough_data" while too few came back."""
    out = outlook(request, user.business_id, session, when, weeks, limit)
    if out.status is FitStatus.FITTING:
        return JSONResponse(out.model_dump(mode="json"), status_code=202)
    return out


def outlook(request: Request, business_id: int, session, when: datetime, weeks: int, limit: int) -> ChurnOut:
    """The churn answer for one business (also read by its kiosks: cloud/routes/device_analytics.py)."""
    fits = request.app.state.churn_fits
    row = fits.refresh_if_needed(business_id, when, session)
    status = FitStatus(row.status)
    out = ChurnOut(
        status=status,
        weeks=weeks,
        fitted_at=row.fitted_at,
        fitted_as_of=row.as_of,
        members=row.members,
        repeat_members=row.repeat_members,
    )
    if status is FitStatus.NOT_ENOUGH_DATA:
        out.message = MESSAGES[status].format(
            repeat=MIN_REPEAT_MEMBERS,
            members=MIN_MEMBERS,
            have_repeat=row.repeat_members,
            have_members=row.members,
        )
    elif status is not FitStatus.READY:
        out.message = MESSAGES[status]
    if status is not FitStatus.READY:
        return out
    visits = bgnbd.BgNbdParams(row.r, row.alpha, row.a, row.b)
    out.visit_model = VisitModel(r=row.r, alpha=row.alpha, a=row.a, b=row.b)
    spend = None
    if row.p is not None:
        spend = gamma_gamma.GammaGammaParams(row.p, row.q, row.gamma)
        out.spend_model = SpendModel(p=row.p, q=row.q, gamma=row.gamma)
    h = ledger_histories(session, business_id, shop_today(session, business_id, when))
    if not h.members:
        return out
    alive = bgnbd.probability_alive(visits, h.x, h.t_x, h.T)
    order = most_at_risk(alive, h.members, limit)
    # only the listed members' expectations are needed (elementwise, so the same as everyone's)
    ahead = bgnbd.conditional_expected_transactions(
        visits, float(weeks), h.x[order], h.t_x[order], h.T[order]
    )
    per_visit = None
    if spend is not None and h.m_x is not None:
        per_visit = gamma_gamma.conditional_expected_spend(spend, h.x[order], h.m_x[order])
    people = members_by_id(session, business_id, [h.members[i] for i in order])
    out.outlook = [
        MemberOutlook(
            member_id=h.members[i],
            name=people[h.members[i]].name if h.members[i] in people else "",
            visit_days=int(h.x[i]) + 1,
            probability_alive=round(float(alive[i]), 4),
            expected_visits=round(float(ahead[n]), 3),
            expected_spend=None if per_visit is None else round(float(ahead[n] * per_visit[n]), 2),
        )
        for n, i in enumerate(order)
    ]
    return out
