"""The wire schema of docs/wire.md (kiosk <-> cloud), as strict Pydantic models.

Inputs forbid unknown fields. Strings refuse NUL characters (PostgreSQL cannot store them),
numbers are bounded so that nothing a client sends can overflow a column.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from loyalty_rules.experiments import MAX_WEIGHT, Metric
from loyalty_rules.experiments import ExperimentStatus as ExperimentStatusEnum
from loyalty_rules.kinds import Settings, rules_for, widest
from loyalty_rules.kinds.points import PointsSettings, settings_from_plain
from loyalty_rules.model import ProgramKind
from loyalty_rules.problems import OfferProblem


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


def _to_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ValueError("timestamp out of range") from exc


NO_NUL = r"^[^\x00]*$"  # in the schema too, so that clients know before they send one


def Text(max_length: int, min_length: int = 0):
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, json_schema_extra={"pattern": NO_NUL}),
        AfterValidator(_no_nul),
    ]


# the days a loyalty event can happen on: anything outside is a broken clock or a probe, never a visit
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2199, 12, 31)
DAY_PATTERN = r"^2[01][0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"  # FIRST_DAY..LAST_DAY, ISO


def _text_only(value: Any) -> Any:
    # pydantic would read a number as a Unix time; the schema says a date-time is a string
    if isinstance(value, int | float):
        raise ValueError("a date-time is an RFC 3339 string, not a number")
    return value


def _not_bool(value: Any) -> Any:
    # pydantic would read true/false as 1/0; JSON Schema says a boolean is not an integer
    if isinstance(value, bool):
        raise ValueError("a whole number, not true or false")
    return value


def Int(**bounds: int):
    """A whole number within `bounds` (ge, le, gt, lt); true and false are refused. The bounds come
    first, so that they stay in the JSON schema as minimum and maximum."""
    return Annotated[int, Field(**bounds), BeforeValidator(_not_bool)]


UtcDatetime = Annotated[AwareDatetime, BeforeValidator(_text_only), AfterValidator(_to_utc)]
# a raw Ed25519 public key: 32 bytes in base64url without padding (43 characters, the last one
# carrying 4 bits). The format names what a pattern cannot say: a point of large order on the
# curve (cardtoken.key_problem); the route answers 422 with the reason for anything else.
PUBLIC_KEY_SCHEMA = {
    "type": "string",
    "minLength": 43,
    "maxLength": 43,
    "pattern": "^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$",
    "format": "ed25519-public-key",
}
PublicKeyText = Annotated[
    str, Field(min_length=1, max_length=64, json_schema_extra=PUBLIC_KEY_SCHEMA), AfterValidator(_no_nul)
]
CardId = Int(gt=0, lt=2**63)
KeyId = Int(ge=0, le=65535)
# within the businesses table's 32-bit ids: a bound near 2**63 cannot be checked exactly by
# clients that read JSON numbers as doubles
BusinessId = Int(ge=1, le=2**31 - 1)
Units = Int(ge=-1_000_000, le=1_000_000)
Name = Text(200, 1)
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
OfferStatus = Literal["active", "paused", "archived"]
# every program kind the shared rules know (loyalty_rules.kinds): a new kind is offered here by itself
OfferKind = Literal[tuple(kind.value for kind in ProgramKind)]  # type: ignore[valid-type]
# the limits of a new or edited offer: the widest of the program kinds' (loyalty_rules.kinds; with
# stamp cards alone, theirs), each kind's own checked by `kind_problems` (the kiosk's form checks
# the same). Offers saved under wider limits before still load and pull (Offer has no bounds).
_UNITS, _PER_VISIT = widest(lambda k: k.units_range), widest(lambda k: k.per_visit_range)
StampsRequired = Int(ge=_UNITS[0], le=_UNITS[1])
PerVisitLimit = Int(ge=_PER_VISIT[0], le=_PER_VISIT[1])


# wire name -> the shared rules' name of a field they check
_RULE_FIELDS = {"stamps_required": "units_required", "per_visit_limit": "per_visit_limit"}


def kind_problems(
    kind: ProgramKind,
    units_required: int,
    per_visit_limit: int,
    fields: set[str],
    points: PointsSettings | None = None,
) -> dict[str, OfferProblem]:
    """What the offer's kind says is wrong with the `fields` given (wire names), field -> problem.
    A points offer's own settings are checked when `points` is among the fields: their problems
    are named "points.<field>" ("points.catalogue.0.cost"), as the wire spells them."""
    found = rules_for(kind).check(Settings(units_required, per_visit_limit, points))
    named: dict[str, OfferProblem] = {
        wire: found[rule] for wire, rule in _RULE_FIELDS.items() if rule in found and wire in fields
    }
    if "points" in fields and found.get("units_required") is OfferProblem.OFFER_POINTS_CHEAPEST:
        # a new catalogue without its new cheapest cost: the pair disagrees whichever was sent
        named["stamps_required"] = OfferProblem.OFFER_POINTS_CHEAPEST
    if "points" in fields:
        named.update(
            (f"points.{_POINTS_WIRE.get(rule, rule)}", problem)
            for rule, problem in found.items()
            if rule not in _RULE_FIELDS.values()
        )
    return named


# check_settings names the minimum spend by what the editor shows; the wire field carries the unit
_POINTS_WIRE = {"minimum_spend": "minimum_spend_minor"}


def field_errors(problems: dict[str, OfferProblem], title: str = "Offer") -> ValidationError:
    """The kind's problems as validation errors at their own fields (problem+json `errors`: loc
    ["body", "points", "catalogue", "0", "cost"], type the problem's code, msg its words)."""
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError(problem.name.lower(), problem.value),
                loc=tuple(int(p) if p.isdigit() else p for p in field.split(".")),
                input=None,
            )
            for field, problem in sorted(problems.items())
        ],
    )


class WireIn(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WireOut(BaseModel):
    model_config = ConfigDict(extra="ignore")


# --- auth -------------------------------------------------------------------------------------


class LoginIn(WireIn):
    """`business_id` is needed only when this email and password sign in to several businesses
    (the answer is then a 409 `business-required` naming them); otherwise leave it out."""

    email: Text(320, 3)
    password: Text(200, 1)
    business_id: BusinessId | None = None
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"email": "owner@cafe.example", "password": "s3cret!pw"},
                {"email": "owner@cafe.example", "password": "s3cret!pw", "business_id": 7},
            ]
        },
    )


class RefreshIn(WireIn):
    refresh_token: Text(200, 1)


class TokenPair(WireOut):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "eyJhbGciOi...",
                    "refresh_token": "3f2c...e1.Zk9...",
                    "token_type": "bearer",
                    "expires_in": 900,
                }
            ]
        }
    )


# --- devices ----------------------------------------------------------------------------------


class PairingCodeIn(WireIn):
    location_id: uuid.UUID
    name: Name


class PairingCodeOut(WireOut):
    code: str
    expires_at: datetime
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"code": "K7QH-3XMP", "expires_at": "2026-11-29T12:10:00Z"}]}
    )


class PairIn(WireIn):
    code: Text(32, 1)
    device_name: Name
    public_key: PublicKeyText
    key_id: KeyId
    # a kiosk holding the ledger of a business it was paired with before: refuse (and keep the
    # code unused) when the code is for another business
    expected_business_id: BusinessId | None = None
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "K7QH-3XMP",
                    "device_name": "Front counter",
                    "key_id": 4711,
                    "public_key": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                }
            ]
        },
    )


class PairOut(WireOut):
    device_id: uuid.UUID
    device_token: str
    business_id: int
    business_name: str
    location_id: uuid.UUID
    location_name: str
    key_id: int


class DeviceOut(WireOut):
    id: uuid.UUID
    name: str
    location_id: uuid.UUID
    key_id: int
    created_at: datetime
    revoked: bool
    # two installations (a copied data folder) use this credential: revoke it, pair each till anew
    credential_shared: bool = False
    credential_shared_at: datetime | None = None


# --- sync: shared objects ---------------------------------------------------------------------


class CustomerIn(WireIn):
    id: uuid.UUID
    name: Name
    email: Text(320) | None = None
    phone: Text(40) | None = None
    marketing_consent: StrictBool = False
    created_at: UtcDatetime | None = None


class Customer(WireOut):
    id: uuid.UUID
    name: str
    email: str | None
    phone: str | None
    marketing_consent: bool
    created_at: datetime
    # wire version 2: absorbed by a merge, the member she is now (null: she is her own member)
    merged_into: uuid.UUID | None = None


class Offer(WireOut):
    id: uuid.UUID
    name: str
    kind: OfferKind
    stamps_required: int
    reward_text: str
    per_visit_limit: int
    cooldown_seconds: int
    starts_at: datetime | None
    ends_at: datetime | None
    status: Literal["active", "paused", "archived"]
    colour: str
    icon: str
    # a points offer's settings (loyalty_rules.kinds.points.settings_to_plain), null for stamp
    # cards, and their revision: bumped by each change of them (docs/wire.md, "Points")
    points: dict[str, Any] | None = None
    points_revision: int = 0


class RewardIn(WireIn):
    """One row of a points offer's catalogue; its limits are the shared rules' (check_settings)."""

    id: Text(40)
    name: Text(200)
    cost: Int(ge=-(2**31), le=2**31 - 1)
    lowest_tier: Text(200) | None = None  # kept for this tier of the offer's and those above


class TierIn(WireIn):
    """One tier of a points offer (loyalty_rules.tiers.Tier); its limits are tiers.problems'."""

    name: Text(200)
    threshold: Int(ge=-(2**31), le=2**31 - 1)
    multiplier: Annotated[str, Field(pattern=r"^[0-9]{1,3}(\.[0-9]{1,6})?$")]  # exact decimal text


class TierSchemeIn(WireIn):
    """A points offer's tiers (loyalty_rules.tiers.scheme_to_plain's shape)."""

    measure: Literal["points", "visits"]
    window_months: Int(ge=-(2**31), le=2**31 - 1)
    tiers: list[TierIn] = Field(max_length=20)


class PointsIn(WireIn):
    """A points offer's settings, as settings_to_plain writes them. Types and column-safe bounds
    here; whether they are sensible (rate, minimum, catalogue) is check_settings' question, whose
    problems come back at their fields."""

    rate: Annotated[str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{1,12})?$")]  # exact decimal text
    rounding: Literal["down", "half_up", "up"]
    minimum_spend_minor: Int(ge=-(2**53), le=2**53)
    minor_per_unit: Int(ge=1, le=10_000) = 100
    catalogue: list[RewardIn] = Field(max_length=100)
    tiers: TierSchemeIn | None = None  # Bronze/Silver/Gold (issue 15); a change is a new revision
    # months without a visit after which points expire; null or absent: never (check_settings
    # names a value outside 1-60 at its field)
    expiry_months: Int(ge=-(2**31), le=2**31 - 1) | None = None

    def settings(self) -> PointsSettings:
        return settings_from_plain(self.model_dump())


class OfferIn(WireIn):
    name: Name
    kind: OfferKind = "stamps"  # a points offer carries `points`
    stamps_required: StampsRequired
    reward_text: Text(500, 1)
    per_visit_limit: PerVisitLimit = 1
    cooldown_seconds: Int(ge=0, le=31_536_000) = 0
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    status: OfferStatus = "active"
    colour: Colour = "#2E7D32"
    icon: Text(64, 1) = "coffee"
    points: PointsIn | None = None
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Coffee card", "stamps_required": 9, "reward_text": "A free coffee"}]
        },
    )

    def offer_kind(self) -> ProgramKind:
        return ProgramKind(self.kind)

    def points_settings(self) -> PointsSettings | None:
        return self.points.settings() if self.points is not None else None

    @model_validator(mode="after")
    def _kind_rules(self) -> OfferIn:
        kind = self.offer_kind()
        if kind is not ProgramKind.POINTS and self.points is not None:
            raise ValueError("only a points offer carries `points`")
        fields = {"stamps_required", "per_visit_limit", "points"}
        problems = kind_problems(
            kind, self.stamps_required, self.per_visit_limit, fields, self.points_settings()
        )
        if problems:
            raise field_errors(problems, type(self).__name__)
        return self


class Balance(WireOut):
    units: int
    lifetime: int
    redemptions: int
    visits: int


class TierMonth(WireOut):
    """One month of a card (the shop's calendar, 'YYYY-MM'): points granted and visits counted,
    net of voids, as of the card's last_seq (a kiosk's tier reads these; issue 15)."""

    month: str
    points: int
    visits: int


class Card(WireOut):
    id: int
    customer_id: uuid.UUID | None
    program_id: uuid.UUID
    key_id: int | None
    status: Literal["active", "revoked"]
    flagged: bool
    balance: Balance
    last_seq: int
    # the card's months of the longest tier window; older kiosks ignore it
    months: list[TierMonth] = []


class PublicKey(WireOut):
    key_id: int
    public_key: str
    revoked: bool


class ConflictEvent(WireOut):
    id: uuid.UUID
    staff_name: str | None
    location_id: uuid.UUID | None
    location_name: str | None = None
    device_id: uuid.UUID | None
    device_name: str | None = None  # None for the dashboard, or a device since deleted
    occurred_at: datetime


class Conflict(WireOut):
    id: uuid.UUID
    card_id: int
    kind: Literal["double_redemption"]
    events: list[ConflictEvent]
    created_at: datetime
    resolved: bool


# --- sync: push and pull ----------------------------------------------------------------------

# tier_change (issue 15): her tier fell (loyalty_rules.tiers); moves no units
EventKind = Literal["enroll", "earn", "redeem", "adjust", "void", "referral", "member_merge", "tier_change"]


class MergeIn(WireIn):
    """Wire version 2: a `member_merge` event's two members (the cloud picks the survivor)."""

    keep_customer_id: uuid.UUID
    absorb_customer_id: uuid.UUID


class ReferralIn(WireIn):
    """A `referral` event's referral (issue 15): who referred whom, when, and the newcomer's first
    visit (an `earn` the cloud counted) that granted the bonus; its id makes the bonus's id."""

    id: uuid.UUID
    referrer_customer_id: uuid.UUID
    newcomer_customer_id: uuid.UUID
    created_at: UtcDatetime
    visit_event_id: uuid.UUID
    monthly_cap: Int(ge=1, le=50)  # the shop's cap the kiosk applied; the cloud counts against it


class Event(WireIn):
    id: uuid.UUID
    kind: EventKind
    card_id: CardId
    program_id: uuid.UUID
    units: Units
    ref_event_id: uuid.UUID | None = None
    occurred_at: UtcDatetime
    staff_id: uuid.UUID | None = None
    staff_name: Text(200) | None = None
    location_id: uuid.UUID | None = None
    reason: Text(500) | None = None
    customer: CustomerIn | None = None
    key_id: KeyId | None = None
    merge: MergeIn | None = None  # wire version 2: member_merge only
    # points offers only (docs/wire.md): an earn's sale in minor units, a redemption's catalogue
    # reward; whether they add up is loyalty_rules.kinds.points' question, asked in cloud/ledger.py
    amount_minor: Int(ge=-(2**62), le=2**62) | None = None
    reward_id: Text(40) | None = None
    # the offer's points_revision the kiosk computed the points under (checked against it)
    offer_revision: Int(ge=0, le=2**31 - 1) | None = None
    # an earn a happy hour boosted: its id (checked by loyalty_rules.happy_hours.boost_problem)
    happy_hour_id: uuid.UUID | None = None
    referral: ReferralIn | None = None  # a `referral` event only: the referral it is a bonus of
    # a points earn: the tier whose multiplier it was earned at; a tier_change: her tier now
    tier: Text(24) | None = None

    @model_validator(mode="after")
    def _merge_only_on_merges(self) -> Event:
        if (self.kind == "member_merge") != (self.merge is not None):
            raise ValueError("a member_merge event carries `merge`, and only it does")
        if self.referral is not None and self.kind != "referral":
            raise ValueError("only a referral event carries `referral`")
        return self


EVENT_EXAMPLE = {
    "id": "5f0c6a1e-8a43-4c59-a0c2-3d1f1b7e9a10",
    "kind": "earn",
    "card_id": 48210937551,
    "program_id": "0b7d2a36-61c3-4a1e-9a44-6a0f6f1f2f7e",
    "units": 1,
    "ref_event_id": None,
    "occurred_at": "2026-11-29T09:15:00+01:00",
    "staff_id": None,
    "staff_name": "Ana",
    "location_id": None,
    "reason": None,
    "customer": None,
    "key_id": None,
}


class PushIn(WireIn):
    """Each event is checked on its own: a malformed one is rejected, the others go on."""

    events: list[dict[str, Any]] = Field(min_length=1, max_length=1000)
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"events": [EVENT_EXAMPLE]}]})


class PushResult(WireOut):
    id: str
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    seq: int | None = None


class PushOut(WireOut):
    results: list[PushResult]
    server_time: datetime
    # two installations (a copied data folder) were seen using this device's credential
    credential_shared: bool = False


# --- A/B tests of offers (loyalty_rules.experiments) ----------------------------------------

ExperimentMetric = Literal[tuple(m.value for m in Metric)]  # type: ignore[valid-type]
ExperimentStatus = Literal[tuple(s.value for s in ExperimentStatusEnum)]  # type: ignore[valid-type]


class ExperimentArm(WireIn):
    offer_id: uuid.UUID | None  # null: the control arm, which gets none of the tested offers
    weight: Int(ge=1, le=MAX_WEIGHT) = 1


class Experiment(WireOut):
    """An A/B test as kiosks pull it: the arms in the order the hash fills them."""

    id: uuid.UUID
    name: str
    arms: list[ExperimentArm]
    metric: ExperimentMetric
    days: int
    horizon: int
    started_at: datetime
    status: ExperimentStatus


# --- happy hours (loyalty_rules.happy_hours) --------------------------------------------------

ClockTime = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]  # HH:MM, the shop's clock


class HappyHourWindow(WireIn):
    weekday: Int(ge=0, le=6)  # Monday is 0
    starts: ClockTime
    ends: ClockTime  # at or before `starts`: the window runs past midnight


class HappyHourIn(WireIn):
    """A happy hour as a manager sets it up; the shared rule's problems come back per field (422)."""

    name: Text(200)
    windows: list[HappyHourWindow] = Field(max_length=100)
    boost: Literal["multiply", "bonus"]
    amount: Int(ge=-(2**31), le=2**31 - 1)
    programs: list[uuid.UUID] = Field(max_length=200)


class HappyHour(WireOut):
    id: uuid.UUID
    name: str
    windows: list[HappyHourWindow]
    boost: Literal["multiply", "bonus"]
    amount: int
    programs: list[uuid.UUID]
    active: bool
    ended_at: datetime | None = None


class PullOut(WireOut):
    cursor: int
    has_more: bool
    server_time: datetime
    offers: list[Offer]
    customers: list[Customer]
    cards: list[Card]
    keys: list[PublicKey]
    revoked_cards: list[int]
    conflicts: list[Conflict]
    credential_shared: bool = False  # as in PushOut
    experiments: list[Experiment] = []  # added or changed A/B tests; older kiosks ignore it
    happy_hours: list[HappyHour] = []  # added, changed or ended happy hours; older kiosks ignore it
    # the business's zone: happy hours run on its clock, at the kiosk as at the push's check
    time_zone: str | None = None


# --- sync: offers made or changed at a kiosk --------------------------------------------------

MAX_OFFERS_UPLOAD = 100


# fields an upload of an older kiosk leaves out (points came after wire version 2)
_ADDED_LATER = {"points", "points_revision"}


def _all_required(schema: dict[str, Any]) -> None:
    schema["required"] = [name for name in schema["properties"] if name not in _ADDED_LATER]


class OfferUpload(OfferIn):
    """One offer of PUT /sync/offers: the pull's Offer shape, every field present, checked by
    the same rules as POST /offers (this is OfferIn with the id the kiosk gave it)."""

    id: uuid.UUID
    kind: OfferKind
    # the revision the kiosk gave its points settings (its last pulled one, + 1 for an edit made
    # there); absent from a kiosk of before points, like `points`
    points_revision: Int(ge=0, le=2**31 - 1) = 0

    @model_validator(mode="before")
    @classmethod
    def _every_field(cls, data: Any) -> Any:
        if isinstance(data, dict):
            missing = sorted(set(cls.model_fields) - set(data) - _ADDED_LATER)
            if missing:
                raise ValueError(f"missing fields: {', '.join(missing)}")
        return data

    model_config = ConfigDict(extra="forbid", json_schema_extra=_all_required)


class OffersUploadIn(WireIn):
    offers: list[OfferUpload] = Field(min_length=1, max_length=MAX_OFFERS_UPLOAD)


class OfferUploadResult(WireOut):
    id: str
    status: Literal["accepted", "rejected"]
    reason: str | None = None


class OffersUploadOut(WireOut):
    results: list[OfferUploadResult]
