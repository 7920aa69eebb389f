"""Cards and their events: the hot path of every scan, in SQLAlchemy Core for speed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, func, insert, or_, select, update

from kiosk.domain import ledger as rules
from kiosk.domain.model import Balance, Card, Event, EventKind
from kiosk.store import tier_buckets
from kiosk.store.prepared import Prepared
from kiosk.store.rows import balance_values, card_values, event_values, to_card, to_event
from kiosk.store.schema import cards, events, outbox, programs

# the statements of every scan, compiled once (kiosk.store.prepared)
_CARD = Prepared(select(cards).where(cards.c.id == bindparam("card_id")), "CardRow")
_CARDS_OF_CUSTOMER = Prepared(
    select(cards).where(cards.c.customer_id == bindparam("customer_id")).order_by(cards.c.created_at),
    "CardRow",
)
_INSERT_EVENT = Prepared(
    insert(events).values({c.name: bindparam(c.name, type_=c.type) for c in events.c if c.name != "n"})
)
# a points event records the revision of its program's points settings it was computed under
_POINTS_REVISION = Prepared(
    select(programs.c.points_revision).where(programs.c.id == bindparam("program_id"))
)
_INSERT_OUTBOX = Prepared(insert(outbox).values(event_n=bindparam("event_n"), state="pending", attempts=0))
# by increments: `apply` only adds, so the row moves by the event's own effect whatever balance
# the caller holds (after a merge, a member's account adds up two cards: kiosk/services/members.py)
_UPDATE_CARD_BALANCE = Prepared(
    update(cards)
    .where(cards.c.id == bindparam("card_id"))
    .values(
        {
            **{
                name: cards.c[name] + bindparam("d_" + name, type_=cards.c[name].type)
                for name in ("units", "lifetime", "redemptions", "visits")
            },
            "last_earn_at": bindparam("last_earn_at", type_=cards.c.last_earn_at.type),
        }
    )
)


def get_card(conn: Connection, card_id: int) -> Card | None:
    row = _CARD.first(conn, card_id=card_id)
    return to_card(row) if row else None


def cards_of_customer(conn: Connection, customer_id: str) -> list[Card]:
    return [to_card(r) for r in _CARDS_OF_CUSTOMER.all(conn, customer_id=customer_id)]


def cards_of_customers(conn: Connection, customer_ids: list[str]) -> dict[str, list[Card]]:
    out: dict[str, list[Card]] = {cid: [] for cid in customer_ids}
    if not customer_ids:
        return out
    rows = conn.execute(
        select(cards).where(cards.c.customer_id.in_(customer_ids)).order_by(cards.c.created_at)
    )
    for r in rows:
        out[r.customer_id].append(to_card(r))
    return out


def insert_card(conn: Connection, card: Card) -> None:
    conn.execute(insert(cards).values(**card_values(card, card.created_at)))


def move_cards(conn: Connection, from_customer: str, to_customer: str) -> int:
    """A merge: every card of one member becomes another's (their events stay on them)."""
    return conn.execute(
        update(cards).where(cards.c.customer_id == from_customer).values(customer_id=to_customer)
    ).rowcount


def card_exists(conn: Connection, card_id: int) -> bool:
    return conn.execute(select(cards.c.id).where(cards.c.id == card_id)).first() is not None


def append_event(conn: Connection, card: Card, event: Event, *, to_outbox: bool = True) -> Card:
    """Record one event and move the card's cached balance (and its tier bucket) with it, in the
    caller's transaction."""
    values = event_values(event)
    if values["offer_revision"] is None and (event.amount_minor is not None or event.reward_id is not None):
        # the same transaction read the program the points were computed from: this is its revision
        row = _POINTS_REVISION.first(conn, program_id=event.program_id)
        values["offer_revision"] = row.points_revision if row is not None else None
    n = _INSERT_EVENT.write(conn, **values)
    if to_outbox:
        _INSERT_OUTBOX.write(conn, event_n=n)
    tier_buckets.record(conn, event)  # the tier's month totals move with the ledger, never apart
    balance = rules.apply(card.balance, event)
    last_earn_at = card.last_earn_at
    if event.kind is EventKind.EARN:
        last_earn_at = event.occurred_at if last_earn_at is None else max(last_earn_at, event.occurred_at)
    elif event.kind is EventKind.VOID and event.ref_kind is EventKind.EARN:
        last_earn_at = last_earn_time(conn, card.id)
    delta = {"d_" + k: v for k, v in balance_values(rules.apply(Balance(), event)).items()}
    _UPDATE_CARD_BALANCE.write(conn, card_id=card.id, last_earn_at=last_earn_at, **delta)
    return Card(
        id=card.id,
        customer_id=card.customer_id,
        program_id=card.program_id,
        key_id=card.key_id,
        balance=balance,
        status=card.status,
        flagged=card.flagged,
        last_earn_at=last_earn_at,
        created_at=card.created_at,
    )


def _voided_ids(card_id: int):
    return select(events.c.ref_event_id).where(
        events.c.card_id == card_id,
        events.c.kind == EventKind.VOID.value,
        events.c.ref_event_id.is_not(None),
    )


def last_earn_time(conn: Connection, card_id: int) -> datetime | None:
    """Newest stamp that still stands (a voided stamp does not start a cooldown)."""
    return conn.execute(
        select(func.max(events.c.occurred_at)).where(
            events.c.card_id == card_id,
            events.c.kind == EventKind.EARN.value,
            events.c.id.not_in(_voided_ids(card_id)),
        )
    ).scalar()


def last_standing_event(conn: Connection, card_id: int) -> Event | None:
    """The card's newest event that is neither a void, a referral bonus nor voided: what undo
    would cancel."""
    row = conn.execute(
        select(events)
        .where(
            events.c.card_id == card_id,
            # a referral bonus is taken back with the first visit that granted it, never alone
            events.c.kind.not_in([EventKind.VOID.value, EventKind.REFERRAL.value]),
            events.c.id.not_in(_voided_ids(card_id)),
        )
        .order_by(events.c.n.desc())
        .limit(1)
    ).first()
    return to_event(row) if row else None


def events_of_card(conn: Connection, card_id: int, limit: int | None = None) -> list[Event]:
    query = select(events).where(events.c.card_id == card_id).order_by(events.c.n.desc())
    if limit:
        query = query.limit(limit)
    return [to_event(r) for r in conn.execute(query)]


def events_of_cards(conn: Connection, card_ids: list[int], limit: int | None = None) -> list[Event]:
    """Several cards' events in one list, newest first by when they happened (the cards of one
    member after a merge were written by different tills; `n` breaks ties in this kiosk's order)."""
    if not card_ids:
        return []
    query = (
        select(events)
        .where(events.c.card_id.in_(card_ids))
        .order_by(events.c.occurred_at.desc(), events.c.n.desc())
    )
    if limit:
        query = query.limit(limit)
    return [to_event(r) for r in conn.execute(query)]


def on_top_of_base(card_id: int, base_seq: int):
    """This card's events the cloud had not counted at `base_seq`: still waiting in the outbox,
    or accepted later than that. Rejected events are in neither (the cloud never counts them)."""
    waiting = select(outbox.c.event_n).where(outbox.c.state == "pending")
    return select(events).where(
        events.c.card_id == card_id,
        or_(events.c.n.in_(waiting), events.c.server_seq > base_seq),
    )


def recompute_balance(conn: Connection, card_id: int) -> Balance:
    """The balance from first principles: the cloud's base (zero on a standalone kiosk) plus
    every event of this kiosk the cloud had not yet counted. Must equal the cached balance."""
    row = conn.execute(select(cards).where(cards.c.id == card_id)).one()
    base = Balance(row.base_units, row.base_lifetime, row.base_redemptions, row.base_visits)
    balance = base
    for r in conn.execute(on_top_of_base(card_id, row.base_seq).order_by(events.c.n)):
        balance = rules.apply(balance, to_event(r))
    return balance


def pending_redemptions(conn: Connection, card_id: int) -> int:
    """Redemptions of this card not yet accepted by the cloud: the offline allowance counts these."""
    return conn.execute(
        select(func.count())
        .select_from(outbox.join(events, events.c.n == outbox.c.event_n))
        .where(
            events.c.card_id == card_id, events.c.kind == EventKind.REDEEM.value, outbox.c.state == "pending"
        )
    ).scalar_one()


def pending_count(conn: Connection) -> int:
    return conn.execute(
        select(func.count()).select_from(outbox).where(outbox.c.state == "pending")
    ).scalar_one()


def event_by_id(conn: Connection, event_id: str) -> Event | None:
    row = conn.execute(select(events).where(events.c.id == event_id)).first()
    return to_event(row) if row else None
