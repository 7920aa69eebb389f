"""Migrations: empty -> head, down and up again, and the schema matches the models."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from cloud.db import Database, alembic_config, downgrade, upgrade
from cloud.models import Base


def _revisions(db):
    script = ScriptDirectory.from_config(alembic_config(db.write_engine))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _current(db):
    with db.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _diff(db):
    with db.write_engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_upgrade_from_empty_matches_the_models(database_url):
    db = Database(database_url)
    try:
        upgrade(db.write_engine)
        assert _current(db) == _revisions(db)[-1]
        assert _diff(db) == []
        upgrade(db.write_engine)  # a second run is a no-op
    finally:
        db.dispose()


def test_every_revision_upgrades_to_head_and_round_trips(database_url):
    db = Database(database_url)
    try:
        revisions = _revisions(db)
        for start in revisions:  # from each earlier revision up to head
            upgrade(db.write_engine, start)
            assert _current(db) == start
            upgrade(db.write_engine)
            assert _current(db) == revisions[-1]
            downgrade(db.write_engine, "base")
            assert _current(db) is None
            assert set(inspect(db.write_engine).get_table_names()) <= {"alembic_version"}
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def _add_user(conn, business_id: int, email: str) -> None:
    conn.execute(
        text(
            "INSERT INTO users (id, business_id, email, name, password_hash, role, disabled, created_at) "
            "VALUES (:id, :bid, :email, '', 'x', 'manager', false, :at)"
        ),
        {"id": str(uuid.uuid4()), "bid": business_id, "email": email, "at": datetime.now(UTC)},
    )


def _add_business(conn, name: str) -> int:
    conn.execute(
        text("INSERT INTO businesses (name, seq, created_at) VALUES (:n, 1, :at)"),
        {"n": name, "at": datetime.now(UTC)},
    )
    return conn.execute(text("SELECT id FROM businesses WHERE name = :n"), {"n": name}).scalar_one()


def test_emails_become_unique_per_business_and_the_way_back_refuses_shared_ones(database_url):
    """0003: users from before keep their rows; afterwards one email may sign in to two
    businesses but not twice to one; downgrading refuses (changing nothing) while shared."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0002")
        with db.write_engine.begin() as conn:
            cafe, bakery = _add_business(conn, "Cafe"), _add_business(conn, "Bakery")
            _add_user(conn, cafe, "sam@shop.example")
        with pytest.raises(IntegrityError), db.write_engine.begin() as conn:  # the old rule
            _add_user(conn, bakery, "sam@shop.example")
        upgrade(db.write_engine, "0003")  # the revision under test (later ones step down first)
        with db.write_engine.begin() as conn:
            _add_user(conn, bakery, "sam@shop.example")
        with pytest.raises(IntegrityError), db.write_engine.begin() as conn:
            _add_user(conn, bakery, "sam@shop.example")
        # later revisions step down first (SQLite commits each step), so 0003's refusal is alone
        downgrade(db.write_engine, "0003")
        with pytest.raises(RuntimeError, match=r"1 email.*several businesses"):
            downgrade(db.write_engine, "0002")
        assert _current(db) == "0003"
        upgrade(db.write_engine)
        assert _current(db) == _revisions(db)[-1]
        assert _diff(db) == []
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 2
            conn.execute(text("DELETE FROM users WHERE business_id = :b"), {"b": bakery})
        downgrade(db.write_engine, "0002")
        with pytest.raises(IntegrityError), db.write_engine.begin() as conn:
            _add_user(conn, bakery, "sam@shop.example")
    finally:
        db.dispose()


def test_businesses_get_the_utc_zone_their_days_were_counted_in_and_keep_every_row(database_url):
    """0006_rules: a business from before counts its days in UTC, as it did; adding (and on the
    way down, dropping) the column never recreates the table, which would cascade to its rows."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0003")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            _add_user(conn, cafe, "sam@shop.example")
        upgrade(db.write_engine)
        with db.write_engine.begin() as conn:
            zone = conn.execute(text("SELECT time_zone FROM businesses WHERE id = :b"), {"b": cafe})
            assert zone.scalar_one() == "UTC"
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
        downgrade(db.write_engine, "0003")
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
        assert _current(db) == "0003"
    finally:
        db.dispose()


def test_customers_from_before_merges_are_their_own_members_and_keep_every_row(database_url):
    """0007_merge: every customer from before is her own member (`merged_into` null), the merges
    table starts empty; on the way down the table goes and every customer stays."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0006_rules")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            for name in ("Ada", "Bea"):
                conn.execute(
                    text(
                        "INSERT INTO customers (business_id, id, name, marketing_consent, created_at, day,"
                        " seq) VALUES (:b, :id, :n, false, :at, '2026-01-01', 1)"
                    ),
                    {"b": cafe, "id": str(uuid.uuid4()), "n": name, "at": datetime.now(UTC)},
                )
        upgrade(db.write_engine)
        with db.write_engine.begin() as conn:
            rows = conn.execute(text("SELECT name, merged_into FROM customers ORDER BY name")).all()
            assert [tuple(r) for r in rows] == [("Ada", None), ("Bea", None)]
            assert conn.execute(text("SELECT COUNT(*) FROM member_merges")).scalar_one() == 0
        downgrade(db.write_engine, "0006_rules")
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM customers")).scalar_one() == 2
        assert "member_merges" not in inspect(db.write_engine).get_table_names()
        assert _current(db) == "0006_rules"
    finally:
        db.dispose()


def test_join_pages_add_their_tables_and_a_language_and_keep_every_business_row(database_url):
    """0008_join: a business from before has no page language (its visitors' browsers choose);
    the column comes and goes without recreating `businesses`, whose users stay."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0007_merge")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            _add_user(conn, cafe, "sam@shop.example")
        upgrade(db.write_engine, "0008_join")
        assert {"join_links", "member_joins", "card_links"} <= set(inspect(db.write_engine).get_table_names())
        with db.write_engine.begin() as conn:
            language = conn.execute(text("SELECT language FROM businesses WHERE id = :b"), {"b": cafe})
            assert language.scalar_one() is None
            conn.execute(
                text("INSERT INTO join_links (code, business_id, created_at) VALUES ('abc', :b, :at)"),
                {"b": cafe, "at": datetime.now(UTC)},
            )
        downgrade(db.write_engine, "0007_merge")
        tables = set(inspect(db.write_engine).get_table_names())
        assert not {"join_links", "member_joins", "card_links"} & tables
        assert "language" not in {c["name"] for c in inspect(db.write_engine).get_columns("businesses")}
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_google_wallet_adds_its_tables_and_keeps_every_business_row(database_url):
    """0009_gwallet: the Google Wallet tables come and go; businesses and their users stay."""
    db = Database(database_url)
    tables = {"wallet_google_configs", "wallet_google_objects", "wallet_google_notices"}
    try:
        upgrade(db.write_engine, "0008_join")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            _add_user(conn, cafe, "sam@shop.example")
        upgrade(db.write_engine, "0009_gwallet")
        assert tables <= set(inspect(db.write_engine).get_table_names())
        with db.write_engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO wallet_google_objects (object_id, business_id, card_id, version, "
                    "created_at) VALUES ('1.b-card-1', :b, 1, -1, :at)"
                ),
                {"b": cafe, "at": datetime.now(UTC)},
            )
            conn.execute(
                text("INSERT INTO wallet_google_notices (object_id, sent_at) VALUES ('1.b-card-1', :at)"),
                {"at": datetime.now(UTC)},
            )
            with pytest.raises(IntegrityError), conn.begin_nested():  # one object per card
                conn.execute(
                    text(
                        "INSERT INTO wallet_google_objects (object_id, business_id, card_id, version, "
                        "created_at) VALUES ('1.other', :b, 1, -1, :at)"
                    ),
                    {"b": cafe, "at": datetime.now(UTC)},
                )
        downgrade(db.write_engine, "0008_join")
        assert not tables & set(inspect(db.write_engine).get_table_names())
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
    finally:
        db.dispose()


def test_points_columns_come_empty_and_go_keeping_every_offer_and_event(database_url):
    """0010_points: offers and events from before have no points settings, amount or reward; a
    points offer's settings and its events' amounts and rewards are stored; on the way down the
    columns go (without recreating either table) and every row stays."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0009_gwallet")
        now = datetime.now(UTC)
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            conn.execute(
                text(
                    "INSERT INTO offers (id, business_id, name, kind, stamps_required, reward_text,"
                    " per_visit_limit, cooldown_seconds, status, colour, icon, created_at, seq)"
                    " VALUES ('o1', :b, 'Coffee', 'stamps', 10, 'A coffee', 1, 0, 'active', '#123456',"
                    " 'coffee', :at, 1)"
                ),
                {"b": cafe, "at": now},
            )
            conn.execute(
                text(
                    "INSERT INTO events (business_id, id, seq, kind, card_id, program_id, units, occurred_at,"
                    " received_at, day, voided) VALUES (:b, 'e1', 1, 'earn', 7, 'o1', 1, :at, :at,"
                    " '2026-01-01', false)"
                ),
                {"b": cafe, "at": now},
            )
        upgrade(db.write_engine, "0010_points")
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT points_settings FROM offers")).scalar_one() is None
            assert tuple(conn.execute(text("SELECT amount_minor, reward_id FROM events")).one()) == (
                None,
                None,
            )
            conn.execute(text('UPDATE offers SET points_settings = \'{"rate": "1.25"}\''))
            # a sale beyond 32 bits of cents (21,474,836.48) still fits: BIGINT
            conn.execute(text("UPDATE events SET amount_minor = 2147483648, reward_id = 'lunch'"))
            assert tuple(conn.execute(text("SELECT amount_minor, reward_id FROM events")).one()) == (
                2_147_483_648,
                "lunch",
            )
        downgrade(db.write_engine, "0009_gwallet")
        assert "points_settings" not in {c["name"] for c in inspect(db.write_engine).get_columns("offers")}
        assert not {"amount_minor", "reward_id"} & {
            c["name"] for c in inspect(db.write_engine).get_columns("events")
        }
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM offers")).scalar_one() == 1
            assert conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one() == 1
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_a_tills_join_link_comes_and_goes_and_keeps_every_link_and_join(database_url):
    """0011_tilljoin: links and joins from before belong to no till; the way back drops only the
    till columns."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0010_points")
        at = datetime.now(UTC)
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            conn.execute(
                text("INSERT INTO join_links (code, business_id, created_at) VALUES ('abc', :b, :at)"),
                {"b": cafe, "at": at},
            )
        upgrade(db.write_engine, "0011_tilljoin")
        with db.write_engine.begin() as conn:
            rows = conn.execute(text("SELECT code, device_id FROM join_links")).all()
            assert [tuple(r) for r in rows] == [("abc", None)]
        assert "device_id" in {c["name"] for c in inspect(db.write_engine).get_columns("member_joins")}
        downgrade(db.write_engine, "0010_points")
        for table in ("join_links", "member_joins"):
            assert "device_id" not in {c["name"] for c in inspect(db.write_engine).get_columns(table)}
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT code FROM join_links")).scalars().all() == ["abc"]
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_churn_fits_come_as_their_own_table_and_go_without_touching_businesses(database_url):
    """0012_insights: the cache of the churn models' fits; a business from before has none (its
    first GET /analytics/churn asks for one)."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0011_tilljoin")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            _add_user(conn, cafe, "sam@shop.example")
        upgrade(db.write_engine, "0012_insights")
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM churn_fits")).scalar_one() == 0
            conn.execute(
                text(
                    "INSERT INTO churn_fits (business_id, status, requested_at, members, repeat_members, r) "
                    "VALUES (:b, 'ready', :at, 40, 30, 0.5)"
                ),
                {"b": cafe, "at": datetime.now(UTC)},
            )
        with pytest.raises(IntegrityError), db.write_engine.begin() as conn:  # one row per business
            conn.execute(
                text(
                    "INSERT INTO churn_fits (business_id, status, requested_at, members, repeat_members) "
                    "VALUES (:b, 'fitting', :at, 0, 0)"
                ),
                {"b": cafe, "at": datetime.now(UTC)},
            )
        assert "ix_events_business_kind_day" in {
            i["name"] for i in inspect(db.write_engine).get_indexes("events")
        }
        downgrade(db.write_engine, "0011_tilljoin")
        assert "churn_fits" not in inspect(db.write_engine).get_table_names()
        assert "ix_events_business_kind_day" not in {
            i["name"] for i in inspect(db.write_engine).get_indexes("events")
        }
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_businesses_from_before_plans_become_professional_and_new_ones_start_free(database_url):
    """0013_plans: nobody loses what they use on upgrade (professional); a business made after
    it without a plan named is free; the way back drops the column and keeps every business."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0012_insights")
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            _add_user(conn, cafe, "sam@shop.example")
        upgrade(db.write_engine, "0013_plans")
        with db.write_engine.begin() as conn:
            bakery = _add_business(conn, "Bakery")
            plans = dict(conn.execute(text("SELECT id, plan FROM businesses")).all())
        assert plans == {cafe: "professional", bakery: "free"}
        downgrade(db.write_engine, "0012_insights")
        assert "plan" not in {c["name"] for c in inspect(db.write_engine).get_columns("businesses")}
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM businesses")).scalar_one() == 2
            assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 1
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_member_months_are_backfilled_from_the_live_visits_and_go_keeping_every_event(database_url):
    """0019_member_months: per member, month and scope ("" = every location / program) the visit
    days (two stamps on one day are one), first and last day and spend of her live earns; voided
    ones, other kinds and cards without a member count nowhere. Worked out by hand."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0018_tier_schemes")
        at = datetime.now(UTC)
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            for card, member in ((7, "ann"), (8, "ann"), (9, None)):
                conn.execute(
                    text(
                        "INSERT INTO cards (business_id, id, customer_id, program_id, status, flagged, units,"
                        " lifetime, redemptions, visits, created_at, seq) VALUES (:b, :c, :m, 'o1', 'active',"
                        " false, 0, 0, 0, 0, :at, 1)"
                    ),
                    {"b": cafe, "c": card, "m": member, "at": at},
                )
            events = [  # id, kind, card, program, location, day, voided, amount
                ("e1", "earn", 7, "o1", "L", "2026-01-05", False, 100),
                ("e2", "earn", 7, "o1", "L", "2026-01-05", False, None),  # the same day: one visit
                ("e3", "earn", 8, "o2", None, "2026-01-20", False, 50),
                ("e4", "earn", 8, "o2", "L", "2026-01-25", True, 999),  # voided
                ("e5", "enroll", 7, "o1", "L", "2026-01-02", False, None),
                ("e6", "earn", 9, "o1", "L", "2026-01-06", False, 70),  # no member
                ("e7", "earn", 7, "o1", "L", "2026-02-01", False, None),
            ]
            for i, (eid, kind, card, program, location, day, voided, amount) in enumerate(events):
                conn.execute(
                    text(
                        "INSERT INTO events (business_id, id, seq, kind, card_id, program_id, units,"
                        " occurred_at, received_at, day, location_id, voided, amount_minor) VALUES (:b, :id,"
                        " :seq, :kind,"
                        " :card, :program, 1, :at, :at, :day, :location, :voided, :amount)"
                    ),
                    {
                        "b": cafe,
                        "id": eid,
                        "seq": i + 2,
                        "kind": kind,
                        "card": card,
                        "program": program,
                        "at": at,
                        "day": day,
                        "location": location,
                        "voided": voided,
                        "amount": amount,
                    },
                )
        upgrade(db.write_engine, "0019_member_months")
        with db.write_engine.begin() as conn:
            rows = {
                tuple(r[:4]): tuple(r[4:])
                for r in conn.execute(
                    text(
                        "SELECT member_id, month, location_id, program_id, visit_days, first_day, last_day,"
                        " spend_minor FROM member_months"
                    )
                )
            }
        assert rows == {
            ("ann", "2026-01", "", ""): (2, "2026-01-05", "2026-01-20", 150),
            ("ann", "2026-01", "L", ""): (1, "2026-01-05", "2026-01-05", 100),
            ("ann", "2026-01", "", "o1"): (1, "2026-01-05", "2026-01-05", 100),
            ("ann", "2026-01", "", "o2"): (1, "2026-01-20", "2026-01-20", 50),
            ("ann", "2026-01", "L", "o1"): (1, "2026-01-05", "2026-01-05", 100),
            ("ann", "2026-02", "", ""): (1, "2026-02-01", "2026-02-01", None),
            ("ann", "2026-02", "L", ""): (1, "2026-02-01", "2026-02-01", None),
            ("ann", "2026-02", "", "o1"): (1, "2026-02-01", "2026-02-01", None),
            ("ann", "2026-02", "L", "o1"): (1, "2026-02-01", "2026-02-01", None),
        }
        upgrade(db.write_engine, "0020_member_totals")  # her months summed, scope by scope
        with db.write_engine.begin() as conn:
            totals = {
                tuple(r[:3]): tuple(r[3:])
                for r in conn.execute(
                    text(
                        "SELECT member_id, location_id, program_id, visit_days, first_day, last_day,"
                        " spend_minor FROM member_totals"
                    )
                )
            }
        assert totals == {
            ("ann", "", ""): (3, "2026-01-05", "2026-02-01", 150),
            ("ann", "L", ""): (2, "2026-01-05", "2026-02-01", 100),
            ("ann", "", "o1"): (2, "2026-01-05", "2026-02-01", 100),
            ("ann", "", "o2"): (1, "2026-01-20", "2026-01-20", 50),
            ("ann", "L", "o1"): (2, "2026-01-05", "2026-02-01", 100),
        }
        downgrade(db.write_engine, "0018_tier_schemes")
        assert "member_months" not in inspect(db.write_engine).get_table_names()
        assert "member_totals" not in inspect(db.write_engine).get_table_names()
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM events")).scalar_one() == len(events)
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def test_day_cells_and_member_month_earns_are_backfilled_from_the_events(database_url):
    """0023_day_cells: per day, location ("" = none) and offer the visits, units, redemptions,
    redeemed units, spend and earns net of undos, a void on its own day as the negative of its
    target; and each member month's live earns (two on one day are two, not one visit day). Worked
    out by hand."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0020_member_totals")
        at = datetime.now(UTC)
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            for card, member in ((7, "ann"), (9, None)):
                conn.execute(
                    text(
                        "INSERT INTO cards (business_id, id, customer_id, program_id, status, flagged, units,"
                        " lifetime, redemptions, visits, created_at, seq) VALUES (:b, :c, :m, 'o1', 'active',"
                        " false, 0, 0, 0, 0, :at, 1)"
                    ),
                    {"b": cafe, "c": card, "m": member, "at": at},
                )
            events = [  # id, kind, card, location, day, units, voided, amount, ref
                ("e1", "earn", 7, "L", "2026-01-05", 3, False, 100, None),
                ("e2", "earn", 7, "L", "2026-01-05", 2, True, 40, None),  # voided the next day
                ("e3", "void", 7, "L", "2026-01-06", -2, False, None, "e2"),
                ("e4", "redeem", 7, None, "2026-01-06", -5, False, None, None),
                ("e5", "enroll", 9, None, "2026-01-05", 0, False, None, None),
                ("e6", "earn", 7, "L", "2026-01-05", 1, False, None, None),
            ]
            for i, (eid, kind, card, location, day, units, voided, amount, ref) in enumerate(events):
                conn.execute(
                    text(
                        "INSERT INTO events (business_id, id, seq, kind, card_id, program_id, units,"
                        " occurred_at, received_at, day, location_id, voided, amount_minor, ref_event_id)"
                        " VALUES (:b, :id, :seq, :kind, :card, 'o1', :units, :at, :at, :day, :location,"
                        " :voided, :amount, :ref)"
                    ),
                    {
                        "b": cafe,
                        "id": eid,
                        "seq": i + 2,
                        "kind": kind,
                        "card": card,
                        "units": units,
                        "at": at,
                        "day": day,
                        "location": location,
                        "voided": voided,
                        "amount": amount,
                        "ref": ref,
                    },
                )
        upgrade(db.write_engine, "0023_day_cells")
        with db.write_engine.begin() as conn:
            cells = {
                tuple(r[:3]): tuple(r[3:])
                for r in conn.execute(
                    text(
                        "SELECT day, location_id, program_id, visits, stamps, redemptions, redeemed_units,"
                        " spend_minor, earns FROM day_cells"
                    )
                )
            }
            earns = {
                tuple(r[:4]): r[4]
                for r in conn.execute(
                    text("SELECT member_id, month, location_id, program_id, earns FROM member_months")
                )
            }
        assert cells == {
            ("2026-01-05", "L", "o1"): (3, 6, 0, 0, 140, 3),  # the voided earn still counts on its day
            ("2026-01-06", "L", "o1"): (-1, -2, 0, 0, -40, -1),  # the void takes it back on its own
            ("2026-01-06", "", "o1"): (0, 0, 1, 5, 0, 0),
            ("2026-01-05", "", "o1"): (0, 0, 0, 0, 0, 0),  # the enroll: a cell with nothing counted
        }
        scopes = [(location, program) for location in ("", "L") for program in ("", "o1")]
        assert earns == {("ann", "2026-01", *scope): 2 for scope in scopes}
        downgrade(db.write_engine, "0020_member_totals")
        assert "day_cells" not in inspect(db.write_engine).get_table_names()
        assert "earns" not in {c["name"] for c in inspect(db.write_engine).get_columns("member_months")}
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()


def _quarter_rows(db: Database) -> dict[tuple, tuple]:
    """(member, quarter, location) -> (visit days, first day, last day, spend) of every location's
    quarter rows."""
    with db.write_engine.begin() as conn:
        rows = conn.execute(
            text(
                "SELECT member_id, quarter, location_id, visit_days, first_day, last_day, spend_minor"
                " FROM member_quarters WHERE program_id = ''"
            )
        )
        return {tuple(r[:3]): tuple(r[3:]) for r in rows}


def test_member_quarters_are_backfilled_from_the_member_months_and_go_keeping_them(database_url):
    """0024_member_quarters: each member's month rows summed per quarter and scope (visit days,
    first and last day, spend, NULL only when no month had one). Worked out by hand. Then
    0025_quarter_day_numbers: the same rows with their days as numbers, and back."""
    db = Database(database_url)
    try:
        upgrade(db.write_engine, "0023_day_cells")
        months = [  # member, month, location, days, first, last, spend
            ("ann", "2025-12", "", 2, "2025-12-03", "2025-12-20", None),
            ("ann", "2026-01", "", 1, "2026-01-09", "2026-01-09", 500),
            ("ann", "2026-03", "", 3, "2026-03-01", "2026-03-30", None),
            ("ann", "2026-03", "L", 1, "2026-03-01", "2026-03-01", 250),
            ("ann", "2026-04", "", 1, "2026-04-02", "2026-04-02", None),
            ("bob", "2026-02", "", 4, "2026-02-02", "2026-02-27", None),
        ]
        with db.write_engine.begin() as conn:
            cafe = _add_business(conn, "Cafe")
            for member, month, location, days, first, last, spend in months:
                conn.execute(
                    text(
                        "INSERT INTO member_months (business_id, member_id, month, location_id, program_id,"
                        " visit_days, first_day, last_day, spend_minor, earns) VALUES (:b, :m, :mo, :l, '',"
                        " :d, :f, :la, :s, :d)"
                    ),
                    {
                        "b": cafe,
                        "m": member,
                        "mo": month,
                        "l": location,
                        "d": days,
                        "f": first,
                        "la": last,
                        "s": spend,
                    },
                )
        upgrade(db.write_engine, "0024_member_quarters")
        quarters = _quarter_rows(db)
        assert quarters == {
            ("ann", "2025-10", ""): (2, "2025-12-03", "2025-12-20", None),
            ("ann", "2026-01", ""): (4, "2026-01-09", "2026-03-30", 500),
            ("ann", "2026-01", "L"): (1, "2026-03-01", "2026-03-01", 250),
            ("ann", "2026-04", ""): (1, "2026-04-02", "2026-04-02", None),
            ("bob", "2026-01", ""): (4, "2026-02-02", "2026-02-27", None),
        }
        upgrade(db.write_engine, "0025_quarter_day_numbers")  # the same rows, days as numbers
        numbered = _quarter_rows(db)
        assert numbered == {
            ("ann", "2025-10", ""): (2, 20251203, 20251220, None),
            ("ann", "2026-01", ""): (4, 20260109, 20260330, 500),
            ("ann", "2026-01", "L"): (1, 20260301, 20260301, 250),
            ("ann", "2026-04", ""): (1, 20260402, 20260402, None),
            ("bob", "2026-01", ""): (4, 20260202, 20260227, None),
        }
        downgrade(db.write_engine, "0024_member_quarters")
        with db.write_engine.begin() as conn:
            back = conn.execute(
                text("SELECT first_day, last_day FROM member_quarters WHERE member_id = 'bob'")
            ).one()
        assert tuple(back) == ("2026-02-02", "2026-02-27")
        downgrade(db.write_engine, "0023_day_cells")
        assert "member_quarters" not in inspect(db.write_engine).get_table_names()
        with db.write_engine.begin() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM member_months")).scalar_one() == len(months)
        upgrade(db.write_engine)
        assert _diff(db) == []
    finally:
        db.dispose()
