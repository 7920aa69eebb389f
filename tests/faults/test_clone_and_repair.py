"""A paired till's data folder copied to a second till (issue 12, item 2), against the live cloud:
the cloud notices two installations behind one credential and the tills say so; the owner
revokes the device, unpairs and pairs each till again with the same business, and every event
either till recorded (pending ones included) ends up in the cloud exactly once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from kiosk.services.context import Context
from kiosk.store import ledger as store_ledger
from kiosk.store import meta, open_store, sync_repo
from kiosk.sync import pairing
from kiosk.sync.engine import SyncState
from tests.sync.harness import Kiosk, OwnerApi, create_owner

CARDS = 4


def _sync(kiosk):
    engine = kiosk.engine()
    try:
        status = engine.run_round()
        while status.online and status.pending:
            status = engine.run_round()
        return status
    finally:
        if engine.client is not None:
            engine.client.close()


def _copy_folder(kiosk: Kiosk, target) -> Kiosk:
    """What an owner does to set up a second till: the app closed, the whole folder copied
    (ledger, installation file, and the device credential, here from the keyring)."""
    kiosk.store.close()
    shutil.copytree(kiosk.data_dir, target)
    kiosk.store = open_store(kiosk.data_dir, now=kiosk.clock())
    kiosk.ctx = Context(kiosk.store, clock=kiosk.clock)
    clone = Kiosk(target, kiosk.clock, existing=True)
    clone.credentials.set(kiosk.credentials.get())
    return clone


def _record(kiosk: Kiosk, cards, rounds: int) -> None:
    for i in range(rounds):
        _card_id, token = cards[i % len(cards)]
        outcome = kiosk.stamp(token)
        assert outcome.refusal is None, outcome.refusal


def _kiosk_events(kiosks) -> dict[int, dict[str, int]]:
    """card id -> {event id: units} over every till's ledger (a till's copy of another's event
    is the same id)."""
    out: dict[int, dict[str, int]] = {}
    for kiosk in kiosks:
        with kiosk.store.reading() as conn:
            assert sync_repo.outbox_counts(conn) == {"pending": 0, "rejected": 0, "held": 0}
            for card_id in _card_ids(conn):
                for e in store_ledger.events_of_card(conn, card_id):
                    out.setdefault(card_id, {})[e.id] = e.units
    return out


def _card_ids(conn) -> list[int]:
    from kiosk.store.schema import cards

    return [r.id for r in conn.execute(cards.select())]


def _assert_event_by_event(live_cloud, kiosks) -> int:
    expected = _kiosk_events(kiosks)
    total = 0
    for card_id, by_id in expected.items():
        r = live_cloud.http.get(f"/api/v1/cards/{card_id}/events", headers=live_cloud.owner.headers)
        assert r.status_code == 200, r.text
        cloud = {e["id"]: e["units"] for e in r.json()}
        assert cloud == by_id, card_id  # the same events, each once, with the same units
        balance = live_cloud.owner.card(card_id)["balance"]["units"]
        assert balance == sum(by_id.values())
        for kiosk in kiosks:
            assert kiosk.card(card_id).balance.units == balance
        total += len(by_id)
    return total


def test_a_copied_till_is_noticed_and_pairing_each_till_again_keeps_every_event(live_cloud, kiosks, tmp_path):
    live_cloud.owner.offer(stamps_required=5)
    a = kiosks(live_cloud)
    assert _sync(a).online
    cards = [a.enroll() for _ in range(CARDS)]
    x_id, x_token = a.enroll("Double Redeemer")
    _record(a, [(x_id, x_token)], 5)
    assert _sync(a).online
    device_id = _device_id(a)

    b = _copy_folder(a, tmp_path / "copied-till")
    try:
        # both tills work and sync under one credential
        _record(a, cards, 6)
        _record(b, cards, 7)
        assert a.redeem(x_id).refusal is None
        assert b.redeem(x_id).refusal is None
        first = _sync(a)
        assert first.online
        assert not _shared(first)  # one installation so far
        second = _sync(b)
        assert second.online  # a new installation alone could be a moved folder
        _record(a, cards, 3)
        noticed = _sync(a)  # the first installation again, after the second: two tills
        assert noticed.online
        assert _shared(noticed)
        assert "device credential used by another till too" in noticed.summary()
        assert "revoke this kiosk" in noticed.summary()
        assert _shared(_sync(b))  # the copy is told too
        device = live_cloud.http.get(f"/api/v1/devices/{device_id}", headers=live_cloud.owner.headers).json()
        assert device["credential_shared"] is True
        audit = live_cloud.http.get(
            "/api/v1/audit", params={"format": "json"}, headers=live_cloud.owner.headers
        )
        assert [e for e in audit.json() if e["action"] == "device.credential_shared"]
        # the double redemption between them is listed (the `conflicts` command shows it)
        shown = subprocess.run(
            [sys.executable, "-m", "kiosk", "conflicts", "--data-dir", str(a.data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert shown.returncode == 0, shown.stderr
        (conflict,) = json.loads(shown.stdout)["conflicts"]
        assert conflict["card_id"] == x_id
        assert len(conflict["events"]) == 2

        # what the owner must do: revoke the device, then pair each till again
        live_cloud.owner.revoke(device_id)
        _record(b, cards, 4)  # b goes on stamping meanwhile: these wait in its outbox
        assert _sync(a).state is SyncState.REVOKED
        assert _sync(b).state is SyncState.REVOKED
        assert pairing.unpair(a.store, a.credentials, now=a.clock).pending == 0
        kept = pairing.unpair(b.store, b.credentials, now=b.clock)
        assert kept.pending == 4
        for till in (a, b):
            result = till.pair(live_cloud.url, live_cloud.owner.pairing_code(live_cloud.location_id))
            assert not result.discarded_local_data
        assert b.pending() == 4  # pairing again with the same business kept them
        for till in (a, b, a, b):
            status = _sync(till)
            assert status.online
            assert not _shared(status)
        assert _device_id(a) != _device_id(b)
        total = _assert_event_by_event(live_cloud, [a, b])
        assert total == CARDS + 1 + 5 + 6 + 7 + 2 + 3 + 4  # enrolments, stamps, the two rewards
        assert live_cloud.owner.card(x_id)["balance"]["units"] == -5
    finally:
        b.close()


def test_pairing_again_with_another_business_is_refused_and_spends_no_code(live_cloud, kiosks, tmp_path):
    live_cloud.owner.offer()
    a = kiosks(live_cloud)
    assert _sync(a).online
    card_id, token = a.enroll()
    assert _sync(a).online
    assert a.stamp(token).refusal is None  # pending
    pairing.unpair(a.store, a.credentials, now=a.clock)
    # another shop on the same cloud
    email = "other-shop@shop.example"
    create_owner(live_cloud.process.data_dir, email, business="Other shop")
    other = OwnerApi(live_cloud.http, email)
    code = other.pairing_code(other.location())
    with pytest.raises(pairing.PairingRefused) as refused:
        a.pair(live_cloud.url, code)
    assert "another business" in str(refused.value)
    assert "1 customer(s)" in str(refused.value)
    assert a.pending() == 1  # nothing discarded
    assert kiosks().pair(live_cloud.url, code).paired.business_name == "Other shop"  # code unspent
    a.pair(live_cloud.url, live_cloud.owner.pairing_code(live_cloud.location_id))
    assert _sync(a).online
    assert live_cloud.owner.card(card_id)["balance"]["units"] == 1
    assert _assert_event_by_event(live_cloud, [a]) == 2


def _shared(status) -> bool:
    return getattr(status, "credential_shared", False)


def _device_id(kiosk) -> str:
    with kiosk.store.reading() as conn:
        return meta.get_setting(conn, "device_id")
