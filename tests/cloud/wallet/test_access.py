"""Who may do what with Apple Wallet: the owner sets it up, staff download passes of their own
business's cards, and a pass follows what it shows (an offer renamed updates it too)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.cloud.wallet.conftest import issue_card, setup_body
from tests.cloud.wallet.passfiles import pass_verifier
from tests.cloud.wallet.pki import PASS_TYPE_ID
from tests.cloud.wallet.wallet_app import WalletApp

URL = "/api/v1/wallet/apple"


@pytest.fixture
def verify(pki_files, tmp_path):
    return pass_verifier(tmp_path / "received", pki_files["root"])


def _manager(cloud, owner) -> dict:
    email = "manager@shop.example"
    r = cloud.client.post(
        "/api/v1/users", json={"email": email, "password": "password-2", "name": "Max"}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    tokens = cloud.login(email, "password-2")
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def test_a_manager_downloads_passes_but_cannot_change_the_certificate(cloud, pki):
    owner = cloud.owner()
    manager = _manager(cloud, owner)
    assert cloud.client.put(URL, json=setup_body(pki), headers=manager).status_code == 403
    assert cloud.client.get(URL, headers=manager).status_code == 404  # still not set up
    assert cloud.client.put(URL, json=setup_body(pki), headers=owner.headers).status_code == 200
    assert cloud.client.delete(URL, headers=manager).status_code == 403
    assert cloud.client.get(URL, headers=manager).json()["pass_type_id"] == PASS_TYPE_ID
    _offer, card = issue_card(cloud, owner)
    r = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=manager)
    assert r.status_code == 200
    assert cloud.client.get(URL).status_code == 401  # nobody signed in


def test_another_business_cannot_download_a_cards_pass(cloud, pki):
    owner, stranger = cloud.owner("Ours"), cloud.owner("Theirs")
    for who in (owner, stranger):
        assert cloud.client.put(
            URL, json=setup_body(pki, pass_type_id=None), headers=who.headers
        ).status_code in (
            200,
            409,  # the same pass type id cannot serve two businesses
        )
    _offer, card = issue_card(cloud, owner)
    r = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=stranger.headers)
    assert r.status_code == 404


def test_removing_the_certificate_stops_passes_and_says_how_many_were_out(cloud, pki, verify):
    owner = cloud.owner()
    assert cloud.client.put(URL, json=setup_body(pki), headers=owner.headers).status_code == 200
    _offer, card = issue_card(cloud, owner)
    pkpass = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers).content
    app = WalletApp(cloud.client, verify=verify)
    assert app.add(pkpass).status_code == 201
    removed = cloud.client.delete(URL, headers=owner.headers)
    assert removed.status_code == 200
    assert removed.json() == {"pass_type_id": PASS_TYPE_ID, "passes_no_longer_updated": 1}
    audit = cloud.client.get("/api/v1/audit", headers=owner.headers).json()
    assert any(e["action"] == "wallet.apple.remove" for e in audit)
    assert app.fetch(next(iter(app.passes))).status_code == 401  # no certificate: no pass served
    r = cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers)
    assert r.status_code == 409
    assert cloud.client.delete(URL, headers=owner.headers).status_code == 404


def test_renaming_the_offer_updates_the_pass(cloud, pki, verify):
    owner = cloud.owner()
    assert cloud.client.put(URL, json=setup_body(pki), headers=owner.headers).status_code == 200
    offer, card = issue_card(cloud, owner)
    app = WalletApp(cloud.client, verify=verify)
    app.add(cloud.client.get(f"/api/v1/cards/{card['card']['id']}/apple-pass", headers=owner.headers).content)
    serial = next(iter(app.passes))
    app.check_for_updates(PASS_TYPE_ID)
    r = cloud.client.patch(f"/api/v1/offers/{offer}", json={"name": "Tea"}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert app.check_for_updates(PASS_TYPE_ID) == [serial]
    assert app.passes[serial].content["storeCard"]["primaryFields"][0]["label"] == "Tea"
    with zipfile.ZipFile(io.BytesIO(app.passes[serial].data)) as archive:
        assert json.loads(archive.read("pass.json"))["storeCard"]["primaryFields"][0]["changeMessage"] == (
            "Tea: %@ stamps"
        )
