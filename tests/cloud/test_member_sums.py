"""The RFM sums of cloud/member_sums.py where they take a range's first days off its month's rollup
row: a member who visited only on those days is not in the range, and one whose sale fell on them
and whose visits in the range carry no amount has no spend (not 0). Equal to the event scan
(tests/cloud/activity_oracle.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from cloud.member_activity import Filters
from cloud.member_sums import _parts, _split, member_sums
from loyalty_rules.kinds.points import points_for
from tests.cloud import activity_oracle
from tests.cloud.test_member_months import POINTS, _at, _enroll, _shop


def test_days_taken_off_a_month_and_whole_quarters_give_what_the_events_say(cloud):
    owner, (stamps, points), kiosks = _shop(cloud)
    today = cloud.clock().date()
    month = (today.replace(day=1) - timedelta(days=140)).replace(day=1)  # four to five months ago
    start = month + timedelta(days=9)  # the 10th: nine days come off the month's row

    def on(day: int, hour: int = 12) -> str:
        return _at(month + timedelta(days=day - 1), hour)

    ada, bo, cy = (str(uuid.uuid4()) for _ in range(3))
    ada_points = _enroll(cloud, kiosks[0], points, "Ada", month, member=ada)
    ada_stamps = _enroll(cloud, kiosks[0], stamps, "Ada", month, member=ada)
    bo_stamps = _enroll(cloud, kiosks[1], stamps, "Bo", month, member=bo)
    cy_points = _enroll(cloud, kiosks[0], points, "Cy", month, member=cy)

    def sale(card: int, when: str, amount: int) -> dict:
        return cloud.event(
            "earn", card, points, points_for(amount, POINTS), occurred_at=when, amount_minor=amount
        )

    events = [
        sale(ada_points, on(2), 1250),  # her only sale: on a day taken off
        cloud.event("earn", ada_stamps, stamps, 1, occurred_at=on(20)),
        cloud.event("earn", ada_stamps, stamps, 1, occurred_at=_at(today - timedelta(days=3), 9)),
        cloud.event("earn", bo_stamps, stamps, 1, occurred_at=on(3)),  # only before the range
        sale(cy_points, on(25), 400),
        sale(cy_points, on(5), 990),  # taken off
        sale(cy_points, _at(today - timedelta(days=40), 10), 700),
    ]
    assert [r["status"] for r in cloud.push(kiosks[0], *events)] == ["accepted"] * len(events)

    f = Filters(owner.business_id)
    lo, hi = start.isoformat(), today.isoformat()
    with cloud.db.read_session() as s:
        parts = _parts(s, f, start, today)
        assert parts.taken_off == (month.isoformat(), (start - timedelta(days=1)).isoformat())
        assert parts.days == []
        quarters, _months = _split(parts.months)
        assert quarters is not None  # four whole months or more after the first: a whole quarter
        sums = member_sums(s, f, lo, hi)
        expected = activity_oracle.member_activity(s, f, lo, hi)
    got = {
        m: (date(n // 10000, n // 100 % 100, n % 100), d, int(sp) if has else None)
        for m, n, d, sp, has in zip(
            sums.members,
            sums.last_visit.tolist(),
            sums.visit_days.tolist(),
            sums.spend_minor.tolist(),
            sums.has_spend.tolist(),
            strict=True,
        )
    }
    assert got == {a.member: (a.last_visit, a.visit_days, a.spend_minor) for a in expected}
    assert bo not in got
    assert got[ada] == (today - timedelta(days=3), 2, None)
    assert got[cy][1:] == (2, 1100)
