"""The store's side of sync: the outbox going up, the cloud's pages coming down.

Everything here runs inside a caller's transaction. Pulled pages are applied with bulk
upserts (one statement per table per page) so a 100k-customer first sync keeps each page's
write lock short and scans keep flowing between pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Connection,
    Integer,
    bindparam,
    column,
    delete,
    func,
    not_,
    or_,
    select,
    update,
    values,
)
from sqlalchemy.dialects.sqlite import insert as upsert

from kiosk.domain import ledger as rules
from kiosk.domain.codes import PublicKey
from kiosk.domain.model import Balance, CardStatus, Customer, Event, EventKind, Program, ProgramStatus
from kiosk.store import erasure, ledger, meta, name_index
from kiosk.store.experiments import put_experiments
from kiosk.store.happy_hours import put_cloud_zone, put_happy_hours
from kiosk.store.plan_holds import IS_HELD
from kiosk.store.rows import balance_values, customer_values, program_values, to_customer, to_event
from kiosk.store.schema import (
    cards,
    conflicts,
    customer_words,
    customers,
    events,
    outbox,
    points_revisions,
    programs,
    settings,
    signing_keys,
)
from loyalty_rules.experiments import Experiment
from loyalty_rules.happy_hours import HappyHour

CURSOR = "sync_cursor"
# cards and programs pulled before the customer/offer they refer to (which then arrives in a later
# page, because it changed later) get a placeholder row that the real one overwrites
PLACEHOLDER_NAME = "(syncing…)"


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """One outbox entry, with what an enroll must carry up (the customer and the card's key)."""

    n: int
    event: Event
    customer: Customer | None = None
    key_id: int | None = None


@dataclass(frozen=True, slots=True)
class ServerCard:
    id: int
    customer_id: str
    program_id: str
    key_id: int
    status: CardStatus
    flagged: bool
    balance: Balance
    last_seq: int


@dataclass(frozen=True, slots=True)
class ConflictEvent:
    id: str
    staff_name: str | None
    location_id: str | None
    device_id: str | None
    occurred_at: datetime
    # the names the cloud knows them by (absent from clouds older than these fields)
    location_name: str | None = None
    device_name: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    card_id: int
    kind: str
    events: tuple[ConflictEvent, ...]
    created_at: datetime
    resolved: bool


@dataclass(frozen=True, slots=True)
class PulledPage:
    """One page of the cloud's changes, as store values."""

    programs: tuple[Program, ...] = ()
    customers: tuple[Customer, ...] = ()
    cards: tuple[ServerCard, ...] = ()
    keys: tuple[PublicKey, ...] = ()
    revoked_cards: tuple[int, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    experiments: tuple[Experiment, ...] = ()
    happy_hours: tuple[HappyHour, ...] = ()
    time_zone: str | None = None  # the business's, which its happy hours run on (not counted in size)

    @property
    def size(self) -> int:
        return (
            len(self.programs)
            + len(self.customers)
            + len(self.cards)
            + len(self.keys)
            + len(self.conflicts)
            + len(self.experiments)
            + len(self.happy_hours)
        )


# --- outbox ------------------------------------------------------------------------------------


def pending_batch(conn: Connection, limit: int, after: int = 0) -> list[PendingEvent]:
    """The oldest pending events after outbox entry `after`, in the order they were recorded (a
    void after what it cancels). A round passes the last entry it sent, so events held for the
    plan, which stay pending, are offered once a round and never keep the ones behind them back."""
    rows = conn.execute(
        select(events, cards.c.key_id.label("card_key_id"), cards.c.customer_id.label("card_customer_id"))
        .select_from(
            outbox.join(events, events.c.n == outbox.c.event_n).join(cards, cards.c.id == events.c.card_id)
        )
        .where(outbox.c.state == "pending", outbox.c.event_n > after)
        .order_by(outbox.c.event_n)
        .limit(limit)
    ).all()
    enrolled = {r.card_customer_id for r in rows if r.kind == EventKind.ENROLL.value}
    people = {}
    if enrolled:
        people = {r.id: r for r in conn.execute(select(customers).where(customers.c.id.in_(enrolled)))}
    out = []
    for r in rows:
        customer = key_id = None
        if r.kind == EventKind.ENROLL.value:
            c = people.get(r.card_customer_id)
            if c is not None:
                customer = Customer(c.id, c.name, c.email, c.phone, bool(c.marketing_consent), c.created_at)
            key_id = r.card_key_id
        out.append(PendingEvent(r.n, to_event(r), customer, key_id))
    return out


def mark_accepted(conn: Connection, seqs: dict[str, int | None]) -> None:
    """Accepted or duplicate (the cloud already has it): out of the outbox, server seq noted."""
    if not seqs:
        return
    conn.execute(
        update(events).where(events.c.id == bindparam("k_id")).values(server_seq=bindparam("v_seq")),
        [{"k_id": event_id, "v_seq": seq} for event_id, seq in seqs.items()],
    )
    ns = select(events.c.n).where(events.c.id.in_(list(seqs)))
    conn.execute(delete(outbox).where(outbox.c.event_n.in_(ns)))


def mark_rejected(conn: Connection, reasons: dict[str, str]) -> None:
    """A final refusal: kept for the owner to see, never sent again, never blocking the rest.
    The cloud will never count it, so the card's cached balance stops counting it too."""
    if not reasons:
        return
    rows = {r.id: r for r in conn.execute(select(events).where(events.c.id.in_(list(reasons))))}
    conn.execute(
        update(outbox)
        .where(outbox.c.event_n == bindparam("k_n"))
        .values(state="rejected", attempts=outbox.c.attempts + 1, last_error=bindparam("v_reason")),
        [
            {"k_n": rows[i].n, "v_reason": (reason or "rejected")[:300]}
            for i, reason in reasons.items()
            if i in rows
        ],
    )
    for row in rows.values():
        card = ledger.get_card(conn, row.card_id)
        if card is None:
            continue
        balance = rules.apply(card.balance, rules.reversal_of(to_event(row)))
        conn.execute(update(cards).where(cards.c.id == card.id).values(**balance_values(balance)))


def note_attempt(conn: Connection, event_ns: Iterable[int], error: str) -> None:
    conn.execute(
        update(outbox)
        .where(outbox.c.event_n.in_(list(event_ns)), outbox.c.state == "pending")
        # a held event keeps its plan reason through a network failure: it is still held
        .where(or_(outbox.c.last_error.is_(None), not_(IS_HELD)))
        .values(attempts=outbox.c.attempts + 1, last_error=error[:300])
    )


def rejected_events(conn: Connection, limit: int = 200) -> list[tuple[Event, str]]:
    rows = conn.execute(
        select(events, outbox.c.last_error)
        .select_from(outbox.join(events, events.c.n == outbox.c.event_n))
        .where(outbox.c.state == "rejected")
        .order_by(outbox.c.event_n.desc())
        .limit(limit)
    )
    return [(to_event(r), r.last_error or "") for r in rows]


def outbox_counts(conn: Connection) -> dict[str, int]:
    """pending (every event not yet in the cloud), rejected, and held: those of the pending held
    back by the cloud's plan."""
    rows = conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))
    held = conn.execute(select(func.count()).select_from(outbox).where(outbox.c.state == "pending", IS_HELD))
    return {"pending": 0, "rejected": 0, **dict(rows.all()), "held": int(held.scalar_one())}


# --- cursor ------------------------------------------------------------------------------------


def get_cursor(conn: Connection) -> int:
    return int(meta.get_setting(conn, CURSOR, "0") or 0)


def put_cursor(conn: Connection, cursor: int) -> None:
    meta.put_setting(conn, CURSOR, str(cursor))


# --- applying a pulled page --------------------------------------------------------------------


def take_write_lock(conn: Connection) -> None:
    """Start the write transaction now: pysqlite only begins one at the first write, and the
    pending-event sums read below must not move before the cards are written."""
    conn.execute(update(settings).where(settings.c.key == CURSOR).values(value=settings.c.value))


def apply_page(conn: Connection, page: PulledPage, *, business_id: int, cursor: int, now: datetime) -> None:
    """One page, atomically, followed by its cursor (so a crash re-pulls at most this page)."""
    take_write_lock(conn)
    _upsert_programs(conn, page.programs, now)
    _upsert_customers(conn, page.customers, now)
    _upsert_cards(conn, page.cards, now)
    for key in page.keys:
        meta.put_key(conn, PublicKey(business_id, key.key_id, key.public_key, key.revoked))
    if page.revoked_cards:
        conn.execute(
            update(cards).where(cards.c.id.in_(page.revoked_cards)).values(status=CardStatus.REVOKED.value)
        )
    _upsert_conflicts(conn, page.conflicts)
    put_experiments(conn, page.experiments)
    put_happy_hours(conn, page.happy_hours, now)
    if page.time_zone:
        put_cloud_zone(conn, page.time_zone)
    put_cursor(conn, cursor)


def _upsert_programs(conn: Connection, offers: Iterable[Program], now: datetime) -> None:
    rows = [{**program_values(p), "created_at": now, "updated_at": now, "needs_push": False} for p in offers]
    if not rows:
        return
    stmt = upsert(programs)
    # the undo window is the kiosk's own setting (not on the wire): an update keeps it
    kept = {"id", "created_at", "undo_window_seconds"}
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[programs.c.id],
            set_={c.name: stmt.excluded[c.name] for c in programs.c if c.name not in kept},
            # an edit made here and not uploaded yet wins over an older cloud version, as pending
            # events stay on top of a pulled balance; once uploaded, the next pull agrees with it
            where=programs.c.needs_push.is_(False),
        ),
        rows,
    )


def _upsert_customers(conn: Connection, people: Iterable[Customer], now: datetime) -> None:
    people = list(people)
    rows = [customer_values(c, now) for c in people]
    if not rows:
        return
    # the owner erased these in the cloud: what this kiosk still knows of them goes from its
    # audit log too, as a local erasure does (kiosk/services/privacy.py)
    erased_ids = [c.id for c in people if c.name == erasure.ERASED_NAME and not c.email and not c.phone]
    known_before = (
        [
            to_customer(r)
            for r in conn.execute(select(customers).where(customers.c.id.in_(erased_ids)))
            if r.name != erasure.ERASED_NAME
        ]
        if erased_ids
        else []
    )
    stmt = upsert(customers)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[customers.c.id],
            set_={c.name: stmt.excluded[c.name] for c in customers.c if c.name != "id"},
        ),
        rows,
    )
    name_index.replace_names(conn, [(r["id"], r["name_key"]) for r in rows])
    for before in known_before:
        card_ids = list(conn.execute(select(cards.c.id).where(cards.c.customer_id == before.id)).scalars())
        with erasure.secure_delete(conn):
            erasure.scrub_audit(conn, before, card_ids)


def _placeholders(conn: Connection, page_cards: tuple[ServerCard, ...], now: datetime) -> None:
    people = sorted({c.customer_id for c in page_cards})
    offers = sorted({c.program_id for c in page_cards})
    known_people = set(conn.execute(select(customers.c.id).where(customers.c.id.in_(people))).scalars())
    known_offers = set(conn.execute(select(programs.c.id).where(programs.c.id.in_(offers))).scalars())
    missing_people = [
        {
            "id": i,
            "name": PLACEHOLDER_NAME,
            "name_key": "",
            "marketing_consent": False,
            "created_at": now,
            "updated_at": now,
        }
        for i in people
        if i not in known_people
    ]
    if missing_people:
        conn.execute(upsert(customers).on_conflict_do_nothing(), missing_people)
    missing_offers = [
        {
            "id": i,
            "name": PLACEHOLDER_NAME,
            "kind": "stamps",
            "units_required": 10,
            "reward_text": "",
            "per_visit_limit": 1,
            "cooldown_seconds": 0,
            "undo_window_seconds": 120,
            "status": ProgramStatus.PAUSED.value,
            "colour": "#6d4c41",
            "icon": "coffee",
            "created_at": now,
            "updated_at": now,
        }
        for i in offers
        if i not in known_offers
    ]
    if missing_offers:
        conn.execute(upsert(programs).on_conflict_do_nothing(), missing_offers)


def pending_effects(conn: Connection, page_cards: tuple[ServerCard, ...]) -> dict[int, list[Event]]:
    """Per card, this kiosk's events the cloud had not counted in the balance it just sent
    (ledger.on_top_of_base at the card's last_seq), in recording order."""
    out: dict[int, list[Event]] = {}
    if not page_cards:
        return out
    # WITH page(card_id, last_seq) AS (VALUES ...): the form of VALUES that SQLite accepts
    page = (
        values(column("card_id", Integer), column("last_seq", Integer), name="page")
        .data([(c.id, c.last_seq) for c in page_cards])
        .cte("page")
    )
    waiting = select(outbox.c.event_n).where(outbox.c.state == "pending")
    rows = conn.execute(
        select(events)
        .join(page, page.c.card_id == events.c.card_id)
        # waiting in the outbox, or accepted after the balance the cloud just sent
        .where(or_(events.c.n.in_(waiting), events.c.server_seq > page.c.last_seq))
        .order_by(events.c.n)
    )
    for r in rows:
        out.setdefault(r.card_id, []).append(to_event(r))
    return out


def _upsert_cards(conn: Connection, page_cards: tuple[ServerCard, ...], now: datetime) -> None:
    if not page_cards:
        return
    _placeholders(conn, page_cards, now)
    owners_before = set(
        conn.execute(select(cards.c.customer_id).where(cards.c.id.in_([c.id for c in page_cards]))).scalars()
    )
    pending = pending_effects(conn, page_cards)
    rows = []
    for c in page_cards:
        # the server's balance is authoritative; what this kiosk recorded since stays on top
        balance = c.balance
        for event in pending.get(c.id, ()):
            balance = rules.apply(balance, event)
        rows.append(
            {
                "id": c.id,
                "customer_id": c.customer_id,
                "program_id": c.program_id,
                "key_id": c.key_id,
                "status": c.status.value,
                "flagged": c.flagged,
                "units": balance.units,
                "lifetime": balance.lifetime,
                "redemptions": balance.redemptions,
                "visits": balance.visits,
                "base_units": c.balance.units,
                "base_lifetime": c.balance.lifetime,
                "base_redemptions": c.balance.redemptions,
                "base_visits": c.balance.visits,
                "base_seq": c.last_seq,
                "created_at": now,
            }
        )
    stmt = upsert(cards)
    kept = {"id", "created_at", "last_earn_at"}  # the cooldown clock is the kiosk's own
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[cards.c.id],
            set_={c.name: stmt.excluded[c.name] for c in cards.c if c.name not in kept},
        ),
        rows,
    )
    _drop_left_placeholders(conn, owners_before - {c.customer_id for c in page_cards})


def _drop_left_placeholders(conn: Connection, customer_ids: set[str]) -> None:
    """A card this kiosk took in before pulling its member (a code from the join page, see
    kiosk/services/online_join.py) hung on a placeholder member; now that the card is hers, the
    placeholder has no card left and goes. Members with a name, or with cards, always stay."""
    if not customer_ids:
        return
    holding = select(cards.c.customer_id).where(cards.c.customer_id.in_(customer_ids))
    gone = list(
        conn.execute(
            select(customers.c.id).where(
                customers.c.id.in_(customer_ids),
                customers.c.name == PLACEHOLDER_NAME,
                customers.c.id.not_in(holding),
            )
        ).scalars()
    )
    if gone:
        conn.execute(delete(customer_words).where(customer_words.c.customer_id.in_(gone)))
        conn.execute(delete(customers).where(customers.c.id.in_(gone)))


def _upsert_conflicts(conn: Connection, found: Iterable[Conflict]) -> None:
    rows = [
        {
            "id": c.id,
            "card_id": c.card_id,
            "kind": c.kind,
            "events": json.dumps(
                [
                    {
                        "id": e.id,
                        "staff_name": e.staff_name,
                        "location_id": e.location_id,
                        "device_id": e.device_id,
                        "occurred_at": e.occurred_at.isoformat(),
                        "location_name": e.location_name,
                        "device_name": e.device_name,
                    }
                    for e in c.events
                ]
            ),
            "created_at": c.created_at,
            "resolved": c.resolved,
        }
        for c in found
    ]
    if not rows:
        return
    stmt = upsert(conflicts)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[conflicts.c.id],
            set_={"events": stmt.excluded.events, "resolved": stmt.excluded.resolved},
        ),
        rows,
    )


def all_conflicts(conn: Connection, *, include_resolved: bool = False) -> list[Conflict]:
    query = select(conflicts).order_by(conflicts.c.created_at.desc())
    if not include_resolved:
        query = query.where(conflicts.c.resolved.is_(False))
    out = []
    for r in conn.execute(query):
        evs = tuple(
            ConflictEvent(
                e["id"],
                e.get("staff_name"),
                e.get("location_id"),
                e.get("device_id"),
                datetime.fromisoformat(e["occurred_at"]),
                e.get("location_name"),
                e.get("device_name"),
            )
            for e in json.loads(r.events)
        )
        out.append(Conflict(r.id, r.card_id, r.kind, evs, r.created_at, bool(r.resolved)))
    return out


# --- pairing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalData:
    """What pairing would discard, counted so that the owner is told before anything goes."""

    customers: int
    cards: int
    events: int
    pending: int  # not yet accepted by any cloud

    @property
    def empty(self) -> bool:
        return not (self.customers or self.cards or self.events)

    def describe(self) -> str:
        return (
            f"{self.customers} customer(s), {self.cards} card(s) and {self.events} event(s), "
            f"{self.pending} of them not yet synced"
        )


def local_data(conn: Connection) -> LocalData:
    def count(table, *where) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    return LocalData(
        customers=count(customers),
        cards=count(cards),
        events=count(events),
        pending=count(outbox, outbox.c.state == "pending"),
    )


def has_local_customers(conn: Connection) -> bool:
    return conn.execute(select(customers.c.id).limit(1)).first() is not None


def discard_local_ledger(conn: Connection) -> None:
    """Pairing a standalone kiosk that holds only demo data: the cloud's ledger replaces it."""
    # children before their parents (SQLite enforces the foreign keys): a points offer's
    # revisions made here name their program
    for table in (outbox, events, conflicts, cards, customers, points_revisions, programs):
        conn.execute(delete(table))
    conn.execute(delete(settings).where(settings.c.key == CURSOR))


def adopt_issuing_key(
    conn: Connection, business_id: int, key: PublicKey, private_key: bytes, *, keep_others: bool = False
) -> None:
    """After pairing, this kiosk's key belongs to the cloud's business: keys of the standalone
    business (which issued no card that survives pairing) are dropped. Pairing again with the
    same business keeps the public keys its cards are checked with (keep_others) and signs with
    the new key only."""
    if keep_others:
        conn.execute(update(signing_keys).values(private_key=None))
    else:
        conn.execute(delete(signing_keys))
    meta.put_key(conn, PublicKey(business_id, key.key_id, key.public_key, False), private_key)
