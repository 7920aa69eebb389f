"""The Sync screen tells the owner how many members wait for a plan upgrade: a paired kiosk of a
free business full at 100 members enrols one more; after the operator's upgrade the next sync
sends her and the message goes. Against the real cloud (`loyalty-cloud serve` on a loopback port)."""

from __future__ import annotations

import subprocess
import uuid

import httpx
import pytest

from kiosk.services.demo import DEMO_OWNER_PIN
from tests.sync.harness import VENV_BIN, CloudProcess, OwnerApi, cloud_env, create_owner
from tests.ui.test_sync_screen import OWNER, WAIT, _open_sync, _pair, _press_sync_now, shop  # noqa: F401


class FullCloud:
    """A free business already at its 100 members, with a location and its one offer."""

    def __init__(self, data_dir) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        create_owner(data_dir, email, plan="free")
        self.process = CloudProcess(data_dir)
        self.process.start()
        self.http = httpx.Client(base_url=self.process.url, timeout=30, trust_env=False)
        self.owner = OwnerApi(self.http, email)
        self.location_id = self.owner.location("Main street")
        self.owner.offer(stamps_required=3, reward_text="Free coffee")
        for i in range(100):
            r = self.http.post("/api/v1/customers", json={"name": f"M{i}"}, headers=self.owner.headers)
            assert r.status_code == 201, r.text

    def upgrade(self, plan: str) -> None:
        """The operator's command, on the running cloud's database."""
        subprocess.run(
            [str(VENV_BIN / "loyalty-cloud"), "plan", "--data-dir", str(self.data_dir), "1", plan],
            check=True,
            env=cloud_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    def close(self) -> None:
        self.http.close()
        self.process.stop()


@pytest.fixture
def full_cloud(tmp_path):
    c = FullCloud(tmp_path / "cloud")
    yield c
    c.close()


def test_members_waiting_for_a_plan_upgrade_are_shown_until_it_comes(qtbot, make_kiosk, shop, full_cloud):  # noqa: F811
    kiosk, screen = _open_sync(qtbot, make_kiosk, OWNER, DEMO_OWNER_PIN)
    _pair(qtbot, screen, full_cloud.process.url, full_cloud.owner.pairing_code(full_cloud.location_id))
    qtbot.waitUntil(lambda: screen.state_label.text() == "Online: in sync with the cloud", timeout=WAIT)
    assert not screen.plan_label.isVisible()

    actor = kiosk.session.actor
    with qtbot.waitSignal(kiosk.worker.settled, timeout=WAIT):
        kiosk.worker.op(
            None, lambda s: s.enroll("Noor Haddad", actor=actor)
        ).records_events().run_in_background()
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(screen.plan_label.isVisible, timeout=WAIT)
    text = screen.plan_label.text()
    assert text.startswith("1 member waiting for a plan upgrade.")
    assert "The business's plan allows no more members." in text
    assert screen.rejected_label.text() == "0 events refused by the cloud"  # held, not refused
    assert screen.pending_label.text() == "1 event waiting to sync"

    full_cloud.upgrade("professional")
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: not screen.plan_label.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: screen.pending_label.text() == "0 events waiting to sync", timeout=WAIT)
    listed = full_cloud.http.get(
        "/api/v1/customers", params={"limit": 1000}, headers=full_cloud.owner.headers
    )
    assert len(listed.json()) == 101
