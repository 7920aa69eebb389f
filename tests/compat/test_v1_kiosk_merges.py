"""What a version-1 kiosk (the code of d983ead, before member merges) shows once another till
merged two sign-ups of one person: its own pull code applies the cloud's real answers in a
subprocess (tests/compat/v1_kiosk.py), and its own search says what a cashier there sees. The
cloud cannot tell the two versions apart (docs/wire.md, "A version-1 kiosk and the version-2
cloud"), so this is the one answer both get."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import cardtoken
from cloud.app import create_app
from cloud.clock import FakeClock
from cloud.settings import Settings
from tests.cloud.conftest import FAST_HASH, HIGH_LIMITS, Cloud

REPO = Path(__file__).resolve().parents[2]
V1_COMMIT = "d983ead"  # the code tests/compat/fixtures were made by
SCRIPT = Path(__file__).with_name("v1_kiosk.py")
# `git archive d983ead kiosk cardtoken loyalty_rules resources | gzip -9n`
V1_CODE = Path(__file__).with_name("fixtures") / "v1-code.tar.gz"
V1_PACKAGES = ("kiosk", "cardtoken", "loyalty_rules", "resources")


@pytest.fixture(scope="module")
def v1_code(tmp_path_factory) -> Path:
    """The kiosk's packages as of the version-1 commit, kept as a fixture (a shallow clone has no
    history to take them from); test_the_kept_v1_code_is_that_commits checks it where it has."""
    where = tmp_path_factory.mktemp("v1_code")
    with tarfile.open(V1_CODE) as tar:
        tar.extractall(where, filter="data")
    return where


def test_the_kept_v1_code_is_that_commits():
    """The fixture holds exactly what git archive gives for the commit: same files, same bytes.
    In a clone without that history only the fixture's own integrity can be checked."""
    with tarfile.open(V1_CODE) as tar:
        kept = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    assert {name.split("/")[0] for name in kept} == set(V1_PACKAGES)
    assert "kiosk/services/__init__.py" in kept
    has_history = (
        subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{V1_COMMIT}^{{commit}}"], capture_output=True
        ).returncode
        == 0
    )
    if has_history:
        packed = subprocess.run(
            ["git", "-C", str(REPO), "archive", V1_COMMIT, *V1_PACKAGES],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
        with tarfile.open(fileobj=BytesIO(packed)) as tar:
            from_git = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
        assert kept == from_git


@pytest.fixture
def cloud(tmp_path):
    """Today's cloud on a SQLite file (the pull's shape is the database's business, not this test's)."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'cloud.sqlite3'}",
        jwt_secret="test-secret-" + "x" * 32,
        data_dir=tmp_path,
        **FAST_HASH,
        **HIGH_LIMITS,
    )
    clock = FakeClock()
    app = create_app(settings, clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Cloud(app, client, clock, settings)


def _member(cloud, till, offer: str, name: str, created_days_ago: int, units: int) -> tuple[str, int]:
    customer_id, card_id = str(uuid.uuid4()), cardtoken.new_card_id()
    created = (cloud.clock() - timedelta(days=created_days_ago)).isoformat()
    customer = {"id": customer_id, "name": name, "email": None, "phone": None, "created_at": created}
    events = [cloud.event("enroll", card_id, offer, 0, customer=customer, key_id=till.key_id)]
    events.append(cloud.event("earn", card_id, offer, units))
    assert {r["status"] for r in cloud.push(till, *events)} == {"accepted"}
    return customer_id, card_id


def _v1_kiosk_shows(v1_code: Path, data_dir: Path, pages: list[dict], business_id: int, *queries: str):
    saved = data_dir.parent / f"{data_dir.name}-pages.json"
    saved.write_text(json.dumps(pages))
    env = {**os.environ, "PYTHONPATH": str(v1_code)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(data_dir), str(saved), str(business_id), *queries],
        cwd=v1_code,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert Path(out["kiosk_code"]).is_relative_to(v1_code)  # the old code ran, not today's
    return out["shown"]


def test_a_version_1_kiosk_shows_every_code_of_a_merged_member_as_her_survivor(cloud, v1_code, tmp_path):
    owner = cloud.owner()
    coffee = cloud.offer(owner, name="Coffee", stamps_required=10)
    new_till, old_till = cloud.kiosk(owner), cloud.kiosk(owner, name="Old till")
    ada, ada_card = _member(cloud, new_till, coffee, "Ada Lovelace", created_days_ago=10, units=6)
    bea, bea_card = _member(cloud, new_till, coffee, "A. Lovelace", created_days_ago=1, units=4)
    before = cloud.pull(old_till)  # the old till knows both sign-ups, each with her card
    merge = cloud.event(
        "member_merge", bea_card, coffee, 0, merge={"keep_customer_id": bea, "absorb_customer_id": ada}
    )
    assert [r["status"] for r in cloud.push(new_till, merge)] == ["accepted"]
    after = cloud.pull(old_till, cursor=before["cursor"])
    # the cloud's answer: Ada (created first) survives; both rows and both cards come again
    assert {c["id"]: c["merged_into"] for c in after["customers"]} == {ada: None, bea: ada}
    assert {c["id"]: c["customer_id"] for c in after["cards"]} == {ada_card: ada, bea_card: ada}

    number = cardtoken.format_card_number(bea_card)
    shown = _v1_kiosk_shows(
        v1_code, tmp_path / "old-till", [before, after], owner.business_id, "Lovelace", number
    )
    both_cards = sorted([[ada_card, 6, "Coffee"], [bea_card, 4, "Coffee"]])
    survivor = {"id": ada, "name": "Ada Lovelace", "cards": both_cards}
    # Bea's code shows Ada with both cards, each with its own balance: an old till cannot add
    # them up (6 + 4 is a reward only a version-2 till pays out), but no stamp is lost or moved
    assert shown[number] == [survivor]
    # a search lists Ada with both cards, and the absorbed sign-up as a row with no card left
    # (an old till keeps every row it pulled; an enrolment there goes to Ada, see
    # tests/cloud/test_member_merge.py)
    assert sorted(shown["Lovelace"], key=lambda m: m["name"]) == [
        {"id": bea, "name": "A. Lovelace", "cards": []},
        survivor,
    ]
