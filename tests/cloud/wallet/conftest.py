from __future__ import annotations

from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.cloud.wallet.apns_standin import ApnsStandIn
from tests.cloud.wallet.passfiles import pass_verifier
from tests.cloud.wallet.pki import PASS_TYPE_ID, TEAM_ID, PassPki, make_pki

KEY_ID = "KEY1234567"  # the APNs key's id


@pytest.fixture(scope="session")
def pki() -> PassPki:
    """One CA for the session: RSA keys take a moment to make."""
    return make_pki()


@pytest.fixture
def pki_files(pki, tmp_path):
    folder = tmp_path / "pki"
    folder.mkdir()
    return pki.write(folder)


@pytest.fixture
def apns_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture
def standin(tmp_path, apns_key):
    """The APNs stand-in, trusting the owner's APNs key."""
    with ApnsStandIn(tmp_path / "apns", apns_key.public_key(), KEY_ID, TEAM_ID, PASS_TYPE_ID) as server:
        yield server


@pytest.fixture
def verify(pki_files, tmp_path):
    return pass_verifier(tmp_path / "received", pki_files["root"])


def setup_body(pki, **changes) -> dict:
    from tests.cloud.wallet.pki import key_pem, pem

    body = {
        "certificate": pem(pki.cert).decode(),
        "private_key": key_pem(pki.key).decode(),
        "wwdr_certificate": pem(pki.wwdr).decode(),
    }
    body.update(changes)
    return body


def issue_card(cloud, owner, *, name: str = "Zoe", colour: str = "#1E88E5") -> tuple[str, dict]:
    """A customer with a card issued by the cloud: (offer id, the issue answer with its token)."""
    offer = cloud.offer(owner, colour=colour)
    customer = cloud.client.post("/api/v1/customers", json={"name": name}, headers=owner.headers)
    assert customer.status_code == 201, customer.text
    r = cloud.client.post(
        f"/api/v1/customers/{customer.json()['id']}/cards", json={"program_id": offer}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    return offer, r.json()


# --- Google Wallet --------------------------------------------------------------------------------

GOOGLE_ISSUER = "3388000000022123456"
GOOGLE_CLIENT = "wallet@cafe-zoe.iam.gserviceaccount.com"


@pytest.fixture(scope="session")
def google_key():
    """The service account's RSA key: one per session, RSA keys take a moment to make."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def google(google_key):
    """The Google stand-in, trusting the service account's public key."""
    from tests.cloud.wallet.google_standin import GoogleStandIn

    with GoogleStandIn(GOOGLE_CLIENT, google_key.public_key()) as server:
        yield server


def google_key_file(key, token_uri: str, **changes) -> str:
    """A service-account key file as Google gives it (JSON text)."""
    import json

    from cryptography.hazmat.primitives import serialization

    body = {
        "type": "service_account",
        "project_id": "cafe-zoe",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
        "client_email": GOOGLE_CLIENT,
        "client_id": "100000000000000000001",
        "token_uri": token_uri,
    }
    body.update(changes)
    return json.dumps({k: v for k, v in body.items() if v is not None})


def google_setup(cloud, owner, key, token_uri: str) -> None:
    body = {"service_account_key": google_key_file(key, token_uri), "issuer_id": GOOGLE_ISSUER}
    r = cloud.client.put("/api/v1/wallet/google", json=body, headers=owner.headers)
    assert r.status_code == 200, r.text


@pytest.fixture
def google_cloud(make_cloud, settings, google):
    """A cloud whose Google Wallet REST calls go to the stand-in, retrying in milliseconds."""
    from cloud.wallet.apns import Backoff

    cloud = make_cloud(settings, google_wallet_api_url=google.api_url, rate_public_per_minute=1000)
    cloud.app.state.pass_updates.ctx.google.backoff = Backoff(attempts=4, first=0.01, most=0.05)
    return cloud


@dataclass
class GoogleShop:
    owner: object
    offer: str
    join_path: str


def google_shop(cloud, google_key, token_uri: str | None, colour: str = "#1E88E5") -> GoogleShop:
    """A business with a running offer and a join link; Google Wallet set up when token_uri is given."""
    owner = cloud.owner(business="Cafe Blue")
    offer = cloud.offer(
        owner, name="Coffee card", stamps_required=8, reward_text="A free coffee", colour=colour
    )
    r = cloud.client.post("/api/v1/join-links", json={}, headers=owner.headers)
    assert r.status_code == 201, r.text
    if token_uri is not None:
        google_setup(cloud, owner, google_key, token_uri)
    return GoogleShop(owner, offer, r.json()["path"])


def join(cloud, shop: GoogleShop, name: str = "Ada Lovelace", **headers) -> str:
    """She joins on the join page: her card page's address."""
    form = {"name": name, "email": f"{name.split()[0].lower()}@example.org", "consent": "yes"}
    r = cloud.client.post(shop.join_path, data=form, headers=headers, follow_redirects=False)
    assert r.status_code == 303, r.text
    return r.headers["location"]
