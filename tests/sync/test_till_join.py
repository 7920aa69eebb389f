"""This till's join link (issue 16): a sync round fetches it from the real cloud once and keeps
it in the store, so the enrolment screen shows it offline; unpairing forgets it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.domain.till_join import NoJoinLink, TillJoinLink
from kiosk.services.facade import Services
from kiosk.store import meta, till_join
from kiosk.sync import pairing
from kiosk.sync.client import DeviceRevoked
from kiosk.sync.till_join import REFRESH_AFTER, fetch_and_keep


def _shown(kiosk) -> TillJoinLink | NoJoinLink:
    return Services(kiosk.ctx).till_join_link()


def test_a_round_fetches_the_tills_link_once_and_the_kiosk_shows_it_offline(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)  # paired, one round run
    link = _shown(kiosk)
    assert isinstance(link, TillJoinLink), link
    with kiosk.store.reading() as conn:
        _location, device_id = meta.location_and_device(conn)
    assert link.device_id == device_id
    assert link.url == f"http://testserver/j/{link.code}"
    assert link.program_id == cloud.offer_id
    with kiosk.store.reading() as conn:
        _business, trusted = meta.own_business_keys(conn)
    assert link.key_id in trusted  # the cloud's join key, pulled with the others
    listed = cloud.http.get("/api/v1/join-links", headers=cloud.owner.headers).json()
    assert [(x["code"], x["till"], x["location"]) for x in listed] == [
        (link.code, device_id, cloud.location_id)
    ]
    # the next rounds keep it; a round after REFRESH_AFTER asks again and gets the same link
    kiosk.engine(cloud.http).run_round()
    assert _shown(kiosk) == link
    kiosk.clock.advance(seconds=(REFRESH_AFTER + timedelta(minutes=1)).total_seconds())
    assert kiosk.engine(cloud.http).run_round().online
    again = _shown(kiosk)
    assert (again.code, again.url) == (link.code, link.url)
    assert again.fetched_at > link.fetched_at
    # offline: nothing to ask, the kept link is still shown
    cloud.close()
    assert _shown(kiosk) == again


def test_unpairing_forgets_the_link_and_the_kiosk_says_it_is_standalone(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    assert isinstance(_shown(kiosk), TillJoinLink)
    pairing.unpair(kiosk.store, kiosk.credentials, now=kiosk.clock)
    assert _shown(kiosk) is NoJoinLink.STANDALONE
    with kiosk.store.reading() as conn:
        assert till_join.kept(conn) is None


def test_a_standalone_kiosk_has_no_link(make_kiosk):
    assert _shown(make_kiosk()) is NoJoinLink.STANDALONE


def test_a_revoked_till_gets_no_link_and_keeps_what_it_had(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    kept = _shown(kiosk)
    with kiosk.store.reading() as conn:
        _location, device_id = meta.location_and_device(conn)
    cloud.owner.revoke(device_id)
    engine = kiosk.engine(cloud.http)
    with pytest.raises(DeviceRevoked):
        fetch_and_keep(kiosk.store, engine.client, kiosk.clock)
    assert _shown(kiosk) == kept
