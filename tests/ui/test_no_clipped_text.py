"""No text is ever clipped, and the German counter shows no English: every screen (each tab of
it) and every dialog that opens without a print preview, in English and German, at 1024×768 and
1280×800, with a long customer name and a long offer name on screen.

Run alone after a merge:  xvfb-run -a .venv/bin/python -m pytest -q tests/ui/test_no_clipped_text.py
(or with QT_QPA_PLATFORM=offscreen). tests/ui/text_fit.py holds the generic checks; screens and
dialogs added later are walked without changing this file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from kiosk.domain.model import Role
from kiosk.domain.offers import OfferDraft
from kiosk.domain.phones import region_choices
from kiosk.scanner.camera import CameraError, CameraProblem
from kiosk.services import customers, offers
from kiosk.services.context import Actor
from kiosk.services.demo import DEMO_OWNER_PIN
from kiosk.settings import KioskSettings
from tests.ui.conftest import flush_store, sign_in
from tests.ui.text_fit import clipped_texts, english_in_german

SIZES = ((1024, 768), (1280, 800))
LONG_NAME = "Maximiliane Wilhelmine Josephine Freifrau von Hohenzollern-Sigmaringen-Württemberg"
LONG_OFFER = "Frühstückskaffee mit Croissant und frisch gepresstem Orangensaft am Wochenende"


def add_long_names(services) -> str:
    """A customer and an 8-stamp offer whose names are longer than any row: the card's QR text."""
    ctx = services.ctx
    owner = next(s for s in services.roster() if s.role is Role.OWNER)
    actor = Actor(owner.id, owner.name, Role.OWNER)
    draft = OfferDraft(name=LONG_OFFER[:60], units_required=8, reward_text="ein Frühstück", per_visit_limit=3)
    program = offers.save_offer(ctx, draft, actor=actor).program
    outcome = customers.enroll(
        ctx, LONG_NAME[:80], email="lang@example.com", program_ids=[program.id], actor=actor
    )
    return next(iter(outcome.tokens.values()))


def shop_words(services) -> list[str]:
    """What the shop typed (it stays in its own words in any language)."""
    words = [services.identity().business_name, services.identity().location_name]
    words += [s.name for s in services.roster()]
    for program in services.list_offers():
        words += [program.name, program.reward_text]
    found = services.lookup("a")
    for match in getattr(found, "matches", ()):
        words += [match.customer.name, match.customer.first_name]
        words += [view.program.name for view in match.cards]
    return [*words, LONG_NAME[:80], LONG_NAME.split()[0], LONG_OFFER[:60], "Ana", "example.com"]


def settle(qtbot, kiosk) -> None:
    """Every store job asked for so far has answered (the worker runs them in order), twice:
    an answer may ask for more (a list loads, then its first row's details)."""
    for _ in range(2):
        flush_store(qtbot, kiosk)
    # then the layouts those answers asked for (a text set last has its new size only after this)
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class Walk:
    """Checks every shown window after each step and collects what it finds."""

    def __init__(self, qtbot, kiosk, language: str, words: list[str]) -> None:
        self.qtbot, self.kiosk, self.language, self.words = qtbot, kiosk, language, words
        self.problems: list[str] = []

    def check(self, where: str) -> None:
        settle(self.qtbot, self.kiosk)
        for window in QApplication.topLevelWidgets():
            if not window.isVisible():
                continue
            found = clipped_texts(window)
            if self.language == "de":
                # countries are named by CLDR (Babel): "Isle of Man" is its German name too
                countries = [name for _, name in region_choices("de")]
                found += english_in_german(window, [*self.words, *countries])
            self.problems += [f"[{where}] {p}" for p in found]

    def every_tab(self, screen: QWidget, where: str) -> None:
        self.check(where)
        for tabs in screen.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            current = tabs.currentIndex()
            for i in range(tabs.count()):
                if i != current:
                    tabs.setCurrentIndex(i)
                    self.check(f"{where}, tab {tabs.tabText(i)}")
            tabs.setCurrentIndex(current)


def unstarted_camera(tmp_path):
    """The real camera worker on a camera that is not there, with no capture thread: the test
    reports the failure its capture loop would report, exactly as the loop does (a thread that
    retries in the background would only slow the walk down)."""
    from kiosk.scanner.camera import CameraSource, OpenCvCamera, SourceKind
    from kiosk.ui.camera_worker import CameraWorker

    source = CameraSource(SourceKind.DEVICE_PATH, path=str(tmp_path / "video-nothing"))
    worker = CameraWorker(lambda: OpenCvCamera(source))
    worker.start = lambda: None
    return worker


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "de"])
def test_no_text_is_clipped_or_left_in_english(qtbot, make_kiosk, demo, services, tmp_path, language, size):
    long_card = add_long_names(services)
    camera = unstarted_camera(tmp_path)
    kiosk = make_kiosk(KioskSettings(sound=False), language=language, camera_factory=lambda: camera)
    window = kiosk.window
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    walk = Walk(qtbot, kiosk, language, shop_words(services))
    scan = kiosk.screens["scan"]
    camera._on_failed(CameraError(CameraProblem.NO_CAMERA, "no camera is connected"))  # the loop's words
    assert not scan.camera.live

    walk.check("sign-in")
    sign_in(qtbot, kiosk, "Olivia Owner", DEMO_OWNER_PIN)
    with qtbot.waitSignal(scan.result_shown, timeout=5000):
        scan.submit_code(long_card)
    walk.check("scan, a long name stamped")
    with qtbot.waitSignal(scan.result_shown, timeout=5000):
        scan.submit_code(long_card)
    walk.check("scan, refused")

    # the common states of the screens with forms and lists
    enroll = kiosk.screens["enroll"]
    window.show_screen("enroll")
    enroll.name.setText("Ana Dup")
    enroll.email.setText("lang@example.com")  # taken: the refusal names what already exists
    with qtbot.waitSignal(kiosk.worker.settled, timeout=5000):
        enroll.on_enroll_clicked()
    walk.check("new customer, email taken")
    lookup = kiosk.screens["lookup"]
    window.show_screen("lookup")
    lookup.query.setText("Maximiliane")
    lookup.on_search()
    walk.check("find customer, a long name")
    customers_screen = kiosk.screens["customers"]
    window.show_screen("customers")
    customers_screen.query.setText(long_card)
    customers_screen.on_search()
    walk.check("customers, a card's history")
    if customers_screen.new_code_button.isEnabled():
        with qtbot.waitSignal(kiosk.worker.settled, timeout=5000):
            customers_screen.on_new_code_clicked()
        walk.check("customers, new QR code dialog")
        for dialog in QApplication.topLevelWidgets():
            if dialog is not window and dialog.isVisible():
                dialog.close()

    # then every screen the owner can open, each tab of it, whatever screens there are by now
    for name, entry in window.entries.items():
        assert window.show_screen(name), name
        walk.every_tab(entry.widget, name)

    assert not walk.problems, "\n".join(dict.fromkeys(walk.problems))
    assert window.size().toTuple() == size  # nothing forced the window wider than the screen
