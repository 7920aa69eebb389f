"""A generated history applied at a paired kiosk: its real services (and, for what no counter
use case makes yet, its real store) on a real SQLite file, with a clock the history moves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import cardtoken
from kiosk.domain.ledger import balance_of
from kiosk.domain.model import Balance, Card, Customer, EventKind, Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, Services
from kiosk.services.counter import new_event
from kiosk.services.first_run import TIME_ZONE
from kiosk.store import directory, ledger, meta
from tests.property.histories import (
    SHOP_ZONE,
    Adjust,
    Earn,
    Enrol,
    History,
    NewCode,
    OfferSpec,
    Redeem,
    Referral,
    Sync,
    Undo,
    next_step_time,
)
from tests.sync.harness import Kiosk

OWNER = Actor(None, "Olga", Role.OWNER)


@dataclass
class KioskRun:
    """What the kiosk holds after the history, read before any sync (a pull would lay the cloud's
    balances over its own)."""

    offer_ids: list[str]
    card_ids: list[int] = field(default_factory=list)
    balances: dict[int, Balance] = field(default_factory=dict)
    recomputed: dict[int, Balance] = field(default_factory=dict)
    event_days: dict[str, date] = field(default_factory=dict)  # event id -> the shop's local day
    by_day: dict[date, tuple[int, ...]] = field(default_factory=dict)
    by_offer: dict[str, tuple[int, ...]] = field(default_factory=dict)
    refused: int = 0  # steps the counter's rules refused (nothing recorded)


def make_offers(kiosk: Kiosk, specs: tuple[OfferSpec, ...]) -> list[str]:
    services = Services(kiosk.ctx)
    ids = []
    for n, spec in enumerate(specs):
        draft = OfferDraft(
            f"Offer {n + 1}",
            spec.stamps_required,
            "a free coffee",
            per_visit_limit=spec.per_visit_limit,
            cooldown_seconds=spec.cooldown_seconds,
            undo_window_seconds=spec.undo_window_seconds,
        )
        made = services.save_offer(draft, actor=OWNER)
        assert made.refusal is None, (spec, made.field_errors)
        ids.append(made.program.id)
    return ids


def set_shop_zone(kiosk: Kiosk) -> None:
    """What the first run saves when the owner picks the shop's zone."""
    with kiosk.store.transaction() as conn:
        meta.put_setting(conn, TIME_ZONE, SHOP_ZONE.key)


def _enrol_with_stamps(kiosk: Kiosk, program_ids: list[str], bonus: int) -> list[int]:
    """An enrolment whose cards start with `bonus` stamps: the wire carries it (enroll units ≥ 0)
    and the store records it, though no counter screen makes one today; the kiosk's own steps."""
    now, made = kiosk.clock(), []
    with kiosk.store.transaction() as conn:
        business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        key_id = meta.issuing_key(conn, business_id)[0]
        customer = Customer(kiosk.ctx.new_id(), f"Carried {len(program_ids)}", created_at=now)
        directory.insert_customer(conn, customer, now)
        for program_id in program_ids:
            card = Card(cardtoken.new_card_id(), customer.id, program_id, key_id, created_at=now)
            ledger.insert_card(conn, card)
            event = new_event(kiosk.ctx, conn, OWNER, EventKind.ENROLL, card, bonus, now)
            ledger.append_event(conn, card, event)
            made.append(card.id)
    return made


def _referral(kiosk: Kiosk, card_id: int, units: int) -> None:
    """Referral stamps: an event kind of the ledger that no counter use case makes yet."""
    with kiosk.store.transaction() as conn:
        card = ledger.get_card(conn, card_id)
        ledger.append_event(
            conn, card, new_event(kiosk.ctx, conn, OWNER, EventKind.REFERRAL, card, units, kiosk.clock())
        )


def apply_history(
    kiosk: Kiosk, history: History, offer_ids: list[str], start: datetime, sync: Callable[[], None]
) -> KioskRun:
    services = Services(kiosk.ctx)
    run = KioskRun(offer_ids)
    kiosk.clock.now = start
    for step in history.steps:
        kiosk.clock.now = next_step_time(kiosk.clock(), step)
        action = step.action
        if isinstance(action, Enrol):
            chosen = [offer_ids[i] for i in action.offers]
            if action.bonus:
                run.card_ids += _enrol_with_stamps(kiosk, chosen, action.bonus)
            else:
                out = services.enroll(f"Customer {len(run.card_ids)}", program_ids=chosen, actor=OWNER)
                assert out.refusal is None, out.refusal
                run.card_ids += sorted(out.tokens, key=lambda cid: chosen.index(_offer_of(kiosk, cid)))
            continue
        if isinstance(action, Sync):
            sync()
            continue
        card_id = run.card_ids[action.card % len(run.card_ids)]
        if isinstance(action, Earn):
            out = services.record_scan(
                cardtoken.format_card_number(card_id), quantity=action.quantity, actor=OWNER
            )
        elif isinstance(action, Redeem):
            out = services.redeem(card_id, actor=OWNER)
        elif isinstance(action, Undo):
            out = services.undo(card_id, actor=OWNER)
        elif isinstance(action, Adjust):
            out = services.adjust(card_id, action.units, "counted again", actor=OWNER)
        elif isinstance(action, NewCode):
            out = services.new_card_code(card_id, actor=OWNER)
            assert out.refusal is None, out.refusal
        elif isinstance(action, Referral):
            _referral(kiosk, card_id, action.units)
            continue
        run.refused += out.refusal is not None
        taken_back = getattr(action, "undo_after", None)
        if out.refusal is None and taken_back is not None:
            kiosk.clock.advance(seconds=taken_back)
            undone = services.undo(card_id, actor=OWNER, event_id=out.event.id)
            run.refused += undone.refusal is not None
    return run


def _offer_of(kiosk: Kiosk, card_id: int) -> str:
    return kiosk.card(card_id).program_id


def read_kiosk(kiosk: Kiosk, run: KioskRun) -> None:
    """Balances (cached and recomputed), each event's local day, and the manager's report of every
    day of the history (quiet days left out, as the cloud lists only days with events)."""
    with kiosk.store.reading() as conn:
        for card_id in run.card_ids:
            run.balances[card_id] = ledger.get_card(conn, card_id).balance
            events = ledger.events_of_card(conn, card_id)
            run.recomputed[card_id] = balance_of(events)
            for event in events:
                run.event_days[event.id] = event.occurred_at.astimezone(SHOP_ZONE).date()
    first = min(run.event_days.values())
    days = (kiosk.clock().astimezone(SHOP_ZONE).date() - first).days + 2  # a quiet day before, too
    made = Services(kiosk.ctx).report(days, actor=OWNER)
    assert made.refusal is None, made.refusal
    run.by_day = {
        day: counts
        for day, t in made.report.by_day
        if any(counts := (t.visits, t.stamps, t.rewards, t.new_customers))
    }
    run.by_offer = {
        pid: (t.visits, t.stamps, t.rewards)
        for pid, t in made.report.by_offer
        if t.visits or t.stamps or t.rewards
    }
