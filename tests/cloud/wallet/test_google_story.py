"""The Google Wallet story of issue 16, end to end with real parts: the cloud served by uvicorn in its
own process, the Google stand-in on loopback, a real kiosk (its SQLite store, services and sync
engine). A customer joins on the join page, opens her card page and follows "Add to Google
Wallet" (her object is inserted at Google); she is stamped at the kiosk while it cannot reach the
cloud; once the kiosk syncs, Google's object shows her new balance."""

from __future__ import annotations

import httpx

import cardtoken
from tests.cloud.qr_svg import decode_svg
from tests.cloud.wallet.conftest import GOOGLE_ISSUER, google_key_file
from tests.sync.harness import Clock, CloudProcess, Kiosk, OwnerApi, create_owner, stamps_of

OWNER = "owner@cafe.example"
WAIT = 20.0  # seconds: a bound for the background job, never a pause


def test_she_joins_adds_her_card_to_google_wallet_and_an_offline_kiosks_stamp_reaches_it(
    tmp_path, google, google_key
):
    data = tmp_path / "cloud"
    create_owner(data, OWNER, "Cafe Blue")
    cloud = CloudProcess(data, env={"LOYALTY_CLOUD_GOOGLE_WALLET_API_URL": google.api_url})
    cloud.start()
    kiosk = Kiosk(tmp_path / "kiosk", Clock())
    try:
        with httpx.Client(base_url=cloud.url, timeout=10) as http:
            owner = OwnerApi(http, OWNER)
            owner.offer(name="Coffee card", stamps_required=8, reward_text="A free coffee")
            location = owner.location()
            key = {
                "service_account_key": google_key_file(google_key, google.token_uri),
                "issuer_id": GOOGLE_ISSUER,
            }
            assert http.put("/api/v1/wallet/google", json=key, headers=owner.headers).status_code == 200
            link = http.post("/api/v1/join-links", json={}, headers=owner.headers).json()["path"]
            kiosk.pair(cloud.url, owner.pairing_code(location))
            engine = kiosk.engine()

            # she joins on her phone and adds her card to Google Wallet
            form = {"name": "Ada Lovelace", "email": "ada@example.org", "consent": "yes"}
            joined = http.post(link, data=form, follow_redirects=False)
            assert joined.status_code == 303, joined.text
            card_url = joined.headers["location"]
            page = http.get(card_url)
            assert "Add to Google Wallet" in page.text
            [code] = decode_svg(page.text)
            card_id = cardtoken.decode(code).card_id
            added = http.get(f"{card_url}/google-pass", follow_redirects=False)
            assert added.status_code == 303, added.text
            assert added.headers["location"].startswith("https://pay.google.com/gp/v/save/")
            [object_id] = google.resources["loyaltyObject"]
            assert google.object(object_id)["barcode"]["value"] == code
            assert google.object(object_id)["loyaltyPoints"]["balance"]["string"] == "0 of 8"
            assert engine.run_round().online  # the kiosk learns of her card

        # the cloud is out of reach: the kiosk stamps her code all the same
        cloud.stop()
        assert kiosk.stamp(code).refusal is None
        assert stamps_of(kiosk, card_id) == 1
        assert kiosk.pending() == 1
        assert not engine.run_round().online
        assert google.object(object_id)["loyaltyPoints"]["balance"]["string"] == "0 of 8"

        # back online: the kiosk syncs, the cloud's job patches Google's object
        cloud.start()
        status = engine.run_round()
        assert (status.online, status.accepted) == (True, 1), status
        assert kiosk.pending() == 0
        assert google.wait_for(
            lambda g: g.object(object_id)["loyaltyPoints"]["balance"]["string"] == "1 of 8", WAIT
        ), google.refused
        [patch] = [p for p in google.patches if p.id == object_id]
        assert patch.body["notifyPreference"] == "notifyOnUpdate"
    finally:
        kiosk.close()
        cloud.stop()
