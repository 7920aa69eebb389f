"""Issue 14's first story end to end: Grace has a Coffee card; a manager creates "Tea card" at the
kiosk; Grace's next scan shows Tea at 0; "+1" on Tea gives her one Tea stamp; after a sync round
the cloud has one customer with two cards, and a second kiosk sees her whole membership."""

from __future__ import annotations

from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.services import Actor, counter, customers, offers

MANAGER = Actor(None, "Max", Role.MANAGER)


def test_grace_joins_tea_at_her_next_scan_and_the_cloud_has_one_customer_with_two_cards(cloud, make_kiosk):
    a, b = make_kiosk(cloud), make_kiosk(cloud)
    enrolled = customers.enroll(a.ctx, "Grace Hopper", program_ids=[cloud.offer_id])
    assert enrolled.ok, enrolled.message
    ((coffee_card, code),) = enrolled.tokens.items()
    assert a.engine(cloud.http).run_round().rejected == 0

    made = offers.save_offer(
        a.ctx, OfferDraft("Tea card", 8, "a free tea", cooldown_seconds=0), actor=MANAGER
    )
    tea = made.program.id
    scanned = counter.record_scan(a.ctx, code)
    assert scanned.ok, scanned.message
    assert [p.name for p in scanned.open_programs] == ["Tea card"]
    plus_one = counter.record_scan(a.ctx, coffee_card, program_id=tea)
    assert plus_one.ok, plus_one.message
    assert plus_one.joined
    tea_card = plus_one.card.card.id

    status = a.engine(cloud.http).run_round()
    assert (status.online, status.rejected, status.pending) == (True, 0, 0), status
    grace = str(enrolled.customer.id)
    people = cloud.owner._ok(cloud.http.get("/api/v1/customers", headers=cloud.owner.headers))
    assert [(p["id"], p["name"]) for p in people] == [(grace, "Grace Hopper")]
    cards = cloud.owner._ok(
        cloud.http.get("/api/v1/cards", params={"customer_id": grace}, headers=cloud.owner.headers)
    )
    assert sorted((c["id"], c["program_id"], c["balance"]["units"]) for c in cards) == sorted(
        [(coffee_card, cloud.offer_id, 1), (tea_card, tea, 1)]
    )

    # another till pulls her: her Coffee code shows both programs there
    assert b.engine(cloud.http).run_round().online
    seen = customers.inspect(b.ctx, code)
    assert sorted((v.program.name, v.card.balance.units) for v in seen.customer_cards) == [
        ("Coffee", 1),
        ("Tea card", 1),
    ]
