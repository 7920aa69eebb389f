"""Issue 15's referral story across two offline tills, against the real cloud under uvicorn on
127.0.0.1: Nina joins at till A, referred by Ana, and her first stamp there grants both bonuses;
meanwhile Ana buys a coffee at till B, which has heard of neither. Both sync: the cloud takes the
referral and its bonuses (the same ids, the same abuse rules with its own counts) and both tills
end with the same stamps for both. Nina's next visit, at till B, is not a first visit: no bonus."""

from __future__ import annotations

from kiosk.services import customers
from tests.faults.test_offline_kiosks import _sync


def _units(kiosk, card_id: int) -> int:
    return kiosk.card(card_id).balance.units


def test_a_referral_on_one_till_and_a_visit_on_the_other_end_the_same_everywhere(live_cloud, kiosks):
    owner = live_cloud.owner
    owner.offer(name="Coffee", stamps_required=10, cooldown_seconds=0)
    a = kiosks(live_cloud)
    _sync(a)
    ana_card, ana_code = a.enroll("Ana Jensen")
    _sync(a)
    b = kiosks(live_cloud)
    _sync(b)

    # offline from here. Till A: Nina joins, referred by Ana's code; her first stamp is her
    # first qualifying visit: +1 for her visit, +1 her bonus, +1 Ana's bonus
    nina = customers.enroll(a.ctx, "Nina Neu", referred_by=ana_code)
    assert nina.refusal is None, nina.refusal
    ((nina_card, nina_code),) = nina.tokens.items()
    first = a.stamp(nina_code)
    assert first.referral is not None
    assert (first.referral.newcomer_units, first.referral.referrer_units) == (1, 1)
    assert (_units(a, nina_card), _units(a, ana_card)) == (2, 1)
    # Till B: Ana buys a coffee
    assert b.stamp(ana_code).units_added == 1
    assert _units(b, ana_card) == 1

    _sync(a)
    _sync(b)  # every event accepted: _sync asserts no rejection
    _sync(a)
    assert (owner.card(nina_card)["balance"]["units"], owner.card(ana_card)["balance"]["units"]) == (2, 2)
    for till in (a, b):
        assert (_units(till, nina_card), _units(till, ana_card)) == (2, 2)

    # Nina's next visit, at till B: an ordinary stamp, no second bonus anywhere
    again = b.stamp(nina_code)
    assert (again.units_added, again.referral) == (1, None)
    _sync(b)
    _sync(a)
    assert (owner.card(nina_card)["balance"]["units"], owner.card(ana_card)["balance"]["units"]) == (3, 2)
    for till in (a, b):
        assert (_units(till, nina_card), _units(till, ana_card)) == (3, 2)
