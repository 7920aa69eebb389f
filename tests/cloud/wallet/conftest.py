from __future__ import annotations

import pytest

from tests.cloud.wallet.pki import PassPki, make_pki


@pytest.fixture(scope="session")
def pki() -> PassPki:
    """One CA for the session: RSA keys take a moment to make."""
    return make_pki()


@pytest.fixture
def pki_files(pki, tmp_path):
    folder = tmp_path / "pki"
    folder.mkdir()
    return pki.write(folder)


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
