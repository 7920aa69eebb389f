"""Dashboard (owner/manager) schemas: everything that is not part of the kiosk wire contract."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool
from pydantic.json_schema import SkipJsonSchema

from cloud.schemas import (
    NO_NUL,
    Card,
    Colour,
    Int,
    Name,
    OfferIn,
    OfferStatus,
    PerVisitLimit,
    PointsIn,
    StampsRequired,
    Text,
    UtcDatetime,
    WireIn,
    WireOut,
    _no_nul,
)
from cloud.zones import TimeZone

# A field a PATCH may leave out but never set to null: None is only "not given", so the schema
# does not offer null (the route refuses an explicit null with a 422 that names the field).
NotNull = SkipJsonSchema[None]
PageLanguage = Literal["en", "de"]


class BusinessOut(WireOut):
    id: int
    name: str
    created_at: datetime
    time_zone: str  # the shop's days (analytics) are counted in it
    language: PageLanguage | None = None  # the customer pages' language; None: the visitor's browser's
    plan: Literal["free", "professional", "enterprise"] = "free"  # loyalty_rules.plans; the operator sets it


class BusinessPatch(WireIn):
    name: Name | NotNull = None
    time_zone: TimeZone | NotNull = None  # an IANA name; days already counted are recounted in it
    # the join and card pages' language; null: each visitor's browser language
    language: PageLanguage | None = None


class UserIn(WireIn):
    email: Text(320, 3)
    password: Text(200, 8)
    name: Text(200) = ""


class UserOut(WireOut):
    id: uuid.UUID
    email: str
    name: str
    role: Literal["owner", "manager"]
    disabled: bool
    created_at: datetime


class LocationIn(WireIn):
    name: Name
    address: Text(500) | None = None
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "Main street", "address": "1 Main St"}]}
    )


class LocationPatch(WireIn):
    name: Name | NotNull = None
    address: Text(500) | None = None


class LocationOut(WireOut):
    id: uuid.UUID
    name: str
    address: str | None
    created_at: datetime


class OfferCreate(OfferIn):
    """A new offer starts running or paused: an archived offer is a deleted one (404 at its address)."""

    status: Literal["active", "paused"] = "active"


class OfferPatch(WireIn):
    name: Name | NotNull = None
    stamps_required: StampsRequired | NotNull = None
    reward_text: Text(500, 1) | NotNull = None
    per_visit_limit: PerVisitLimit | NotNull = None
    cooldown_seconds: Int(ge=0, le=31_536_000) | NotNull = None
    starts_at: UtcDatetime | None = None  # null: no start
    ends_at: UtcDatetime | None = None  # null: no end
    status: OfferStatus | NotNull = None
    colour: Colour | NotNull = None
    icon: Text(64, 1) | NotNull = None
    points: PointsIn | NotNull = None  # a points offer's settings: a change is a new revision


ERASED_NAME = "(erased)"  # what erasure leaves of a customer's name (routes/customers.py)


def _not_erased(name: str) -> str:
    if name == ERASED_NAME:
        raise ValueError(f"{ERASED_NAME} is the name an erased customer is left with; choose another")
    return name


# a person cannot be given the erased marker: she would read as erased (410) from then on
CustomerName = Annotated[
    str,
    Field(min_length=1, max_length=200, json_schema_extra={"pattern": NO_NUL, "not": {"const": ERASED_NAME}}),
    AfterValidator(_no_nul),
    AfterValidator(_not_erased),
]


class CustomerCreate(WireIn):
    name: CustomerName
    email: Text(320) | None = None
    phone: Text(40) | None = None
    marketing_consent: StrictBool = False
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Robert'); DROP TABLE customers;--", "email": "bob@x.example"}]
        },
    )


class CustomerPatch(WireIn):
    name: CustomerName | NotNull = None
    email: Text(320) | None = None  # null: remove it
    phone: Text(40) | None = None
    marketing_consent: StrictBool | NotNull = None


class CardIssueIn(WireIn):
    program_id: uuid.UUID


class CardIssued(WireOut):
    card: Card
    token: str
    card_number: str


class CardPatch(WireIn):
    flagged: StrictBool


class CardEvent(WireOut):
    id: uuid.UUID
    seq: int
    kind: str
    units: int
    ref_event_id: uuid.UUID | None
    occurred_at: datetime
    received_at: datetime
    staff_name: str | None
    location_id: uuid.UUID | None
    device_id: uuid.UUID | None
    reason: str | None
    voided: bool


class SignupIn(WireIn):
    business_id: Int(ge=1, lt=2**31)
    program_id: uuid.UUID
    name: Name
    email: Text(320) | None = None
    phone: Text(40) | None = None
    marketing_consent: StrictBool = False


class SignupOut(WireOut):
    customer_id: uuid.UUID
    card_id: int
    card_number: str
    token: str


class DayStats(WireOut):
    day: str
    new_customers: int
    visits: int
    stamps: int
    redemptions: int
    redemption_rate: float


class GroupStats(WireOut):
    id: uuid.UUID | None
    name: str | None
    visits: int
    stamps: int
    redemptions: int
    redemption_rate: float


class PointsStats(WireOut):
    """The points offers' figures of a period, net of undos: points granted (earns, referrals),
    points spent on rewards, and the sales they were earned on, in minor units."""

    issued: int = 0
    redeemed: int = 0
    spend_minor: int = 0


class AnalyticsSummary(WireOut):
    days: list[DayStats]
    offers: list[GroupStats]
    locations: list[GroupStats]
    popular_offers: list[GroupStats]
    open_conflicts: int
    points: PointsStats = PointsStats()


class AuditOut(WireOut):
    id: int
    at: datetime
    actor_user_id: str | None
    actor_device_id: str | None
    action: str
    entity: str
    entity_id: str
    detail: str


class JoinLinkIn(WireIn):
    location_id: uuid.UUID | None = None  # the join page of one location; None: the business's


class JoinLinkOut(WireOut):
    code: str
    path: str  # /j/<code>: the public join page, under the cloud's public address
    # the location's id, or None for the business's page (not `location_id`: no link to follow
    # from a null)
    location: uuid.UUID | None
    created_at: datetime
    till: uuid.UUID | None = None  # the device whose counter shows it, for a till's own link


class TillJoinLinkOut(JoinLinkOut):
    url: str  # the whole address, as the counter's QR code carries it
    # the offer a join through it opens now (None: no offer runs): the kiosk stamps a member who
    # joined there and was not pulled yet in this one, as the cloud has her card in it
    program: uuid.UUID | None = None
    # the key the cloud signs a join's card with: a code under it that a kiosk has not pulled yet
    # is a card made here (on the join page), in `program`
    key_id: int | None = None
