"""The push hot path: a batch of kiosk events checked, applied and stored with bulk statements.

Statements are built once, at import, with bind parameters (expanding ones for IN lists), and
run on the session's connection as Core: building an ORM statement per call cost more CPU
than SQLite spends running it. The business row is locked first (its sequence is bumped under
that lock), so pushes of one business apply one after another on PostgreSQL as on SQLite, and
sequence order is commit order. Everything the batch refers to is read with one IN query per
table; cards are updated with one executemany; nothing is loaded per event.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from cloud import day_cells, happy_hours, member_months, merges, plans, points_expiry, referrals, tier_check
from cloud.deps import Actor
from cloud.models import (
    AuditEntry,
    Business,
    Card,
    Conflict,
    Customer,
    Event,
    Location,
    Offer,
    OfferRevision,
    SigningKey,
)
from cloud.schemas import FIRST_DAY, LAST_DAY, PushResult
from cloud.schemas import Event as WireEvent
from loyalty_rules.kinds.points import PointsSettings, earn_problem, redeem_problem, settings_from_plain
from loyalty_rules.kinds.points_expiry import is_expiry
from loyalty_rules.ledger import Entry, apply, units_problem, void_problem
from loyalty_rules.model import Balance, CardStatus, EventKind
from loyalty_rules.plans import LIMITS, Plan, may_add_member
from loyalty_rules.reports import local_day
from loyalty_rules.tiers import Tier

ID_CONFLICT = "id_conflict"  # an event id the cloud holds with a different body
# customer_id: a merge (cloud/merges.py) moves a card to the member who survives it
CARD_FIELDS = ("units", "lifetime", "redemptions", "visits", "flagged", "seq", "customer_id")
_event_t, _card_t, _customer_t, _conflict_t = (
    Event.__table__,
    Card.__table__,
    Customer.__table__,
    Conflict.__table__,
)
_business_t, _offer_t, _location_t, _key_t = (
    Business.__table__,
    Offer.__table__,
    Location.__table__,
    SigningKey.__table__,
)
_BID = bindparam("bid")


def _in(t, column: str, *cols):
    """SELECT cols FROM t WHERE business_id = :bid AND column IN :ids."""
    return select(*(t.c[c] for c in cols)).where(
        t.c.business_id == _BID, t.c[column].in_(bindparam("ids", expanding=True))
    )


_LOCK_BUSINESS = (  # takes the business row's lock (PostgreSQL) and reads its sequence
    update(_business_t)
    .where(_business_t.c.id == _BID)
    .values(seq=_business_t.c.seq)
    .returning(_business_t.c.seq, _business_t.c.time_zone, _business_t.c.plan)
)
_SET_SEQ = update(_business_t).where(_business_t.c.id == _BID).values(seq=bindparam("seq"))
_STORED = _in(_event_t, "id", "id", "seq", "body_hash")
_CARDS = _in(_card_t, "id", "id", "program_id", "status", *CARD_FIELDS)
_REFS = _in(_event_t, "id", "id", "card_id", "kind", "units", "voided")
_OFFERS = _in(_offer_t, "id", "id", "points_settings")
_revision_t = OfferRevision.__table__
# the settings revisions the batch's points events name (an offer has a handful at most)
_REVISIONS = _in(_revision_t, "offer_id", "offer_id", "revision", "points_settings").where(
    _revision_t.c.revision.in_(bindparam("revisions", expanding=True))
)
_LOCATIONS = _in(_location_t, "id", "id")
_KEYS = _in(_key_t, "key_id", "key_id").where(_key_t.c.revoked.is_(False))
_CUSTOMERS = _in(_customer_t, "id", "id", "merged_into")
_UPDATE_CARDS = (
    update(_card_t)
    .where(_card_t.c.business_id == bindparam("k_bid"), _card_t.c.id == bindparam("k_id"))
    .values({f: bindparam("v_" + f) for f in CARD_FIELDS})
)
_VOID = (
    update(_event_t)
    .where(_event_t.c.business_id == _BID, _event_t.c.id.in_(bindparam("ids", expanding=True)))
    .values(voided=True)
)
_INSERT_EVENTS, _INSERT_CARDS, _INSERT_CUSTOMERS, _INSERT_CONFLICTS = (
    insert(_event_t),
    insert(_card_t),
    insert(_customer_t),
    insert(_conflict_t),
)
_INSERT_AUDIT = insert(AuditEntry.__table__)


class Reject(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Batch:
    business_id: int
    seq: int
    cards: dict[int, dict[str, Any]]
    refs: dict[str, dict[str, Any]]
    offers: set[str]
    locations: set[str]
    keys: set[int]
    customers: set[str]
    zone: tzinfo  # the shop's: events and customers are counted on its local days
    # customers absorbed by a merge -> their survivor: a till that has not heard of the merge yet
    # may still enrol her in another program, and the card must go to the member she is now
    merged: dict[str, str] = field(default_factory=dict)
    points: dict[str, PointsSettings] = field(default_factory=dict)  # offer id -> a points offer's settings
    # (offer id, revision) -> that revision's settings, for the events that name one
    revisions: dict[tuple[str, int], PointsSettings] = field(default_factory=dict)
    # the happy hours the batch's boosted earns name, with when each ended (cloud/happy_hours.py)
    happy_hours: dict[str, tuple[Any, datetime | None]] = field(default_factory=dict)
    new_cards: dict[int, dict] = field(default_factory=dict)
    dirty_cards: set[int] = field(default_factory=set)
    new_customers: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    voided_in_db: list[str] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    last_redeem: dict[int, str] = field(default_factory=dict)
    plan: Plan = Plan.ENTERPRISE
    members: int | None = None  # counted at the first new member of the batch, when the plan limits them


def _malformed(raw: Any, exc: ValidationError) -> PushResult:
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "event"
    return PushResult(
        id=str(raw_id)[:64] if raw_id is not None else "",
        status="rejected",
        reason=f"malformed: {where}: {err.get('msg', '')}"[:300],
    )


def body_hash(ev: WireEvent) -> str:
    """SHA-256 of the event's canonical body: the validated fields (times in UTC, UUIDs in one
    spelling) as sorted JSON. Of an enrolment's customer only the id counts: the person's
    details may be edited at the kiosk between two tries of the same push."""
    body = ev.model_dump(mode="json", exclude={"customer"})
    for optional in (
        "merge",
        "amount_minor",
        "reward_id",
        "offer_revision",
        "happy_hour_id",
        "referral",
        "tier",
    ):
        if body.get(optional) is None:  # events from before these fields: their hash stays the same
            body.pop(optional, None)
    body["customer_id"] = str(ev.customer.id) if ev.customer is not None else None
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _ids(values) -> list:
    return sorted({v for v in values if v is not None})


def _load(conn: Connection, bid: int, events: list[WireEvent], seq: int, zone: tzinfo) -> _Batch:
    def rows(stmt, ids: list) -> list:
        return conn.execute(stmt, {"bid": bid, "ids": ids}).all() if ids else []

    card_ids = _ids(e.card_id for e in events)
    ref_ids = _ids(str(e.ref_event_id) if e.ref_event_id else None for e in events)
    cards = {r.id: dict(r._mapping) for r in rows(_CARDS, card_ids)}
    refs = {r.id: dict(r._mapping) for r in rows(_REFS, ref_ids)}
    offer_rows = rows(_OFFERS, _ids(str(e.program_id) for e in events))
    offers = {r.id for r in offer_rows}
    points = {
        r.id: settings_from_plain(json.loads(r.points_settings)) for r in offer_rows if r.points_settings
    }
    locations = {
        r.id for r in rows(_LOCATIONS, _ids(str(e.location_id) if e.location_id else None for e in events))
    }
    keys = {r.key_id for r in rows(_KEYS, _ids(e.key_id for e in events))}
    people = rows(_CUSTOMERS, _ids(str(e.customer.id) if e.customer else None for e in events))
    merged = {r.id: r.merged_into for r in people if r.merged_into is not None}
    named = [e for e in events if e.offer_revision is not None]
    revisions = {}
    if named:
        params = {
            "bid": bid,
            "ids": _ids(str(e.program_id) for e in named),
            "revisions": _ids(e.offer_revision for e in named),
        }
        revisions = {
            (r.offer_id, r.revision): settings_from_plain(json.loads(r.points_settings))
            for r in conn.execute(_REVISIONS, params)
        }
    return _Batch(
        bid,
        seq,
        cards,
        refs,
        offers,
        locations,
        keys,
        {r.id for r in people},
        zone,
        merged,
        points,
        revisions,
        happy_hours.named_in(conn, bid, events),
    )


def _check_units(ev: WireEvent) -> None:
    problem = units_problem(EventKind(ev.kind), ev.units, ev.reason)
    if problem is not None:
        raise Reject(problem.value)


def _check_points(b: _Batch, ev: WireEvent, conn: Connection) -> None:
    """A points offer's earn carries its sale and exactly the offer's points for it, its redemption
    a catalogue reward at exactly its cost: the kiosk's rule (loyalty_rules.kinds.points), asked
    again here, by the settings revision the kiosk computed them under (cloud/offer_revisions.py;
    an event of a kiosk from before revisions names none: the offer's settings now). Another
    offer's events carry none of these fields."""
    settings = b.points.get(str(ev.program_id))
    if settings is None:
        if any(v is not None for v in (ev.amount_minor, ev.reward_id, ev.offer_revision, ev.tier)):
            raise Reject("not_a_points_offer")
        if ev.kind == "tier_change":
            raise Reject("no_such_tier")
        return
    if ev.offer_revision is not None:
        if ev.kind not in ("earn", "redeem"):
            raise Reject("points_fields_on_other_kind")
        named = b.revisions.get((str(ev.program_id), ev.offer_revision))
        if named is None:
            raise Reject("unknown_offer_revision")
        settings = named
    problem = None
    if ev.tier is not None and ev.kind not in ("earn", "tier_change"):
        raise Reject("points_fields_on_other_kind")
    if ev.kind == "tier_change":
        if settings.tiers is None or ev.tier not in {t.name for t in settings.tiers.tiers}:
            raise Reject("no_such_tier")
        return
    if ev.kind == "earn":
        problem = earn_problem(ev.units, ev.amount_minor, settings, _claimed_tier(b, ev, settings, conn))
    elif ev.kind == "redeem":
        problem = redeem_problem(ev.units, ev.reward_id, settings)
    elif ev.amount_minor is not None or ev.reward_id is not None:
        raise Reject("points_fields_on_other_kind")
    if problem is not None:
        raise Reject(problem.value)


def _claimed_tier(b: _Batch, ev: WireEvent, settings: PointsSettings, conn: Connection) -> Tier | None:
    """The tier whose multiplier the earn claims, if the cloud's view of her events reaches it
    (cloud/tier_check.py); None for an earn that claims none. Reject when it may not claim it."""
    if ev.tier is None:
        return None
    if settings.tiers is None or ev.tier not in {t.name for t in settings.tiers.tiers}:
        raise Reject("no_such_tier")
    card = b.cards.get(ev.card_id)
    customer_id = card.get("customer_id") if card else None
    earlier = [
        (row["day"], row["kind"], row["units"], row["program_id"] in b.points)
        for row in b.events
        if customer_id is not None and (b.cards.get(row["card_id"]) or {}).get("customer_id") == customer_id
    ]
    day = local_day(ev.occurred_at, b.zone).isoformat()
    tier = tier_check.claimed_tier(conn, b.business_id, settings.tiers, ev.tier, customer_id, day, earlier)
    if tier is None:
        raise Reject("tier_not_reached")
    return tier


def _check_expiry(session: Session, b: _Batch, ev: WireEvent, card: dict, now: datetime) -> None:
    """A points expiry stands only when the cloud's view of her visits says it is due (the kiosk's
    rule, asked again: cloud/points_expiry.py)."""
    conn = session.connection()
    visit = points_expiry.last_visit(conn, b.business_id, ev.card_id, b.events, b.voided_in_db)
    problem = points_expiry.expiry_problem(
        event_id=str(ev.id),
        card_id=ev.card_id,
        units=ev.units,
        occurred_at=ev.occurred_at,
        settings=b.points.get(str(ev.program_id)),
        visit=visit,
        balance=card["units"],
        now=now,
        zone=b.zone,
    )
    if problem is not None:
        raise Reject(problem)


def _apply_balance(card: dict, kind: str, units: int, ref_kind: str | None = None) -> None:
    """The card's cached balance after one more event, by the shared rule (loyalty_rules.ledger)."""
    before = Balance(card["units"], card["lifetime"], card["redemptions"], card["visits"])
    after = apply(before, Entry(EventKind(kind), units, EventKind(ref_kind) if ref_kind else None))
    card.update(
        units=after.units, lifetime=after.lifetime, redemptions=after.redemptions, visits=after.visits
    )


def _check_member_room(b: _Batch, conn: Connection) -> None:
    """A new member needs room in the plan; refused, the enrolment (and then every event of its
    card, as `unknown_card`) stays at the kiosk, which offers it again in a later round."""
    if LIMITS[b.plan].members is None:
        return
    if b.members is None:
        b.members = plans.member_count(conn, b.business_id)
    refusal = may_add_member(b.plan, b.members)
    if refusal is not None:
        raise Reject(refusal.reason)
    b.members += 1


def _enroll(b: _Batch, ev: WireEvent, now: datetime, conn: Connection) -> dict:
    if ev.card_id in b.cards:
        raise Reject("card_exists")
    if ev.key_id is not None and ev.key_id not in b.keys:
        raise Reject("unknown_key")
    customer_id = None
    if ev.customer is not None:
        customer_id = str(ev.customer.id)
        if customer_id not in b.customers:
            _check_member_room(b, conn)
            created = ev.customer.created_at or ev.occurred_at
            b.customers.add(customer_id)
            b.seq += 1
            b.new_customers.append(
                {
                    "business_id": b.business_id,
                    "id": customer_id,
                    "name": ev.customer.name,
                    "email": ev.customer.email,
                    "phone": ev.customer.phone,
                    "marketing_consent": ev.customer.marketing_consent,
                    "created_at": created,
                    "day": local_day(created, b.zone).isoformat(),
                    "seq": b.seq,
                }
            )
    card = {
        "business_id": b.business_id,
        "id": ev.card_id,
        "customer_id": b.merged.get(customer_id, customer_id) if customer_id else None,
        "program_id": str(ev.program_id),
        "key_id": ev.key_id,
        "status": CardStatus.ACTIVE.value,
        "flagged": False,
        "units": 0,
        "lifetime": 0,
        "redemptions": 0,
        "visits": 0,
        "created_at": now,
        "seq": 0,
    }
    _apply_balance(card, ev.kind, ev.units)
    b.cards[ev.card_id] = card
    b.new_cards[ev.card_id] = card
    return card


def _void(b: _Batch, ev: WireEvent, card: dict) -> None:
    if ev.ref_event_id is None:
        raise Reject("ref_required")
    ref = b.refs.get(str(ev.ref_event_id))
    if ref is None:
        raise Reject("unknown_ref")
    problem = void_problem(
        Entry(EventKind.VOID, ev.units, EventKind(ref["kind"])),
        same_card=ref["card_id"] == ev.card_id,
        target=Entry(EventKind(ref["kind"]), ref["units"]),
        target_voided=bool(ref["voided"]),
    )
    if problem is not None:
        raise Reject(problem.value)
    ref["voided"] = True
    if "seq" not in ref:  # a stored event, not one of this batch (whose dict is the insert row)
        b.voided_in_db.append(ref["id"])
    if ref["kind"] == "redeem" and b.last_redeem.get(ev.card_id) == ref["id"]:
        b.last_redeem.pop(ev.card_id)
    _apply_balance(card, ev.kind, ev.units, ref["kind"])


def _flush_new(conn: Connection, b: _Batch) -> None:
    """Write the customers and cards this batch created so far: a merge reads and moves them."""
    if b.new_customers:
        conn.execute(_INSERT_CUSTOMERS, b.new_customers)
        b.new_customers.clear()
    if b.new_cards:
        conn.execute(_INSERT_CARDS, list(b.new_cards.values()))
        b.new_cards.clear()


def _merge(session: Session, b: _Batch, ev: WireEvent) -> dict:
    """Wire version 2: two members are one person. The carrier card is any card the kiosk holds
    of the kept member (the event needs one); the cloud decides the outcome (cloud/merges.py)."""
    card = b.cards.get(ev.card_id)
    if card is None:
        raise Reject("unknown_card")
    if card["program_id"] != str(ev.program_id):
        raise Reject("wrong_program")
    assert ev.merge is not None  # the schema holds it
    conn = session.connection()
    _flush_new(conn, b)
    try:
        merges.join(conn, b, str(ev.id), str(ev.merge.keep_customer_id), str(ev.merge.absorb_customer_id))
    except merges.MergeRefused as refused:
        raise Reject(refused.reason) from None
    return card


def _previous_redeem(session: Session, b: _Batch, card_id: int) -> str | None:
    if card_id in b.last_redeem:
        return b.last_redeem[card_id]
    return session.scalar(
        select(Event.id)
        .where(
            Event.business_id == b.business_id,
            Event.card_id == card_id,
            Event.kind == "redeem",
            Event.voided.is_(False),
            Event.id.not_in(b.voided_in_db or ["-"]),
        )
        .order_by(Event.seq.desc())
        .limit(1)
    )


def _apply(session: Session, b: _Batch, ev: WireEvent, actor: Actor, now: datetime, digest: str) -> int:
    if not FIRST_DAY <= ev.occurred_at.date() <= LAST_DAY:  # a broken clock: no report could use it
        raise Reject("occurred_at_out_of_range")
    if str(ev.program_id) not in b.offers:
        raise Reject("unknown_program")
    if ev.location_id is not None and str(ev.location_id) not in b.locations:
        raise Reject("unknown_location")
    # a boosted earn: the happy hour ran then for this offer, and the units before the boost are
    # what the offer's own rules check (the same rule the kiosk boosted by), her tier's multiplier
    # included (the kiosk multiplies by her tier first, then boosts)
    refusal, plain = happy_hours.boost_refusal(b.happy_hours, ev, b.zone)
    if refusal is not None:
        raise Reject(refusal)
    _check_units(plain)
    _check_points(b, plain, session.connection())
    if ev.kind == "enroll":
        card = _enroll(b, ev, now, session.connection())
    elif ev.kind == "member_merge":
        card = _merge(session, b, ev)
    else:
        card = b.cards.get(ev.card_id)
        if card is None:
            raise Reject("unknown_card")
        if card["status"] != CardStatus.ACTIVE.value:
            raise Reject("card_revoked")
        if card["program_id"] != str(ev.program_id):
            raise Reject("wrong_program")
        if ev.kind == "void":
            _void(b, ev, card)
        else:
            if ev.kind == "referral":  # a bonus of a referral the cloud can check (issue 15)
                problem = referrals.bonus_problem(session.connection(), b, ev, card)
                if problem is not None:
                    raise Reject(problem)
            if is_expiry(ev.kind, ev.reason):
                _check_expiry(session, b, ev, card, now)
            _apply_balance(card, ev.kind, ev.units)
    event_id = str(ev.id)
    conflict_ids: list[str] = []
    if ev.kind == "redeem":
        # two offline kiosks redeemed the same reward: keep it, flag, list it. A merged member's
        # account is all her live cards in the program: only their sum going negative counts
        if card["units"] < 0 and merges.account_units(session.connection(), b, card) < 0:
            card["flagged"] = True
            previous = _previous_redeem(session, b, ev.card_id)
            conflict_ids = [previous, event_id] if previous else [event_id]
        b.last_redeem[ev.card_id] = event_id
    b.seq += 1
    row = {
        "business_id": b.business_id,
        "id": event_id,
        "seq": b.seq,
        "kind": ev.kind,
        "card_id": ev.card_id,
        "program_id": str(ev.program_id),
        "units": ev.units,
        "ref_event_id": str(ev.ref_event_id) if ev.ref_event_id else None,
        "occurred_at": ev.occurred_at,
        "received_at": now,
        "day": local_day(ev.occurred_at, b.zone).isoformat(),
        "staff_id": str(ev.staff_id) if ev.staff_id else None,
        "staff_name": ev.staff_name,
        "location_id": str(ev.location_id) if ev.location_id else (actor.location_id or None),
        "device_id": actor.device_id,
        "reason": ev.reason,
        "key_id": ev.key_id,
        "voided": False,
        "body_hash": digest,
        "amount_minor": ev.amount_minor,
        "reward_id": ev.reward_id,
        "offer_revision": ev.offer_revision,
        "happy_hour_id": str(ev.happy_hour_id) if ev.happy_hour_id else None,
        "tier": ev.tier,
    }
    b.events.append(row)
    b.refs[event_id] = row
    seq = b.seq
    if conflict_ids:
        b.seq += 1
        ids = conflict_ids
        b.conflicts.append(
            {
                "id": str(uuid.uuid4()),
                "business_id": b.business_id,
                "card_id": ev.card_id,
                "kind": "double_redemption",
                "event_ids": json.dumps(ids),
                "created_at": now,
                "resolved": False,
                "seq": b.seq,
            }
        )
    b.seq += 1
    card["seq"] = b.seq
    if ev.card_id not in b.new_cards:
        b.dirty_cards.add(ev.card_id)
    return seq


def _store(conn: Connection, b: _Batch) -> None:
    if b.new_customers:
        conn.execute(_INSERT_CUSTOMERS, b.new_customers)
    if b.new_cards:
        conn.execute(_INSERT_CARDS, list(b.new_cards.values()))
    if b.dirty_cards:
        conn.execute(
            _UPDATE_CARDS,
            [
                {"k_bid": b.business_id, "k_id": cid, **{"v_" + f: b.cards[cid][f] for f in CARD_FIELDS}}
                for cid in sorted(b.dirty_cards)
            ],
        )
    if b.events:
        conn.execute(_INSERT_EVENTS, b.events)
    if b.voided_in_db:
        conn.execute(_VOID, {"bid": b.business_id, "ids": b.voided_in_db})
    if b.conflicts:
        conn.execute(_INSERT_CONFLICTS, b.conflicts)
    conn.execute(_SET_SEQ, {"bid": b.business_id, "seq": b.seq})


def _audit(conn: Connection, actor: Actor, now: datetime, b: _Batch) -> None:
    """The same row `deps.audit` writes, as a prebuilt statement."""
    detail = {"accepted": len(b.events), "conflicts": len(b.conflicts)}
    conn.execute(
        _INSERT_AUDIT,
        {
            "business_id": actor.business_id,
            "at": now,
            "actor_user_id": actor.user_id,
            "actor_device_id": actor.device_id,
            "action": "sync.push",
            "entity": "device",
            "entity_id": str(actor.device_id),
            "detail": json.dumps(detail, sort_keys=True),
        },
    )


def push(
    session: Session, actor: Actor, raw_events: list[dict], now: datetime, *, commit: bool = True
) -> list[PushResult]:
    results: list[PushResult | None] = [None] * len(raw_events)
    valid: list[tuple[int, WireEvent]] = []
    for i, raw in enumerate(raw_events):
        try:
            valid.append((i, WireEvent.model_validate(raw)))
        except ValidationError as exc:
            results[i] = _malformed(raw, exc)
    if valid:
        bid = actor.business_id
        conn = session.connection()
        start, zone, plan = conn.execute(_LOCK_BUSINESS, {"bid": bid}).one()  # takes the business lock
        ids = _ids(str(e.id) for _, e in valid)
        stored = {r.id: (r.seq, r.body_hash) for r in conn.execute(_STORED, {"bid": bid, "ids": ids})}
        batch = _load(conn, bid, [e for _, e in valid], start, ZoneInfo(zone))
        batch.plan = Plan(plan)
        for i, ev in valid:
            event_id = str(ev.id)
            digest = body_hash(ev)
            if event_id in stored:
                seq, known = stored[event_id]
                # a tier change's id is the fall itself (loyalty_rules.tiers.change_event_id): two
                # tills that noticed it each send one, with their own staff and moment
                if known is not None and known != digest and ev.kind != "tier_change":
                    # the same id with another body: not a retry. Saying `duplicate` would make the
                    # kiosk drop an event the cloud never counted; it keeps a rejected one instead
                    results[i] = PushResult(id=event_id, status="rejected", reason=ID_CONFLICT)
                else:
                    results[i] = PushResult(id=event_id, status="duplicate", seq=seq)
                continue
            try:
                seq = _apply(session, batch, ev, actor, now, digest)
            except Reject as rej:
                results[i] = PushResult(id=event_id, status="rejected", reason=rej.reason)
                continue
            stored[event_id] = (seq, digest)
            results[i] = PushResult(id=event_id, status="accepted", seq=seq)
        if batch.events:
            _store(conn, batch)
            member_months.follow(conn, batch)  # the analytics' rollups, in the same transaction
            day_cells.follow(conn, batch)
            _audit(conn, actor, now, batch)
    if commit:
        session.commit()
    return results  # type: ignore[return-value]
