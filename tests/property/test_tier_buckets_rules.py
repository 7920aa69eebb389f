"""The tier from month buckets equals the tier from a replay of the events (loyalty_rules):
buckets built event by event as a store keeps them (each event's delta into its month, a void's
into the cancelled event's month) give, for any scheme and any later moment, the standing a
replay of the events that still stand gives. Pure, with its own instants (no real clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from loyalty_rules.ledger import void_of
from loyalty_rules.model import Event, EventKind
from loyalty_rules.tier_buckets import Replayed, bucket_month, delta_of, measured, replayed_totals
from loyalty_rules.tiers import Measure, Tier, TierScheme, standing

START = datetime(2025, 1, 1, tzinfo=UTC)
KINDS = [EventKind.EARN, EventKind.ENROLL, EventKind.REDEEM, EventKind.ADJUST, EventKind.REFERRAL]

STEPS = st.lists(
    st.tuples(
        st.integers(0, 40 * 86_400),  # seconds since the last event: many months in all
        st.sampled_from([*KINDS, EventKind.VOID]),
        st.integers(1, 200),
        st.integers(0, 1),  # card 0 is a points card, card 1 a stamp card
    ),
    max_size=60,
)
SCHEMES = st.builds(
    lambda measure, window, steps: TierScheme(
        measure, window, tuple(Tier(f"T{i}", t, Decimal(1)) for i, t in enumerate([0, *steps]))
    ),
    st.sampled_from(list(Measure)),
    st.integers(1, 36),
    st.lists(st.integers(1, 400), min_size=1, max_size=5, unique=True).map(sorted),
)


def _history(steps) -> list[Event]:
    events: list[Event] = []
    at = START
    for n, (gap, kind, units, card) in enumerate(steps):
        at += timedelta(seconds=gap)
        if kind is EventKind.VOID:
            voided = {e.ref_event_id for e in events if e.kind is EventKind.VOID}
            live = [e for e in events if e.kind is not EventKind.VOID and e.id not in voided]
            if live:
                events.append(void_of(live[units % len(live)], event_id=f"e{n}", now=at))
            continue
        signed = -units if kind is EventKind.REDEEM else units
        events.append(Event(f"e{n}", kind, card, "p", signed, at))
    return events


@given(STEPS, SCHEMES, st.integers(0, 1_200), st.sampled_from(["Europe/Berlin", "Pacific/Auckland", "UTC"]))
def test_standing_from_kept_buckets_equals_the_replay(steps, scheme, days_later, zone):
    events = _history(steps)
    at = {e.id: e.occurred_at for e in events}
    kept: dict[tuple[int, int], list[int]] = {}  # (card, month) -> [points, visits], as a store keeps
    for e in events:
        delta = delta_of(e)
        if delta:
            pair = kept.setdefault((e.card_id, bucket_month(e, at.get(e.ref_event_id or ""), zone)), [0, 0])
            pair[0] += delta.points
            pair[1] += delta.visits
    totals: dict[int, int] = {}
    for (card, month), (points, visits) in kept.items():
        totals[month] = totals.get(month, 0) + measured(points, visits, scheme.measure, points_card=card == 0)
    history = [Replayed(e, e.card_id == 0) for e in events]
    replay = replayed_totals(history, zone, scheme.measure)
    assert {m: v for m, v in totals.items() if v} == replay
    now = (events[-1].occurred_at if events else START) + timedelta(days=days_later)
    assert standing(scheme, totals, now, zone) == standing(scheme, replay, now, zone)
