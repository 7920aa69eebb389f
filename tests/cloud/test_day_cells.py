"""The day cells and the member months' earns (issue 17) after random pushes, earns, redeems,
voids and merges: the cells equal to the event scan (cloud/day_cells.py `scanned`) and to a count
done here in Python, and the summary and revenue read from them equal to those counts; a rebuild
from scratch gives the same rows. The earns equal a Python count, and the tiers' window totals
read from them equal the event scan's. On SQLite and PostgreSQL (the `cloud` fixture runs each
test on both)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import timedelta

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

import cardtoken
from cloud import day_cells
from cloud.member_months import EVERY
from cloud.models import Card, DayCell, Event, MemberMonth
from cloud.routes.insights_tiers import _scanned_by_member, window_parts
from loyalty_rules.tiers import Measure, month_of_day
from tests.cloud.test_member_months import SPAN, _at, _shop

step = st.tuples(
    st.sampled_from(["earn", "earn", "earn", "redeem", "void", "void", "merge"]),
    st.integers(0, 99),  # which card / event / member
    st.integers(0, 99),
    st.integers(0, SPAN),  # the day
    st.integers(0, 23),  # the hour
    st.integers(1, 3000),  # a sale in cents
)


def _rows(cloud, bid: int) -> dict[tuple, tuple]:
    with cloud.db.read_session() as s:
        return {
            (r.day, r.location_id, r.program_id): (
                r.visits,
                r.stamps,
                r.redemptions,
                r.redeemed_units,
                r.spend_minor,
                r.earns,
            )
            for r in s.scalars(select(DayCell).where(DayCell.business_id == bid))
        }


def _scanned(cloud, bid: int) -> dict[tuple, tuple]:
    with cloud.db.read_session() as s:
        return {tuple(r[1:4]): tuple(r[4:]) for r in s.execute(day_cells.scanned(Event.business_id == bid))}


def _counted_in_python(cloud, bid: int) -> dict[tuple, tuple]:
    """The cells as the events say, without SQL aggregates: a void on its own day, as the negative
    of its target."""
    with cloud.db.read_session() as s:
        events = list(s.scalars(select(Event).where(Event.business_id == bid)))
    by_id = {e.id: e for e in events}
    out: dict[tuple, list[int]] = defaultdict(lambda: [0] * 6)
    for e in events:
        kind, sign, sale = e.kind, 1, e.amount_minor or 0
        if kind == "void":
            target = by_id[e.ref_event_id]
            kind, sign, sale = target.kind, -1, -(target.amount_minor or 0)
        cell = out[(e.day, e.location_id or "", e.program_id)]
        if kind == "earn":
            cell[0] += sign
            cell[1] += e.units
            cell[4] += sale
            cell[5] += sign
        elif kind == "referral":
            cell[1] += e.units
        elif kind == "redeem":
            cell[2] += sign
            cell[3] -= e.units
    return {k: tuple(v) for k, v in out.items()}


def _earns(cloud, bid: int) -> dict[tuple, int]:
    with cloud.db.read_session() as s:
        rows = s.scalars(select(MemberMonth).where(MemberMonth.business_id == bid))
        return {(r.member_id, r.month, r.location_id, r.program_id): r.earns for r in rows}


def _earns_in_python(cloud, bid: int) -> dict[tuple, int]:
    with cloud.db.read_session() as s:
        member_of = {c.id: c.customer_id for c in s.scalars(select(Card).where(Card.business_id == bid))}
        events = list(s.scalars(select(Event).where(Event.business_id == bid)))
    out: dict[tuple, int] = defaultdict(int)
    for e in events:
        member = member_of.get(e.card_id)
        if e.kind != "earn" or e.voided or member is None:
            continue
        for location in [EVERY, e.location_id] if e.location_id else [EVERY]:
            for program in (EVERY, e.program_id):
                out[(member, e.day[:7], location, program)] += 1
    return dict(out)


def _window_totals(cloud, bid: int, day, months: int) -> tuple[dict, dict]:
    """(read from the rollups, scanned from the events) per member: her live earns in the months
    window ending with `day`, cut at `day`."""
    first = month_of_day(day) - months + 1
    start = f"{first // 12:04d}-{first % 12 + 1:02d}-01"
    with cloud.db.read_session() as s:
        rolled: dict[str, int] = defaultdict(int)
        for part in window_parts(s, bid, Measure.VISITS, first, day):
            for member, total in s.execute(select(part)):
                rolled[member] += int(total)
        scanned = s.execute(_scanned_by_member(s, bid, Measure.VISITS, start, day.isoformat()))
        return {m: t for m, t in rolled.items() if t}, {m: int(t) for m, t in scanned if t}


@settings(
    max_examples=12,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a ledger takes minutes
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    members=st.integers(2, 4),
    batches=st.lists(st.lists(step, min_size=1, max_size=4), min_size=1, max_size=6),
    ranges=st.lists(st.tuples(st.integers(0, SPAN), st.integers(0, SPAN)), min_size=1, max_size=2),
)
def test_day_cells_and_earns_follow_pushes_voids_and_merges(cloud, members, batches, ranges):
    owner, programs, kiosks = _shop(cloud)
    first = cloud.clock().date() - timedelta(days=SPAN)
    people = [str(uuid.uuid4()) for _ in range(members)]
    cards: list[tuple[int, str, str]] = []
    for i, member in enumerate(people):
        card, program = cardtoken.new_card_id(), programs[i % 2]
        customer = {"id": member, "name": f"M{i}", "email": None, "phone": None, "marketing_consent": False}
        enroll = cloud.event(
            "enroll", card, program, 0, customer=customer, key_id=kiosks[0].key_id, occurred_at=_at(first, 8)
        )
        assert cloud.push(kiosks[i % 2], enroll)[0]["status"] == "accepted"
        cards.append((card, program, member))
    bid = owner.business_id
    live: list[dict] = []
    for batch in batches:
        events = []
        for kind, a, b, day, hour, sale in batch:
            when = _at(first + timedelta(days=day), hour)
            card, program, _ = cards[a % len(cards)]
            if kind == "earn":
                extra = {"amount_minor": sale} if program == programs[1] else {}
                units = sale // 100 + 1 if extra else 1
                events.append(cloud.event("earn", card, program, units, occurred_at=when, **extra))
            elif kind == "redeem" and program == programs[1]:  # a coffee for a point
                events.append(
                    cloud.event(
                        "redeem", card, program, -1, reward_id="coffee", offer_revision=1, occurred_at=when
                    )
                )
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
                carrier = next(c for c in cards if c[2] == keep)
                merge = {"keep_customer_id": keep, "absorb_customer_id": absorb}
                events.append(cloud.event("member_merge", carrier[0], carrier[1], 0, merge=merge))
        if not events:
            continue
        results = cloud.push(kiosks[len(events) % 2], *events)
        by_id = {r["id"]: r["status"] for r in results}
        accepted = [e for e in events if by_id[e["id"]] == "accepted"]
        live += [e for e in accepted if e["kind"] in ("earn", "redeem")]
        for e in events:  # a rejected void leaves its target live
            if e["kind"] == "void" and by_id[e["id"]] != "accepted":
                live.append(next(t for t in events + live if t["id"] == e["ref_event_id"]))
        expected = _counted_in_python(cloud, bid)
        assert _rows(cloud, bid) == expected
        assert _scanned(cloud, bid) == expected
        assert _earns(cloud, bid) == _earns_in_python(cloud, bid)

    with cloud.db.writing() as s:  # a rebuild from scratch gives the same rows
        day_cells.rebuild(s.connection(), bid)
    expected = _counted_in_python(cloud, bid)
    assert _rows(cloud, bid) == expected

    for a, b in ranges:  # a window ending mid-month: its whole months rolled up, its last scanned
        rolled, scanned = _window_totals(cloud, bid, first + timedelta(days=b), 1 + a % 4)
        assert rolled == scanned

    for a, b in ranges:  # the summary and revenue read the cells: as the events count them
        lo = (first + timedelta(days=min(a, b))).isoformat()
        hi = (first + timedelta(days=max(a, b))).isoformat()
        inside = [v for (day, _loc, _p), v in expected.items() if lo <= day <= hi]
        r = cloud.client.get("/api/v1/analytics", params={"start": lo, "end": hi}, headers=owner.headers)
        assert r.status_code == 200, r.text
        days = r.json()["days"]
        assert sum(d["visits"] for d in days) == sum(v[0] for v in inside)
        assert sum(d["redemptions"] for d in days) == sum(v[2] for v in inside)
        r = cloud.client.get(
            "/api/v1/analytics/revenue", params={"start": lo, "end": hi, "by": "day"}, headers=owner.headers
        )
        assert r.status_code == 200, r.text
        points = [v for (day, _loc, p), v in expected.items() if lo <= day <= hi and p == programs[1]]
        assert r.json()["spend_minor"] == sum(v[4] for v in points)
        assert r.json()["sales"] == sum(v[5] for v in points)
        assert r.json()["visits"] == sum(v[0] for v in inside)
