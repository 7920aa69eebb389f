"""Happy hours between kiosks and the cloud (the real app in this process): one set up at a kiosk
is uploaded before the events it boosted, and its boosted stamps are accepted; one made in the
cloud reaches a kiosk by the pull and boosts there offline; a forged boost is refused with the
reason and stays listed at the kiosk, never silently counted."""

from __future__ import annotations

from datetime import timedelta

from kiosk.domain.model import Role
from kiosk.services import Actor, customers
from kiosk.services.happy_hours import HappyHourDraft, save_happy_hour
from kiosk.store import meta, sync_repo
from loyalty_rules.happy_hours import Boost, Weekday, Window
from tests.sync.harness import stamps_of

MANAGER = Actor(None, "Max", Role.MANAGER)


def _around_now(clock) -> Window:
    """A window of the business's clock (UTC) from an hour before now, 3 hours long."""
    start = clock() - timedelta(hours=1)
    end = start + timedelta(hours=3)
    return Window(
        Weekday(start.weekday()),
        start.time().replace(minute=0, second=0, microsecond=0),
        end.time().replace(minute=0, second=0, microsecond=0),
    )


def _member(kiosk, program_id: str) -> tuple[int, str]:
    out = customers.enroll(kiosk.ctx, "Ana", program_ids=[program_id])
    assert out.refusal is None, out.refusal
    [(card_id, token)] = out.tokens.items()
    return card_id, token


def _paired(cloud, make_kiosk):
    """A kiosk whose own zone is 14 hours off the business's (UTC): its happy hours run on the
    business's clock, which the pull tells it, or the cloud would refuse every boost."""
    kiosk = make_kiosk(cloud)
    with kiosk.store.transaction() as conn:
        meta.put_setting(conn, "time_zone", "Pacific/Kiritimati")
    return kiosk


def test_a_happy_hour_set_up_at_the_kiosk_goes_first_and_its_boosted_stamps_are_accepted(cloud, make_kiosk):
    kiosk = _paired(cloud, make_kiosk)
    coffee = cloud.owner.offer(name="Coffee", stamps_required=10)
    assert kiosk.engine(cloud.http).run_round().online
    draft = HappyHourDraft("Double", (_around_now(kiosk.clock),), Boost.MULTIPLY, 2, frozenset({coffee}))
    made = save_happy_hour(kiosk.ctx, draft, actor=MANAGER)
    assert made.ok, made.message
    card_id, code = _member(kiosk, coffee)
    stamped = kiosk.stamp(code)  # offline: boosted at once
    assert (stamped.units_added, stamped.event.happy_hour_id) == (2, made.hour.id)

    status = kiosk.engine(cloud.http).run_round()
    assert (status.online, status.pending, status.rejected) == (True, 0, 0), status
    [listed] = cloud.owner._ok(cloud.http.get("/api/v1/happy-hours", headers=cloud.owner.headers))
    assert (listed["id"], listed["amount"], listed["programs"]) == (made.hour.id, 2, [coffee])
    card = cloud.owner._ok(cloud.http.get(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers))
    assert card["balance"]["units"] == stamps_of(kiosk, card_id) == 2


def test_a_happy_hour_made_in_the_cloud_boosts_a_kiosk_offline(cloud, make_kiosk):
    kiosk = _paired(cloud, make_kiosk)
    coffee = cloud.owner.offer(name="Coffee", stamps_required=10)
    window = _around_now(kiosk.clock)
    body = {
        "name": "Bonus",
        "windows": [
            {
                "weekday": int(window.weekday),
                "starts": f"{window.starts:%H:%M}",
                "ends": f"{window.ends:%H:%M}",
            }
        ],
        "boost": "bonus",
        "amount": 2,
        "programs": [coffee],
    }
    cloud.owner._ok(cloud.http.post("/api/v1/happy-hours", json=body, headers=cloud.owner.headers), 201)
    assert kiosk.engine(cloud.http).run_round().online
    card_id, code = _member(kiosk, coffee)
    assert kiosk.stamp(code).units_added == 3  # one stamp and the bonus of two, with no network
    status = kiosk.engine(cloud.http).run_round()
    assert (status.pending, status.rejected) == (0, 0)
    card = cloud.owner._ok(cloud.http.get(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers))
    assert card["balance"]["units"] == 3


def test_a_forged_boost_is_refused_with_its_reason_and_stays_listed(cloud, make_kiosk):
    kiosk = _paired(cloud, make_kiosk)
    coffee = cloud.owner.offer(name="Coffee", stamps_required=10)
    assert kiosk.engine(cloud.http).run_round().online
    draft = HappyHourDraft("Double", (_around_now(kiosk.clock),), Boost.MULTIPLY, 2, frozenset({coffee}))
    assert save_happy_hour(kiosk.ctx, draft, actor=MANAGER).ok
    card_id, code = _member(kiosk, coffee)
    stamped = kiosk.stamp(code)
    with kiosk.store.transaction() as conn:  # someone edits the ledger file: 2 stamps become 5
        conn.exec_driver_sql("UPDATE events SET units = 5 WHERE id = ?", (stamped.event.id,))
    status = kiosk.engine(cloud.http).run_round()
    assert (status.online, status.rejected) == (True, 1)
    with kiosk.store.reading() as conn:
        [(event, reason)] = sync_repo.rejected_events(conn)
    assert (event.id, reason) == (stamped.event.id, "happy_hour_units_mismatch")
    card = cloud.owner._ok(cloud.http.get(f"/api/v1/cards/{card_id}", headers=cloud.owner.headers))
    assert card["balance"]["units"] == 0
