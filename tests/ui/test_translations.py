"""German is complete and loads; refusals come out in the cashier's language."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.domain.problems import Problem
from kiosk.domain.refusals import Reason, StorageProblem, refuse
from kiosk.ui.i18n import install_translations
from kiosk.ui.i18n_build import build
from kiosk.ui.messages import refusal_text
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
    subprocess.run(
        [i18n_build._tool("pyside6-lupdate"), "-no-obsolete", *i18n_build.sources(), "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    messages = list(ET.parse(copy).iter("message"))
    unfinished = [m.find("source").text for m in messages if m.find("translation").get("type")]
    assert unfinished == []


def _english_texts() -> dict[str, str]:
    """Every refusal's and field problem's English template, by the .ts context it belongs to."""
    texts = {f"Refusal/{reason.name}": refuse(reason).message for reason in Reason}
    for storage in (StorageProblem.FULL, StorageProblem.READ_ONLY):
        texts[f"Refusal/{storage.name}"] = refuse(Reason.STORAGE_FAILED, storage=storage).message
    texts.update({f"Problem/{problem.name}": problem.value for problem in Problem})
    return texts


def test_every_reason_and_problem_is_worded_once_in_english_and_german():
    """One wording per refusal and problem: written where it is defined (the domain, the shared
    rules), found there by lupdate, and translated to German once; no second copy in the UI."""
    contexts = {c.find("name").text: c for c in ET.parse(TRANSLATIONS / "kiosk_de.ts").iter("context")}
    for key, english in _english_texts().items():
        context = key.split("/")[0]
        found = [m for m in contexts[context].iter("message") if m.find("source").text == english]
        assert len(found) == 1, f"{key}: {english!r} has {len(found)} entries in kiosk_de.ts"
        translation = found[0].find("translation")
        assert translation.text, f"{key} has no German"
        assert translation.get("type") is None, f"{key}: German unfinished"
        places = {loc.get("filename") for loc in found[0].iter("location")}
        assert places, key
        outside = [p for p in places if "/kiosk/domain/" not in p and "/loyalty_rules/" not in p]
        assert outside == [], f"{key} is worded in the UI too"
    # and no two reasons or problems share one text: each says its own thing
    assert len(set(_english_texts().values())) == len(_english_texts())


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


def test_german_offer_editor_counts_stamps_in_german(german, make_kiosk, demo, qtbot):
    kiosk = make_kiosk(language=None)
    screen = kiosk.screens["offers"]
    screen.units.setValue(1)
    assert screen.units.text() == "1 Stempel"
    screen.units.setValue(10)
    assert screen.units.text() == "10 Stempel"
    assert screen.units_label.text() == "Benötigte Stempel"
    assert screen.kind.itemText(0) == "Stempelkarte"
