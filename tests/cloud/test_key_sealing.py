"""Businesses' signing keys are sealed at rest (cloud/keyseal.py): the database alone holds no
usable private key, keys from before sealing are sealed at start-up, and a wrong
key-encryption key stops the start with a message that names it."""

from __future__ import annotations

import base64
import stat

import pytest
from sqlalchemy import select, update

import cardtoken
from cloud.app import create_app
from cloud.keyseal import KEK_FILE, KeySealer, KeySealError, decode_kek
from cloud.models import SigningKey
from cloud.services import CLOUD_KEY_ID


def _business_key(cloud, business_id: int) -> SigningKey:
    with cloud.db.writing() as session:
        row = session.scalars(
            select(SigningKey).where(SigningKey.business_id == business_id, SigningKey.key_id == CLOUD_KEY_ID)
        ).one()
        session.expunge(row)
        return row


def _issue_card(cloud, owner) -> cardtoken.CardToken:
    offer = cloud.offer(owner)
    customer = cloud.client.post("/api/v1/customers", json={"name": "Zoe"}, headers=owner.headers).json()[
        "id"
    ]
    r = cloud.client.post(
        f"/api/v1/customers/{customer}/cards", json={"program_id": offer}, headers=owner.headers
    )
    assert r.status_code == 201, r.text
    return cardtoken.decode(r.json()["token"])


def test_the_database_holds_sealed_keys_and_cards_still_verify(cloud, settings):
    owner = cloud.owner()
    row = _business_key(cloud, owner.business_id)
    assert len(row.private_key) == 61
    assert row.private_key[:1] == b"\x01"
    raw = cloud.app.state.ctx.sealer.open(row.private_key, owner.business_id, CLOUD_KEY_ID)
    assert len(raw) == 32
    assert raw not in row.private_key
    token = _issue_card(cloud, owner)
    assert cardtoken.verify(token, row.public_key)
    if settings.database_url.startswith("sqlite"):  # the file a backup copies
        database_file = settings.database_url.removeprefix("sqlite:///")
        with open(database_file, "rb") as f:
            assert raw not in f.read()
    kek_file = settings.data_dir / KEK_FILE
    assert stat.S_IMODE(kek_file.stat().st_mode) == 0o600


def test_keys_stored_before_sealing_are_sealed_at_start(make_cloud, settings):
    first = make_cloud(settings)
    owner = first.owner()
    row = _business_key(first, owner.business_id)
    raw = first.app.state.ctx.sealer.open(row.private_key, owner.business_id, CLOUD_KEY_ID)
    with first.db.writing() as session:  # what a database from before this change holds
        session.execute(
            update(SigningKey)
            .where(SigningKey.business_id == owner.business_id, SigningKey.key_id == CLOUD_KEY_ID)
            .values(private_key=raw)
        )
    again = make_cloud(settings)
    resealed = _business_key(again, owner.business_id)
    assert len(resealed.private_key) == 61
    token = _issue_card(again, owner)
    assert cardtoken.verify(token, row.public_key)


def test_a_wrong_key_encryption_key_stops_the_start_and_says_which(make_cloud, settings):
    make_cloud(settings).owner()
    other = base64.urlsafe_b64encode(bytes(range(32))).decode().rstrip("=")
    with pytest.raises(KeySealError, match=KEK_FILE):
        create_app(settings.replace(key_encryption_key=other))


def test_a_sealed_key_opens_only_for_its_own_business_and_key():
    sealer = KeySealer(bytes(32))
    sealed = sealer.seal(b"k" * 32, 7, 0)
    assert sealer.open(sealed, 7, 0) == b"k" * 32
    for business_id, key_id in ((8, 0), (7, 1)):
        with pytest.raises(KeySealError):
            sealer.open(sealed, business_id, key_id)
    with pytest.raises(KeySealError):
        sealer.open(b"\x02" + sealed[1:], 7, 0)


@pytest.mark.parametrize("text", ["", "not base64 at all!", "c2hvcnQ", "A" * 60])
def test_a_malformed_key_encryption_key_is_refused(text):
    with pytest.raises(KeySealError):
        decode_kek(text)
