"""Two tills on one kiosk ledger scanning the same card at the same moment.

The second scan must see the first one's stamp and be refused by the cooldown: a write transaction
holds SQLite's write lock from its first read (BEGIN IMMEDIATE), so no till decides on a card
another till is about to change."""

from __future__ import annotations

import threading

from sqlalchemy import event

from kiosk.domain.refusals import Reason
from kiosk.services import Context, Services
from kiosk.services.demo import create_demo_shop
from kiosk.store import open_store
from tests.helpers import SetClock

WAIT = 10.0  # seconds; only a safety bound so a broken run fails instead of hanging


class PausingClock(SetClock):
    """Till A's clock: record_scan asks for the time after it has read the card. There A stops
    until till B has finished its scan or is queueing for the write lock."""

    def __init__(self, start, go_on: threading.Event) -> None:
        super().__init__(start)
        self.go_on = go_on
        self.armed = False
        self.card_read = threading.Event()

    def __call__(self):
        if self.armed:
            self.armed = False
            self.card_read.set()
            self.go_on.wait(WAIT)
        return super().__call__()


def test_two_tills_scanning_one_card_at_once_record_one_stamp(tmp_path):
    clock = SetClock()
    setup = Services(Context(open_store(tmp_path, now=clock()), clock=clock))
    shop = create_demo_shop(setup.ctx, customers_count=2)
    token = next(t for name, t in shop.tokens.items() if name.endswith("Coffee card"))
    setup.ctx.store.close()

    b_waiting_or_done = threading.Event()
    clock_a = PausingClock(clock(), b_waiting_or_done)
    till_a = Services(Context(open_store(tmp_path, now=clock()), clock=clock_a))
    till_b = Services(Context(open_store(tmp_path, now=clock()), clock=SetClock(clock())))

    def watch_b(dbapi_conn, _record, _proxy):
        # SQLite reports a statement as it starts running, before it waits for a lock
        dbapi_conn.set_trace_callback(
            lambda sql: b_waiting_or_done.set() if sql.upper().startswith("BEGIN IMMEDIATE") else None
        )

    event.listen(till_b.ctx.store.engine, "checkout", watch_b)
    outcomes = {}

    def scan(name, services):
        outcomes[name] = services.record_scan(token)
        if name == "b":
            b_waiting_or_done.set()

    try:
        clock_a.armed = True
        a = threading.Thread(target=scan, args=("a", till_a), name="till-a")
        a.start()
        assert clock_a.card_read.wait(WAIT)  # till A has read the card and decided it may stamp
        b = threading.Thread(target=scan, args=("b", till_b), name="till-b")
        b.start()
        a.join(WAIT)
        b.join(WAIT)
        assert not a.is_alive()
        assert not b.is_alive()
        stamped = [o for o in outcomes.values() if o.ok]
        refused = [o for o in outcomes.values() if not o.ok]
        assert len(stamped) == 1, [o.message for o in outcomes.values()]
        assert len(refused) == 1
        assert refused[0].refusal.reason is Reason.COOLDOWN, refused[0].message
        assert till_b.inspect(token).card.card.balance.units == 1  # one stamp on disk
    finally:
        b_waiting_or_done.set()
        till_a.ctx.store.close()
        till_b.ctx.store.close()
