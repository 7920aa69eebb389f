"""Checking the first run's answers (the shop, its owner, its first offer) all at once."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kiosk.domain.offers import OfferDraft, check_offer
from kiosk.domain.people import check_pin
from kiosk.domain.problems import Problem

SHOP_NAME_MAX = 80


@dataclass(frozen=True, slots=True)
class ShopSetup:
    """What the first-run screen holds, as typed; the location's name defaults to the shop's."""

    shop_name: str
    location_name: str
    time_zone: str  # an IANA name, e.g. "Europe/Berlin"
    currency: str  # an ISO 4217 code, e.g. "EUR"
    owner_name: str
    pin: str
    pin_again: str
    offer: OfferDraft


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def location_of(setup: ShopSetup) -> str:
    return clean(setup.location_name) or clean(setup.shop_name)


def check_setup(setup: ShopSetup, zones: Collection[str], currencies: Collection[str]) -> dict[str, Problem]:
    """Field name -> what is wrong with it, every field at once; empty when it can be saved.
    `zones` and `currencies` are the names the kiosk knows (passed in: this stays pure)."""
    errors: dict[str, Problem] = {}
    shop = clean(setup.shop_name)
    if not shop:
        errors["shop_name"] = Problem.SHOP_NAME_MISSING
    elif len(shop) > SHOP_NAME_MAX:
        errors["shop_name"] = Problem.SHOP_NAME_TOO_LONG
    if len(clean(setup.location_name)) > SHOP_NAME_MAX:
        errors["location_name"] = Problem.SHOP_NAME_TOO_LONG
    if setup.time_zone not in zones:
        errors["time_zone"] = Problem.ZONE_UNKNOWN
    if (setup.currency or "").upper() not in currencies:
        errors["currency"] = Problem.CURRENCY_UNKNOWN
    owner = clean(setup.owner_name)
    if not owner or len(owner) > 100:
        errors["owner_name"] = Problem.STAFF_NAME_INVALID
    if check_pin(setup.pin) is not None:
        errors["pin"] = Problem.PIN_INVALID
    elif setup.pin_again != setup.pin:
        errors["pin_again"] = Problem.PINS_DIFFER
    for name, problem in check_offer(setup.offer).items():
        errors[f"offer_{name}"] = problem
    return errors
