"""The demo shop: deterministic, shaped like a real café's year, and the analytics run on it."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from cloud.demo_shop import MemberKind, analyze, fill, members
from cloud.models import Card, Customer, Event

BERLIN = ZoneInfo("Europe/Berlin")


def _visits(seed: int, last: date, count: int = 800):
    return list(members(count, 2, seed, last, BERLIN))


def test_the_same_seed_makes_the_same_shop_and_another_seed_another():
    last = date.today()
    assert _visits(1, last, 50) == _visits(1, last, 50)
    assert _visits(1, last, 50) != _visits(2, last, 50)


def test_fridays_and_saturdays_are_busiest_and_friday_evening_has_its_happy_hour():
    last = date.today()
    shop = _visits(3, last)
    visits = [v for m in shop for v in m.visits]
    assert all(v.day <= last for v in visits)
    assert all(last - timedelta(days=731) <= v.day for v in visits)
    per_weekday = Counter(v.day.weekday() for v in visits)
    assert min(per_weekday[4], per_weekday[5]) > max(per_weekday[d] for d in (0, 1, 2, 3, 6))
    assert per_weekday[6] == min(per_weekday.values())  # Sunday is quiet
    evening = Counter(v.day.weekday() for v in visits if 17 <= v.at.astimezone(BERLIN).hour < 19)
    assert evening[4] > 3 * max(evening[d] for d in (0, 1, 2, 3))
    kinds = Counter(m.kind for m in shop)
    assert set(kinds) == set(MemberKind)
    mean_visits = {k: sum(len(m.visits) for m in shop if m.kind is k) / kinds[k] for k in MemberKind}
    assert mean_visits[MemberKind.REGULAR] > mean_visits[MemberKind.OCCASIONAL] > 1
    assert mean_visits[MemberKind.CHURNER] < mean_visits[MemberKind.REGULAR] / 4


def test_a_filled_shop_redeems_at_the_threshold_and_the_analytics_and_churn_fit_run_on_it(cloud):
    owner = cloud.owner("Demo")
    today = cloud.clock().date()
    with cloud.db.writing() as session:
        filled = fill(session, owner.business_id, members_count=300, years=2, seed=1, last=today)
    with cloud.db.writing() as session:
        analyze(session)
    assert filled.members == 300
    with cloud.db.read_session() as session:
        bid = owner.business_id
        count = session.scalar(select(func.count()).select_from(Customer).where(Customer.business_id == bid))
        assert count == 300
        kinds = dict(
            session.execute(
                select(Event.kind, func.count()).where(Event.business_id == bid).group_by(Event.kind)
            ).all()
        )
        assert kinds["enroll"] == 300
        assert sum(kinds.values()) == filled.events
        assert kinds["redeem"] == filled.redemptions > 0
        for units, lifetime, redemptions in session.execute(
            select(Card.units, Card.lifetime, Card.redemptions).where(Card.business_id == bid)
        ):
            assert (redemptions, units) == divmod(lifetime, 9)
    params = {"start": str(today - timedelta(days=364)), "end": str(today)}
    rfm = cloud.client.get("/api/v1/analytics/rfm", params=params, headers=owner.headers).json()
    assert rfm["members"] == sum(s["members"] for s in rfm["segments"]) > 0
    cohorts = cloud.client.get("/api/v1/analytics/cohorts", params=params, headers=owner.headers).json()
    assert 12 <= len(cohorts) <= 13
    assert all(row["active"][0] == row["size"] for row in cohorts)  # everyone visits when joining
    assert cloud.client.get("/api/v1/analytics/churn", headers=owner.headers).status_code == 202
    assert cloud.app.state.churn_fits.wait_idle(120)
    churn = cloud.client.get("/api/v1/analytics/churn", headers=owner.headers).json()
    assert churn["status"] == "ready", churn
    assert churn["members"] == 300


def test_the_demo_shop_command_makes_a_business_and_refuses_bad_input_without_writing(tmp_path, capsys):
    import json

    from cloud.__main__ import main

    base = ["demo-shop", "--data-dir", str(tmp_path), "--database-url", f"sqlite:///{tmp_path / 'c.db'}"]
    assert main([*base, "--members", "0"]) == 2
    assert main([*base, "--time-zone", "Mars/Olympus"]) == 2
    assert "not a time zone" in capsys.readouterr().err
    assert not (tmp_path / "c.db").exists()
    assert main([*base, "--members", "25", "--years", "1", "--seed", "4"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["members"] == 25
    assert out["events"] > 50
