"""German is complete and loads; refusals come out in the cashier's language."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.domain.refusals import Reason, refuse
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build
from kiosk.ui.messages import _TEXTS, refusal_text
from kiosk.ui.resources import TRANSLATIONS


def test_german_ts_is_complete():
    tree = ET.parse(TRANSLATIONS / "kiosk_de.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 150
    unfinished = [m.find("source").text for m in messages if m.find("translation").get("type")]
    assert unfinished == []


def test_every_text_in_the_sources_has_its_german_translation(tmp_path):
    """The .ts is refreshed from the sources into a copy: a tr() string added to a screen
    without its German translation shows up here as unfinished, not on a German counter."""
    from kiosk.ui import i18n_build

    copy = tmp_path / "kiosk_de.ts"
    copy.write_bytes((TRANSLATIONS / "kiosk_de.ts").read_bytes())
    sources = sorted(str(p) for p in i18n_build.UI_SOURCES.rglob("*.py"))
    subprocess.run(
        [i18n_build._tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    messages = list(ET.parse(copy).iter("message"))
    unfinished = [m.find("source").text for m in messages if m.find("translation").get("type")]
    assert unfinished == []


def test_every_reason_has_a_translatable_text():
    assert set(Reason) - set(_TEXTS) == {Reason.INVALID_INPUT}


@pytest.fixture
def german(qapp):
    build()
    installed = install_translations(qapp, "de")
    assert installed, "kiosk_de.qm did not load"
    yield
    for translator in installed:
        QApplication.removeTranslator(translator)


def test_refusals_in_german(german):
    assert refusal_text(refuse(Reason.COOLDOWN, seconds=42)) == (
        "Diese Karte wurde gerade gestempelt. Bitte 42 s bis zum nächsten Stempel warten."
    )
    invalid = refusal_text(refuse(Reason.INVALID_INPUT, field="Email", problem="x"))
    assert invalid == "E-Mail: x"


def test_german_scan_screen_plurals(german, make_kiosk, demo, qtbot):
    kiosk = make_kiosk(language=None)
    screen = kiosk.screens["scan"]
    screen.set_quantity(3)
    assert screen.quantity_label.text() == "3 Stempel"
    assert screen.prompt.text() == "Karte des Kunden scannen"
