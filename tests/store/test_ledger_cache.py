"""The balance cached on each card always equals a recompute from its events."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.services.demo import create_demo_shop
from kiosk.store import ledger
from tests.helpers import open_kiosk

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("scan"), st.integers(0, 7), st.integers(-1, 6)),
        st.tuples(st.just("redeem"), st.integers(0, 7), st.just(0)),
        st.tuples(st.just("undo"), st.integers(0, 7), st.just(0)),
        st.tuples(st.just("adjust"), st.integers(0, 7), st.integers(-5, 5)),
        st.tuples(st.just("wait"), st.just(0), st.sampled_from([5, 61, 130, 400])),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_cache_equals_recompute(ops):
    from kiosk.domain.model import Role
    from kiosk.services import Actor

    with tempfile.TemporaryDirectory() as tmp:
        k = open_kiosk(Path(tmp))
        try:
            shop = create_demo_shop(k.ctx, customers_count=3)
            tokens = list(shop.tokens.values())
            manager = Actor("m", "Manager", Role.MANAGER)
            for op, which, amount in ops:
                code = tokens[which % len(tokens)]
                if op == "scan":
                    k.services.record_scan(code, quantity=amount)
                elif op == "redeem":
                    k.services.redeem(code)
                elif op == "undo":
                    k.services.undo(code)
                elif op == "adjust":
                    k.services.adjust(code, amount, "test correction", actor=manager)
                else:
                    k.clock.advance(amount)
            with k.ctx.store.reading() as conn:
                for code in tokens:
                    card = k.services.inspect(code).card.card
                    assert ledger.recompute_balance(conn, card.id) == card.balance
                    assert card.balance.units >= 0
                    assert ledger.last_earn_time(conn, card.id) == card.last_earn_at
        finally:
            k.close()
