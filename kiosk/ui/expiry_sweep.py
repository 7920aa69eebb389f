"""The points-expiry sweep of a running kiosk: on the store worker soon after start (never
delaying the first scan) and then once a day, so members who do not come lose lapsed points as
recorded ledger events (kiosk/services/points_expiry.py) whether or not anyone scans them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from kiosk.services.points_expiry import SweepOutcome
    from kiosk.ui.app import Kiosk

DAY_MS = 24 * 3600 * 1000
log = logging.getLogger(__name__)


def schedule_points_expiry(
    kiosk: Kiosk, every_ms: int = DAY_MS, on_swept: Callable[[SweepOutcome], None] | None = None
) -> QTimer:
    """Run the sweep now (queued) and every `every_ms`; `on_swept` hears each outcome."""
    timer = QTimer(kiosk.window)
    timer.setInterval(every_ms)

    def swept(outcome: SweepOutcome) -> None:
        if outcome.cards:
            log.info("points expired: %d points on %d cards", outcome.points, outcome.cards)
        if on_swept is not None:
            on_swept(outcome)

    def sweep() -> None:
        op = kiosk.worker.op(kiosk.window, lambda s: s.expire_points())
        op.success(swept)
        op.run_in_background()

    timer.timeout.connect(sweep)
    timer.start()
    QTimer.singleShot(0, sweep)
    return timer
