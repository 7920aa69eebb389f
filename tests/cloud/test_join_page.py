"""The customer's join page and card page (issue 16), through the real app and a real database
(SQLite and PostgreSQL): what a phone's browser posts, what it is answered, what is stored."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile

import pytest
from sqlalchemy import func, select

import cardtoken
from cloud.join.texts import PRIVACY_VERSION
from cloud.models import AuditEntry, CardLink, Customer, MemberJoin
from tests.cloud.qr_svg import decode_svg
from tests.cloud.wallet.conftest import setup_body
from tests.cloud.wallet.pki import make_pki

FORM = {"name": "Ada Lovelace", "email": "ada@example.org", "phone": "", "consent": "yes", "referral": ""}


def join_link(cloud, owner, **body) -> str:
    r = cloud.client.post("/api/v1/join-links", json=body, headers=owner.headers)
    assert r.status_code == 201, r.text
    assert r.json()["path"] == f"/j/{r.json()['code']}"
    return r.json()["path"]


def business(cloud, name: str = "Cafe Blue"):
    owner = cloud.owner(business=name)
    offer = cloud.offer(owner, name="Coffee card", stamps_required=8, reward_text="A free coffee")
    return owner, offer, join_link(cloud, owner)


def post(cloud, path: str, **changes):
    return cloud.client.post(path, data={**FORM, **changes}, follow_redirects=False)


def count(cloud, model, *where) -> int:
    with cloud.db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def error_of(html: str, field: str) -> str | None:
    found = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    return found.group(1) if found else None


def test_join_lands_on_her_card_page_whose_qr_the_kiosk_verifies(cloud):
    owner, offer, path = business(cloud)
    page = cloud.client.get(path)
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "Join Cafe Blue" in page.text
    assert '<label for="email">' in page.text
    assert "Privacy notice" in page.text

    r = post(cloud, path, referral="FRIEND-42")
    assert r.status_code == 303
    card_url = r.headers["location"]
    assert re.fullmatch(r"/c/[A-Za-z0-9_-]{43}", card_url)
    card = cloud.client.get(card_url)
    assert card.status_code == 200
    assert "Your card at Cafe Blue" in card.text
    assert "Ada Lovelace" in card.text
    assert "Coffee card" in card.text
    assert "0 of 8 stamps" in card.text
    assert "Add to Apple Wallet" not in card.text  # the business has no Wallet set up
    assert "Apple Wallet is not set up for this business yet." in card.text
    assert card.headers["referrer-policy"] == "no-referrer"
    assert "script-src" not in card.headers["content-security-policy"]  # none at all: default-src 'none'

    [text] = decode_svg(card.text)
    token = cardtoken.decode(text)
    kiosk = cloud.kiosk(owner)
    pulled = cloud.pull(kiosk)
    keys = {k["key_id"]: base64.urlsafe_b64decode(k["public_key"] + "=") for k in pulled["keys"]}
    assert token.business_id == owner.business_id
    assert cardtoken.verify(token, keys[token.key_id])
    [pulled_card] = [c for c in pulled["cards"] if c["id"] == token.card_id]
    [customer] = [c for c in pulled["customers"] if c["id"] == pulled_card["customer_id"]]
    assert (customer["name"], customer["email"], pulled_card["program_id"]) == (
        "Ada Lovelace",
        "ada@example.org",
        offer,
    )
    with cloud.db.read_session() as session:
        [joined] = session.scalars(select(MemberJoin)).all()
        assert (joined.customer_id, joined.card_id) == (customer["id"], token.card_id)
        assert joined.referral_code == "FRIEND-42"
        assert not joined.existing_member
        assert joined.consent_version == PRIVACY_VERSION
        assert joined.consented_at == cloud.clock()
        [link] = session.scalars(select(CardLink)).all()
        assert card_url.removeprefix("/c/") not in link.secret_hash  # only its hash is kept


def test_the_card_page_shows_balances_as_they_change(cloud):
    owner, offer, path = business(cloud)
    card_url = post(cloud, path).headers["location"]
    [text] = decode_svg(cloud.client.get(card_url).text)
    kiosk = cloud.kiosk(owner)
    card_id = cardtoken.decode(text).card_id
    cloud.push(kiosk, cloud.event("earn", card_id, offer, 3))
    assert "3 of 8 stamps" in cloud.client.get(card_url).text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Please enter your name."),
        ({"email": "", "phone": ""}, "email", "Please enter your email address or your phone number."),
        ({"email": "ada(at)example"}, "email", "This does not look like an email address"),
        ({"email": "", "phone": "12"}, "phone", "This does not look like a phone number"),
        ({"consent": ""}, "consent", "Please agree to the privacy notice to join."),
        ({"referral": "x" * 65}, "referral", "This is too long."),
        ({"name": "Ada\x00"}, "name", "Please remove the special characters."),
    ],
)
def test_a_field_problem_is_shown_next_to_it_with_her_input_kept_and_nothing_stored(
    cloud, changes, field, message
):
    _owner, _offer, path = business(cloud)
    r = post(cloud, path, **{"referral": "FRIEND-42", **changes})
    assert r.status_code == 422
    assert message in (error_of(r.text, field) or "")
    assert f'aria-describedby="{field}-error"' in r.text or f'{field}-error"' in r.text
    for kept in ("name", "email", "referral"):
        value = {**FORM, "referral": "FRIEND-42", **changes}[kept]
        if value.strip() and "\x00" not in value:
            assert f'value="{value}"' in r.text
    assert count(cloud, Customer) == 0
    assert count(cloud, MemberJoin) == 0


def test_the_honeypot_gets_a_polite_answer_and_nothing_is_stored(cloud):
    _owner, _offer, path = business(cloud)
    r = post(cloud, path, website="http://spam.example")
    assert r.status_code == 200
    assert "Thank you for your interest" in r.text
    assert "/c/" not in r.text
    assert count(cloud, Customer) == 0
    assert count(cloud, MemberJoin) == 0
    assert count(cloud, CardLink) == 0


def test_a_known_email_or_phone_never_opens_her_card_and_gets_the_same_answer(cloud):
    _owner, _offer, path = business(cloud)
    first = post(cloud, path, phone="+49 30 1234567")
    again = post(cloud, path, name="Someone", email="ADA@example.org ", phone="")
    by_phone = post(cloud, path, name="Someone", email="", phone="+49 30 1234567")
    # the same answer each time: a 303 to a card page of its own, nothing that tells them apart
    assert {r.status_code for r in (first, again, by_phone)} == {303}
    assert set(first.headers) == set(again.headers) == set(by_phone.headers)
    urls = [r.headers["location"] for r in (first, again, by_phone)]
    pages = [cloud.client.get(u) for u in urls]
    assert {p.status_code for p in pages} == {200}
    # whoever typed her email or phone gets a card of their own, never her code or her name
    codes = [decode_svg(p.text)[0] for p in pages]
    assert len(set(codes)) == 3
    assert all("Ada Lovelace" not in p.text for p in pages[1:])
    assert count(cloud, Customer) == 3
    with cloud.db.read_session() as session:
        ada = session.scalars(select(Customer).where(Customer.name == "Ada Lovelace")).one()
        assert ada.email == "ada@example.org"  # her details unchanged
        assert ada.phone is not None
        joins = session.scalars(select(MemberJoin).order_by(MemberJoin.existing_member)).all()
        assert [j.existing_member for j in joins] == [False, True, True]
        assert all(j.consent_version == PRIVACY_VERSION for j in joins)
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "customer.join")).all()
        assert len(entries) == 3
        details = [json.loads(e.detail) for e in entries]
        assert sorted(d.get("possible_duplicate_of", "") for d in details) == ["", ada.id, ada.id]


@pytest.mark.parametrize(
    "forged",
    [
        "/c/" + "A" * 43,
        "/c/1",
        "/c/" + "x" * 200,
        "/c/%00",
    ],
)
def test_the_card_page_is_only_behind_its_secret_link(cloud, forged):
    _owner, _offer, path = business(cloud)
    real = post(cloud, path).headers["location"]
    secret = real.removeprefix("/c/")
    swapped = secret.swapcase() if secret.swapcase() != secret else secret[::-1]
    for guess in (forged, real[:-1], real + "A", "/c/" + swapped, forged + "/apple-pass"):
        r = cloud.client.get(guess)
        assert r.status_code == 404, guess
        assert "This link is not valid" in r.text
    assert cloud.client.get(real).status_code == 200


def test_an_unknown_join_link_is_a_friendly_404_and_stores_nothing(cloud):
    business(cloud)
    assert "This link is not valid" in cloud.client.get("/j/nope").text
    r = post(cloud, "/j/nope")
    assert r.status_code == 404
    assert count(cloud, Customer) == 0


def test_german_page_from_the_business_language_or_the_browser(cloud):
    owner, _offer, path = business(cloud, "Café Blau")
    german_browser = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}
    page = cloud.client.get(path, headers=german_browser)
    assert '<html lang="de">' in page.text
    assert "Mitglied werden bei Café Blau" in page.text
    assert '<html lang="en">' in cloud.client.get(path, headers={"Accept-Language": "fr, en;q=0.3"}).text

    r = cloud.client.patch("/api/v1/businesses/me", json={"language": "de"}, headers=owner.headers)
    assert r.status_code == 200
    assert r.json()["language"] == "de"
    page = cloud.client.get(path, headers={"Accept-Language": "en"})
    assert '<html lang="de">' in page.text
    r = post(cloud, path, email="", phone="030 1234567", consent="")  # a German number without +49
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in (error_of(r.text, "consent") or "")
    assert error_of(r.text, "phone") is None
    card = cloud.client.get(post(cloud, path, email="", phone="030 1234567").headers["location"])
    assert "Ihre Karte bei Café Blau" in card.text
    assert "0 von 8 Stempeln" in card.text
    with cloud.db.read_session() as session:
        assert session.scalar(select(Customer.phone)) == "+49301234567"


def test_rate_limits_answer_a_friendly_page(make_cloud, settings):
    # the owner's sign-in (in business()) is one public request of this IP too
    cloud = make_cloud(settings, rate_signup_per_hour=2, rate_public_per_minute=4)
    _owner, _offer, path = business(cloud)
    assert [cloud.client.get(path).status_code for _ in range(3)] == [200, 200, 200]
    limited = cloud.client.get(path)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert "Please wait a moment" in limited.text
    assert "Please try again in 1 minute." in limited.text  # a per-minute limit: one minute, singular
    assert "<html" in limited.text
    statuses = [post(cloud, path, email=f"p{i}@example.org").status_code for i in range(3)]
    assert statuses == [303, 303, 429]
    assert count(cloud, Customer) == 2


def test_add_to_apple_wallet_downloads_her_pass_with_her_code(cloud):
    owner, _offer, path = business(cloud)
    # before the owner sets Wallet up, her page says so and offers no pass
    before = cloud.client.get(post(cloud, path, email="first@example.org").headers["location"])
    assert "Apple Wallet is not set up for this business yet." in before.text
    assert "apple-pass" not in before.text
    pki = make_pki()
    r = cloud.client.put("/api/v1/wallet/apple", json=setup_body(pki), headers=owner.headers)
    assert r.status_code == 200, r.text
    card_url = post(cloud, path).headers["location"]
    card = cloud.client.get(card_url)
    assert f'href="{card_url}/apple-pass"' in card.text
    assert "Add to Apple Wallet" in card.text
    assert "Apple Wallet is not set up" not in card.text
    r = cloud.client.get(f"{card_url}/apple-pass")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.apple.pkpass"
    pass_json = json.loads(zipfile.ZipFile(io.BytesIO(r.content)).read("pass.json"))
    assert [b["message"] for b in pass_json["barcodes"]] == decode_svg(card.text)


def test_what_she_types_is_shown_as_text_never_as_markup(cloud):
    _owner, _offer, path = business(cloud)
    name = '"><b>bold</b><script>alert(1)</script>'
    again = post(cloud, path, name=name, consent="")
    assert again.status_code == 422
    assert "<script>alert(1)</script>" not in again.text
    assert "<b>bold</b>" not in again.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in again.text
    card = cloud.client.get(post(cloud, path, name=name).headers["location"])
    assert card.status_code == 200
    assert "<script>alert(1)</script>" not in card.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card.text


def test_a_location_has_a_join_link_of_its_own_and_each_join_records_it(cloud):
    owner, _offer, _path = business(cloud)
    location = cloud.location(owner, "Station kiosk")
    r = cloud.client.post("/api/v1/join-links", json={"location_id": location}, headers=owner.headers)
    assert r.status_code == 201
    assert r.json()["location"] == location
    other = cloud.owner(business="Elsewhere")
    foreign = cloud.client.post(
        "/api/v1/join-links", json={"location_id": cloud.location(other)}, headers=owner.headers
    )
    assert foreign.status_code == 404
    assert post(cloud, r.json()["path"]).status_code == 303
    with cloud.db.read_session() as session:
        [joined] = session.scalars(select(MemberJoin)).all()
        assert (joined.join_code, joined.location_id) == (r.json()["code"], location)
    listed = cloud.client.get("/api/v1/join-links", headers=owner.headers).json()
    assert sorted(link["location"] or "" for link in listed) == sorted(["", location])


def test_her_link_follows_a_lost_cards_new_code_and_dies_with_her_erasure(cloud):
    owner, offer, path = business(cloud)
    card_url = post(cloud, path).headers["location"]
    [old] = decode_svg(cloud.client.get(card_url).text)
    old_id = cardtoken.decode(old).card_id
    with cloud.db.read_session() as session:
        customer_id = session.scalar(select(Customer.id))

    assert cloud.client.delete(f"/api/v1/cards/{old_id}", headers=owner.headers).status_code == 204
    assert cloud.client.get(card_url).status_code == 404  # no live card: nothing to show
    r = cloud.client.post(
        f"/api/v1/customers/{customer_id}/cards", json={"program_id": offer}, headers=owner.headers
    )
    assert r.status_code == 201
    page = cloud.client.get(card_url)
    assert page.status_code == 200
    assert decode_svg(page.text) == [r.json()["token"]]

    assert cloud.client.delete(f"/api/v1/customers/{customer_id}", headers=owner.headers).status_code == 204
    gone = cloud.client.get(card_url)
    assert gone.status_code == 404
    assert "Ada" not in gone.text


def test_a_business_with_no_running_offer_says_so_and_stores_nothing(cloud):
    owner = cloud.owner(business="Closed Cafe")
    path = join_link(cloud, owner)
    r = post(cloud, path)
    assert r.status_code == 409
    assert "Closed Cafe has no loyalty programme running" in r.text
    assert count(cloud, Customer) == 0
    assert count(cloud, MemberJoin) == 0
