"""The store worker's requests: each answer reaches only the request that asked, in order, on the
UI thread, never a deleted screen; a refusal and a crash are told apart."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.services.demo import DEMO_CASHIER_PIN
from kiosk.ui.workers import StoreWorker, WorkerThread
from tests.ui.conftest import sign_in


@pytest.fixture
def worker(qapp, services, demo):
    made = StoreWorker(services)
    thread = WorkerThread(made.runner, "test-store")
    thread.start()
    yield made
    thread.stop()


def test_each_answer_reaches_only_the_request_that_asked(qtbot, worker, services):
    one, two = QWidget(), QWidget()
    heard_one: list[object] = []
    heard_two: list[object] = []
    with qtbot.waitSignal(worker.settled, timeout=5000):
        worker.op(one, lambda s: s.lookup("Ana")).success(heard_one.append).run_in_background()
        worker.op(two, lambda s: s.roster()).success(heard_two.append).run_in_background()
    assert len(heard_one) == 1
    assert len(heard_two) == 1
    assert heard_one[0].matches[0].customer.name.startswith("Ana")  # a lookup's answer...
    assert {m.name for m in heard_two[0]} >= {"Cara Cashier"}  # ...and the roster, each to its own


def test_requests_run_one_at_a_time_in_order_off_the_ui_thread(qtbot, worker):
    ran: list[tuple[int, bool]] = []
    answered: list[int] = []
    ui_thread = threading.current_thread()

    def call(n: int):
        def run(_services):
            ran.append((n, threading.current_thread() is ui_thread))
            return n

        return run

    with qtbot.waitSignal(worker.settled, timeout=5000):
        for n in range(20):
            worker.op(None, call(n)).success(answered.append).run_in_background()
    assert [n for n, _ in ran] == list(range(20))
    assert not any(on_ui for _, on_ui in ran)  # the store's work never ran on the UI thread
    assert answered == list(range(20))
    assert worker.pending() == 0


def test_a_deleted_screen_is_not_called_back(qtbot, worker):
    screen = QWidget()
    heard: list[object] = []
    gate = threading.Event()

    def slow(services):
        gate.wait(5)  # holds the answer until the screen is gone
        return services.roster()

    worker.op(screen, slow).success(heard.append).refused(heard.append).run_in_background()
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen))
    with qtbot.waitSignal(worker.settled, timeout=5000):
        gate.set()
    assert heard == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_a_refusal_and_a_crash_take_different_paths(qtbot, worker, caplog):
    screen = QWidget()
    done: list[object] = []
    refused: list[object] = []
    failed: list[str] = []
    worker.job_failed.connect(failed.append)
    with qtbot.waitSignal(worker.settled, timeout=5000):
        # a wrong PIN is a refusal: an answer for the screen, not an error
        worker.op(screen, lambda s: s.sign_in(s.roster()[0].id, "0")).success(done.append).refused(
            refused.append
        ).run_in_background()
    assert done == []
    assert len(refused) == 1
    assert refused[0].ok is False
    assert failed == []

    def broken(_services):
        raise ValueError("a bug in a use case")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(worker.settled, timeout=5000):
        worker.op(screen, broken).success(done.append).refused(refused.append).run_in_background()
    assert done == []
    assert len(refused) == 1
    assert failed == ["a bug in a use case"]
    assert "Traceback" in caplog.text
    assert "ValueError: a bug in a use case" in caplog.text
    # and the worker keeps going
    with qtbot.waitSignal(worker.settled, timeout=5000):
        worker.op(screen, lambda s: s.roster()).success(done.append).run_in_background()
    assert len(done) == 1


def test_a_crash_reaches_the_askers_failure_callback_and_the_general_alarm(qtbot, worker):
    screen = QWidget()
    errors: list[Exception] = []
    failed: list[str] = []
    worker.job_failed.connect(failed.append)

    def broken(_services):
        raise RuntimeError("disk on fire")

    with qtbot.waitSignal(worker.settled, timeout=5000):
        worker.op(screen, broken).failure(errors.append).run_in_background()
    assert [str(e) for e in errors] == ["disk on fire"]  # the screen can stop looking busy
    assert failed == ["disk on fire"]  # and the window still says something went wrong


def test_a_recorded_stamp_wakes_the_status_bar_and_sync_and_a_refused_one_does_not(qtbot, worker, services):
    screen = QWidget()
    woken: list[bool] = []
    answers: list[object] = []
    worker.events_recorded.connect(lambda: woken.append(True))
    number = services.lookup("Ana").matches[0].cards[0].card_number
    for _ in range(2):  # the second scan of the same card at once is refused (the cooldown)
        with qtbot.waitSignal(worker.settled, timeout=5000):
            op = worker.op(screen, lambda s: s.record_scan(number)).success(answers.append)
            op.refused(answers.append).records_events().run_in_background()
    assert [a.ok is not False for a in answers] == [True, False]
    assert woken == [True]


def test_a_crash_at_the_counter_is_said_and_the_screens_are_ready_again(
    qtbot, make_kiosk, demo, services, monkeypatch
):
    kiosk = make_kiosk()
    sign_in(qtbot, kiosk, "Cara Cashier", DEMO_CASHIER_PIN)

    def broken(*_args, **_kwargs):
        raise RuntimeError("ledger exploded")  # a bug in a use case, not a refusal

    monkeypatch.setattr(services, "record_scan", broken)
    monkeypatch.setattr(services, "enroll", broken)
    scan = kiosk.screens["scan"]
    with qtbot.waitSignal(kiosk.worker.settled, timeout=5000):
        scan.submit_code("ANYTHING")
    assert "Something went wrong (ledger exploded)" in kiosk.window.status.currentMessage()
    assert scan.prompt.text() == "Scan the customer's card"  # not "Checking the card…" for ever
    assert kiosk.window.show_screen("enroll")
    enroll = kiosk.screens["enroll"]
    enroll.name.setText("Noor Haddad")
    with qtbot.waitSignal(kiosk.worker.settled, timeout=5000):
        enroll.on_enroll_clicked()
    assert enroll.enroll_button.isEnabled()  # the cashier can try again
