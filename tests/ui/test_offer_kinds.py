"""The offer editor asks the program kinds (loyalty_rules.kinds) what to show: their names, the
words and plural forms of their units, their per-visit rule and their preview."""

from __future__ import annotations

from kiosk.domain.model import ProgramKind
from loyalty_rules.kinds import registered, rules_for


def test_one_stamp_reads_in_the_singular_and_more_in_the_plural(make_kiosk, demo):
    screen = make_kiosk().screens["offers"]
    screen.units.setValue(1)
    assert screen.units.text() == "1 stamp"
    screen.units.setValue(2)
    assert screen.units.text() == "2 stamps"
    screen.units.lineEdit().setText("7 stamps")  # typed over: the number is read back
    screen.units.interpretText()
    assert screen.units.value() == 7


def test_the_editor_lists_every_registered_kind_in_its_words(make_kiosk, demo):
    screen = make_kiosk().screens["offers"]
    listed = [screen.kind.itemData(i) for i in range(screen.kind.count())]
    assert listed == list(registered())
    stamps = rules_for(ProgramKind.STAMPS)
    assert screen.units_label.text() == stamps.texts.units_needed
    assert screen.per_visit_label.text() == stamps.texts.per_visit
    assert screen.per_visit.isEnabled() is (stamps.fixed_per_visit is None)
    screen.units.setValue(12)
    preview = stamps.preview(12)
    assert (screen.preview.total, screen.preview.filled) == (preview.needed, preview.towards)
    assert screen.draft().kind is ProgramKind.STAMPS
