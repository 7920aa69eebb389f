"""A fresh kiosk's first run: the shop, its time zone and currency, the owner and the first offer,
checked all at once and saved in one transaction (a half set-up shop is never left behind)."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from tzlocal import get_localzone_name

from kiosk.domain.model import Program, Role, Staff
from kiosk.domain.offers import program_from
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.domain.shop import ShopSetup, check_setup, clean, location_of
from kiosk.services.context import Connection, Context, connection
from kiosk.services.identity import Identity, load_identity, write_business
from kiosk.services.staff import hash_pin
from kiosk.store import StorageError, directory, meta, offer_uploads, region

TIME_ZONE = "time_zone"  # settings keys
CURRENCY = "currency"
FALLBACK_CURRENCY = "EUR"
FALLBACK_ZONE = "UTC"


@dataclass(frozen=True, slots=True)
class ShopChoices:
    """What the first-run screen offers, and what it proposes."""

    zones: tuple[str, ...]
    currencies: tuple[tuple[str, str], ...]  # (ISO 4217 code, its name in the kiosk's language)
    zone: str  # this machine's zone
    currency: str  # the currency of the country the machine's locale or zone is in


@dataclass(frozen=True, slots=True)
class ShopOutcome(Outcome):
    identity: Identity | None = None
    owner: Staff | None = None
    program: Program | None = None
    field_problems: dict[str, Problem] = field(default_factory=dict)  # field -> problem, all at once


@cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def known_currencies() -> frozenset[str]:
    """The currencies some country uses today (ISO 4217, from the CLDR data Babel carries)."""
    from babel import Locale  # Babel's data loads only for the first run, not at every start
    from babel.numbers import get_territory_currencies

    today = date.today()
    return frozenset(c for t in Locale("en").territories for c in get_territory_currencies(t, today))


def _machine_zone() -> str:
    try:
        name = get_localzone_name()
    except Exception:  # tzlocal refuses a machine with no usable zone: the list still lets one choose
        return FALLBACK_ZONE
    return name if name in known_zones() else FALLBACK_ZONE


def _currency_of(country: str) -> str:
    from babel.numbers import get_territory_currencies

    try:
        found = [c for c in get_territory_currencies(country, date.today()) if c in known_currencies()]
    except Exception:  # an unknown territory
        found = []
    return found[0] if found else FALLBACK_CURRENCY


def shop_choices(ctx: Context, language: str = "en") -> ShopChoices:
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_name

    try:
        locale = Locale.parse(language or "en")
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    with ctx.store.reading() as conn:
        country = region.phone_region(conn)  # the locale's or the zone's country, or the owner's choice
    currencies = tuple(sorted((c, get_currency_name(c, locale=locale)) for c in known_currencies()))
    return ShopChoices(tuple(sorted(known_zones())), currencies, _machine_zone(), _currency_of(country))


def set_up_shop(ctx: Context, setup: ShopSetup) -> ShopOutcome:
    """Everything or nothing: every field's problem at once, or the shop saved in one go."""
    problems = check_setup(setup, known_zones(), known_currencies())
    if problems:
        name, problem = next(iter(problems.items()))
        return ShopOutcome(refusal=invalid(name, problem), field_problems=problems)
    now = ctx.clock()
    shop, location, owner_name = clean(setup.shop_name), location_of(setup), clean(setup.owner_name)
    try:
        with ctx.store.transaction() as conn:
            if directory.owner_exists(conn):  # a second window, or a kiosk set up meanwhile
                return ShopOutcome(refusal=invalid("Shop", Problem.SHOP_SET_UP))
            if int(meta.get_setting(conn, "business_id", "0") or 0) > 0:
                # paired or set up before, but left without an owner: keep its business and key
                meta.put_setting(conn, "business_name", shop)
                meta.put_setting(conn, "location_name", location)
            else:
                write_business(ctx, conn, shop, location)
            meta.put_setting(conn, TIME_ZONE, setup.time_zone)
            meta.put_setting(conn, CURRENCY, setup.currency.upper())
            owner = Staff(ctx.new_id(), owner_name, Role.OWNER)
            directory.insert_staff(conn, owner, hash_pin(setup.pin), now)
            meta.audit(
                conn, now, owner.id, owner.name, "staff_added", staff=owner.name, role=Role.OWNER.value
            )
            meta.audit(
                conn,
                now,
                owner.id,
                owner.name,
                "zone_currency_set",
                time_zone=setup.time_zone,
                currency=setup.currency.upper(),
            )
            program = program_from(setup.offer, ctx.new_id())
            directory.upsert_program(conn, program, now)
            if connection(conn) is Connection.PAIRED:  # a paired shop's offers are uploaded at the next sync
                offer_uploads.mark_for_upload(conn, program.id)
            meta.audit(
                conn, now, owner.id, owner.name, "offer_created", offer=program.name, offer_id=program.id
            )
    except StorageError as exc:
        return ShopOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))
    return ShopOutcome(identity=load_identity(ctx), owner=owner, program=program)


def shop_zone_name(ctx: Context) -> str | None:
    """The zone the owner chose at the first run, None before (or when it is not a known zone)."""
    with ctx.store.reading() as conn:
        name = meta.get_setting(conn, TIME_ZONE)
    return name if name in known_zones() else None
