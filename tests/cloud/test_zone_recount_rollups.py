"""A business that sets its time zone has its events put on their local days again; the rollups
kept from those days (member months, quarters and totals, day cells) are counted again with them, so the
analytics read from the rollups still answer what the events say. Visits near UTC midnight at a
month's end move to the next day, and month, in Pacific/Kiritimati (UTC+14)."""

from __future__ import annotations

from datetime import timedelta

from tests.cloud.test_day_cells import _counted_in_python
from tests.cloud.test_day_cells import _rows as _cells
from tests.cloud.test_member_months import (
    _at,
    _by_quarter,
    _enroll,
    _quarters,
    _recount_in_python,
    _rows,
    _shop,
    _summed,
    _totals,
)

KIRITIMATI = "Pacific/Kiritimati"


def test_a_new_time_zone_recounts_member_months_totals_and_day_cells(cloud):
    owner, programs, kiosks = _shop(cloud)
    today = cloud.clock().date()
    month_end = today.replace(day=1) - timedelta(days=1)  # last month's last day
    first = month_end - timedelta(days=40)
    cards = []
    for i in range(3):
        program = programs[i % 2]
        card = _enroll(cloud, kiosks[0], program, f"M{i}", first)
        cards.append((card, program))
    earns = []
    for i, (card, program) in enumerate(cards):
        for day, hour in ((first + timedelta(days=3), 12), (month_end, 9 + i * 7), (month_end, 23)):
            extra = {"amount_minor": 250 * (i + 1) + 1} if program == programs[1] else {}
            units = extra["amount_minor"] // 100 + 1 if extra else 1  # a point per euro begun
            earns.append(cloud.event("earn", card, program, units, occurred_at=_at(day, hour), **extra))
    results = cloud.push(kiosks[0], *earns)
    assert [r["status"] for r in results] == ["accepted"] * len(earns), results
    bid = owner.business_id
    before = _rows(cloud, bid)
    assert before == _recount_in_python(cloud, bid)
    moved_month = month_end.isoformat()[:7]
    assert any(month == moved_month for _, month, _, _ in before)

    r = cloud.client.patch("/api/v1/businesses/me", json={"time_zone": KIRITIMATI}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert r.json()["time_zone"] == KIRITIMATI

    after = _rows(cloud, bid)
    assert after != before  # 23:30 UTC on the month's last day is the 1st of the next month here
    assert after == _recount_in_python(cloud, bid)
    assert _quarters(cloud, bid) == _by_quarter(after)
    assert _totals(cloud, bid) == _summed(after)
    assert _cells(cloud, bid) == _counted_in_python(cloud, bid)
