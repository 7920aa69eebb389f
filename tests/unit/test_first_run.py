"""The first run: shop, zone, currency, owner and first offer checked at once and saved in one go."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from kiosk.domain.model import ProgramStatus, Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.problems import Problem
from kiosk.domain.shop import ShopSetup
from kiosk.services import Actor
from kiosk.services.reports import local_zone
from kiosk.store import meta
from tests.helpers import real_now

FAR_ZONE = "Pacific/Kiritimati"  # UTC+14 all year: its date differs from Berlin's for 10 hours a day


def good_setup(**changes) -> ShopSetup:
    values = {
        "shop_name": "  Rosa's   Bakery ",
        "location_name": "",
        "time_zone": FAR_ZONE,
        "currency": "chf",
        "owner_name": "Rosa Owner",
        "pin": "4321",
        "pin_again": "4321",
        "offer": OfferDraft("Bread card", 8, "a free loaf"),
    }
    values.update(changes)
    return ShopSetup(**values)


def saved_state(kiosk) -> dict:
    with kiosk.ctx.store.reading() as conn:
        return {
            "settings": meta.all_settings(conn),
            "audit": meta.audit_entries(conn),
            "offers": kiosk.services.list_offers(),
            "staff": kiosk.services.roster(),
        }


def test_every_problem_is_named_at_once_and_nothing_is_saved(kiosk):
    before = saved_state(kiosk)
    made = kiosk.services.set_up_shop(
        ShopSetup(
            shop_name="   ",
            location_name="x" * 81,
            time_zone="Mars/Olympus_Mons",
            currency="XYZ",
            owner_name="",
            pin="12",
            pin_again="12",
            offer=OfferDraft("", 1, ""),
        )
    )
    assert not made.ok
    assert made.field_problems == {
        "shop_name": Problem.SHOP_NAME_MISSING,
        "location_name": Problem.SHOP_NAME_TOO_LONG,
        "time_zone": Problem.ZONE_UNKNOWN,
        "currency": Problem.CURRENCY_UNKNOWN,
        "owner_name": Problem.STAFF_NAME_INVALID,
        "pin": Problem.PIN_INVALID,
        "offer_name": Problem.OFFER_NAME_MISSING,
        "offer_units_required": Problem.OFFER_STAMPS,
        "offer_reward_text": Problem.OFFER_REWARD_MISSING,
    }
    assert saved_state(kiosk) == before
    assert kiosk.services.needs_owner()
    assert not kiosk.services.identity().is_set_up


def test_two_different_pins_are_refused_and_nothing_is_saved(kiosk):
    made = kiosk.services.set_up_shop(good_setup(pin_again="4322"))
    assert made.field_problems == {"pin_again": Problem.PINS_DIFFER}
    assert kiosk.services.needs_owner()
    assert kiosk.services.list_offers() == ()


def test_the_whole_shop_is_saved_in_one_go(kiosk):
    made = kiosk.services.set_up_shop(good_setup())
    assert made.ok, made.message
    who = kiosk.services.identity()
    assert who.is_set_up
    assert (who.business_name, who.location_name) == ("Rosa's Bakery", "Rosa's Bakery")
    state = saved_state(kiosk)
    assert state["settings"]["time_zone"] == FAR_ZONE
    assert state["settings"]["currency"] == "CHF"
    assert [(s.name, s.role) for s in state["staff"]] == [("Rosa Owner", Role.OWNER)]
    [offer] = state["offers"]
    assert (offer.name, offer.units_required, offer.reward_text, offer.status) == (
        "Bread card",
        8,
        "a free loaf",
        ProgramStatus.ACTIVE,
    )
    assert {e["action"] for e in state["audit"]} == {
        "business_created",
        "staff_added",
        "zone_currency_set",
        "offer_created",
    }
    signed = kiosk.services.sign_in(made.owner.id, "4321")
    assert signed.ok
    assert signed.actor.role is Role.OWNER
    # the shop works: a customer is enrolled with a card in the first offer
    enrolled = kiosk.services.enroll("Ana", actor=signed.actor)
    assert enrolled.ok, enrolled.message
    assert [c.program.name for c in enrolled.cards] == ["Bread card"]


def test_a_second_set_up_is_refused_and_changes_nothing(kiosk):
    assert kiosk.services.set_up_shop(good_setup()).ok
    before = saved_state(kiosk)
    again = kiosk.services.set_up_shop(good_setup(shop_name="Other shop", owner_name="Mallory"))
    assert not again.ok
    assert again.refusal.params["problem_code"] is Problem.SHOP_SET_UP
    assert saved_state(kiosk) == before


def test_reports_count_days_in_the_shops_chosen_zone(kiosk, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the machine's zone is not the shop's
    assert local_zone(kiosk.ctx).utcoffset(real_now().replace(tzinfo=None)) != timedelta(hours=14)
    made = kiosk.services.set_up_shop(good_setup())
    assert made.ok
    assert local_zone(kiosk.ctx) == ZoneInfo(FAR_ZONE)
    owner = Actor(made.owner.id, made.owner.name, Role.OWNER)
    token = next(iter(kiosk.services.enroll("Ana", actor=owner).tokens.values()))
    # 11:00 UTC is 01:00 the next day in the shop's zone, 12:00 or 13:00 the same day in Berlin
    kiosk.clock.now = kiosk.clock.now.replace(hour=11, minute=0)
    assert kiosk.services.record_scan(token, actor=owner).ok
    kiosk.clock.now = kiosk.clock.now.replace(minute=30)
    report = kiosk.services.report(1, actor=owner)
    assert report.ok, report.message
    shop_day = (kiosk.clock.now + timedelta(hours=14)).date()
    assert [(day, totals.visits) for day, totals in report.report.by_day] == [(shop_day, 1)]


def test_the_proposed_currency_is_the_shops_countrys_and_names_are_in_the_kiosks_language(kiosk):
    owner = Actor(None, "command line", Role.OWNER)
    assert kiosk.services.set_phone_region("CH", actor=owner) == "CH"  # as if the locale said de_CH
    choices = kiosk.services.shop_choices("de")
    assert choices.currency == "CHF"
    assert dict(choices.currencies)["USD"] == "US-Dollar"
    assert "Europe/Berlin" in choices.zones
    assert choices.zone in choices.zones
    assert "DEM" not in dict(choices.currencies)  # no currency that is out of use
    kiosk.services.set_phone_region("JP", actor=owner)
    assert kiosk.services.shop_choices("en").currency == "JPY"
