"""Tier distribution (issue 17): per points offer with tiers, how many members stand in each tier
as of a shop day, and how many tier changes the range saw.

A member's tier is the shared rule's (loyalty_rules.tiers.tier_for) over her window's total, the
same total the push's tier check reads (cloud/tier_check.py): points granted on points offers'
cards, or earns, net of voids, in the `window_months` shop months ending with `end`'s month, up to
`end` itself (as of that day, not the month's later days). The database sums those per member;
numpy adds the parts up and groups the members by their total; Python names a tier for each
distinct total (a few hundred in practice) by the shared rule.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
from fastapi import APIRouter
from sqlalchemy import and_, func, select

from cloud.column_lists import columns_together
from cloud.deps import Now, ReadDb, User
from cloud.member_months import EVERY
from cloud.models import Card, Customer, Event, MemberMonth, Offer
from cloud.routes.analytics import End, Start
from cloud.routes.insights import LocationId, ProgramId
from cloud.routes.insights_scope import check_location, checked_days, owned_offer
from cloud.schemas import WireOut
from cloud.tier_check import window_amount
from loyalty_rules.kinds.points import settings_from_plain
from loyalty_rules.model import EventKind
from loyalty_rules.tiers import Measure, TierScheme, month_of_day, tier_for

router = APIRouter(prefix="/api/v1/analytics", tags=["analytics"])


class TierCount(WireOut):
    tier: str
    threshold: int
    members: int  # members with a card in the offer standing in this tier at `end`


class TierOffer(WireOut):
    program_id: str
    name: str
    measure: Measure
    window_months: int
    members: int
    tiers: list[TierCount]  # lowest first
    ups: int  # tier changes in the range to a higher tier
    downs: int  # ... to a lower one (a month leaving her window)


class TiersOut(WireOut):
    start: str
    end: str
    offers: list[TierOffer]


def _schemes(session, bid: int, only: str | None) -> list[tuple[Offer, TierScheme]]:
    where = [Offer.business_id == bid, Offer.points_settings.is_not(None)]
    if only is not None:
        where.append(Offer.id == only)
    out = []
    for offer in session.scalars(select(Offer).where(*where).order_by(Offer.name, Offer.id)):
        scheme = settings_from_plain(json.loads(offer.points_settings)).tiers
        if scheme is not None:
            out.append((offer, scheme))
    return out


def _first_day(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}-01"


def _scanned_by_member(session, bid: int, measure: Measure, first_day: str, last_day: str):
    """Per member, the total of her events of [first_day, last_day]: the push's tier check's sum
    (cloud/tier_check.py), grouped by member instead of month. Summed per card first, where
    visits read the events' kind-and-day index alone, then per member over her few cards."""
    on_points_offer = None
    if measure is Measure.POINTS:  # the offers, read first: a join per event would cost more
        offers = select(Offer.id).where(Offer.business_id == bid, Offer.points_settings.is_not(None))
        on_points_offer = Event.program_id.in_([str(i) for i in session.scalars(offers)])
    amount, counted = window_amount(measure, on_points_offer)
    where = [Event.business_id == bid, Event.day >= first_day, Event.day <= last_day, *counted]
    per_card = select(Event.card_id, amount.label("total")).where(*where).group_by(Event.card_id).subquery()
    return (
        select(Card.customer_id.label("member"), func.sum(per_card.c.total).label("total"))
        .select_from(per_card)
        .join(Card, and_(Card.business_id == bid, Card.id == per_card.c.card_id))
        .where(Card.customer_id.is_not(None))
        .group_by(Card.customer_id)
    )


def window_parts(session, bid: int, measure: Measure, first: int, day: date) -> list:
    """Per member, her window's total (months `first`.. up to `day`) in parts to add up, each a
    (member, total) subquery. Visits (live earns) of the window's whole months are her
    member-month rows' earns (cloud/member_months.py keeps them with the ledger: a row per member
    and month, not per event); only `day`'s own month, cut at `day`, is read from the events.
    Points are summed from the events (the rows count earns only, and points come from enrolls
    and referrals too)."""
    last_day, month_start = day.isoformat(), _first_day(month_of_day(day))
    if measure is Measure.POINTS:
        return [_scanned_by_member(session, bid, measure, _first_day(first), last_day).subquery()]
    whole = (
        select(MemberMonth.member_id.label("member"), func.sum(MemberMonth.earns).label("total"))
        .where(
            MemberMonth.business_id == bid,
            MemberMonth.location_id == EVERY,
            MemberMonth.program_id == EVERY,
            MemberMonth.month >= _first_day(first)[:7],
            MemberMonth.month < month_start[:7],
        )
        .group_by(MemberMonth.member_id)
    )
    return [whole.subquery(), _scanned_by_member(session, bid, measure, month_start, last_day).subquery()]


def _members_by_total(session, bid: int, offer_id: str, scheme: TierScheme, day: date) -> dict[int, int]:
    """total -> how many members with a card in the offer (joined by `day`, not absorbed by a
    merge) have it; a member without events in the window has 0.

    The window's parts and the offer's members are read as columns in one snapshot, on PostgreSQL
    side by side on two connections (cloud/column_lists.py), and added up by member here. Joining
    them in the database hashed the members' 36-character ids three more times: measured at 50,000
    members, 145-160 ms for what the parts take some 55 side by side."""
    last_day = day.isoformat()
    first = month_of_day(day) - scheme.window_months + 1
    parts = [
        select(part.c.member, func.coalesce(part.c.total, 0))
        for part in window_parts(session, bid, scheme.measure, first, day)
    ]
    holders = (
        select(Card.customer_id)
        .distinct()
        .join(Customer, and_(Customer.business_id == Card.business_id, Customer.id == Card.customer_id))
        .where(
            Card.business_id == bid,
            Card.program_id == offer_id,
            Customer.merged_into.is_(None),
            Customer.day <= last_day,
        )
    )
    # the biggest part (the whole months) on one connection, the others on the second
    *sums, (members,) = columns_together(session, [*parts, holders], numbers=[1] * len(parts) + [0])
    index = dict(zip(members, range(len(members)), strict=True))
    total = np.zeros(len(members), dtype=np.int64)
    for ids, amounts in sums:  # a part holds a member once
        at = np.fromiter((index.get(m, -1) for m in ids), dtype=np.int64, count=len(ids))
        held = at >= 0  # a member no longer holding a card in the offer is not counted
        total[at[held]] += amounts[held]
    values, counts = np.unique(total, return_counts=True)
    return dict(zip(values.tolist(), counts.tolist(), strict=True))


def _changes(
    session, bid: int, offer_id: str, scheme: TierScheme, lo: str, hi: str, location
) -> tuple[int, int]:
    """(ups, downs) among the offer's tier_change events in the range that were not voided: the
    event names the new tier (`tier`) and the old one (`reason`); a name the scheme no longer has
    counts as its lowest tier, as loyalty_rules.tiers.change reads it."""
    where = [
        Event.business_id == bid,
        Event.program_id == offer_id,
        Event.kind == EventKind.TIER_CHANGE.value,
        Event.voided.is_(False),
        Event.day >= lo,
        Event.day <= hi,
    ]
    if location is not None:
        where.append(Event.location_id == str(location))
    rows = session.execute(
        select(Event.reason, Event.tier, func.count()).where(*where).group_by(Event.reason, Event.tier)
    )
    names = {t.name for t in scheme.tiers}

    def rank(name: str | None) -> int:
        return scheme.rank(name) if name in names else 0

    ups = downs = 0
    for old, new, n in rows:
        if rank(new) > rank(old):
            ups += int(n)
        elif rank(new) < rank(old):
            downs += int(n)
    return ups, downs


@router.get("/tiers", response_model=TiersOut)
def tier_distribution(
    user: User,
    session: ReadDb,
    when: Now,
    start: Start = None,
    end: End = None,
    location_id: LocationId = None,
    program_id: ProgramId = None,
) -> TiersOut:
    """Per points offer with tiers (or only `program_id`): its members in each tier as of `end`
    (default the shop's today) and the tier changes up and down between `start` (default 29 days
    before end) and `end`. A tier is the member's, read from every till's events, so `location_id`
    narrows only the changes counted (those recorded at that location), not the standing."""
    bid = user.business_id
    lo, hi = checked_days(session, bid, start, end, when, 30)
    check_location(session, bid, location_id)
    offer = owned_offer(session, bid, program_id)
    out = []
    for row, scheme in _schemes(session, bid, offer.id if offer else None):
        counts = dict.fromkeys((t.name for t in scheme.tiers), 0)
        for total, n in _members_by_total(session, bid, row.id, scheme, hi).items():
            counts[tier_for(scheme, total).name] += n
        ups, downs = _changes(session, bid, row.id, scheme, lo.isoformat(), hi.isoformat(), location_id)
        out.append(
            TierOffer(
                program_id=row.id,
                name=row.name,
                measure=scheme.measure,
                window_months=scheme.window_months,
                members=sum(counts.values()),
                tiers=[
                    TierCount(tier=t.name, threshold=t.threshold, members=counts[t.name])
                    for t in scheme.tiers
                ],
                ups=ups,
                downs=downs,
            )
        )
    return TiersOut(start=lo.isoformat(), end=hi.isoformat(), offers=out)
