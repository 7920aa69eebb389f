"""Restore without losing what the cloud has not seen: the replaced ledger's events that the backup
lacks are carried into the restored one before it takes the ledger's place.

Every event has a UUID, so "the backup lacks it" is a set difference, and carrying is idempotent:
restoring the same backup twice carries each event once. An event still in the replaced
ledger's outbox (pending, or rejected and shown to the manager) lands in the restored outbox in
the same state, so the next sync pushes it; one the cloud had already accepted keeps its server
sequence number and stays out of the outbox (the cloud has it; the history and reports keep it).
The customers, offers, cards and keys those events need come along when the backup lacks them.
Then every touched card's cached balance is set to a recompute (ledger.recompute_balance: the
cloud's base_* plus what it had not counted), so the cache/recompute invariant holds by
construction, on standalone and paired kiosks alike.

When carrying is impossible (the two files belong to different businesses, or the replaced one is
on an older schema), nothing is written and CarryImpossible says how many events would be lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, select, update
from sqlalchemy.dialects.sqlite import insert as upsert
from sqlalchemy.pool import NullPool

from kiosk.store import ledger, migrate, referrals, tier_buckets
from kiosk.store.schema import cards, customers, events, outbox, programs, settings, signing_keys


class CarryImpossible(RuntimeError):
    def __init__(self, message: str, would_lose: int) -> None:
        super().__init__(message)
        self.would_lose = would_lose


@dataclass(frozen=True)
class Carried:
    """What came across from the replaced ledger."""

    events: int = 0  # every event the backup lacked
    unsynced: int = 0  # of those, waiting in the outbox (pending or rejected)
    by_kind: dict[str, int] = field(default_factory=dict)
    customers: int = 0
    cards: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.by_kind.items()))
        return (
            f"carried {self.events} event(s) recorded after the backup ({kinds or 'none'}; "
            f"{self.unsynced} not yet synced, now queued for the cloud), "
            f"{self.customers} customer(s) and {self.cards} card(s) into the restored ledger"
        )


def _readonly(path: Path):
    return create_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)


def count_unsynced(path: Path) -> int:
    """How many events wait in this ledger's outbox (what a restore without carrying would lose)."""
    engine = _readonly(path)
    try:
        with engine.connect() as conn:
            return ledger.pending_count(conn) + _rejected_count(conn)
    finally:
        engine.dispose()


def _rejected_count(conn: Connection) -> int:
    return len(conn.execute(select(outbox.c.event_n).where(outbox.c.state != "pending")).all())


def _business(conn: Connection) -> str | None:
    return conn.execute(select(settings.c.value).where(settings.c.key == "business_id")).scalar()


def _missing(old: Connection, new: Connection, table, ids: set) -> list:
    """Rows of `table` in the replaced ledger whose ids the restored one lacks."""
    if not ids:
        return []
    have = set(new.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())
    wanted = ids - have
    if not wanted:
        return []
    return old.execute(select(table).where(table.c.id.in_(wanted))).all()


def carry_events(replaced: Path, restored: Connection) -> Carried:
    """Copy into `restored` (a connection in the caller's transaction, at the current schema)
    every event of the `replaced` ledger file that it lacks, with what those events need."""
    engine = _readonly(replaced)
    try:
        with engine.connect() as old:
            return _carry(old, restored)
    finally:
        engine.dispose()


def _carry(old: Connection, new: Connection) -> Carried:
    # the whole outbox: it is what waits for the cloud, small by nature (no long IN list)
    outbox_of_old = {r.event_n: r for r in old.execute(select(outbox))}
    if migrate.current_revision(old) != migrate.current_revision(new):
        raise CarryImpossible(
            "the ledger being replaced is on an older schema version than the backup (run "
            "`loyalty-kiosk status` once to update it, then restore)",
            len(outbox_of_old),
        )
    old_events = old.execute(select(events).order_by(events.c.n)).all()
    known = set(new.execute(select(events.c.id)).scalars())
    lacking = [e for e in old_events if e.id not in known]
    if not lacking:
        return Carried()
    queued = {e.n: outbox_of_old[e.n] for e in lacking if e.n in outbox_of_old}
    if _business(new) is not None and _business(old) != _business(new):
        raise CarryImpossible(
            "the ledger being replaced belongs to another business than the backup", len(queued)
        )

    card_ids = {e.card_id for e in lacking}
    new_cards = _missing(old, new, cards, card_ids)
    people = _missing(old, new, customers, {c.customer_id for c in new_cards})
    offers = _missing(old, new, programs, {c.program_id for c in new_cards} | {e.program_id for e in lacking})
    if people:
        new.execute(customers.insert(), [dict(r._mapping) for r in people])
    if offers:
        new.execute(programs.insert(), [dict(r._mapping) for r in offers])
    keys = [dict(r._mapping) for r in old.execute(select(signing_keys)).all()]
    if keys:  # keys pulled after the backup (a carried card may be signed with one)
        new.execute(upsert(signing_keys).on_conflict_do_nothing(), keys)
    if new_cards:
        new.execute(cards.insert(), [dict(r._mapping) for r in new_cards])

    for e in lacking:  # in recording order: a void comes after what it cancels
        values = dict(e._mapping)
        del values["n"]  # the restored ledger numbers it after its own events
        n = new.execute(events.insert().values(**values)).inserted_primary_key[0]
        entry = queued.get(e.n)
        if entry is not None:
            new.execute(
                outbox.insert().values(
                    event_n=n, state=entry.state, attempts=entry.attempts, last_error=entry.last_error
                )
            )
    referrals.carry(old, new)  # a referral granted or voided by carried events says so
    if card_ids:  # the carried events' months, with the restored ones
        tier_buckets.rebuild(new, card_ids)
    for card_id in card_ids:
        balance = ledger.recompute_balance(new, card_id)
        new.execute(
            update(cards)
            .where(cards.c.id == card_id)
            .values(
                units=balance.units,
                lifetime=balance.lifetime,
                redemptions=balance.redemptions,
                visits=balance.visits,
                last_earn_at=ledger.last_earn_time(new, card_id),
            )
        )
    return Carried(
        events=len(lacking),
        unsynced=len(queued),
        by_kind=dict(Counter(e.kind for e in lacking)),
        customers=len(people),
        cards=len(new_cards),
    )
