"""Issue 12, item 4: an event id the cloud already holds with another body. The kiosk keeps its
event (refused, listed on the Sync screen), never drops it as if the cloud had it."""

from __future__ import annotations

from kiosk.store import sync_repo
from kiosk.sync import details, wire


def test_an_event_whose_id_the_cloud_holds_with_another_body_is_kept_and_listed(cloud, make_kiosk):
    kiosk = make_kiosk(cloud)
    card_id, token = kiosk.enroll()
    assert kiosk.engine(cloud.http).run_round().online
    stamp = kiosk.stamp(token).event
    # the cloud got another body under this id first (a restored or copied ledger, a bug)
    other = {
        "id": stamp.id,
        "kind": "earn",
        "card_id": card_id,
        "program_id": stamp.program_id,
        "units": 3,
        "occurred_at": wire.timestamp(stamp.occurred_at),
    }
    r = cloud.http.post(
        wire.PUSH_PATH,
        json={"events": [other]},
        headers={"Authorization": f"Device {kiosk.credentials.get()}"},
    )
    assert r.json()["results"][0]["status"] == "accepted"
    retry = kiosk.stamp(token).event  # an ordinary event in the same batch goes through

    status = kiosk.engine(cloud.http).run_round()
    assert status.online
    assert status.rejected_now == 1
    with kiosk.store.reading() as conn:
        assert sync_repo.outbox_counts(conn) == {"pending": 0, "rejected": 1, "held": 0}
        ((kept, reason),) = sync_repo.rejected_events(conn)
    assert (kept.id, kept.units, reason) == (stamp.id, 1, "id_conflict")
    overview = details.read_overview(kiosk.store, kiosk.clock)
    assert [(r.reason, r.card_number) for r in overview.rejected] == [
        ("id_conflict", overview.rejected[0].card_number)
    ]
    # kiosk and cloud agree on what counted: the cloud's body (3) and the second stamp
    assert cloud.owner.card(card_id)["balance"]["units"] == 3 + retry.units
    assert kiosk.card(card_id).balance.units == 3 + retry.units
