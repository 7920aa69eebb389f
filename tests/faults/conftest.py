"""The real cloud as a `loyalty-cloud serve` subprocess on a loopback port, an owner, and kiosks."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.faults.proxy import FaultProxy
from tests.sync.harness import Clock, CloudProcess, Kiosk, OwnerApi, create_owner


class LiveCloud:
    def __init__(self, data_dir) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        create_owner(data_dir, self.email)
        self.process = CloudProcess(data_dir)
        self.process.start()
        self.http = httpx.Client(base_url=self.process.url, timeout=30, trust_env=False)
        self.owner = OwnerApi(self.http, self.email)
        self.location_id = self.owner.location()

    @property
    def url(self) -> str:
        return self.process.url

    def close(self) -> None:
        self.http.close()
        self.process.stop()


@pytest.fixture
def live_cloud(tmp_path):
    cloud = LiveCloud(tmp_path / "cloud")
    yield cloud
    cloud.close()


@pytest.fixture
def proxy(live_cloud):
    p = FaultProxy(live_cloud.process.port)
    yield p
    p.close()


@pytest.fixture
def kiosks(tmp_path):
    made: list[Kiosk] = []

    def make(cloud: LiveCloud | None = None, clock: Clock | None = None, url: str | None = None) -> Kiosk:
        kiosk = Kiosk(tmp_path / f"kiosk{len(made)}", clock or Clock())
        made.append(kiosk)
        if cloud is not None:
            kiosk.pair(url or cloud.url, cloud.owner.pairing_code(cloud.location_id))
        return kiosk

    yield make
    for k in made:
        k.close()
