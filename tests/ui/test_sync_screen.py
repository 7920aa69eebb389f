"""The Sync screen driven as the owner and a manager would, against the real cloud
(`loyalty-cloud serve` on a loopback port): pairing and its errors, online/offline/revoked,
first-sync progress, a double redemption listed with both events, and a cashier kept out."""

from __future__ import annotations

import os
import re
import stat
import uuid

import httpx
import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from kiosk.domain.model import Role
from kiosk.services import counter, identity
from kiosk.services import staff as staff_service
from kiosk.services.context import Actor
from kiosk.services.demo import DEMO_CASHIER_PIN, DEMO_MANAGER_PIN, DEMO_OWNER_PIN
from kiosk.settings import KioskSettings
from kiosk.store import directory, meta, offer_uploads
from kiosk.sync.engine import Backoff
from tests.helpers import real_now
from tests.sync.harness import Clock, CloudProcess, Kiosk, OwnerApi, create_owner, free_port
from tests.ui.conftest import sign_in

OWNER, MANAGER, CASHIER = "Olivia Owner", "Max Manager", "Cara Cashier"
WAIT = 20_000  # ms: a round against a real server on a busy two-core machine


class LiveCloud:
    """The cloud as a subprocess, an owner with a location and an offer, over real HTTP."""

    def __init__(self, data_dir) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        email = f"owner-{uuid.uuid4().hex[:8]}@shop.example"
        create_owner(data_dir, email)
        self.process = CloudProcess(data_dir)
        self.process.start()
        self.http = httpx.Client(base_url=self.process.url, timeout=30, trust_env=False)
        self.owner = OwnerApi(self.http, email)
        self.location_id = self.owner.location("Main street")
        self.owner.offer(stamps_required=3, reward_text="Free coffee")

    @property
    def url(self) -> str:
        return self.process.url

    def code(self) -> str:
        return self.owner.pairing_code(self.location_id)

    def close(self) -> None:
        self.http.close()
        self.process.stop()


@pytest.fixture
def cloud(tmp_path):
    c = LiveCloud(tmp_path / "cloud")
    yield c
    c.close()


@pytest.fixture
def other_kiosk(tmp_path):
    """A second till, headless: the real services and sync engine on its own store."""
    made = []

    def make(cloud: LiveCloud, code: str | None = None) -> Kiosk:
        k = Kiosk(tmp_path / f"till-{len(made)}", Clock())
        made.append(k)
        k.pair(cloud.url, code or cloud.code())
        return k

    yield make
    for k in made:
        k.close()


@pytest.fixture
def shop(services):
    """A set-up kiosk with its three people and no customers yet (nothing to discard)."""
    identity.set_up_business(services.ctx, "Corner Cafe", "Till")
    owner = staff_service.add_staff(services.ctx, OWNER, Role.OWNER, DEMO_OWNER_PIN, actor=None).staff
    actor = Actor(owner.id, owner.name, Role.OWNER)
    staff_service.add_staff(services.ctx, MANAGER, Role.MANAGER, DEMO_MANAGER_PIN, actor=actor)
    staff_service.add_staff(services.ctx, CASHIER, Role.CASHIER, DEMO_CASHIER_PIN, actor=actor)
    return services


FAST = {"backoff": Backoff(base=0.01, cap=0.05)}


def _open_sync(qtbot, make_kiosk, who=OWNER, pin=DEMO_OWNER_PIN, **options):
    kiosk = make_kiosk(
        KioskSettings(sound=False, sync_interval_seconds=3600), sync_engine_options={**FAST, **options}
    )
    sign_in(qtbot, kiosk, who, pin)
    assert kiosk.window.show_screen("sync")
    screen = kiosk.screens["sync"]
    qtbot.waitUntil(lambda: screen.overview is not None)
    return kiosk, screen


def _pair(qtbot, screen, url: str, code: str) -> None:
    panel = screen.pairing
    panel.url.clear()
    panel.code.clear()
    qtbot.keyClicks(panel.url, url)
    qtbot.keyClicks(panel.code, code)
    qtbot.mouseClick(panel.pair_button, Qt.MouseButton.LeftButton)


def _refused(qtbot, screen, url: str, code: str, kind: str) -> str:
    with qtbot.waitSignal(screen.control.pairing_refused, timeout=WAIT) as refused:
        _pair(qtbot, screen, url, code)
    # the screen's own slot runs after the signal spy's: wait for the words to arrive
    qtbot.waitUntil(lambda: screen.pairing.message.text() != "Pairing…")
    assert refused.args[0].kind == kind, refused.args[0]
    return screen.pairing.message.text()


def _press_sync_now(qtbot, screen) -> None:
    qtbot.waitUntil(screen.sync_button.isEnabled, timeout=WAIT)
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.sync_button.text() == "Sync now", timeout=WAIT)


def _sync_till(till: Kiosk) -> None:
    engine = till.engine()
    try:
        assert engine.run_round().online
    finally:
        engine.client.close()


def _online_and_empty(screen) -> bool:
    return (screen.state_label.text(), screen.pending_label.text()) == (
        "Online: in sync with the cloud",
        "0 events waiting to sync",
    )


def test_cashier_is_denied_the_sync_screen_and_a_manager_cannot_pair(qtbot, make_kiosk, shop):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, CASHIER, DEMO_CASHIER_PIN)
    window = kiosk.window
    assert not window.nav_buttons["sync"].isVisible()
    with qtbot.waitSignal(window.access_denied):
        assert not window.show_screen("sync")
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert window.current_screen() == "scan"
    kiosk.session.sign_out("button")
    sign_in(qtbot, kiosk, MANAGER, DEMO_MANAGER_PIN)
    assert window.show_screen("sync")
    screen = kiosk.screens["sync"]
    qtbot.waitUntil(lambda: screen.overview is not None)
    assert not screen.pairing.isVisible()
    assert screen.state_label.text() == "Not paired: this kiosk works on its own"
    assert not screen.sync_button.isEnabled()


def test_pairing_errors_are_explained(qtbot, make_kiosk, shop, cloud, other_kiosk):
    kiosk, screen = _open_sync(qtbot, make_kiosk)
    assert "not valid" in _refused(qtbot, screen, "loyalty.example", "ABCD-EFGH", "bad_url")
    # plain http:// to another computer would send the credential in clear: said, and nothing sent
    said = _refused(qtbot, screen, "http://192.0.2.1:9", "ABCD-EFGH", "bad_url")
    assert "unencrypted" in said
    assert "https://" in said
    closed = f"http://127.0.0.1:{free_port()}"
    assert f"Cannot reach the cloud at {closed}" in _refused(
        qtbot, screen, closed, cloud.code(), "unreachable"
    )
    used = cloud.code()
    other_kiosk(cloud, used)  # another till spent it
    assert "already used or expired" in _refused(qtbot, screen, cloud.url, used, "code_refused")
    assert screen.pairing.form_box.isVisible()
    assert screen.state_label.text() == "Not paired: this kiosk works on its own"
    assert kiosk.sync.worker is None  # nothing syncs until a pairing succeeded


def test_owner_pairs_a_demo_kiosk_then_sees_online_offline_and_revoked(qtbot, make_kiosk, demo, cloud, clock):
    kiosk, screen = _open_sync(qtbot, make_kiosk)
    assert "demo shop" in _refused(qtbot, screen, cloud.url, cloud.code(), "local_data")
    assert screen.pairing.discard_button.isVisible()  # an explicit choice, never automatic
    with qtbot.waitSignal(screen.control.paired, timeout=WAIT):
        qtbot.mouseClick(screen.pairing.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.state_label.text() == "Online: in sync with the cloud", timeout=WAIT)
    status = kiosk.window.status
    assert status.online.text() == "Online"
    assert screen.pairing.paired_box.isVisible()
    assert cloud.url in screen.cloud_label.text()
    # the test clock (09:00 UTC today) is hours off the real server's: the owner is told to fix the time
    direction = "behind" if clock() < real_now() else "ahead of"
    assert f"{direction} the cloud's" in screen.clock_label.text()

    cloud.process.kill()
    actor = kiosk.session.actor
    with qtbot.waitSignal(kiosk.worker.settled, timeout=WAIT):
        kiosk.worker.op(
            None, lambda s: s.enroll("Noor Haddad", actor=actor)
        ).records_events().run_in_background()
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: screen.state_label.text() == "Offline — 1 event waiting", timeout=WAIT)
    assert status.online.text() == "Offline — 1 event waiting"
    assert "Last error: cannot reach the cloud" in screen.error_label.text()

    cloud.process.start()
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: _online_and_empty(screen), timeout=WAIT)

    with kiosk.sync.control.store.reading() as conn:
        device_id = meta.get_setting(conn, "device_id")
    cloud.owner.revoke(device_id)
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: screen.state_label.text().startswith("Revoked in the cloud"), timeout=WAIT)
    assert status.online.text() == "Sync stopped: the owner must pair this kiosk again"
    assert not screen.sync_button.isEnabled()

    # re-pairing starts with unpairing, behind a confirmation; it wipes the credential
    qtbot.mouseClick(screen.pairing.unpair_button, Qt.MouseButton.LeftButton)
    assert screen.pairing.confirm_bar.isVisible()
    with qtbot.waitSignal(screen.control.unpaired, timeout=WAIT):
        qtbot.mouseClick(screen.pairing.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.state_label.text() == "Not paired: this kiosk works on its own")
    qtbot.waitUntil(lambda: status.online.text() == "Standalone (no cloud)", timeout=WAIT)
    assert not keyring.get_keyring().secrets  # the in-memory keyring holds no device token now
    assert screen.pairing.form_box.isVisible()
    # the audit log says who paired and unpaired, and where from
    with kiosk.sync.control.store.reading() as conn:
        entries = {e["action"]: e for e in meta.audit_entries(conn)}
    for action in ("kiosk_paired", "kiosk_unpaired"):
        assert entries[action]["staff_name"] == OWNER
        assert entries[action]["detail"]["via"] == "screen"


def test_without_a_keyring_the_owner_chooses_a_protected_token_file(qtbot, make_kiosk, shop, cloud, tmp_path):
    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture puts the previous one back
    _kiosk, screen = _open_sync(qtbot, make_kiosk)
    assert "no keyring" in _refused(qtbot, screen, cloud.url, cloud.code(), "no_keyring")
    token_file = tmp_path / "data" / "device-token"
    assert not token_file.exists()  # nothing written until the owner says so
    with qtbot.waitSignal(screen.control.paired, timeout=WAIT):
        qtbot.mouseClick(screen.pairing.token_file_button, Qt.MouseButton.LeftButton)
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    qtbot.waitUntil(lambda: screen.state_label.text() == "Online: in sync with the cloud", timeout=WAIT)
    qtbot.mouseClick(screen.pairing.unpair_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.control.unpaired, timeout=WAIT):
        qtbot.mouseClick(screen.pairing.confirm_yes, Qt.MouseButton.LeftButton)
    assert not token_file.exists()


def test_a_double_redemption_shows_both_events_to_managers(qtbot, make_kiosk, shop, cloud, other_kiosk):
    till = other_kiosk(cloud)
    _sync_till(till)  # the offer comes down with the first pull
    for i in range(6):  # enough for several first-sync pages of two
        till.enroll(f"Guest {i}")
    card_id, token = till.enroll("Ana Lima")
    for _ in range(3):
        assert till.stamp(token).refusal is None
    _sync_till(till)

    kiosk, screen = _open_sync(qtbot, make_kiosk, pull_page=2)
    progress = []

    def watch_progress(_paired) -> None:
        # runs right after the wiring started the sync worker, before its first page can arrive
        kiosk.sync.worker.first_sync_progressed.connect(lambda done, _total: progress.append(done))

    screen.control.paired.connect(watch_progress)
    _pair(qtbot, screen, cloud.url, cloud.code())
    qtbot.waitUntil(lambda: screen.state_label.text() == "Online: in sync with the cloud", timeout=WAIT)
    # pages of two: the bar showed a growing count while the first sync ran
    assert len(progress) >= 3
    assert progress == sorted(progress)
    assert screen.progress_label.text() == f"First sync: {progress[-1]} items received"
    assert not screen.progress.isVisible()  # gone once the first sync is done

    # both tills give Ana's reward while neither has heard of the other's
    bea = Actor(str(uuid.uuid4()), "Bea Barista", Role.CASHIER)
    assert counter.redeem(till.ctx, card_id, actor=bea).refusal is None
    actor = kiosk.session.actor
    with qtbot.waitSignal(kiosk.worker.settled, timeout=WAIT):
        kiosk.worker.op(None, lambda s: s.redeem(card_id, actor=actor)).records_events().run_in_background()
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: _online_and_empty(screen), timeout=WAIT)
    _sync_till(till)
    _press_sync_now(qtbot, screen)
    qtbot.waitUntil(lambda: screen.conflicts.rowCount() == 2, timeout=WAIT)

    kiosk.session.sign_out("button")
    sign_in(qtbot, kiosk, MANAGER, DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("sync")
    assert not screen.pairing.isVisible()
    qtbot.waitUntil(lambda: screen.conflicts.rowCount() == 2)
    table = screen.conflicts
    card_text = table.item(0, 0).text()
    assert "Ana Lima" in card_text
    assert "card flagged" in card_text
    who = {table.item(r, 1).text() for r in range(2)}
    where = {table.item(r, 2).text() for r in range(2)}
    assert who == {OWNER, "Bea Barista"}
    assert "Main street, this kiosk" in where
    # the other till by the name it was paired with (tests/sync/harness.py: "Till <n>")
    assert any(re.fullmatch(r"Main street, kiosk “Till \d+”", w) for w in where), where
    assert all(table.item(r, 3).text() for r in range(2))
    assert screen.tabs.tabText(0) == "Conflicts (1)"


def test_offer_changes_the_cloud_refused_are_listed_with_what_to_do(qtbot, make_kiosk, demo, services):
    _, screen = _open_sync(qtbot, make_kiosk)
    assert screen.tabs.tabText(2) == "Refused offer changes (0)"
    with services.ctx.store.reading() as conn:
        offers = sorted(directory.all_programs(conn), key=lambda p: p.name)
    coffee, other = offers[0], offers[1]
    # what kiosk/sync/offers_push.py stores when the cloud answers: one refused for good, by id,
    # one by the cloud's rules
    with services.ctx.store.transaction() as conn:
        offer_uploads.settle(
            conn,
            [coffee, other],
            {coffee.id: "offer_id_unavailable", other.id: "stamps_required: must be at most 1000."},
        )
    screen.refresh()
    qtbot.waitUntil(lambda: screen.tabs.tabText(2) == "Refused offer changes (2)")
    table = screen.rejected_offers
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows[coffee.name] == (
        "Another business already has an offer with this id. Create the offer again as a new offer."
    )
    assert rows[other.name] == (
        "stamps_required: must be at most 1000. Change the offer and save it to send it again."
    )
    # the cloud took a later version: the refusal goes from the list
    with services.ctx.store.transaction() as conn:
        offer_uploads.settle(conn, [coffee], {})
    screen.refresh()
    qtbot.waitUntil(lambda: screen.tabs.tabText(2) == "Refused offer change (1)")
    assert table.item(0, 0).text() == other.name


def test_a_shared_credential_and_an_id_conflict_are_shown_with_what_to_do(qtbot, make_kiosk, demo, services):
    from kiosk.store import sync_repo

    _, screen = _open_sync(qtbot, make_kiosk)
    assert screen.shared_label.isHidden()
    # what the engine stores when the cloud says so (kiosk/sync/engine.py): a second till uses this
    # kiosk's credential, and one event's id is held by the cloud with another body
    with services.ctx.store.transaction() as conn:
        meta.put_setting(conn, "cloud_url", "http://127.0.0.1:9")
        meta.put_setting(conn, "sync_credential_shared", "1")  # kiosk.sync.engine.CREDENTIAL_SHARED
        (first, *_) = sync_repo.pending_batch(conn, 1)
        sync_repo.mark_rejected(conn, {first.event.id: "id_conflict"})
    screen.refresh()
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "Refused events (1)")
    assert not screen.shared_label.isHidden()
    assert "also in use by another till" in screen.shared_label.text()
    assert "revoke this kiosk" in screen.shared_label.text()
    assert screen.rejected.item(0, 3).text().startswith("The cloud holds another event under this event's id")


def test_a_manager_is_told_what_the_owner_must_do_and_a_standalone_kiosk_counts_nothing(
    qtbot, make_kiosk, shop
):
    kiosk, screen = _open_sync(qtbot, make_kiosk, MANAGER, DEMO_MANAGER_PIN)
    assert not screen.pairing.isVisible()
    assert screen.owner_hint.isVisible()
    assert "the owner signs in on this kiosk" in screen.owner_hint.text()
    assert "below" not in screen.cloud_label.text()  # the pairing panel is not there for a manager
    # standalone: nothing waits for a cloud that does not exist
    for label in (screen.pending_label, screen.rejected_label, screen.last_label):
        assert not label.isVisible()
    assert not kiosk.window.statusBar().pending.isVisible()

    kiosk.session.sign_out("button")
    sign_in(qtbot, kiosk, OWNER, DEMO_OWNER_PIN)
    assert kiosk.window.show_screen("sync")
    qtbot.waitUntil(screen.pairing.isVisible)
    assert not screen.owner_hint.isVisible()  # the owner has the panel itself
