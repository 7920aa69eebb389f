"""A till's own join link (issue 16): the kiosk asks for it with its device credential, shows it
as a QR at the counter, and a join through it records the till and location she joined at."""

from __future__ import annotations

from sqlalchemy import select

import cardtoken
from cloud.models import AuditEntry, JoinLink, MemberJoin
from tests.cloud.qr_svg import decode_svg
from tests.cloud.test_join_page import FORM

TILL_LINK = "/api/v1/devices/me/join-link"


def till_link(cloud, kiosk, expect: int = 200) -> dict:
    r = cloud.client.put(TILL_LINK, headers=kiosk.headers)
    assert r.status_code == expect, r.text
    return r.json()


def test_a_till_gets_one_link_bound_to_it_and_its_location_and_keeps_getting_the_same(cloud):
    owner = cloud.owner(business="Cafe Blue")
    offer = cloud.offer(owner)
    kiosk = cloud.kiosk(owner, name="Till 1")
    first = till_link(cloud, kiosk)
    assert first["program"] == offer  # where a join through it opens her card
    assert isinstance(first["key_id"], int)  # and the key her code is signed with
    assert first["path"] == f"/j/{first['code']}"
    assert first["url"].endswith(first["path"])
    assert first["url"].startswith("http")
    assert first["location"] == kiosk.location_id
    assert first["till"] == kiosk.device_id
    cloud.clock.advance(60)
    again = till_link(cloud, kiosk)
    assert again == first
    with cloud.db.read_session() as session:
        rows = session.scalars(select(JoinLink).where(JoinLink.business_id == owner.business_id)).all()
        assert [(r.code, r.device_id, r.location_id) for r in rows] == [
            (first["code"], kiosk.device_id, kiosk.location_id)
        ]
        made = session.scalars(select(AuditEntry).where(AuditEntry.action == "join_link.create")).all()
        assert [(a.actor_device_id, a.entity_id) for a in made] == [(kiosk.device_id, first["code"])]
    # the owner sees it among her links, marked as the till's
    listed = cloud.client.get("/api/v1/join-links", headers=owner.headers)
    assert listed.status_code == 200, listed.text
    listed = listed.json()
    assert [(x["code"], x["till"]) for x in listed] == [(first["code"], kiosk.device_id)]
    # a second till at the same shop gets a link of its own
    other_till = cloud.kiosk(owner, location_id=kiosk.location_id, name="Till 2")
    second = till_link(cloud, other_till)
    assert second["code"] != first["code"]
    assert second["till"] == other_till.device_id


def test_another_business_neither_sees_nor_gets_the_tills_link(cloud):
    owner = cloud.owner(business="Cafe Blue")
    kiosk = cloud.kiosk(owner)
    mine = till_link(cloud, kiosk)
    rival = cloud.owner(business="Cafe Red")
    rival_kiosk = cloud.kiosk(rival)
    theirs = till_link(cloud, rival_kiosk)
    assert theirs["code"] != mine["code"]
    assert theirs["location"] == rival_kiosk.location_id
    assert theirs["till"] == rival_kiosk.device_id
    listed = cloud.client.get("/api/v1/join-links", headers=rival.headers).json()
    assert [x["code"] for x in listed] == [theirs["code"]]
    # the rival's join page is the rival's: a join through it is not a member of Cafe Blue
    cloud.offer(rival)
    assert "Cafe Red" in cloud.client.get(theirs["path"]).text
    cloud.client.post(theirs["path"], data=FORM, follow_redirects=False)
    with cloud.db.read_session() as session:
        joins = session.scalars(select(MemberJoin)).all()
        assert [(j.business_id, j.device_id) for j in joins] == [(rival.business_id, rival_kiosk.device_id)]


def test_a_revoked_or_unknown_till_is_refused_and_no_link_is_made(cloud):
    owner = cloud.owner()
    kiosk = cloud.kiosk(owner)
    r = cloud.client.delete(f"/api/v1/devices/{kiosk.device_id}", headers=owner.headers)
    assert r.status_code == 204
    refused = till_link(cloud, kiosk, expect=401)
    assert refused["type"].endswith("/device-revoked")
    assert cloud.client.put(TILL_LINK, headers={"Authorization": "Device nonsense"}).status_code == 401
    assert cloud.client.put(TILL_LINK).status_code == 401
    assert cloud.client.put(TILL_LINK, headers=owner.headers).status_code == 401
    with cloud.db.read_session() as session:
        assert session.scalars(select(JoinLink)).all() == []


def test_a_join_through_the_tills_link_records_the_till_and_its_location(cloud):
    owner = cloud.owner(business="Cafe Blue")
    cloud.offer(owner)
    location = cloud.location(owner, "Station")
    kiosk = cloud.kiosk(owner, location_id=location, name="Station till")
    link = till_link(cloud, kiosk)
    r = cloud.client.post(link["path"], data=FORM, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert "/c/" in r.headers["location"]
    # her code is signed with the key the till was told of: the kiosk takes it in before a pull
    [code] = decode_svg(cloud.client.get(r.headers["location"]).text)
    assert cardtoken.decode(code).key_id == link["key_id"]
    # a join through the owner's business-wide link records neither
    plain = cloud.client.post("/api/v1/join-links", json={}, headers=owner.headers).json()
    cloud.client.post(plain["path"], data={**FORM, "email": "bea@example.org"}, follow_redirects=False)
    with cloud.db.read_session() as session:
        joins = session.scalars(select(MemberJoin).order_by(MemberJoin.consented_at)).all()
        assert sorted((j.join_code, j.location_id, j.device_id) for j in joins) == sorted(
            [(link["code"], location, kiosk.device_id), (plain["code"], None, None)]
        )
