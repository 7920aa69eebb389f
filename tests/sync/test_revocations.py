"""What the cloud revokes stops working at every kiosk after its next pull, with its own
message at the counter, and records nothing."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.domain.refusals import Reason
from kiosk.services import replacement
from kiosk.services.context import Actor
from kiosk.store import meta


def _sync(kiosk, cloud):
    status = kiosk.engine(cloud.http).run_round()
    assert status.online, status.last_error
    return status


def test_a_revoked_card_is_refused_everywhere(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll()
    _sync(a, cloud)
    _sync(b, cloud)
    assert b.stamp(token).refusal is None
    cloud.owner.http.delete(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers)
    _sync(b, cloud)
    before = b.card(card_id).balance
    refused = b.stamp(token)
    assert refused.refusal.reason is Reason.CARD_REVOKED
    assert "revoked" in refused.message
    assert b.card(card_id).balance == before
    assert b.redeem(card_id).refusal.reason is Reason.CARD_REVOKED


def test_cards_issued_by_a_revoked_kiosk_are_refused_by_the_others(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll()  # signed offline with a's own device key
    _sync(a, cloud)
    _sync(b, cloud)
    assert b.stamp(token).refusal is None  # b learned a's key from the pull
    with a.store.reading() as conn:
        device_id = meta.get_setting(conn, "device_id")
    cloud.owner.revoke(device_id)  # a was stolen
    _sync(b, cloud)
    before = b.card(card_id).balance
    refused = b.stamp(token)
    assert refused.refusal.reason is Reason.REVOKED_KEY
    assert b.card(card_id).balance == before


def test_a_manager_gives_the_customer_of_a_revoked_kiosk_a_new_code(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, old_token = a.enroll()  # signed offline with a's own device key
    assert a.stamp(old_token).refusal is None
    _sync(a, cloud)
    _sync(b, cloud)
    with a.store.reading() as conn:
        device_id = meta.get_setting(conn, "device_id")
    cloud.owner.revoke(device_id)  # a was stolen: its codes stop working everywhere
    _sync(b, cloud)
    assert b.stamp(old_token).refusal.reason is Reason.REVOKED_KEY

    cashier = Actor(None, "Cara", Role.CASHIER)
    manager = Actor(None, "Max", Role.MANAGER)
    assert replacement.new_code(b.ctx, card_id, actor=cashier).refusal.reason is Reason.NOT_ALLOWED
    made = replacement.new_code(b.ctx, card_id, actor=manager)
    assert made.refusal is None, made.refusal
    assert made.card.card.id == card_id
    assert made.token != old_token
    assert made.card.card.balance.units == 1  # the same card: the stamp a gave is still there
    stamped = b.stamp(made.token)
    assert stamped.refusal is None, stamped.refusal
    assert stamped.card.card.id == card_id
    assert stamped.card.card.balance.units == 2
    _sync(b, cloud)
    # the cloud counts the new code's stamp on the customer's one card
    assert cloud.owner.card(card_id)["balance"]["units"] == 2
    with b.store.reading() as conn:
        (entry,) = [e for e in meta.audit_entries(conn) if e["action"] == "card_code_replaced"]
    assert entry["staff_name"] == "Max"
    assert entry["detail"]["card"] == made.card.card_number
