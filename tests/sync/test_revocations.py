"""What the cloud revokes stops working at every kiosk after its next pull, with its own
message at the counter, and records nothing."""

from __future__ import annotations

from kiosk.domain.refusals import Reason
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
