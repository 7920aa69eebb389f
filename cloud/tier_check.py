"""Which tier a pushed points earn may claim (issue 15): the kiosk multiplied its points by the
tier she stood at before the sale, by its own view of her events; the cloud accepts that tier's
multiplier only if its own view of her events (every till's) reaches that tier or a higher one.
A till that had not heard she went up claims a lower tier: accepted too, at its multiplier.

The cloud's view is the same shared rule as the kiosk's (loyalty_rules.tiers.standing) over the
same monthly totals (loyalty_rules.tier_buckets: points granted on points cards, or earns, net of
voids), summed per month in SQL from the stored events, plus this push's earlier events. The
month is the shop's, read from each event's local `day`; the window ends with the event's month
(events later in that month count too, as in the kiosk's buckets).
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, bindparam, case, func, select

from cloud.models import Card, Event, Offer
from loyalty_rules.model import EventKind
from loyalty_rules.tiers import WINDOW_MONTHS_RANGE, Measure, Tier, TierScheme, tier_for, window_total

_event_t, _card_t, _offer_t = Event.__table__, Card.__table__, Offer.__table__
_GRANTING = (EventKind.ENROLL.value, EventKind.EARN.value, EventKind.REFERRAL.value)
_MONTH = func.substr(_event_t.c.day, 1, 7)  # 'YYYY-MM' of the shop's local date


def window_amount(measure: Measure, on_points_offer=None) -> tuple:
    """What a tier's window adds up, as loyalty_rules.tier_buckets does: earns (visits), or the
    points granted on points offers' cards (a stamp is not a point). The amount to sum and the
    conditions on the live events it sums; `on_points_offer` (needed for points) says an event is on a
    points offer."""
    live = _event_t.c.voided.is_(False)
    if measure is Measure.VISITS:
        return func.count(), [live, _event_t.c.kind == EventKind.EARN.value]
    return func.sum(_event_t.c.units), [live, _event_t.c.kind.in_(_GRANTING), on_points_offer]


def _totals_statement(measure: Measure):
    joined = _event_t.join(
        _card_t, and_(_card_t.c.business_id == _event_t.c.business_id, _card_t.c.id == _event_t.c.card_id)
    )
    amount, counted = window_amount(measure, _offer_t.c.points_settings.is_not(None))
    where = [
        _event_t.c.business_id == bindparam("bid"),
        _card_t.c.customer_id == bindparam("customer_id"),
        _event_t.c.day.between(bindparam("first_day"), bindparam("last_day")),
        *counted,
    ]
    if measure is Measure.POINTS:
        joined = joined.join(
            _offer_t,
            and_(_offer_t.c.business_id == _event_t.c.business_id, _offer_t.c.id == _event_t.c.program_id),
        )
    return (
        select(_MONTH.label("month"), amount.label("total"))
        .select_from(joined)
        .where(and_(*where))
        .group_by(_MONTH)
    )


_TOTALS = {measure: _totals_statement(measure) for measure in Measure}


def _month(text: str) -> int:
    """'YYYY-MM' as loyalty_rules.tiers.month_of counts months."""
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _first_day(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}-01"


def claimed_tier(
    conn: Connection,
    bid: int,
    scheme: TierScheme,
    name: str,
    customer_id: str | None,
    at_day: str,
    earlier: list[tuple[str, str, int, bool]],
) -> Tier | None:
    """The tier named `name` if her events reach it or higher in the window ending with the month
    of `at_day` (the event's local date); None when they do not, or the scheme has no such tier.
    `earlier`: her events accepted earlier in this push, not stored yet, as (day, kind, units,
    on a points offer's card)."""
    if name not in {t.name for t in scheme.tiers}:
        return None
    claimed = scheme.tiers[scheme.rank(name)]
    if scheme.rank(name) == 0:  # the lowest tier multiplies by its own: no one is below it
        return claimed
    if customer_id is None:
        return None
    last = _month(at_day)
    first = last - scheme.window_months + 1
    params = {
        "bid": bid,
        "customer_id": customer_id,
        "first_day": _first_day(first),
        "last_day": f"{at_day[:7]}-31",
    }
    totals = {_month(r.month): int(r.total or 0) for r in conn.execute(_TOTALS[scheme.measure], params)}
    for day, kind, units, on_points in earlier:
        month = _month(day)
        if not first <= month <= last:
            continue
        if scheme.measure is Measure.VISITS:
            counted = 1 if kind == EventKind.EARN.value else 0
        else:
            counted = units if kind in _GRANTING and on_points else 0
        totals[month] = totals.get(month, 0) + counted
    reached = tier_for(scheme, window_total(totals, last, scheme.window_months))
    return claimed if scheme.rank(reached.name) >= scheme.rank(name) else None


# --- what a pull tells a kiosk: each card's months -------------------------------------------

_GRANTED = func.sum(case((_event_t.c.kind.in_(_GRANTING), _event_t.c.units), else_=0))
_VISITS = func.sum(case((_event_t.c.kind == EventKind.EARN.value, 1), else_=0))
_CARD_MONTHS = (
    select(_event_t.c.card_id, _MONTH.label("month"), _GRANTED.label("points"), _VISITS.label("visits"))
    .where(
        _event_t.c.business_id == bindparam("bid"),
        _event_t.c.card_id.in_(bindparam("ids", expanding=True)),
        _event_t.c.voided.is_(False),
        _event_t.c.seq <= bindparam("high"),
        _event_t.c.day >= bindparam("since"),
    )
    .group_by(_event_t.c.card_id, _MONTH)
)
# the longest window a scheme may have, and one month more for a day near a month's edge
_MONTHS_SENT = WINDOW_MONTHS_RANGE[1] + 1


def card_months(conn: Connection, bid: int, card_ids: list[int], high: int, today: str) -> dict[int, list]:
    """Per card, its months' points granted and visits counted, net of voids (the kiosk's tier
    buckets, loyalty_rules.tier_buckets), over the longest window before `today` ('YYYY-MM-DD'),
    as of the business's sequence `high`: a kiosk keeps them as the cloud's part of her tier."""
    if not card_ids:
        return {}
    since = _first_day(_month(today) - _MONTHS_SENT)
    out: dict[int, list] = {}
    params = {"bid": bid, "ids": card_ids, "high": high, "since": since}
    for r in conn.execute(_CARD_MONTHS, params):
        if r.points or r.visits:
            out.setdefault(r.card_id, []).append((r.month, int(r.points), int(r.visits)))
    return out
