"""The Offers screen's A/B test dialog: the sample-size calculator, a refusal that saves nothing,
and a test that starts (the counter then splits members: tests/unit/test_experiment_counter.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.services.demo import DEMO_MANAGER_PIN
from loyalty_rules.experiments import Metric, sample_size_means, sample_size_proportions
from tests.ui.conftest import sign_in


def _dialog(qtbot, make_kiosk):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Max Manager", DEMO_MANAGER_PIN)
    assert kiosk.window.show_screen("offers")
    screen = kiosk.screens["offers"]
    qtbot.waitUntil(lambda: screen.offer_list.count() == 2)
    qtbot.mouseClick(screen.ab_button, Qt.MouseButton.LeftButton)
    dialog = screen.ab_dialog
    qtbot.waitExposed(dialog)
    return kiosk, dialog


def test_the_calculator_fixes_the_members_per_group(qtbot, make_kiosk, demo, services):
    _kiosk, dialog = _dialog(qtbot, make_kiosk)
    dialog.baseline.setValue(50)
    dialog.effect.setValue(10)
    assert dialog.horizon == sample_size_proportions(0.5, 0.6) == 388  # worked out in test_experiments
    assert dialog.members.text().startswith("388 ")
    dialog.effect.setValue(5)
    assert dialog.horizon == sample_size_proportions(0.5, 0.55)
    assert dialog.horizon > 388
    dialog.baseline.setValue(95)
    assert dialog.horizon is None  # 95 % + 5 points: no share left to find
    dialog.measure.setCurrentIndex(dialog.measure.findData(Metric.VISITS_PER_MEMBER))
    assert not dialog.baseline.isVisible()
    assert dialog.spread.isVisible()
    dialog.difference.setValue(0.5)
    dialog.spread.setValue(2.0)
    assert dialog.horizon == sample_size_means(0.5, 2.0)


def test_a_bad_test_is_explained_and_a_good_one_starts(qtbot, make_kiosk, demo, services):
    _kiosk, dialog = _dialog(qtbot, make_kiosk)
    coffee = dialog.arm_b.itemData(0)
    dialog.arm_a.setCurrentIndex(dialog.arm_a.findData(coffee))  # the same offer twice
    qtbot.keyClicks(dialog.name, "Eight stamps")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert dialog.message.text() == "choose two different offers, or one offer and the control"
    assert services.running_experiments() == []

    dialog.arm_a.setCurrentIndex(0)  # the control
    with qtbot.waitSignal(dialog.experiment_created, timeout=5000) as created:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    test = created.args[0].experiment
    assert [a.offer_id for a in test.arms] == [None, coffee]
    assert test.horizon == dialog.horizon
    assert [e.id for e in services.running_experiments()] == [test.id]


def test_a_control_group_needs_another_running_offer(qtbot, make_kiosk, demo, services):
    from kiosk.domain.model import ProgramStatus, Role
    from kiosk.services import Actor

    _kiosk, dialog = _dialog(qtbot, make_kiosk)
    coffee = dialog.arm_b.itemData(0)
    owner = Actor("o", "Olivia", Role.OWNER)
    for program in services.list_offers():  # every other offer paused: the control earns nowhere
        if program.id != coffee:
            assert services.set_offer_status(program.id, ProgramStatus.PAUSED, actor=owner).ok
    qtbot.keyClicks(dialog.name, "Coffee or nothing")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert "control group" in dialog.message.text()
    assert services.running_experiments() == []
