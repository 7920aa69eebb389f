"""Erasing a customer (GDPR) when kiosks are paired: the owner erases in the cloud
(DELETE /api/v1/customers/{id}), and every kiosk drops the person's data at its next pull.
The standalone erasure is in tests/unit/test_privacy.py."""

from __future__ import annotations

import pytest

from kiosk.domain.model import CardStatus, Role
from kiosk.domain.refusals import Reason
from kiosk.services import customers, privacy, replacement
from kiosk.services.context import Actor
from kiosk.store import directory, ledger, meta, sync_repo
from kiosk.store.db import DB_FILENAME, wal_checkpoint

OWNER = Actor(None, "Olivia Owner", Role.OWNER)  # the cloud takes staff ids as UUIDs or none
NAME, EMAIL, PHONE = "Quentin Zylberstein", "quentin.zyl@example.org", "+491705551234"


def _sync(kiosk, cloud) -> None:
    status = kiosk.engine(cloud.http).run_round()
    assert status.online, status.last_error


@pytest.fixture
def enrolled(cloud, make_kiosk):
    """Kiosk a enrolls the customer (and makes a new code for the card); b learns it by a pull."""
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    out = customers.enroll(a.ctx, NAME, email=EMAIL, phone=PHONE, actor=OWNER)
    assert out.ok, out.message
    (view,) = out.cards
    token = out.tokens[view.card.id]
    assert a.stamp(token).refusal is None
    assert replacement.new_code(a.ctx, view.card.id, actor=OWNER).ok
    _sync(a, cloud)
    _sync(b, cloud)
    with a.store.reading() as conn:
        assert sync_repo.outbox_counts(conn) == {"pending": 0, "rejected": 0, "held": 0}
    return a, b, out.customer.id, view.card.id, token


def _erase_in_the_cloud(cloud, customer_id: str) -> None:
    r = cloud.owner.http.delete(f"/api/v1/customers/{customer_id}", headers=cloud.owner.headers)
    assert r.status_code == 204, r.text


def test_a_paired_kiosk_refuses_and_the_clouds_erasure_reaches_every_kiosk(cloud, enrolled):
    a, b, customer_id, card_id, token = enrolled
    refused = privacy.erase_customer(a.ctx, customer_id, actor=OWNER)
    assert refused.refusal.reason is Reason.INVALID_INPUT
    assert "erase the customer in the cloud" in refused.message
    with a.store.reading() as conn:
        assert directory.get_customer(conn, customer_id).email == EMAIL  # the refusal changed nothing

    with a.store.reading() as conn:
        recorded = ledger.events_of_card(conn, card_id)  # b holds the cloud's balance, no events
    _erase_in_the_cloud(cloud, customer_id)
    for kiosk in (a, b):
        before = kiosk.card(card_id).balance
        _sync(kiosk, cloud)
        with kiosk.store.reading() as conn:
            person = directory.get_customer(conn, customer_id)
            for query in (NAME, "quentin", EMAIL, PHONE):
                assert directory.search_customers(conn, query) == [], query
        assert (person.name, person.email, person.phone, person.marketing_consent) == (
            "(erased)",  # what the cloud writes, and what a standalone erasure writes too
            None,
            None,
            False,
        )
        assert kiosk.card(card_id).status is CardStatus.REVOKED
        assert kiosk.card(card_id).balance == before  # the ledger stays
        refused = kiosk.stamp(token)
        assert refused.refusal.reason is Reason.CARD_REVOKED
    with a.store.reading() as conn:
        assert ledger.events_of_card(conn, card_id) == recorded
    assert [e.kind.value for e in recorded] == ["earn", "enroll"]
    wal_checkpoint(b.store)
    raw = b"".join(p.read_bytes() for p in b.data_dir.glob(f"{DB_FILENAME}*"))
    for secret in (NAME, EMAIL, PHONE):
        assert secret.encode() not in raw, secret  # b never had more than the directory row


@pytest.fixture
def erased_in_the_cloud(cloud, enrolled):
    """The enrolling kiosk after the cloud's erasure and its next pull."""
    a, _b, customer_id, _card_id, _token = enrolled
    _erase_in_the_cloud(cloud, customer_id)
    _sync(a, cloud)
    with a.store.reading() as conn:
        assert directory.get_customer(conn, customer_id).name == "(erased)"
    return a


def test_the_enrolling_kiosk_keeps_no_name_in_its_audit_log_after_the_pull(erased_in_the_cloud):
    with erased_in_the_cloud.store.reading() as conn:
        entries = meta.audit_entries(conn, limit=10_000)
    assert NAME not in repr(entries)
