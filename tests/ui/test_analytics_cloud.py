"""A paired kiosk's Analytics screen shows the cloud's figures (every till of the shop), asked on
the sync control thread from the real cloud (`loyalty-cloud serve` on a loopback port); with the
cloud stopped it shows this kiosk's own and says so. The "Export PDF" dialog is driven as a
manager would: a file name typed, the dialog accepted, the report's text read back."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.domain.insights import ChurnState, CloudProblem, Source
from kiosk.domain.model import Role
from kiosk.services import counter, customers, identity
from kiosk.services import staff as staff_service
from kiosk.services.context import Actor
from kiosk.services.demo import DEMO_MANAGER_PIN, DEMO_OWNER_PIN
from kiosk.settings import KioskSettings
from kiosk.sync import pairing
from kiosk.sync.credentials import credentials_for
from kiosk.ui.widgets.insights_views import segment_name
from loyalty_rules.rfm import Segment
from tests.helpers import real_now
from tests.sync.harness import Clock, Kiosk
from tests.ui.conftest import sign_in
from tests.ui.test_sync_screen import FAST, WAIT, LiveCloud

MANAGER = "Max Manager"


@pytest.fixture
def cloud(tmp_path):
    c = LiveCloud(tmp_path / "cloud")
    yield c
    c.close()


def _visits(ctx, clock, names: list[str], days_ago: list[tuple[int, ...]]) -> None:
    """Each member enrolled, then stamped on the days given (days before the real now)."""
    start = clock.now
    for name, days in zip(names, days_ago, strict=True):
        clock.now = start - timedelta(days=max(days), hours=1)
        joined = customers.enroll(ctx, name)
        assert joined.refusal is None, joined.refusal
        [token] = joined.tokens.values()
        for d in sorted(days, reverse=True):
            clock.now = start - timedelta(days=d)
            assert counter.record_scan(ctx, token).ok
    clock.now = start


@pytest.fixture
def paired_shop(cloud, services, clock, tmp_path):
    """This kiosk (its people, four members who came in) and a second till (three more members),
    both paired with the cloud and synced: the cloud counts seven members, this kiosk four."""
    clock.now = real_now()  # the live cloud runs on the real clock
    identity.set_up_business(services.ctx, "Corner Cafe", "Till")
    owner = staff_service.add_staff(
        services.ctx, "Olivia Owner", Role.OWNER, DEMO_OWNER_PIN, actor=None
    ).staff
    actor = Actor(owner.id, owner.name, Role.OWNER)
    staff_service.add_staff(services.ctx, MANAGER, Role.MANAGER, DEMO_MANAGER_PIN, actor=actor)
    credentials = credentials_for(tmp_path / "data")
    pairing.pair(
        services.ctx.store,
        credentials,
        cloud.url,
        cloud.code(),
        device_name="Till",
        now=clock,
        allow_insecure_http=True,
    )
    _synced(pairing.engine_for(services.ctx.store, credentials, clock=clock, **FAST))  # the offer
    _visits(services.ctx, clock, ["Ann", "Ben", "Cid", "Dora"], [(1, 3, 9), (2, 20), (5,), (40, 60, 80)])
    _synced(pairing.engine_for(services.ctx.store, credentials, clock=clock, **FAST))
    other = Kiosk(tmp_path / "till-2", Clock())
    try:
        other.pair(cloud.url, cloud.code())
        _synced(other.engine())
        _visits(other.ctx, other.clock, ["Emil", "Finn", "Gus"], [(1,), (2, 4), (100, 150)])
        _synced(other.engine())
    finally:
        other.close()
    return cloud


def _synced(engine) -> None:
    try:
        assert engine.run_round().online
    finally:
        engine.client.close()


def _segment_bars(screen) -> dict[str, int]:
    view = screen.charts["segments"]
    names = view.chart().axes(Qt.Orientation.Vertical)[0].categories()
    return {name: int(view.series.at(i)) for i, name in enumerate(names)}


def _open(qtbot, make_kiosk):
    kiosk = make_kiosk(KioskSettings(sound=False, sync_interval_seconds=3600), sync_engine_options=FAST)
    sign_in(qtbot, kiosk, MANAGER, DEMO_MANAGER_PIN)
    screen = kiosk.screens["analytics"]
    with qtbot.waitSignal(screen.cloud_answered, timeout=WAIT) as answered:
        assert kiosk.window.show_screen("analytics")
    return kiosk, screen, answered.args[0]


def _pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text)


def test_the_screen_shows_the_clouds_segments_then_falls_back_when_the_cloud_stops(
    qtbot, make_kiosk, paired_shop, tmp_path
):
    cloud = paired_shop
    _kiosk, screen, read = _open(qtbot, make_kiosk)
    assert read.problem is None, read.detail
    assert screen.insights.source is Source.CLOUD
    assert "From the cloud, as of " in screen.scope.text()
    owners = cloud.http.get("/api/v1/analytics/rfm", headers=cloud.owner.headers).json()
    expected = {segment_name(Segment(s["segment"])): s["members"] for s in owners["segments"]}
    assert owners["members"] == 7  # both tills' members
    assert _segment_bars(screen) == expected
    # the last 30 days, both tills: Ann 3, Ben 2, Cid 1 here; Emil 1, Finn 2 at the other
    assert screen.insights.analytics.visits == 3 + 2 + 1 + 1 + 2
    # five members fit no churn model: the at-risk tab says why, not that it needs the cloud
    assert screen.insights.churn.state in {ChurnState.FITTING, ChurnState.NOT_ENOUGH_DATA}
    assert "needs the cloud" not in screen.risk_note.text()

    # Export PDF through its dialog: type a name, accept; the report carries the segments
    target = tmp_path / "report.pdf"
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    dialog = screen.file_dialog
    qtbot.waitUntil(dialog.isVisible)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setText(str(target))  # typed at qtbot's speed, keys would look like a wedge scanner's
    with qtbot.waitSignal(screen.exported, timeout=WAIT) as saved:
        dialog.accept()
    assert saved.args[0].ok, saved.args[0]
    assert saved.args[0].path == target
    text = _pdf_text(target)
    for seg, members in expected.items():
        assert f"{seg}: {members} members" in text
    assert "From the cloud, as of" in text

    # the cloud stops: the kiosk's own figures, and the screen says whose they are
    cloud.process.stop()
    with qtbot.waitSignal(screen.cloud_answered, timeout=WAIT) as answered:
        qtbot.mouseClick(screen.period_buttons.button(90), Qt.MouseButton.LeftButton)
    assert answered.args[0].problem is CloudProblem.UNREACHABLE
    assert screen.insights.source is Source.FALLBACK
    assert "Cloud unreachable — showing this kiosk's figures" in screen.scope.text()
    assert sum(_segment_bars(screen).values()) == 4  # this till's members only
    assert screen.insights.analytics.visits == 3 + 2 + 1 + 3  # 90 days here: Dora's three too
    assert "needs the cloud" in screen.risk_note.text()
    assert not screen.at_risk.isVisible()
