"""kiosk/sync/wire.py against the cloud's actual schemas and answers: they must agree."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from cloud import installations
from cloud import schemas as cloud_schemas
from kiosk.domain.model import Customer, Event, EventKind, Program, ProgramKind, ProgramStatus
from kiosk.store.sync_repo import PendingEvent
from kiosk.sync import wire
from kiosk.sync.insights import ANALYTICS_PATH
from loyalty_rules.kinds.points import PointsSettings, Reward, Rounding

WHEN = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def _event(kind: EventKind, units: int, **extra) -> Event:
    return Event(
        id=str(uuid.uuid4()),
        kind=kind,
        card_id=48210937551,
        program_id=str(uuid.uuid4()),
        units=units,
        occurred_at=WHEN,
        staff_id=str(uuid.uuid4()),
        staff_name="Ana",
        location_id=str(uuid.uuid4()),
        device_id=str(uuid.uuid4()),
        **extra,
    )


CASES = [
    PendingEvent(
        1,
        _event(EventKind.ENROLL, 0),
        Customer(str(uuid.uuid4()), "Ana Lima", "ana@example.com", "+4915112345678", True, WHEN),
        4711,
    ),
    PendingEvent(2, _event(EventKind.EARN, 1)),
    PendingEvent(3, _event(EventKind.REDEEM, -9)),
    PendingEvent(4, _event(EventKind.ADJUST, 3, reason="goodwill")),
    PendingEvent(5, _event(EventKind.VOID, -1, ref_event_id=str(uuid.uuid4()), ref_kind=EventKind.EARN)),
    PendingEvent(6, _event(EventKind.REFERRAL, 2)),
    # a points offer's earn and redemption, with the settings revision they were computed under
    PendingEvent(8, _event(EventKind.EARN, 13, amount_minor=1250, offer_revision=2)),
    PendingEvent(9, _event(EventKind.REDEEM, -50, reward_id="coffee", offer_revision=2)),
    PendingEvent(  # wire version 2
        7,
        _event(EventKind.MEMBER_MERGE, 0, merge_keep_id=str(uuid.uuid4()), merge_absorb_id=str(uuid.uuid4())),
    ),
]


@pytest.mark.parametrize("pending", CASES, ids=lambda p: p.event.kind.value)
def test_every_event_the_kiosk_sends_is_a_valid_cloud_event(pending):
    body = wire.event_json(pending)
    parsed = cloud_schemas.Event.model_validate(body)  # extra="forbid": no field the cloud does not know
    assert str(parsed.id) == pending.event.id
    assert parsed.occurred_at == WHEN


def test_the_kiosk_sends_exactly_the_fields_of_the_contract():
    # version 1's fields on every event; version 2's `merge` on a member_merge only; a points
    # offer's `amount_minor` on its earns and `reward_id` on its redemptions only; a happy hour's
    # id on an earn it boosted only
    points = {"amount_minor", "reward_id", "offer_revision", "happy_hour_id"}
    assert set(wire.event_json(CASES[0])) == set(cloud_schemas.Event.model_fields) - {"merge"} - points
    assert set(wire.event_json(CASES[-1])) == set(cloud_schemas.Event.model_fields) - points
    assert set(wire.event_json(CASES[-3])) - set(wire.event_json(CASES[1])) == {
        "amount_minor",
        "offer_revision",
    }
    assert set(wire.event_json(CASES[-2])) - set(wire.event_json(CASES[2])) == {"reward_id", "offer_revision"}
    assert cloud_schemas.Event.model_validate(wire.event_json(CASES[-2])).offer_revision == 2
    assert cloud_schemas.Event.model_validate(wire.event_json(CASES[-3])).amount_minor == 1250
    boosted = dataclasses.replace(
        CASES[1], event=dataclasses.replace(CASES[1].event, units=2, happy_hour_id=str(uuid.uuid4()))
    )
    assert set(wire.event_json(boosted)) - set(wire.event_json(CASES[1])) == {"happy_hour_id"}
    assert str(cloud_schemas.Event.model_validate(wire.event_json(boosted)).happy_hour_id) == (
        boosted.event.happy_hour_id
    )
    assert cloud_schemas.Event.model_validate(wire.event_json(CASES[-2])).reward_id == "coffee"
    merge = cloud_schemas.Event.model_validate(wire.event_json(CASES[-1])).merge
    assert (str(merge.keep_customer_id), str(merge.absorb_customer_id)) == (
        CASES[-1].event.merge_keep_id,
        CASES[-1].event.merge_absorb_id,
    )
    assert set(wire.customer_json(CASES[0].customer)) == set(cloud_schemas.CustomerIn.model_fields)
    assert set(wire.pair_body("C", "Till", b"\x01" * 32, 1, 7)) == set(cloud_schemas.PairIn.model_fields)
    cloud_schemas.PairIn.model_validate(wire.pair_body("K7QH-3XMP", "Till", b"\x01" * 32, 65535))
    cloud_schemas.PairIn.model_validate(wire.pair_body("K7QH-3XMP", "Till", b"\x01" * 32, 65535, 7))
    # the clone check's headers (docs/wire.md, "Installations") are spelt alike on both sides
    assert (wire.INSTALLATION_HEADER, wire.SEQUENCE_HEADER) == (
        installations.INSTALLATION_HEADER,
        installations.SEQUENCE_HEADER,
    )


def _schema_fields(openapi: dict, name: str) -> set[str]:
    return set(openapi["components"]["schemas"][name]["properties"])


def test_openapi_answers_carry_what_the_kiosk_reads(cloud):
    openapi = cloud.http.get("/openapi.json").json()
    assert {
        "cursor",
        "has_more",
        "server_time",
        "offers",
        "customers",
        "cards",
        "keys",
        "revoked_cards",
        "conflicts",
    } <= _schema_fields(openapi, "PullOut")
    assert {"results", "server_time"} <= _schema_fields(openapi, "PushOut")
    assert {"id", "status", "reason", "seq"} <= _schema_fields(openapi, "PushResult")
    assert {
        "id",
        "name",
        "kind",
        "stamps_required",
        "reward_text",
        "per_visit_limit",
        "cooldown_seconds",
        "starts_at",
        "ends_at",
        "status",
        "colour",
        "icon",
    } <= _schema_fields(openapi, "Offer")
    assert {
        "id",
        "customer_id",
        "program_id",
        "key_id",
        "status",
        "flagged",
        "balance",
        "last_seq",
    } <= _schema_fields(openapi, "Card")
    assert {
        "device_id",
        "device_token",
        "business_id",
        "business_name",
        "location_id",
        "location_name",
        "key_id",
    } <= _schema_fields(openapi, "PairOut")
    assert {"results"} <= _schema_fields(openapi, "OffersUploadOut")
    assert {"id", "status", "reason"} <= _schema_fields(openapi, "OfferUploadResult")
    # the till's join link (kiosk/sync/till_join.py reads these)
    assert {"url", "code", "till", "program", "key_id"} <= _schema_fields(openapi, "TillJoinLinkOut")
    # the shop's analytics (kiosk/sync/insights.py reads these)
    assert {"as_of", "start", "end", "days", "weeks", "offers", "cohorts", "rfm", "churn"} <= _schema_fields(
        openapi, "DeviceAnalyticsOut"
    )
    assert {"day", "visits", "stamps", "redemptions"} <= _schema_fields(openapi, "DayStats")
    assert {"period", "new_members"} <= _schema_fields(openapi, "NewMembers")
    assert {"id", "name", "visits", "stamps", "redemptions"} <= _schema_fields(openapi, "GroupStats")
    assert {"month", "size", "active"} <= _schema_fields(openapi, "CohortOut")
    assert {"members", "segments"} <= _schema_fields(openapi, "RfmOut")
    assert {"status", "message", "weeks", "outlook"} <= _schema_fields(openapi, "ChurnOut")
    assert {"member_id", "name", "visit_days", "probability_alive", "expected_visits", "expected_spend"} <= (
        _schema_fields(openapi, "MemberOutlook")
    )
    paths = openapi["paths"]
    assert "get" in paths[ANALYTICS_PATH]
    assert "put" in paths[wire.TILL_JOIN_PATH]
    assert "put" in paths[wire.OFFERS_PATH]
    assert "post" in paths[wire.PUSH_PATH]
    assert "get" in paths[wire.PULL_PATH]
    assert "post" in paths[wire.PAIR_PATH]


def test_real_answers_parse_with_nothing_left_unread(cloud, make_kiosk):
    a = make_kiosk(cloud)
    b = make_kiosk(cloud)
    card_id, token = a.enroll("Ana")
    for _ in range(5):
        a.stamp(token)
    a.engine(cloud.http).run_round()
    b.engine(cloud.http).run_round()
    a.redeem(card_id)
    b.redeem(card_id)
    a.engine(cloud.http).run_round()
    b.engine(cloud.http).run_round()
    client = b.engine(cloud.http).client
    raw = cloud.http.get(
        "/api/v1/sync/pull",
        params={"cursor": 0, "limit": 1000},
        headers={"Authorization": f"Device {client.device_token}"},
    ).json()
    answer = wire.parse_pull(raw, cloud.business_id)
    page = answer.page
    assert len(page.programs) == len(raw["offers"]) >= 1
    assert len(page.customers) == len(raw["customers"]) == 1
    assert len(page.cards) == len(raw["cards"]) == 1
    assert answer.skipped_cards == 0
    assert {k.key_id for k in page.keys} == {k["key_id"] for k in raw["keys"]}
    (conflict,) = page.conflicts
    assert conflict.card_id == card_id
    assert len(conflict.events) == 2
    assert {e.device_id for e in conflict.events} == {
        str(e["device_id"]) for e in raw["conflicts"][0]["events"]
    }
    assert {e.device_name for e in conflict.events} == {
        e["device_name"] for e in raw["conflicts"][0]["events"]
    }
    assert all(e.device_name for e in conflict.events)
    assert all(e.location_name for e in conflict.events)
    # the pulled card's JSON has exactly the documented fields
    assert set(raw["cards"][0]) == {
        "id",
        "customer_id",
        "program_id",
        "key_id",
        "status",
        "flagged",
        "balance",
        "last_seq",
    }
    assert set(raw["cards"][0]["balance"]) == {"units", "lifetime", "redemptions", "visits"}
    assert set(raw["conflicts"][0]["events"][0]) == {
        "id",
        "staff_name",
        "location_id",
        "location_name",
        "device_id",
        "device_name",
        "occurred_at",
    }


def test_push_answer_parses_and_keeps_order(cloud, make_kiosk):
    a = make_kiosk(cloud)
    a.enroll()
    a.enroll()
    client = a.engine(cloud.http).client
    from kiosk.store import sync_repo

    with a.store.reading() as conn:
        batch = sync_repo.pending_batch(conn, 10)
    answer = client.push(batch)
    assert [r.id for r in answer.results] == [p.event.id for p in batch]
    assert {r.status for r in answer.results} == {"accepted"}
    again = client.push(batch)
    assert {r.status for r in again.results} == {"duplicate"}
    assert [r.seq for r in again.results] == [r.seq for r in answer.results]


OFFERS = [
    Program(str(uuid.uuid4()), "Tea card", 8, "a free tea", ProgramKind.STAMPS, 2, 60, 120),
    Program(
        str(uuid.uuid4()),
        "Winter cake",
        6,
        "a slice of cake",
        ProgramKind.STAMPS,
        1,
        0,
        0,
        starts_at=WHEN,
        ends_at=datetime(2027, 3, 1, tzinfo=UTC),
        status=ProgramStatus.PAUSED,
        colour="#aa00ff",
        icon="cake",
    ),
    Program(
        str(uuid.uuid4()),
        "Points",
        50,
        "from the catalogue",
        ProgramKind.POINTS,
        1,
        0,
        120,
        points=PointsSettings(Decimal("1.25"), Rounding.HALF_UP, 500, (Reward("coffee", "Coffee", 50),)),
        points_revision=1,
    ),
]


def test_every_offer_the_kiosk_uploads_is_a_valid_cloud_offer():
    body = wire.offers_body(OFFERS)
    parsed = cloud_schemas.OffersUploadIn.model_validate(body)  # extra="forbid", every field present
    assert [str(o.id) for o in parsed.offers] == [p.id for p in OFFERS]
    assert parsed.offers[1].starts_at == WHEN
    # the upload carries exactly the pull's Offer fields
    assert set(wire.offer_json(OFFERS[0])) == set(cloud_schemas.Offer.model_fields)
    assert set(wire.offer_json(OFFERS[0])) == set(cloud_schemas.OfferUpload.model_fields)
    # and reads back as the same offer (the undo window is the kiosk's own, not on the wire)
    for offer in OFFERS[1:]:  # a points offer's settings and revision too, exactly
        pulled = wire.program_from(wire.offer_json(offer))
        assert pulled == dataclasses.replace(offer, undo_window_seconds=pulled.undo_window_seconds)


def test_offer_upload_answer_parses_and_keeps_order(cloud, make_kiosk):
    a = make_kiosk(cloud)
    client = a.engine(cloud.http).client
    answer = client.push_offers(OFFERS)
    assert [(r.id, r.status, r.reason) for r in answer] == [(p.id, "accepted", None) for p in OFFERS]
    assert client.push_offers(OFFERS) == answer  # idempotent
