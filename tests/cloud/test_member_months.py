"""The member-month rollups (issue 17) after random pushes, voids and merges: equal to a count of
the events done here in Python, and every analytics figure read from them equal to the event-scan
path of before (tests/cloud/activity_oracle.py) and to the shared RFM rule; on SQLite and
PostgreSQL (the `cloud` fixture runs each test on both)."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

import cardtoken
from cloud import rfm_scores
from cloud.churn import ledger_histories
from cloud.cohort_table import cohort_table
from cloud.member_activity import Filters, member_activity, rollup_span
from cloud.member_months import rebuild
from cloud.models import Card, Event, MemberMonth, MemberQuarter, MemberTotal
from cloud.schemas import FIRST_DAY
from loyalty_rules import rfm
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding, points_for, settings_to_plain
from tests.cloud import activity_oracle

POINTS = PointsSettings(Decimal("1"), Rounding.UP, 0, (Reward("coffee", "Coffee", 1),), minor_per_unit=100)
SPAN = 200  # days of ledger: seven months or so, so ranges cut months and hold whole months and quarters


def _at(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, 30, tzinfo=UTC).isoformat()


def _stored(cloud, bid: int, model, *period: str) -> dict[tuple, tuple]:
    """A rollup table's rows of the business: (member, *period, location, program) -> (visit
    days, first day, last day, spend)."""
    with cloud.db.read_session() as s:
        return {
            (r.member_id, *(getattr(r, p) for p in period), r.location_id, r.program_id): (
                r.visit_days,
                r.first_day,
                r.last_day,
                r.spend_minor,
            )
            for r in s.scalars(select(model).where(model.business_id == bid))
        }


def _rows(cloud, bid: int) -> dict[tuple, tuple]:
    return _stored(cloud, bid, MemberMonth, "month")


def _recount_in_python(cloud, bid: int) -> dict[tuple, tuple]:
    """The rollups as the events and cards say, counted without SQL aggregates."""
    with cloud.db.read_session() as s:
        member_of = {c.id: c.customer_id for c in s.scalars(select(Card).where(Card.business_id == bid))}
        events = list(s.scalars(select(Event).where(Event.business_id == bid)))
    days: dict[tuple, set[str]] = defaultdict(set)
    spend: dict[tuple, list[int]] = defaultdict(list)
    for e in events:
        member = member_of.get(e.card_id)
        if e.kind != "earn" or e.voided or member is None:
            continue
        for location in ("", e.location_id):
            for program in ("", e.program_id):
                if location is None:
                    continue
                key = (member, e.day[:7], location, program)
                days[key].add(e.day)
                if e.amount_minor is not None:
                    spend[key].append(e.amount_minor)
    return {k: (len(d), min(d), max(d), sum(spend[k]) if spend[k] else None) for k, d in days.items()}


def _totals(cloud, bid: int) -> dict[tuple, tuple]:
    return _stored(cloud, bid, MemberTotal)


def _quarters(cloud, bid: int) -> dict[tuple, tuple]:
    """The quarter rows, their days (kept as the numbers yyyymmdd) written as the months' are."""

    def iso(n: int) -> str:
        return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"

    stored = _stored(cloud, bid, MemberQuarter, "quarter")
    return {k: (days, iso(first), iso(last), spend) for k, (days, first, last, spend) in stored.items()}


def _added_up(months: dict[tuple, tuple], period) -> dict[tuple, tuple]:
    """Month rows added up per member, period(month) and scope: her days and spend summed, her
    first and last day the extremes, spend None only if no month had one."""
    out: dict[tuple, tuple] = {}
    for (member, month, location, program), (days, first, last, spend) in months.items():
        key = (member, *period(month), location, program)
        if key not in out:
            out[key] = (days, first, last, spend)
            continue
        d, f, la, sp = out[key]
        both = None if sp is None and spend is None else (sp or 0) + (spend or 0)
        out[key] = (d + days, min(f, first), max(la, last), both)
    return out


def _by_quarter(months: dict[tuple, tuple]) -> dict[tuple, tuple]:
    """What the quarter rows must hold: per quarter ("YYYY-01/04/07/10", its first month)."""
    return _added_up(months, lambda m: (m[:5] + ("01", "04", "07", "10")[(int(m[5:]) - 1) // 3],))


def _summed(months: dict[tuple, tuple]) -> dict[tuple, tuple]:
    """What a member's totals row must hold: her months added up per scope."""
    return _added_up(months, lambda m: ())


def _shop(cloud):
    owner = cloud.owner()
    stamps = cloud.offer(owner)
    body = {"name": "Points", "kind": "points", "stamps_required": 1, "reward_text": "Coffee"}
    r = cloud.client.post(
        "/api/v1/offers", json={**body, "points": settings_to_plain(POINTS)}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    return owner, (stamps, r.json()["id"]), (cloud.kiosk(owner), cloud.kiosk(owner, name="Till 2"))


def _enroll(cloud, kiosk, program: str, name: str, day: date, member: str | None = None) -> int:
    """A new member (or `member`) enrolled on a new card at 08:30 UTC of `day`; returns the card."""
    card = cardtoken.new_card_id()
    customer = {
        "id": member or str(uuid.uuid4()),
        "name": name,
        "email": None,
        "phone": None,
        "marketing_consent": False,
    }
    enroll = cloud.event(
        "enroll", card, program, 0, customer=customer, key_id=kiosk.key_id, occurred_at=_at(day, 8)
    )
    assert cloud.push(kiosk, enroll)[0]["status"] == "accepted"
    return card


step = st.tuples(
    st.sampled_from(["earn", "earn", "earn", "void", "merge"]),
    st.integers(0, 99),  # which card / event / member
    st.integers(0, 99),
    st.integers(0, SPAN),  # the day
    st.integers(0, 23),  # the hour
    st.integers(1, 3000),  # a sale in cents
)


@settings(
    max_examples=15,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a ledger takes minutes
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    members=st.integers(2, 5),
    second_cards=st.lists(st.integers(0, 4), max_size=3),
    batches=st.lists(st.lists(step, min_size=1, max_size=4), min_size=1, max_size=7),
    ranges=st.lists(st.tuples(st.integers(0, SPAN), st.integers(0, SPAN)), min_size=1, max_size=3),
)
def test_rollups_follow_pushes_voids_and_merges_and_answer_what_the_event_scan_did(
    cloud, members, second_cards, batches, ranges
):
    owner, programs, kiosks = _shop(cloud)
    first = cloud.clock().date() - timedelta(days=SPAN)
    people = [str(uuid.uuid4()) for _ in range(members)]
    cards: list[tuple[int, str, str]] = []  # card, program, member when enrolled
    for i, member in enumerate(people + [people[j % members] for j in second_cards]):
        card, program = cardtoken.new_card_id(), programs[i % 2]
        customer = {"id": member, "name": f"M{i}", "email": None, "phone": None, "marketing_consent": False}
        enroll = cloud.event(
            "enroll", card, program, 0, customer=customer, key_id=kiosks[0].key_id, occurred_at=_at(first, 8)
        )
        assert cloud.push(kiosks[i % 2], enroll)[0]["status"] == "accepted"
        cards.append((card, program, member))
    live: list[dict] = []
    for batch in batches:
        events = []
        for kind, a, b, day, hour, sale in batch:
            when = _at(first + timedelta(days=day), hour)
            if kind == "earn":
                card, program, _ = cards[a % len(cards)]
                extra = {"amount_minor": sale} if program == programs[1] else {}
                units = points_for(sale, POINTS) if extra else 1
                events.append(cloud.event("earn", card, program, units, occurred_at=when, **extra))
            elif kind == "void" and live:
                target = live.pop(a % len(live))
                events.append(
                    cloud.event(
                        "void",
                        target["card_id"],
                        target["program_id"],
                        -target["units"],
                        ref_event_id=target["id"],
                        occurred_at=when,
                    )
                )
            elif kind == "merge":
                keep, absorb = people[a % members], people[b % members]
                carrier = next((c for c in cards if c[2] == keep), cards[0])
                merge = {"keep_customer_id": keep, "absorb_customer_id": absorb}
                events.append(cloud.event("member_merge", carrier[0], carrier[1], 0, merge=merge))
        if not events:  # only voids and nothing live to void
            continue
        results = cloud.push(kiosks[len(events) % 2], *events)
        by_id = {r["id"]: r["status"] for r in results}
        accepted = [e for e in events if by_id[e["id"]] == "accepted"]
        live += [e for e in accepted if e["kind"] == "earn"]
        for e in events:  # a rejected void leaves its target live
            if e["kind"] == "void" and by_id[e["id"]] != "accepted":
                live.append(next(t for t in events + live if t["id"] == e["ref_event_id"]))
        assert _rows(cloud, owner.business_id) == _recount_in_python(cloud, owner.business_id)
        assert _quarters(cloud, owner.business_id) == _by_quarter(
            _recount_in_python(cloud, owner.business_id)
        )
        assert _totals(cloud, owner.business_id) == _summed(_recount_in_python(cloud, owner.business_id))

    bid = owner.business_id
    with cloud.db.writing() as s:  # a rebuild from scratch gives the same rows
        rebuild(s.connection(), bid)
    assert _rows(cloud, bid) == _recount_in_python(cloud, bid)
    assert _quarters(cloud, bid) == _by_quarter(_recount_in_python(cloud, bid))
    assert _totals(cloud, bid) == _summed(_recount_in_python(cloud, bid))

    scopes = [
        Filters(bid),
        Filters(bid, location_id=kiosks[1].location_id),
        Filters(bid, program_id=programs[1]),
    ]
    spans = [(first + timedelta(days=min(a, b)), first + timedelta(days=max(a, b))) for a, b in ranges]
    spans.append((first - timedelta(days=40), first + timedelta(days=SPAN + 40)))  # whole months inside
    with cloud.db.read_session() as s:
        for f in scopes:
            for lo_day, hi_day in spans:
                lo, hi = lo_day.isoformat(), hi_day.isoformat()
                expected = activity_oracle.member_activity(s, f, lo, hi)
                assert member_activity(s, f, lo, hi) == expected, (f, lo, hi, rollup_span(s, f, lo, hi))
                key = lambda c: (c.cohort, c.month)  # noqa: E731
                assert sorted(cohort_table(s, f, lo, hi)[1], key=key) == sorted(
                    activity_oracle.cohort_cells(s, f, lo, hi), key=key
                )
                _assert_rfm_as_the_shared_rule(s, f, lo_day, hi_day, expected)
        # churn reads each member's whole history from her totals: as the event scan gives it
        today = cloud.clock().date()
        whole = activity_oracle.member_activity(s, Filters(bid), str(FIRST_DAY), today.isoformat())
        h = ledger_histories(s, bid, today)
        got = dict(zip(h.members, zip(h.x.tolist(), h.T.tolist(), h.t_x.tolist(), strict=True), strict=True))
        assert got == {
            a.member: (
                a.visit_days - 1,
                (today - a.first_visit).days / 7,
                (a.last_visit - a.first_visit).days / 7,
            )
            for a in whole
        }
        # her spend per visit day: read only when every member's events carry an amount
        spend = {a.member: a.spend / a.visit_days for a in whole if a.spend is not None}
        if len(spend) < len(whole) or not whole:
            assert h.m_x is None
        else:
            assert dict(zip(h.members, h.m_x.tolist(), strict=True)) == spend


def _assert_rfm_as_the_shared_rule(session, f: Filters, lo: date, hi: date, activity) -> None:
    scores = rfm.score(
        [rfm.Activity(a.member, (hi - a.last_visit).days, a.visit_days, a.spend or 0.0) for a in activity]
    )
    grid = Counter((s.recency, s.frequency, s.monetary) for s in scores)
    cells = rfm_scores.score_grid(session, f, lo.isoformat(), hi.isoformat())
    assert {(c.recency, c.frequency, c.monetary): c.members for c in cells} == grid
    with_spend = Counter(
        (s.recency, s.frequency, s.monetary)
        for a, s in zip(activity, scores, strict=True)
        if a.spend is not None
    )
    assert {(c.recency, c.frequency, c.monetary): c.with_spend for c in cells if c.with_spend} == with_spend
    for only in (None, rfm.Segment.HIBERNATING, rfm.Segment.CHAMPIONS):
        listed = rfm_scores.campaign_list(session, f, lo.isoformat(), hi.isoformat(), only)
        pairs = sorted(
            ((a, s) for a, s in zip(activity, scores, strict=True) if only is None or s.segment is only),
            key=lambda p: (-p[1].recency, -p[1].frequency, -p[1].monetary, p[0].member),
        )
        assert list(
            zip(listed.member, listed.recency, listed.frequency, listed.monetary, listed.segment, strict=True)
        ) == [(a.member, s.recency, s.frequency, s.monetary, s.segment) for a, s in pairs]
        assert list(zip(listed.last_visit, listed.visit_days, listed.spend_minor, strict=True)) == [
            (a.last_visit.isoformat(), a.visit_days, a.spend_minor) for a, _ in pairs
        ]
        assert listed.any_spend == any(a.spend is not None for a, _ in pairs)


def test_a_month_the_range_cuts_is_read_from_its_rollup_only_when_no_visit_falls_outside_it(cloud):
    owner, programs, kiosks = _shop(cloud)
    today = cloud.clock().date()
    d = (today.replace(day=1) - timedelta(days=70)).replace(day=1)  # a month start, 2-3 months ago
    after = (d + timedelta(days=32)).replace(day=1)  # the month after
    card = cardtoken.new_card_id()
    customer = {
        "id": str(uuid.uuid4()),
        "name": "Ada",
        "email": None,
        "phone": None,
        "marketing_consent": False,
    }
    events = [cloud.event("enroll", card, programs[0], 0, customer=customer, occurred_at=_at(d, 8))]
    events += [
        cloud.event("earn", card, programs[0], 1, occurred_at=_at(d + timedelta(days=k), 12)) for k in (3, 10)
    ]
    assert [r["status"] for r in cloud.push(kiosks[0], *events)] == ["accepted"] * 3
    f = Filters(owner.business_id)

    def span(a: int, b: int):
        return rollup_span(s, f, (d + timedelta(days=a)).isoformat(), (d + timedelta(days=b)).isoformat())

    def end_of(month: date) -> date:
        return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)

    with cloud.db.read_session() as s:
        assert span(2, 10) == (d, end_of(d))  # nothing on the 1st-2nd nor after the 11th: the whole month
        assert span(2, 40) == (d, end_of(after))  # the month after holds no visit at all
        assert span(4, 40) == (after, end_of(after))  # the visit on the 4th is outside: that month is scanned
        assert span(2, 9) is None  # the visit on the 11th is outside
        assert span(5, 20) is None
        for a, b in ((2, 10), (2, 40), (4, 40), (2, 9), (5, 20), (3, 3), (11, 10)):
            lo, hi = (d + timedelta(days=a)).isoformat(), (d + timedelta(days=b)).isoformat()
            assert member_activity(s, f, lo, hi) == activity_oracle.member_activity(s, f, lo, hi), (a, b)
