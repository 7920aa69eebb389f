"""The Scan screen's happy-hour banner: "Happy hour: double stamps on Coffee card until 17:00".

Its text comes from the banner use case (kiosk.services.happy_hours.banner) through the store
worker, never from the database here; a single-shot timer asks again at the next start or end
the use case named, so the banner appears and disappears on time without polling."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.services.happy_hours import BannerOutcome, RunningHappyHour
from kiosk.ui.text import arg
from kiosk.ui.widgets.fitting import WrapLabel
from kiosk.ui.workers import StoreWorker
from loyalty_rules.happy_hours import Boost

_LONGEST_WAIT_MS = 6 * 3600 * 1000  # asked again at least this often: a clock moved by hand


class HappyHourBanner(WrapLabel):
    redrawn = Signal(object)  # the BannerOutcome now shown

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("happyHourBanner")
        self.worker = worker
        self.outcome: BannerOutcome | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        self.worker.op(self, lambda s: s.happy_hour_banner()).success(self.show_banner).run_in_background()

    def show_banner(self, outcome: BannerOutcome) -> None:
        self.outcome = outcome
        lines = [self.line(r, outcome.zone) for r in outcome.running]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
        self.timer.stop()
        if outcome.next_change is not None and outcome.at is not None:
            wait_ms = int((outcome.next_change - outcome.at).total_seconds() * 1000)
            self.timer.start(max(1000, min(_LONGEST_WAIT_MS, wait_ms)))  # at least a second: no busy loop
        elif outcome.ok and outcome.at is not None:
            self.timer.start(_LONGEST_WAIT_MS)
        self.redrawn.emit(outcome)

    def line(self, shown: RunningHappyHour, zone: str) -> str:
        until = shown.until.astimezone(ZoneInfo(zone)).strftime("%H:%M")
        offers = ", ".join(shown.offer_names)
        return arg(self.tr("Happy hour: %1 on %2 until %3"), self.boost_text(shown), offers, until)

    def boost_text(self, shown: RunningHappyHour) -> str:
        hour, points = shown.hour, shown.points_only
        if hour.boost is Boost.BONUS:
            if points:
                return self.tr("%n bonus point(s) a visit", "", hour.amount)
            return self.tr("%n bonus stamp(s) a visit", "", hour.amount)
        if hour.amount == 2:
            return self.tr("double points") if points else self.tr("double stamps")
        if hour.amount == 3:
            return self.tr("triple points") if points else self.tr("triple stamps")
        return arg(self.tr("%1× points") if points else self.tr("%1× stamps"), hour.amount)
