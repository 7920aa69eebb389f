""" "Add to Google Wallet" on her card page: the class and object are inserted at the (stand-in)
Google first, then she is sent to a save link whose RS256 JWT names only the object; the object
carries the same signed code the kiosk verifies and her balance. Without Google credentials the
page says so, in English and German, and the cloud runs on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

import cardtoken
from tests.cloud.qr_svg import decode_svg
from tests.cloud.wallet.conftest import GOOGLE_CLIENT, GOOGLE_ISSUER, google_shop, join

SAVE_URL = "https://pay.google.com/gp/v/save/"


def add_to_google(cloud, card_url: str) -> str:
    """Follow "Add to Google Wallet": the save link it sends her to."""
    card = cloud.client.get(card_url)
    assert f'href="{card_url}/google-pass"' in card.text
    assert "Add to Google Wallet" in card.text
    r = cloud.client.get(f"{card_url}/google-pass", follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]


def test_add_to_google_wallet_inserts_the_object_then_links_to_a_short_save_jwt(
    google_cloud, google, google_key
):
    cloud = google_cloud
    shop = google_shop(cloud, google_key, google.token_uri, colour="#8E24AA")
    card_url = join(cloud, shop)
    [code] = decode_svg(cloud.client.get(card_url).text)
    card_id = cardtoken.decode(code).card_id

    link = add_to_google(cloud, card_url)
    assert link.startswith(SAVE_URL)
    assert len(link) < 1800
    token = link.removeprefix(SAVE_URL)
    claims = jwt.decode(token, google_key.public_key(), algorithms=["RS256"], audience="google")
    object_id = f"{GOOGLE_ISSUER}.b{shop.owner.business_id}-card-{card_id}"
    assert (claims["iss"], claims["typ"]) == (GOOGLE_CLIENT, "savetowallet")
    assert claims["payload"] == {"loyaltyObjects": [{"id": object_id}]}  # only the id
    assert jwt.get_unverified_header(token)["alg"] == "RS256"

    stored = google.object(object_id)
    assert stored is not None  # inserted before she was sent to Google
    assert stored["barcode"]["type"] == "QR_CODE"
    assert stored["barcode"]["value"] == code  # the very token the kiosk verifies
    assert stored["loyaltyPoints"]["balance"]["string"] == "0 of 8"
    assert stored["loyaltyPoints"]["label"] == "Coffee card"
    assert (stored["accountName"], stored["state"]) == ("Ada Lovelace", "ACTIVE")
    klass = google.resources["loyaltyClass"][stored["classId"]]
    assert klass["id"].startswith(GOOGLE_ISSUER + ".")
    assert (klass["issuerName"], klass["programName"]) == ("Cafe Blue", "Coffee card")
    assert klass["hexBackgroundColor"].upper() == "#8E24AA"


def test_the_save_link_is_valid_by_the_real_clock_whatever_the_clouds_clock_says(
    google_cloud, google, google_key
):
    """Google checks the save JWT's iat against the real time: a cloud clock a day ahead (or one
    set at noon while it is morning) must not make a link Google calls "not yet valid"."""
    cloud = google_cloud
    shop = google_shop(cloud, google_key, google.token_uri)
    card_url = join(cloud, shop)
    for ahead in (timedelta(days=1), timedelta(hours=-30)):
        cloud.clock.now = datetime.now(UTC) + ahead
        token = add_to_google(cloud, card_url).removeprefix(SAVE_URL)
        claims = jwt.decode(token, google_key.public_key(), algorithms=["RS256"], audience="google")
        assert abs(claims["iat"] - datetime.now(UTC).timestamp()) < 600


def test_adding_again_updates_the_object_google_already_has(google_cloud, google, google_key):
    cloud = google_cloud
    shop = google_shop(cloud, google_key, google.token_uri)
    card_url = join(cloud, shop)
    first = add_to_google(cloud, card_url)
    [code] = decode_svg(cloud.client.get(card_url).text)
    kiosk = cloud.kiosk(shop.owner)
    card_id = cardtoken.decode(code).card_id
    google.faults.extend([503])  # the stamp's update job is tried again: never lost
    cloud.push(kiosk, cloud.event("earn", card_id, shop.offer, 2))
    assert cloud.app.state.pass_updates.wait_idle(10)
    second = add_to_google(cloud, card_url)
    assert first.startswith(SAVE_URL)
    assert second.startswith(SAVE_URL)
    assert 409 in google.refused  # the second insert found them: they were patched instead
    assert len(google.resources["loyaltyObject"]) == 1
    [stored] = google.resources["loyaltyObject"].values()
    assert stored["loyaltyPoints"]["balance"]["string"] == "2 of 8"


def test_google_unreachable_says_try_again_and_stores_the_object_for_later(google_cloud, google, google_key):
    cloud = google_cloud
    shop = google_shop(cloud, google_key, google.token_uri)
    card_url = join(cloud, shop)
    google.faults.extend([500])
    r = cloud.client.get(f"{card_url}/google-pass", follow_redirects=False)
    assert r.status_code == 503
    assert "Google Wallet is not reachable" in r.text
    assert google.resources["loyaltyObject"] == {}
    assert add_to_google(cloud, card_url).startswith(SAVE_URL)  # the next try works
    assert len(google.resources["loyaltyObject"]) == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Google Wallet is not set up for this business yet."),
        ("de", "Google Wallet ist für dieses Geschäft noch nicht eingerichtet."),
    ],
)
def test_without_google_credentials_the_card_page_says_so(cloud, google_key, language, message):
    shop = google_shop(cloud, google_key, None)
    card_url = join(cloud, shop)
    page = cloud.client.get(card_url, headers={"Accept-Language": language})
    assert page.status_code == 200
    assert message in page.text
    assert "google-pass" not in page.text
    assert cloud.client.get(f"{card_url}/google-pass").status_code == 404
    assert cloud.client.get("/healthz").status_code == 200


def test_a_key_google_does_not_know_gets_no_token_and_the_page_says_try_again(google_cloud, google):
    from cryptography.hazmat.primitives.asymmetric import rsa

    cloud = google_cloud
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # not the account's key
    shop = google_shop(cloud, stranger, google.token_uri)
    r = cloud.client.get(f"{join(cloud, shop)}/google-pass", follow_redirects=False)
    assert r.status_code == 503
    assert 400 in google.refused  # the stand-in checked the assertion's signature and refused it
    assert google.resources["loyaltyObject"] == {}
    assert httpx.post(f"{google.api_url}/loyaltyObject", json={"id": "1.x"}).status_code == 401  # no bearer


def test_the_google_save_page_stand_in_takes_the_clouds_link_and_refuses_any_other(
    google_cloud, google, google_key
):
    """The story test reads "saved <object id>" from the stand-in's save page: that page must
    refuse what Google would (another key, another audience or typ, an object never inserted)."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    cloud = google_cloud
    shop = google_shop(cloud, google_key, google.token_uri)
    token = add_to_google(cloud, join(cloud, shop)).removeprefix(SAVE_URL)
    claims = jwt.decode(token, google_key.public_key(), algorithms=["RS256"], audience="google")
    [named] = claims["payload"]["loyaltyObjects"]
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    bad = {
        "another key": jwt.encode(claims, stranger, algorithm="RS256"),
        "another audience": jwt.encode({**claims, "aud": "apple"}, google_key, algorithm="RS256"),
        "another typ": jwt.encode({**claims, "typ": "other"}, google_key, algorithm="RS256"),
        "unsigned": jwt.encode(claims, None, algorithm="none"),
        "no such object": jwt.encode(
            {**claims, "payload": {"loyaltyObjects": [{"id": f"{GOOGLE_ISSUER}.nobody"}]}},
            google_key,
            algorithm="RS256",
        ),
    }
    with httpx.Client(timeout=10, trust_env=False) as http:
        refused = {why: http.get(f"{google.save_url}/{t}").status_code for why, t in bad.items()}
        assert refused == dict.fromkeys(bad, 400)
        assert google.saved == []
        page = http.get(f"{google.save_url}/{token}")
    assert (page.status_code, page.text.count("saved ")) == (200, 1)
    assert f"saved {named['id']}" in page.text
    assert google.saved == [named["id"]]
