"""Points ledgers, two sides: random sales, catalogue redemptions and undos (voids) at a paired
kiosk (its real services on SQLite, offline until the end), then one sync; the cloud (on SQLite
and PostgreSQL) accepts every event the kiosk recorded, by the same rule, and holds the same
balance, the same amount on every earn and the same reward on every redemption.

The offer may have tiers (by points or by visits, with multipliers) and a happy hour may run over
the whole history (a multiplier or bonus points, set up at the kiosk): every earn then carries
the tier and the happy hour it was computed with, and the cloud, undoing the boost and checking
the tier by its own view of her events, accepts exactly what the kiosk recorded.

The points offer is made at the kiosk and reaches the cloud by the offers' wire (its settings
and their revision 1, docs/wire.md), as a manager's offer made at the counter does."""

from __future__ import annotations

import itertools
import uuid
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sqlalchemy import bindparam, text

from kiosk.domain.model import Program, ProgramKind, Role
from kiosk.services import Actor, customers
from kiosk.services.counter import undo
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.services.points import earn_points, redeem_reward
from kiosk.store import directory, ledger, offer_uploads
from kiosk.store.happy_hours import shop_zone
from loyalty_rules.happy_hours import BONUS_RANGE, MULTIPLIER_RANGE, Boost, Weekday, Window
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding
from loyalty_rules.tiers import Measure, Tier, TierScheme
from tests.property.cloud_side import Cloud
from tests.property.kiosk_side import _enrol_with_stamps
from tests.property.test_kiosk_and_cloud_agree import _paired_kiosk, _sync

_folders = itertools.count()
CATALOGUE = (Reward("coffee", "Coffee", 50), Reward("lunch", "Lunch", 120))

point_settings = st.builds(
    PointsSettings,
    rate=st.sampled_from([Decimal(r) for r in ("0.01", "0.5", "1", "1.25", "2", "3.33", "100")]),
    rounding=st.sampled_from(Rounding),
    minimum_spend_minor=st.integers(0, 2000),
    catalogue=st.just(CATALOGUE),
    # no tiers, or tiers a history of 25 steps can climb, by points or by visits
    tiers=st.sampled_from(
        [
            None,
            TierScheme(
                Measure.POINTS,
                12,
                (Tier("Bronze", 0), Tier("Silver", 100, Decimal("1.5")), Tier("Gold", 300, Decimal(2))),
            ),
            TierScheme(Measure.VISITS, 6, (Tier("Member", 0), Tier("Regular", 3, Decimal("1.2")))),
        ]
    ),
)
# no happy hour, or one over the whole history: "times N" or "N bonus points" a sale
happy_hours = st.one_of(
    st.none(),
    st.tuples(st.just(Boost.MULTIPLY), st.integers(*MULTIPLIER_RANGE)),
    st.tuples(st.just(Boost.BONUS), st.integers(*BONUS_RANGE)),
)
# sales of every size (some refused: negative, zero, below the minimum, too small for a point),
# redemptions of the catalogue's rewards (some she cannot afford) and of one it lacks, and the
# cashier's undo of the last earn or redemption (a void; refused when nothing is left to undo)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("earn"), st.integers(-500, 30_000)),
        st.tuples(st.just("redeem"), st.sampled_from(["coffee", "lunch", "pizza"])),
        st.tuples(st.just("undo"), st.none()),
    ),
    max_size=25,
)


def _over_the_history(kiosk) -> Window:
    """A window of the shop's clock from the hour before the kiosk's now to two hours after it:
    the history's 25 minutes run inside it, whatever the date and zone."""
    with kiosk.store.reading() as conn:
        zone = ZoneInfo(shop_zone(conn))
    start = (kiosk.clock().astimezone(zone) - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return Window(Weekday(start.weekday()), start.time(), (start + timedelta(hours=3)).time())


def _points_offer(kiosk, settings: PointsSettings) -> str:
    """A points offer made at the kiosk, waiting for its upload (as the offer editor leaves it)."""
    program = Program(
        str(uuid.uuid4()),
        "Points",
        min(r.cost for r in settings.catalogue),
        "Choose from the catalogue",
        kind=ProgramKind.POINTS,
        per_visit_limit=1,
        cooldown_seconds=0,
        points=settings,
    )
    with kiosk.store.transaction() as conn:
        directory.upsert_program(conn, program, kiosk.clock())
        offer_uploads.mark_for_upload(conn, program.id)
    return program.id


@settings(
    max_examples=15,  # each example pairs a kiosk with a fresh business
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(offer=point_settings, happy=happy_hours, referred=st.booleans(), history=steps)
def test_a_points_ledger_is_the_same_at_the_kiosk_and_in_the_cloud(
    cloud: Cloud, tmp_path, offer, happy, referred, history
):
    note(f"settings: {offer!r}; happy hour: {happy!r}; referred: {referred}; steps: {history!r}")
    owner, business_id = cloud.new_business()
    kiosk = _paired_kiosk(cloud, owner, tmp_path / f"kiosk{next(_folders)}")
    try:
        offer_id = _points_offer(kiosk, offer)
        _sync(kiosk, cloud)  # the offer and its settings reach the cloud by the wire
        if happy is not None:  # set up at the kiosk, offline: it goes up before the sales it boosts
            draft = HappyHourDraft("Happy", (_over_the_history(kiosk),), *happy, frozenset({offer_id}))
            assert save_happy_hour(kiosk.ctx, draft, actor=Actor(None, "Max", Role.MANAGER)).ok
        cards = []
        if referred:  # she joins referred by a member: her first sale grants both their bonuses
            ana = customers.enroll(kiosk.ctx, "Ana", program_ids=[offer_id])
            ((referrer_card, referrer_code),) = ana.tokens.items()
            nina = customers.enroll(kiosk.ctx, "Nina", program_ids=[offer_id], referred_by=referrer_code)
            assert nina.ok, nina.message
            ((card_id, _code),) = nina.tokens.items()
            cards = [referrer_card]
        else:
            (card_id,) = _enrol_with_stamps(kiosk, [offer_id], 0)
        cards.append(card_id)
        done, earned = 0, False
        for kind, value in history:
            kiosk.clock.advance(minutes=1)
            if kind == "earn":
                outcome = earn_points(kiosk.ctx, card_id, value)
                earned = earned or outcome.ok
            elif kind == "redeem":
                outcome = redeem_reward(kiosk.ctx, card_id, value)
            else:
                outcome = undo(kiosk.ctx, card_id)
            done += outcome.ok
        _sync(kiosk, cloud)  # asserts the cloud rejected none
        with kiosk.store.reading() as conn:
            balances = {c: ledger.get_card(conn, c).balance for c in cards}
            recorded = {
                e.id: (e.kind.value, e.units, e.amount_minor, e.reward_id, e.tier, e.happy_hour_id)
                for c in cards
                for e in ledger.events_of_card(conn, c)
            }
    finally:
        kiosk.close()
    own = [e for e in recorded.values() if e[0] not in ("referral", "void") or not referred]
    if not referred:  # the enrolment and every step reported done (a referral adds its bonuses)
        assert len(own) == done + 1
    else:  # her first sale granted both bonuses, the cloud took them (compared below)
        assert sum(e[0] == "referral" for e in recorded.values()) == (2 if earned else 0)
    for c, balance in balances.items():
        card = owner._ok(cloud.http.get(f"/api/v1/cards/{c}", headers=owner.headers))
        assert card["balance"] == {
            "units": balance.units,
            "lifetime": balance.lifetime,
            "redemptions": balance.redemptions,
            "visits": balance.visits,
        }
    offered = owner._ok(cloud.http.get(f"/api/v1/offers/{offer_id}", headers=owner.headers))
    assert (offered["kind"], offered["points_revision"]) == ("points", 1)
    with cloud.app.state.ctx.db.read_session() as session:
        rows = session.execute(
            text(
                "SELECT id, kind, units, amount_minor, reward_id, tier, happy_hour_id FROM events"
                " WHERE business_id = :b AND card_id IN :c"
            ).bindparams(bindparam("c", expanding=True)),
            {"b": business_id, "c": cards},
        ).all()
    assert {r[0]: tuple(r[1:]) for r in rows} == recorded
