"""The Analytics screen's member rules, worked out by hand: who is at risk and in which order, and
a standalone kiosk's own RFM segments over a real SQLite ledger."""

from __future__ import annotations

from datetime import UTC, timedelta

from kiosk.domain.insights import AT_RISK_BELOW, MemberOutlook, at_risk, segment_counts
from kiosk.domain.model import Role
from kiosk.services import Actor
from kiosk.services.analytics import analytics
from kiosk.services.demo import create_demo_shop
from loyalty_rules.rfm import Segment
from tests.helpers import today_at

MANAGER = Actor("m1", "Max Manager", Role.MANAGER)


def _m(name: str, visit_days: int, alive: float, spend: float | None = None) -> MemberOutlook:
    return MemberOutlook(name.lower(), name, visit_days, alive, 0.1, spend)


def test_at_risk_keeps_the_less_likely_than_not_and_puts_the_most_valuable_first():
    members = (
        _m("Ann", 2, 0.10),
        _m("Ben", 9, 0.45),
        _m("Cid", 9, 0.30),  # as often as Ben, less likely to come back: before him
        _m("Dora", 12, AT_RISK_BELOW),  # an even chance is not "at risk"
        _m("Emil", 9, 0.40, spend=80.0),  # spends most of the nine-visit members: first of them
        _m("Finn", 30, 0.9),
    )
    assert [m.name for m in at_risk(members)] == ["Emil", "Cid", "Ben", "Ann"]
    assert [m.name for m in at_risk(members, limit=2)] == ["Emil", "Cid"]
    assert at_risk(()) == ()


def test_segment_counts_list_every_segment_in_the_rules_order():
    counts = segment_counts({Segment.HIBERNATING: 2, Segment.CHAMPIONS: 1})
    assert [c.segment for c in counts] == list(Segment)
    assert {c.segment: c.members for c in counts if c.members} == {
        Segment.HIBERNATING: 2,
        Segment.CHAMPIONS: 1,
    }


def test_a_standalone_kiosk_scores_its_own_members_with_the_shared_rule(kiosk, clock):
    services = kiosk.services
    # three of the demo shop's members came in (the rest never did and are not scored)
    start = today_at(9)
    clock.now = start - timedelta(days=200)
    shop = create_demo_shop(services.ctx)
    a, b, c = (shop.tokens[k] for k in sorted(k for k in shop.tokens if k.endswith("/ Coffee card"))[:3])
    for token, days_ago in ((c, 150), (b, 31), (b, 30), (a, 10), (a, 3), (a, 0)):
        clock.now = start - timedelta(days=days_ago)
        assert services.record_scan(token).ok
    clock.now = start + timedelta(hours=1)
    own = analytics(services.ctx, 30, actor=MANAGER, tz=UTC).insights
    assert own.scored_members == 3
    # 1 + floor(5 * members worse / 3): recency 0, 30, 150 days -> R 4, 2, 1; visit days 3, 2, 1
    # -> F 4, 2, 1; so R4 F4 is loyal, R2 F2 and R1 F1 hibernating
    by_segment = {s.segment: s.members for s in own.segments if s.members}
    assert by_segment == {Segment.LOYAL: 1, Segment.HIBERNATING: 2}
