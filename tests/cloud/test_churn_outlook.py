"""The churn answer lists exactly what scoring every member and sorting them all by (chance of
still being active, id) lists: worked out here from the event scan of before
(tests/cloud/activity_oracle.py) with the fitted models applied to everyone, on SQLite and
PostgreSQL (the `cloud` fixture runs each test on both). The endpoint reads the histories as one
aggregated text, scores only the listed members' expectations and sorts only the candidates."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from cloud.churn import ledger_histories, most_at_risk
from cloud.insights import bgnbd, gamma_gamma
from cloud.member_activity import Filters
from cloud.models import MemberTotal
from cloud.schemas import FIRST_DAY
from loyalty_rules.kinds.points import points_for
from tests.cloud import activity_oracle
from tests.cloud.test_member_months import POINTS, _enroll, _shop


def _at(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, 30, tzinfo=UTC).isoformat()


def _points_shop_with_regulars_and_one_timers(cloud, members: int = 60, seed: int = 2):
    """Members who joined over 40 weeks at their own pace, each paying an amount of her own at
    every visit (exponentially spread, as Gamma-Gamma assumes with p = 1), a third of them never
    back (they tie at a chance of 1). Seed 2: both models converge on it."""
    owner, (_stamps, points), (kiosk, _) = _shop(cloud)
    today = cloud.clock().date()
    rng = random.Random(seed)
    events = []
    for i in range(members):
        first = today - timedelta(days=280 - (270 * i) // members)
        card = _enroll(cloud, kiosk, points, f"M{i}", first)
        days, mean, usual = [first], rng.choice((4, 7, 14, 30)), rng.randint(300, 2500)
        while i % 3 and rng.random() > 0.15:
            later = days[-1] + timedelta(days=1 + int(rng.expovariate(1 / mean)))
            if later > today:
                break
            days.append(later)
        for day in days:
            sale = 50 + int(rng.expovariate(1 / usual))
            events.append(
                cloud.event(
                    "earn", card, points, points_for(sale, POINTS), amount_minor=sale, occurred_at=_at(day, 9)
                )
            )
    for i in range(0, len(events), 500):
        assert {r["status"] for r in cloud.push(kiosk, *events[i : i + 500])} == {"accepted"}
    return owner


def _scored_everyone(cloud, bid: int, body: dict, weeks: int, limit: int) -> list[dict]:
    """The answer as scoring every member of the event scan and sorting them all gives it."""
    today = cloud.clock().date()
    with cloud.db.read_session() as s:
        whole = activity_oracle.member_activity(s, Filters(bid), str(FIRST_DAY), today.isoformat())
    x = np.array([a.visit_days - 1 for a in whole], dtype=float)
    t_x = np.array([(a.last_visit - a.first_visit).days / 7 for a in whole])
    T = np.array([(today - a.first_visit).days / 7 for a in whole])
    visits = bgnbd.BgNbdParams(**body["visit_model"])
    alive = bgnbd.probability_alive(visits, x, t_x, T)
    ahead = bgnbd.conditional_expected_transactions(visits, float(weeks), x, t_x, T)
    per_visit = None
    if body["spend_model"] is not None:
        m_x = np.array([a.spend / a.visit_days for a in whole])
        per_visit = gamma_gamma.conditional_expected_spend(
            gamma_gamma.GammaGammaParams(**body["spend_model"]), x, m_x
        )
    order = np.lexsort((np.array([a.member for a in whole]), alive))[:limit]
    return [
        {
            "member_id": whole[i].member,
            "visit_days": whole[i].visit_days,
            "probability_alive": round(float(alive[i]), 4),
            "expected_visits": round(float(ahead[i]), 3),
            "expected_spend": None if per_visit is None else round(float(ahead[i] * per_visit[i]), 2),
        }
        for i in order
    ]


def test_the_listed_members_and_their_outlook_are_those_of_scoring_and_sorting_everyone(cloud):
    owner = _points_shop_with_regulars_and_one_timers(cloud)
    get = lambda **p: cloud.client.get("/api/v1/analytics/churn", params=p, headers=owner.headers)  # noqa: E731
    assert get().status_code == 202
    assert cloud.app.state.churn_fits.wait_idle(60)
    for weeks, limit in ((12, 100), (12, 7), (30, 50), (4, 1)):
        body = get(weeks=weeks, limit=limit).json()
        assert body["status"] == "ready", body
        assert body["spend_model"] is not None  # every visit carries an amount: the spend path runs
        listed = body["outlook"]
        assert all(m.pop("name").startswith("M") for m in listed)
        assert listed == _scored_everyone(cloud, owner.business_id, body, weeks, limit)
        if limit == 50:  # of 60: the cut falls among the one-timers, who all tie at 1: ids decide
            assert listed[-1]["probability_alive"] == listed[-2]["probability_alive"] == 1.0


@pytest.mark.parametrize("seed", range(20))
def test_the_partial_sort_lists_the_head_of_the_full_sort_by_chance_then_id(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    alive = np.round(rng.random(n), int(rng.integers(1, 3)))  # one or two decimals: many ties
    if seed % 4 == 0:
        alive[rng.integers(0, n, size=max(1, n // 10))] = np.nan
    members = tuple(str(uuid.UUID(int=int(v))) for v in rng.integers(0, 2**62, size=n))
    for limit in {1, 2, n // 3 + 1, n - 1 or 1, n, n + 5}:
        full = np.lexsort((np.array(members), alive))[:limit]
        assert most_at_risk(alive, members, limit).tolist() == full.tolist(), limit


def test_histories_read_back_a_short_id_negative_and_huge_spends_and_one_missing(cloud):
    """Odd rows of the member totals (an id no UUID, spend beyond a float's exact integers or
    below zero, as the push's amounts allow) come back as the database holds them."""
    bid = cloud.owner().business_id
    today = cloud.clock().date()
    rows = [
        ("b1d2c3e4-0000-4000-8000-000000000001", "2024-02-29", str(today), 1, 0),
        ("short", "1999-01-01", "2000-01-01", 123456, 2**62 + 1),
        ("9", str(today - timedelta(days=10)), str(today), 7, -1250),
    ]
    with cloud.db.writing() as s:
        for member, first, last, days, spend in rows:
            s.add(
                MemberTotal(
                    business_id=bid,
                    member_id=member,
                    location_id="",
                    program_id="",
                    visit_days=days,
                    first_day=first,
                    last_day=last,
                    spend_minor=spend,
                )
            )
    with cloud.db.read_session() as s:
        h = ledger_histories(s, bid, today)
        got = dict(
            zip(
                h.members,
                zip(h.x.tolist(), h.T.tolist(), h.t_x.tolist(), h.m_x.tolist(), strict=True),
                strict=True,
            )
        )
    assert got == {
        member: (
            days - 1,
            (today - date.fromisoformat(first)).days / 7,
            (date.fromisoformat(last) - date.fromisoformat(first)).days / 7,
            spend / 100 / days,
        )
        for member, first, last, days, spend in rows
    }
    with cloud.db.writing() as s:
        s.get(MemberTotal, (bid, "9", "", "")).spend_minor = None  # her events carry no amount
    with cloud.db.read_session() as s:
        assert ledger_histories(s, bid, today).m_x is None
