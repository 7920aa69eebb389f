"""Issue 16: "her first stamp lands when she shows her new code". A customer joins on her phone
through the till's own join link (a real cloud under uvicorn on loopback); the kiosk, which has
not pulled her yet, stamps her signed code offline; after sync, kiosk and cloud agree on one
member with that stamp."""

from __future__ import annotations

import cardtoken
from kiosk.store import directory, till_join
from kiosk.store.sync_repo import PLACEHOLDER_NAME
from tests.cloud.qr_svg import decode_svg
from tests.sync.harness import stamps_of

FORM = {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "", "consent": "yes", "referral": ""}


def _sync(kiosk):
    engine = kiosk.engine()
    try:
        status = engine.run_round()
        assert (status.online, status.pending) == (True, 0), status
        return status
    finally:
        engine.client.close()


def _join_on_her_phone(http, url: str, **form) -> str:
    """She opens the till's QR on her phone, joins, and her card page shows her code."""
    r = http.post(url, data={**FORM, **form}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = http.get(r.headers["location"])
    assert page.status_code == 200
    [code] = decode_svg(page.text)
    return code


def test_a_member_who_joined_on_her_phone_gets_her_first_stamp_offline_and_sync_agrees(live_cloud, kiosks):
    offer = live_cloud.owner.offer(stamps_required=8)
    kiosk = kiosks(live_cloud)
    _sync(kiosk)  # keys, the offer, and this till's join link
    with kiosk.store.reading() as conn:
        link = till_join.kept(conn)
        members_before = directory.customer_count(conn)
    assert link is not None
    assert link.program_id == offer
    assert link.url.startswith(live_cloud.url)
    assert link.url.endswith(f"/j/{link.code}")

    code = _join_on_her_phone(live_cloud.http, link.url)
    card_id = cardtoken.decode(code).card_id
    assert cardtoken.decode(code).key_id == link.key_id  # signed with the join key the till knows
    assert kiosk.card(card_id) is None  # not pulled: the kiosk has never heard of her

    # the cloud is out of reach from here on: the kiosk verifies her code offline
    live_cloud.process.stop()
    outcome = kiosk.stamp(code)
    assert outcome.refusal is None, outcome.refusal
    assert outcome.units_added == 1
    assert not outcome.joined
    assert outcome.card.card.id == card_id
    assert outcome.card.card.program_id == offer
    assert outcome.card.customer.name == PLACEHOLDER_NAME
    assert kiosk.card(card_id).balance.units == 1  # on disk
    # a second scan finds the card now, as any other: no second placeholder member
    again = kiosk.stamp(code)
    assert again.card is not None
    assert again.card.card.id == card_id
    with kiosk.store.reading() as conn:
        assert directory.customer_count(conn) == members_before + 1

    live_cloud.process.start()
    _sync(kiosk)
    stamped = stamps_of(kiosk, card_id)
    cloud_card = live_cloud.owner.card(card_id)
    assert cloud_card["balance"]["units"] == stamped == kiosk.card(card_id).balance.units >= 1
    with kiosk.store.reading() as conn:
        people = directory.search_customers(conn, "Ada")
        mine = kiosk.card(card_id)
        her = directory.get_customer(conn, mine.customer_id)
    assert her.name == "Ada Lovelace"
    assert her.email == "ada@example.org"
    assert [p.id for p in people] == [her.id]
    assert her.id == cloud_card["customer_id"]
    # the placeholder she hung on while offline is gone: one member on each side
    with kiosk.store.reading() as conn:
        assert directory.customer_count(conn) == members_before + 1
    customers = live_cloud.http.get("/api/v1/customers", headers=live_cloud.owner.headers).json()
    assert [c["name"] for c in customers if c["name"] == "Ada Lovelace"] == ["Ada Lovelace"]
