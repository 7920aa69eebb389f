"""The owner's whole path through the command lines, against a real `loyalty-cloud serve`:
create the owner, get a pairing code, pair the demo kiosk, stamp, sync, read the status."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import httpx
import pytest

from kiosk.store import meta, open_store
from tests.sync.harness import PASSWORD, VENV_BIN, CloudProcess, OwnerApi, cloud_env, create_owner


def _kiosk(*args: str, data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def served(tmp_path):
    create_owner(tmp_path / "cloud", "owner@shop.example")
    cloud = CloudProcess(tmp_path / "cloud")
    cloud.start()
    yield cloud
    cloud.stop()


def _code(cloud) -> str:
    made = _pairing_code(cloud)
    assert made.returncode == 0, made.stderr
    return made.stdout.split("\t")[0]


def _pairing_code(cloud, password=PASSWORD, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(VENV_BIN / "loyalty-cloud"),
            "pairing-code",
            "--url",
            cloud.url,
            "--email",
            "owner@shop.example",
            "--password",
            password,
            "--name",
            "Till 1",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=cloud_env(),
    )


def test_pair_stamp_sync_status_from_the_command_line(served, tmp_path):
    data = tmp_path / "kiosk"
    assert _kiosk("demo", data_dir=data).returncode == 0
    wrong = _pairing_code(served, password="not the password")
    assert wrong.returncode == 1
    assert "sign-in refused" in wrong.stderr
    made = _pairing_code(served)
    assert made.returncode == 0, made.stderr
    code = made.stdout.split("\t")[0]
    assert len(code.replace("-", "")) == 8

    # the demo shop holds customers: pairing says so (refused: exit 2), then the owner is told
    # how much discarding drops, and discards it only with --yes
    refused = _kiosk("pair", served.url, code, "--token-file", data_dir=data)
    assert refused.returncode == 2, refused.stderr
    assert "never paired" in refused.stderr
    unconfirmed = _kiosk("pair", served.url, code, "--token-file", "--discard-local-data", data_dir=data)
    assert unconfirmed.returncode == 2, unconfirmed.stderr
    assert "would delete 36 customer(s), 48 card(s) and 48 event(s), 48 of them not yet synced" in (
        unconfirmed.stderr
    )
    assert "--yes" in unconfirmed.stderr
    assert json.loads(_kiosk("status", data_dir=data).stdout)["pending"] == 48  # nothing discarded
    paired = _kiosk("pair", served.url, code, "--token-file", "--discard-local-data", "--yes", data_dir=data)
    assert paired.returncode == 0, paired.stdout + paired.stderr
    assert "discarded: 36 customer(s), 48 card(s) and 48 event(s), 48 of them not yet synced" in paired.stdout
    again = _kiosk("pair", served.url, code, "--token-file", data_dir=tmp_path / "other")
    assert again.returncode != 0  # single use
    # the audit log says it was the command line (no one signed in there)
    store = open_store(data, now=datetime.now(UTC))
    try:
        with store.reading() as conn:
            (entry,) = [e for e in meta.audit_entries(conn) if e["action"] == "kiosk_paired"]
    finally:
        store.close()
    assert entry["detail"]["via"] == "command line"
    assert entry["staff_name"] is None

    # a paired shop's offers come from the cloud: the owner creates one there, the kiosk pulls it
    with httpx.Client(base_url=served.url) as http:
        OwnerApi(http, "owner@shop.example").offer(name="Coffee card", stamps_required=10)
    assert _kiosk("sync", data_dir=data).returncode == 0
    enrolled = json.loads(_kiosk("enroll", "Pat Cloud", data_dir=data).stdout)
    token = enrolled["cards"][0]["qr"]
    assert _kiosk("scan", token, data_dir=data).returncode == 0
    status = json.loads(_kiosk("status", data_dir=data).stdout)
    assert status["pending"] >= 2  # the enrolment and the stamp
    synced = _kiosk("sync", data_dir=data)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert f"{status['pending']} accepted, 0 already in the cloud, 0 rejected" in synced.stdout
    status = json.loads(_kiosk("status", data_dir=data).stdout)
    assert status["pending"] == 0
    # the state of the last round is kept: right after a good sync, `status` says online
    assert status["state"] == "online", status
    assert status["online"] is True
    assert status["credential_shared"] is False
    card = json.loads(_kiosk("card", token, data_dir=data).stdout)["card"]
    assert card["stamps"] == 1


def test_unpair_keeps_pending_events_and_pairing_again_with_the_business_sends_them(served, tmp_path):
    data = tmp_path / "till"
    with httpx.Client(base_url=served.url) as http:
        owner = OwnerApi(http, "owner@shop.example")
        owner.offer(name="Coffee card", stamps_required=10)
    code = _code(served)
    assert _kiosk("pair", served.url, code, "--token-file", data_dir=data).returncode == 0
    assert _kiosk("sync", data_dir=data).returncode == 0
    enrolled = json.loads(_kiosk("enroll", "Pat Pending", data_dir=data).stdout)
    card_id = enrolled["cards"][0]["card_id"]
    assert _kiosk("scan", enrolled["cards"][0]["qr"], data_dir=data).returncode == 0
    served.stop()  # the cloud is away while the owner unpairs: the events stay, and it says so
    unpaired = _kiosk("unpair", data_dir=data)
    assert unpaired.returncode == 0, unpaired.stderr
    assert "before unpairing: offline" in unpaired.stdout
    assert "2 event(s) not yet synced are kept in this kiosk's ledger" in unpaired.stdout
    assert "'Cafe'" in unpaired.stdout
    served.start()
    code = _code(served)
    # the same business: allowed, nothing discarded, the pending events kept
    again = _kiosk("pair", served.url, code, "--token-file", data_dir=data)
    assert again.returncode == 0, again.stderr
    assert "kept: 2 event(s) not yet synced" in again.stdout
    synced = _kiosk("sync", data_dir=data)
    assert synced.returncode == 0, synced.stdout
    assert "synced: 2 accepted, 0 already in the cloud, 0 rejected" in synced.stdout
    with httpx.Client(base_url=served.url) as http:
        assert OwnerApi(http, "owner@shop.example").card(card_id)["balance"]["units"] == 1


def test_an_owner_of_two_businesses_says_which_one_her_pairing_code_is_for(served, tmp_path):
    """Emails are unique per business (issue 12, item 12): the operator makes the same person
    owner of a second business only when asked to, and her sign-in then asks which business."""
    again = create_owner(tmp_path / "cloud", "owner@shop.example", "Bakery", check=False)
    assert again.returncode == 1
    assert "already signs in to business 1 ('Cafe')" in again.stderr
    assert "--another-business" in again.stderr
    second = create_owner(tmp_path / "cloud", "owner@shop.example", "Bakery", "--another-business")
    assert "created business 2 ('Bakery')" in second.stdout
    assert "pairing-code --business-id 2" in second.stdout  # same password: she will be asked

    which = _pairing_code(served)
    assert which.returncode == 1
    assert "1 (Cafe), 2 (Bakery)" in which.stderr
    assert "--business-id" in which.stderr
    made = _pairing_code(served, PASSWORD, "--business-id", "2")
    assert made.returncode == 0, made.stderr
    assert "(location Main;" in made.stdout
    with httpx.Client(base_url=served.url, timeout=15) as http:
        bakery = OwnerApi(http, "owner@shop.example", business_id=2)
        cafe = OwnerApi(http, "owner@shop.example", business_id=1)
        assert [loc["name"] for loc in bakery._ok(http.get("/api/v1/locations", headers=bakery.headers))] == [
            "Main"
        ]
        assert cafe._ok(http.get("/api/v1/locations", headers=cafe.headers)) == []
