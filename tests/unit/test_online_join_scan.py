"""A signed code of a card this kiosk does not hold (a member who joined on the cloud's join page
and was not pulled yet, issue 16): stamped when the kiosk can tell where her card is, refused as
an unknown card (nothing stored) when it cannot."""

from __future__ import annotations

import cardtoken
from kiosk.domain.model import Card
from kiosk.domain.refusals import Reason
from kiosk.domain.till_join import TillJoinLink, program_of_online_join
from kiosk.services import counter
from kiosk.services.cards import token_for
from kiosk.store import directory, ledger, meta, till_join
from kiosk.store.sync_repo import PLACEHOLDER_NAME


def _unpulled_code(kiosk) -> tuple[int, str]:
    """A code signed with this business's key for a card the kiosk has never stored, as the
    cloud signs a join page's card."""
    with kiosk.ctx.store.reading() as conn:
        issued = cardtoken.decode(next(iter(kiosk.shop.tokens.values())))
        any_card = ledger.get_card(conn, issued.card_id)
        card = Card(cardtoken.new_card_id(), "nobody", any_card.program_id, any_card.key_id)
        return card.id, token_for(conn, card)


def _counts(kiosk) -> tuple[int, int]:
    with kiosk.ctx.store.reading() as conn:
        return directory.customer_count(conn), ledger.pending_count(conn)


def _own_key_id(kiosk) -> int:
    return cardtoken.decode(next(iter(kiosk.shop.tokens.values()))).key_id


def _pair(kiosk, joined_into: str | None = None, join_key: int | None = None) -> None:
    """What pairing and a sync round keep. join_key: the key the cloud signs joins' cards with
    (here the kiosk's own key stands in for it: the codes below are signed with it)."""
    key_id = _own_key_id(kiosk) if join_key is None else join_key
    with kiosk.ctx.store.transaction() as conn:
        meta.put_setting(conn, meta.CLOUD_URL, "https://loyalty.example")
        meta.put_setting(conn, "device_id", "till-1")
        link = TillJoinLink("https://loyalty.example/j/x", "x", "till-1", joined_into, kiosk.clock(), key_id)
        till_join.keep(conn, link)


def _programs(kiosk):
    with kiosk.ctx.store.reading() as conn:
        return directory.all_programs(conn)


def test_a_standalone_kiosk_refuses_a_code_it_never_issued_and_stores_nothing(demo):
    card_id, code = _unpulled_code(demo)
    before = _counts(demo)
    outcome = counter.record_scan(demo.ctx, code)
    assert outcome.refusal is not None
    assert outcome.refusal.reason is Reason.UNKNOWN_CARD
    assert _counts(demo) == before
    with demo.ctx.store.reading() as conn:
        assert ledger.get_card(conn, card_id) is None


def test_a_paired_kiosk_that_cannot_tell_her_offer_refuses_and_stores_nothing(demo):
    running = [p for p in _programs(demo) if p.is_running(demo.clock())]
    assert len(running) > 1  # the demo shop runs several offers
    _pair(demo, joined_into=None)
    _card_id, code = _unpulled_code(demo)
    before = _counts(demo)
    outcome = counter.record_scan(demo.ctx, code)
    assert outcome.refusal is not None
    assert outcome.refusal.reason is Reason.UNKNOWN_CARD
    assert _counts(demo) == before


def test_a_paired_kiosk_stamps_her_in_the_offer_the_cloud_named(demo):
    running = [p for p in _programs(demo) if p.is_running(demo.clock())]
    target = running[-1]
    _pair(demo, joined_into=target.id)
    card_id, code = _unpulled_code(demo)
    customers, pending = _counts(demo)
    outcome = counter.record_scan(demo.ctx, code)
    assert outcome.refusal is None, outcome.refusal
    assert outcome.units_added >= 1
    assert outcome.card.card.id == card_id
    assert outcome.card.card.program_id == target.id
    assert outcome.card.customer.name == PLACEHOLDER_NAME
    # one placeholder member and one earn (no enrolment: the cloud holds her card already)
    assert _counts(demo) == (customers + 1, pending + 1)
    with demo.ctx.store.reading() as conn:
        [event] = ledger.events_of_card(conn, card_id)
        assert event.kind.value == "earn"


def test_a_code_under_another_key_than_the_clouds_join_key_waits_for_the_pull(demo):
    """Another till's new card (its own key), not pulled yet: its offer is not known here, so the
    scan is refused as before rather than guessed (the cloud would reject a wrong offer)."""
    running = [p for p in _programs(demo) if p.is_running(demo.clock())]
    _pair(demo, joined_into=running[0].id, join_key=_own_key_id(demo) + 1)
    card_id, code = _unpulled_code(demo)
    before = _counts(demo)
    outcome = counter.record_scan(demo.ctx, code)
    assert outcome.refusal is not None
    assert outcome.refusal.reason is Reason.UNKNOWN_CARD
    assert _counts(demo) == before
    with demo.ctx.store.reading() as conn:
        assert ledger.get_card(conn, card_id) is None


def test_the_offer_of_an_online_join(demo):
    programs = _programs(demo)
    now = demo.clock()
    running = [p for p in programs if p.is_running(now)]
    assert program_of_online_join(programs, running[1].id, now) == running[1]
    assert program_of_online_join(programs, None, now) is None  # several run: cannot tell
    assert program_of_online_join(running[:1], None, now) == running[0]  # only one runs
    assert program_of_online_join(programs, "gone", now) is None
