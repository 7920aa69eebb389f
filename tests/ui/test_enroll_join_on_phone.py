"""The enrolment screen's "Join on your phone" panel (issue 16): this till's join link as a big
QR that a phone reads, the address under it, a Close; and a plain reason when there is none."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.domain.till_join import TillJoinLink
from kiosk.scanner.decode import decode_image
from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.store import meta, till_join
from tests.helpers import real_now
from tests.ui.conftest import sign_in

JOIN_URL = "https://cloud.cafe.example/j/Ab3dE5fG"
DEVICE = "5b0c9c1e-3f57-4a47-9a3c-0d1f6a2b7c11"


def _grey(widget) -> np.ndarray:
    """The widget as the screen shows it, in grey pixels."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * image.height())
    return pixels.reshape(image.height(), image.bytesPerLine())[:, : image.width()].copy()


def _paired_with_link(store, device_id: str = DEVICE, link_device: str = DEVICE) -> None:
    """What pairing and a sync round leave in the store (kiosk/sync/pairing.py, till_join.py)."""
    with store.transaction() as conn:
        meta.put_setting(conn, meta.CLOUD_URL, "https://cloud.cafe.example")
        meta.put_setting(conn, "device_id", device_id)
        till_join.keep(conn, TillJoinLink(JOIN_URL, "Ab3dE5fG", link_device, None, real_now()))


def _open_panel(qtbot, kiosk):
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    qtbot.mouseClick(screen.phone_join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.right.currentWidget() is screen.join_panel)
    return screen


def test_the_panel_shows_a_big_qr_that_reads_as_the_tills_join_address(qtbot, make_kiosk, demo, store):
    kiosk = make_kiosk()
    _paired_with_link(store)
    screen = _open_panel(qtbot, kiosk)
    panel = screen.join_panel
    assert panel.qr.isVisible()
    assert not panel.why_none.isVisible()
    pixmap = panel.qr.pixmap()
    assert min(pixmap.width(), pixmap.height()) >= 360  # about 10 cm: a phone reads it at arm's length
    found = decode_image(_grey(panel.qr))
    assert [code.text for code in found] == [JOIN_URL]
    assert panel.address.text() == "cloud.cafe.example/j/Ab3dE5fG"
    assert panel.address.isVisible()
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert screen.right.currentIndex() == 0  # back to the new card's side
    assert not panel.isVisible()


def test_a_standalone_kiosk_says_plainly_why_there_is_no_qr(qtbot, make_kiosk, demo):
    kiosk = make_kiosk()
    screen = _open_panel(qtbot, kiosk)
    panel = screen.join_panel
    assert not panel.qr.isVisible()
    assert panel.qr.pixmap().isNull()
    assert panel.why_none.isVisible()
    assert "without a cloud" in panel.why_none.text()
    assert panel.close_button.isVisible()


def test_a_paired_till_without_its_own_link_says_so_asks_for_a_sync_and_shows_it_after(
    qtbot, make_kiosk, demo, store
):
    kiosk = make_kiosk()
    # a link kept from an earlier pairing (another device) is never shown
    _paired_with_link(store, link_device="00000000-0000-4000-8000-000000000000")
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)
    assert kiosk.window.show_screen("enroll")
    screen = kiosk.screens["enroll"]
    with qtbot.waitSignal(screen.join_link_wanted):  # the sync wiring runs a round on it
        qtbot.mouseClick(screen.phone_join_button, Qt.MouseButton.LeftButton)
    panel = screen.join_panel
    assert screen.right.currentWidget() is panel
    assert not panel.qr.isVisible()
    assert "not fetched" in panel.why_none.text()
    # the round fetched and kept this till's link: the open panel shows it when the round ends
    _paired_with_link(store)
    screen.on_sync_finished(None)
    qtbot.waitUntil(panel.qr.isVisible)
    assert [code.text for code in decode_image(_grey(panel.qr))] == [JOIN_URL]
    assert not panel.why_none.isVisible()


def test_the_german_panel_is_translated(qtbot, make_kiosk, demo):
    kiosk = make_kiosk(language="de")
    screen = _open_panel(qtbot, kiosk)
    panel = screen.join_panel
    assert panel.heading.text() != "Join on your phone"
    assert panel.close_button.text() != "Close"
    assert "without a cloud" not in panel.why_none.text()
    assert "Cloud" in panel.why_none.text()
