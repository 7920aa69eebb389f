"""Tiers at the counter, offline on a real SQLite file (issue 15): an earn is multiplied by the
tier she stood at before it and records that tier, the earn that lifts her is reported (the
counter celebrates), a reward kept for a higher tier is refused with its reason, and her tier
falls when her points leave the window. The shared rules decide; the cloud's check agrees."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.model import Card, EventKind, Program, ProgramKind, Role
from kiosk.domain.problems import Problem
from kiosk.services import Actor
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.services.points import earn_points, redeem_reward
from kiosk.services.privacy import export_data
from kiosk.services.tiers import tier_of
from kiosk.store import directory, ledger
from kiosk.store.happy_hours import shop_zone
from loyalty_rules.happy_hours import Boost, Weekday, Window
from loyalty_rules.kinds.points import (
    PointsSettings,
    Reward,
    Rounding,
    check_settings,
    earn_problem,
    settings_from_plain,
    settings_to_plain,
)
from loyalty_rules.problems import OfferProblem
from loyalty_rules.tiers import Measure, Tier, TierScheme, change_event_id, month_of
from tests.unit.test_privacy import read_csv

CASHIER = Actor("s1", "Cara", Role.CASHIER)
BRONZE, SILVER, GOLD = Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))
SCHEME = TierScheme(Measure.POINTS, 12, (BRONZE, SILVER, GOLD))
COFFEE, LUNCH = Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120, lowest_tier="Gold")
SETTINGS = PointsSettings(Decimal("1"), Rounding.HALF_UP, 500, (COFFEE, LUNCH), tiers=SCHEME)
CARD_ID = 900_000_002


@pytest.fixture
def member(demo):
    """A demo member's account in a points offer with Bronze/Silver/Gold; her customer id."""
    now = demo.clock()
    program = Program("p-tiers", "Points", 50, "From the catalogue", kind=ProgramKind.POINTS, points=SETTINGS)
    with demo.ctx.store.transaction() as conn:
        directory.upsert_program(conn, program, now)
        customer, key_id = conn.exec_driver_sql("SELECT customer_id, key_id FROM cards LIMIT 1").one()
        ledger.insert_card(conn, Card(CARD_ID, customer, program.id, key_id, created_at=now))
    return customer


def _events(demo):
    with demo.ctx.store.reading() as conn:
        return ledger.events_of_card(conn, CARD_ID)


def test_her_tier_multiplies_an_earn_and_the_earn_that_lifts_her_is_reported(demo, member):
    first = earn_points(demo.ctx, CARD_ID, 6000, actor=CASHIER)  # 60 points at Bronze, x1
    assert first.ok, first.message
    assert (first.points_added, first.event.tier, first.tier_reached) == (60, "Bronze", None)
    assert (first.standing.tier, first.standing.next_tier, first.standing.missing) == (BRONZE, SILVER, 40)
    lifted = earn_points(demo.ctx, CARD_ID, 4000, actor=CASHIER)  # 40 more at Bronze: 100, Silver
    assert (lifted.points_added, lifted.event.tier, lifted.tier_reached) == (40, "Bronze", SILVER)
    assert (lifted.standing.tier, lifted.standing.next_tier, lifted.standing.missing) == (SILVER, GOLD, 200)
    at_silver = earn_points(demo.ctx, CARD_ID, 1000, actor=CASHIER)  # 10 points x1.5 = 15
    assert (at_silver.points_added, at_silver.event.tier, at_silver.tier_reached) == (15, "Silver", None)
    assert at_silver.card.card.balance.units == 115
    stored = _events(demo)
    assert [(e.units, e.tier) for e in stored] == [(15, "Silver"), (40, "Bronze"), (60, "Bronze")]
    # the shared check accepts each at the tier it names, and refuses the multiplied earn without it
    for e in stored:
        assert earn_problem(e.units, e.amount_minor, SETTINGS, SCHEME.tiers[SCHEME.rank(e.tier)]) is None
    assert earn_problem(15, 1000, SETTINGS) is not None
    assert tier_of(demo.ctx, member, demo.clock(), scheme=SCHEME).tier == SILVER


def test_a_reward_kept_for_gold_is_refused_below_gold_with_its_reason_and_nothing_recorded(demo, member):
    earn_points(demo.ctx, CARD_ID, 20000, actor=CASHIER)  # 200 points: Silver
    refused = redeem_reward(demo.ctx, CARD_ID, "lunch", actor=CASHIER)
    assert not refused.ok
    assert refused.refusal.params["problem_code"] is Problem.TIER_TOO_LOW
    assert refused.message == "reward: Only Gold members and above may take this reward."
    assert refused.standing.tier == SILVER
    assert len(_events(demo)) == 1
    coffee = redeem_reward(demo.ctx, CARD_ID, "coffee", actor=CASHIER)
    assert coffee.ok, coffee.message
    earn_points(demo.ctx, CARD_ID, 10000, actor=CASHIER)  # 100 x1.5 = 150: lifetime 350, Gold
    lunch = redeem_reward(demo.ctx, CARD_ID, "lunch", actor=CASHIER)
    assert lunch.ok, lunch.message
    assert lunch.standing.tier == GOLD


def test_an_offer_without_tiers_earns_as_before(demo, member):
    plain = replace(SETTINGS, tiers=None, catalogue=(COFFEE,))
    with demo.ctx.store.transaction() as conn:
        program = directory.get_program(conn, "p-tiers")
        directory.upsert_program(conn, replace(program, points=plain, units_required=50), demo.clock())
    earned = earn_points(demo.ctx, CARD_ID, 30000, actor=CASHIER)
    assert (earned.points_added, earned.event.tier, earned.standing, earned.tier_reached) == (
        300,
        None,
        None,
        None,
    )


def test_the_scheme_travels_in_the_points_settings_and_the_shared_check_marks_each_field():
    assert settings_from_plain(settings_to_plain(SETTINGS)) == SETTINGS
    assert "tiers" not in settings_to_plain(replace(SETTINGS, tiers=None, catalogue=(COFFEE,)))
    assert check_settings(SETTINGS) == {}
    bad = replace(
        SETTINGS,
        catalogue=(COFFEE, replace(LUNCH, lowest_tier="Platinum")),
        tiers=replace(SCHEME, window_months=0, tiers=(BRONZE, replace(SILVER, threshold=400), GOLD)),
    )
    assert check_settings(bad) == {
        "tiers.thresholds": OfferProblem.OFFER_TIER_RISING,
        "tiers.window_months": OfferProblem.OFFER_TIER_WINDOW,
        "catalogue.1.lowest_tier": OfferProblem.OFFER_REWARD_TIER,
    }
    with pytest.raises(ValueError, match="points settings"):
        settings_from_plain({**settings_to_plain(SETTINGS), "tiers": {"measure": "points", "tiers": []}})


def test_a_fall_at_a_month_edge_is_one_event_shown_to_her_with_the_same_id_everywhere(demo, member):
    lifted = earn_points(demo.ctx, CARD_ID, 30000, actor=CASHIER)
    assert lifted.tier_reached == GOLD
    demo.clock.advance(400 * 86400)  # more than 12 months on: her 300 points left the window
    later = earn_points(demo.ctx, CARD_ID, 1000, actor=CASHIER)
    assert (later.tier_demoted.old, later.tier_demoted.new) == (GOLD, BRONZE)
    earned, fell, _first = _events(demo)  # newest first
    assert (fell.kind, fell.units, fell.tier, fell.reason) == (EventKind.TIER_CHANGE, 0, "Bronze", "Gold")
    zone = bucket_zone_of(demo)
    assert fell.id == str(change_event_id(member, month_of(fell.occurred_at, zone), later.tier_demoted))
    assert (earned.tier, earned.units) == ("Bronze", 10)  # the sale after it earns at her new tier
    assert later.card.card.balance.units == 310
    # seen again: the fall is recorded once
    again = redeem_reward(demo.ctx, CARD_ID, "coffee", actor=CASHIER)
    assert again.ok
    assert again.tier_demoted is None
    assert [e.kind for e in _events(demo)].count(EventKind.TIER_CHANGE) == 1


def bucket_zone_of(demo):
    from kiosk.store.tier_buckets import bucket_zone

    with demo.ctx.store.reading() as conn:
        return bucket_zone(conn)


def test_the_export_names_each_earn_s_tier_and_the_happy_hour_that_boosted_it(demo, member, tmp_path):
    """events.csv understands tiers and happy hours: the tier an earn was made at, and the name of
    the happy hour that doubled it (empty where none did)."""
    owner = Actor("s9", "Olivia Owner", Role.OWNER)
    assert earn_points(demo.ctx, CARD_ID, 10000, actor=CASHIER).ok  # 100 at Bronze: Silver now
    with demo.ctx.store.reading() as conn:
        zone = shop_zone(conn)

    start = (demo.clock().astimezone(ZoneInfo(zone)) - timedelta(hours=1)).replace(
        minute=0, second=0, microsecond=0
    )
    window = Window(Weekday(start.weekday()), start.time(), (start + timedelta(hours=3)).time())
    draft = HappyHourDraft("=Double", (window,), Boost.MULTIPLY, 2, frozenset({"p-tiers"}))
    assert save_happy_hour(demo.ctx, draft, actor=owner).ok
    boosted = earn_points(demo.ctx, CARD_ID, 1000, actor=CASHIER)  # 10 x1.5 x2 = 30
    assert (boosted.points_added, boosted.event.tier) == (30, "Silver")

    done = export_data(demo.ctx, tmp_path, actor=owner)

    rows = read_csv(done.folder / "events.csv")
    assert rows[0][-2:] == ["tier", "happy hour"]
    mine = [r for r in rows if r[0] in {e.id for e in _events(demo)}]
    assert sorted((r[5], r[-2], r[-1]) for r in mine) == [("100", "Bronze", ""), ("30", "Silver", "'=Double")]
