"""The kiosk's own reading of docs/wire.md: store values to JSON going up, JSON to store values
coming down. Plain functions and frozen dataclasses; tests/contract pins that they agree with
what the cloud actually sends and accepts."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from kiosk.domain.codes import PublicKey
from kiosk.domain.model import Balance, CardStatus, Customer, EventKind, Program, ProgramKind, ProgramStatus
from kiosk.store.sync_repo import Conflict, ConflictEvent, PendingEvent, PulledPage, ServerCard
from loyalty_rules.experiments import Arm, Experiment, ExperimentStatus, Metric
from loyalty_rules.happy_hours import Boost, HappyHour, Weekday, Window
from loyalty_rules.kinds.points import settings_from_plain, settings_to_plain

API = "/api/v1"
PUSH_PATH = f"{API}/sync/push"
PULL_PATH = f"{API}/sync/pull"
PAIR_PATH = f"{API}/devices/pair"
OFFERS_PATH = f"{API}/sync/offers"
TILL_JOIN_PATH = f"{API}/devices/me/join-link"  # this till's own join link (issue 16)
INSTALLATION_HEADER = "Kiosk-Installation"  # this data folder's installation id (clone check)
SEQUENCE_HEADER = "Kiosk-Push-Sequence"  # the installation's push counter, only growing
MAX_PUSH = 1000
MAX_OFFERS = 100
MAX_PULL = 1000
PUSH_STATUSES = ("accepted", "duplicate", "rejected")
OFFER_STATUSES = ("accepted", "rejected")


class WireError(ValueError):
    """The cloud answered something this kiosk cannot read as the contract says."""


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def timestamp(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise WireError(f"timestamp without a UTC offset: {text!r}")
    return value.astimezone(UTC)


def _opt_time(text: str | None) -> datetime | None:
    return parse_time(text) if text else None


# --- push --------------------------------------------------------------------------------------


def customer_json(c: Customer) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "marketing_consent": c.marketing_consent,
        "created_at": timestamp(c.created_at) if c.created_at else None,
    }


def event_json(p: PendingEvent) -> dict[str, Any]:
    e = p.event
    return {
        "id": e.id,
        "kind": e.kind.value,
        "card_id": e.card_id,
        "program_id": e.program_id,
        "units": e.units,
        "ref_event_id": e.ref_event_id,
        "occurred_at": timestamp(e.occurred_at),
        "staff_id": e.staff_id,
        "staff_name": e.staff_name,
        "location_id": e.location_id,
        "reason": e.reason,
        "customer": customer_json(p.customer) if p.customer else None,
        "key_id": p.key_id,
        # wire version 2, and only on a merge: a version-1 event's body stays exactly as it was
        **(
            {"merge": {"keep_customer_id": e.merge_keep_id, "absorb_customer_id": e.merge_absorb_id}}
            if e.kind is EventKind.MEMBER_MERGE
            else {}
        ),
        # a points offer's earn and redemption only: every other event's body stays as it was
        **({"amount_minor": e.amount_minor} if e.amount_minor is not None else {}),
        **({"reward_id": e.reward_id} if e.reward_id is not None else {}),
        **({"offer_revision": e.offer_revision} if e.offer_revision is not None else {}),
        # a boosted earn only: the happy hour the cloud checks it by (loyalty_rules.happy_hours)
        **({"happy_hour_id": e.happy_hour_id} if e.happy_hour_id is not None else {}),
    }


@dataclass(frozen=True, slots=True)
class PushResult:
    id: str
    status: str  # accepted | duplicate | rejected
    reason: str | None = None
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class PushAnswer:
    results: tuple[PushResult, ...]
    server_time: datetime
    credential_shared: bool = False  # the cloud saw a second installation using this credential


def push_body(batch: list[PendingEvent]) -> dict[str, Any]:
    if not 1 <= len(batch) <= MAX_PUSH:
        raise ValueError(f"a push carries 1 to {MAX_PUSH} events, not {len(batch)}")
    return {"events": [event_json(p) for p in batch]}


def parse_push(body: Any, sent: list[PendingEvent]) -> PushAnswer:
    try:
        raw = body["results"]
        results = tuple(PushResult(str(r["id"]), r["status"], r.get("reason"), r.get("seq")) for r in raw)
        server_time = parse_time(body["server_time"])
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"unreadable push answer: {exc}") from exc
    if len(results) != len(sent):
        raise WireError(f"push answered {len(results)} results for {len(sent)} events")
    for result, p in zip(results, sent, strict=True):
        if result.status not in PUSH_STATUSES:
            raise WireError(f"unknown push status {result.status!r}")
        # malformed events may come back with an empty id; the order is the contract
        if result.id and result.id != p.event.id:
            raise WireError("push results are not in the order of the events sent")
    return PushAnswer(results, server_time, body.get("credential_shared") is True)


# --- offers made at this kiosk ----------------------------------------------------------------


def offer_json(p: Program) -> dict[str, Any]:
    """The pull's Offer shape (the undo window is the kiosk's own setting, not on the wire)."""
    return {
        "id": p.id,
        "name": p.name,
        "kind": p.kind.value,
        "stamps_required": p.units_required,
        "reward_text": p.reward_text,
        "per_visit_limit": p.per_visit_limit,
        "cooldown_seconds": p.cooldown_seconds,
        "starts_at": timestamp(p.starts_at) if p.starts_at else None,
        "ends_at": timestamp(p.ends_at) if p.ends_at else None,
        "status": p.status.value,
        "colour": p.colour,
        "icon": p.icon,
        # a points offer's settings and their revision (a stamp card: null and 0)
        "points": settings_to_plain(p.points) if p.points is not None else None,
        "points_revision": p.points_revision,
    }


@dataclass(frozen=True, slots=True)
class OfferResult:
    id: str
    status: str  # accepted | rejected
    reason: str | None = None


def offers_body(offers: list[Program]) -> dict[str, Any]:
    if not 1 <= len(offers) <= MAX_OFFERS:
        raise ValueError(f"an offer upload carries 1 to {MAX_OFFERS} offers, not {len(offers)}")
    return {"offers": [offer_json(p) for p in offers]}


def parse_offers(body: Any, sent: list[Program]) -> tuple[OfferResult, ...]:
    try:
        results = tuple(OfferResult(str(r["id"]), r["status"], r.get("reason")) for r in body["results"])
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"unreadable offer upload answer: {exc!r}") from exc
    if [r.id for r in results] != [p.id for p in sent]:
        raise WireError("offer upload results do not match the offers sent")
    for result in results:
        if result.status not in OFFER_STATUSES:
            raise WireError(f"unknown offer upload status {result.status!r}")
    return results


# --- pull --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PullAnswer:
    cursor: int
    has_more: bool
    server_time: datetime
    page: PulledPage
    skipped_cards: int = 0  # cards with no customer: the kiosk cannot hold them
    credential_shared: bool = False  # as in PushAnswer


def program_from(o: dict[str, Any]) -> Program:
    return Program(
        id=str(o["id"]),
        name=o["name"],
        units_required=int(o["stamps_required"]),
        reward_text=o["reward_text"],
        kind=ProgramKind(o.get("kind", "stamps")),
        per_visit_limit=int(o["per_visit_limit"]),
        cooldown_seconds=int(o["cooldown_seconds"]),
        starts_at=_opt_time(o.get("starts_at")),
        ends_at=_opt_time(o.get("ends_at")),
        status=ProgramStatus(o["status"]),
        colour=o["colour"],
        icon=o["icon"],
        # a cloud from before points sends neither: a stamp card
        points=settings_from_plain(o["points"]) if o.get("points") is not None else None,
        points_revision=int(o.get("points_revision") or 0),
    )


def customer_from(c: dict[str, Any]) -> Customer:
    return Customer(
        id=str(c["id"]),
        name=c["name"],
        email=c.get("email"),
        phone=c.get("phone"),
        marketing_consent=bool(c["marketing_consent"]),
        created_at=parse_time(c["created_at"]),
        merged_into=str(c["merged_into"]) if c.get("merged_into") else None,  # wire version 2
    )


def card_from(c: dict[str, Any]) -> ServerCard:
    b = c["balance"]
    return ServerCard(
        id=int(c["id"]),
        customer_id=str(c["customer_id"]),
        program_id=str(c["program_id"]),
        key_id=int(c["key_id"] or 0),
        status=CardStatus(c["status"]),  # an unknown state is an unreadable page (WireError)
        flagged=bool(c["flagged"]),
        balance=Balance(int(b["units"]), int(b["lifetime"]), int(b["redemptions"]), int(b["visits"])),
        last_seq=int(c["last_seq"]),
    )


def key_from(k: dict[str, Any], business_id: int) -> PublicKey:
    return PublicKey(business_id, int(k["key_id"]), from_b64url(k["public_key"]), bool(k["revoked"]))


def _optional_name(value: Any) -> str | None:
    """A name shown on screen: text, trimmed to what a table cell holds, or nothing."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:200]


def conflict_from(c: dict[str, Any]) -> Conflict:
    return Conflict(
        id=str(c["id"]),
        card_id=int(c["card_id"]),
        kind=c["kind"],
        events=tuple(
            ConflictEvent(
                str(e["id"]),
                e.get("staff_name"),
                str(e["location_id"]) if e.get("location_id") else None,
                str(e["device_id"]) if e.get("device_id") else None,
                parse_time(e["occurred_at"]),
                _optional_name(e.get("location_name")),
                _optional_name(e.get("device_name")),
            )
            for e in c["events"]
        ),
        created_at=parse_time(c["created_at"]),
        resolved=bool(c["resolved"]),
    )


def experiment_from(e: dict[str, Any]) -> Experiment:
    return Experiment(
        id=str(e["id"]),
        name=e["name"],
        arms=tuple(Arm(str(a["offer_id"]) if a["offer_id"] else None, int(a["weight"])) for a in e["arms"]),
        metric=Metric(e["metric"]),
        days=int(e["days"]),
        horizon=int(e["horizon"]),
        started_at=parse_time(e["started_at"]),
        status=ExperimentStatus(e["status"]),
    )


EXPERIMENTS_PATH = f"{API}/sync/experiments"
MAX_EXPERIMENTS = 20


def experiment_json(e: Experiment) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "arms": [{"offer_id": a.offer_id, "weight": a.weight} for a in e.arms],
        "metric": e.metric.value,
        "days": e.days,
        "horizon": e.horizon,
        "started_at": timestamp(e.started_at),
        "status": e.status.value,
    }


def experiments_body(found: list[Experiment]) -> dict[str, Any]:
    if not 1 <= len(found) <= MAX_EXPERIMENTS:
        raise ValueError(f"an experiment upload carries 1 to {MAX_EXPERIMENTS}, not {len(found)}")
    return {"experiments": [experiment_json(e) for e in found]}


def happy_hour_from(h: dict[str, Any]) -> HappyHour:
    return HappyHour(
        id=str(h["id"]),
        name=h["name"],
        windows=tuple(
            Window(Weekday(int(w["weekday"])), time.fromisoformat(w["starts"]), time.fromisoformat(w["ends"]))
            for w in h["windows"]
        ),
        boost=Boost(h["boost"]),
        amount=int(h["amount"]),
        programs=frozenset(str(p) for p in h["programs"]),
        active=bool(h["active"]),
    )


HAPPY_HOURS_PATH = f"{API}/sync/happy-hours"
MAX_HAPPY_HOURS = 20


def happy_hour_json(h: HappyHour) -> dict[str, Any]:
    return {
        "id": h.id,
        "name": h.name,
        "windows": [
            {
                "weekday": int(w.weekday),
                "starts": w.starts.strftime("%H:%M"),
                "ends": w.ends.strftime("%H:%M"),
            }
            for w in h.windows
        ],
        "boost": h.boost.value,
        "amount": h.amount,
        "programs": sorted(h.programs),
        "active": h.active,
    }


def happy_hours_body(found: list[HappyHour]) -> dict[str, Any]:
    if not 1 <= len(found) <= MAX_HAPPY_HOURS:
        raise ValueError(f"a happy hour upload carries 1 to {MAX_HAPPY_HOURS}, not {len(found)}")
    return {"happy_hours": [happy_hour_json(h) for h in found]}


def parse_pull(body: Any, business_id: int) -> PullAnswer:
    try:
        with_customer = [c for c in body["cards"] if c.get("customer_id")]
        page = PulledPage(
            programs=tuple(program_from(o) for o in body["offers"]),
            customers=tuple(customer_from(c) for c in body["customers"]),
            cards=tuple(card_from(c) for c in with_customer),
            keys=tuple(key_from(k, business_id) for k in body["keys"]),
            revoked_cards=tuple(int(i) for i in body["revoked_cards"]),
            conflicts=tuple(conflict_from(c) for c in body["conflicts"]),
            # a cloud from before A/B tests sends none
            experiments=tuple(experiment_from(e) for e in body.get("experiments", ())),
            # a cloud from before happy hours sends none
            happy_hours=tuple(happy_hour_from(h) for h in body.get("happy_hours", ())),
            time_zone=str(body["time_zone"]) if body.get("time_zone") else None,
        )
        return PullAnswer(
            cursor=int(body["cursor"]),
            has_more=bool(body["has_more"]),
            server_time=parse_time(body["server_time"]),
            page=page,
            skipped_cards=len(body["cards"]) - len(with_customer),
            credential_shared=body.get("credential_shared") is True,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"unreadable pull page: {exc!r}") from exc


# --- pairing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paired:
    device_id: str
    device_token: str
    business_id: int
    business_name: str
    location_id: str
    location_name: str
    key_id: int


def pair_body(
    code: str, device_name: str, public_key: bytes, key_id: int, expected_business_id: int | None = None
) -> dict[str, Any]:
    body = {"code": code, "device_name": device_name, "public_key": b64url(public_key), "key_id": key_id}
    if expected_business_id is not None:
        body["expected_business_id"] = expected_business_id
    return body


def parse_paired(body: Any) -> Paired:
    try:
        return Paired(
            device_id=str(body["device_id"]),
            device_token=str(body["device_token"]),
            business_id=int(body["business_id"]),
            business_name=str(body["business_name"]),
            location_id=str(body["location_id"]),
            location_name=str(body["location_name"]),
            key_id=int(body["key_id"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"unreadable pairing answer: {exc!r}") from exc
