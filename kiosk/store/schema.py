"""Tables of the kiosk's SQLite database. Changes here need an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware datetimes stored as sortable UTC text ('2026-11-29 10:56:52.123456')."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass aware UTC times")
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        # fromisoformat reads exactly what process_bind_param writes, several times faster than
        # strptime (it counts: a history, a pull page and an export read thousands of these)
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


metadata = MetaData()

settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

locations = Table(
    "locations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
)

staff = Table(
    "staff",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("role", String(16), nullable=False),
    Column("pin_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("pin_length", Integer, nullable=True),  # the PIN pad submits itself at this length
    Column("last_signed_in_at", UTCDateTime, nullable=True),  # the pad preselects the latest
)

customers = Table(
    "customers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False),  # search_key(name): prefix search uses its index
    Column("email", String(254), nullable=True),
    Column("phone", String(20), nullable=True),  # E.164 (kiosk/domain/phones.py)
    # the phone's digits last to first: a search on the last 4+ digits is a prefix on its index
    Column("phone_rev", String(20), nullable=True),
    Column("marketing_consent", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # absorbed by a merge (kiosk/services/merging.py): the member she is now; her row stays so
    # that her codes and history keep their names
    Column("merged_into", String(36), nullable=True),
    Index("ix_customers_name_key", "name_key"),
    Index("ix_customers_email", "email"),
    Index("ix_customers_phone", "phone"),
    Index("ix_customers_phone_rev", "phone_rev"),
)

# every word of every customer's name_key: "Jensen" finds "Ana Jensen" through an index, at 1M
customer_words = Table(
    "customer_words",
    metadata,
    Column("word", String(100), primary_key=True),
    Column("customer_id", String(36), primary_key=True),
    Index("ix_customer_words_customer", "customer_id"),
    sqlite_with_rowid=False,
)

programs = Table(
    "programs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(60), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("units_required", Integer, nullable=False),
    Column("reward_text", String(120), nullable=False),
    Column("per_visit_limit", Integer, nullable=False),
    Column("cooldown_seconds", Integer, nullable=False),
    Column("undo_window_seconds", Integer, nullable=False),
    Column("starts_at", UTCDateTime, nullable=True),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("status", String(16), nullable=False),
    Column("colour", String(9), nullable=False),
    Column("icon", String(32), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # made or changed here on a paired kiosk, not yet taken by the cloud (kiosk/sync/offers_push.py)
    Column("needs_push", Boolean, nullable=False, default=False, server_default="0"),
    # a points program's settings as JSON (loyalty_rules.kinds.points.settings_to_plain); NULL otherwise
    Column("points_settings", Text, nullable=True),
    # which revision of points_settings this is (the cloud's, or this kiosk's edit of it): each
    # points event records it, so the cloud checks the event by the rate it was computed under
    Column("points_revision", Integer, nullable=False, default=0, server_default="0"),
)

# each revision of a program's points settings made here, until the cloud took it: an upload
# sends the ones before the program's own first (kiosk/sync/offers_push.py), so the events
# recorded under each of them are checked by their own settings in the cloud
points_revisions = Table(
    "points_revisions",
    metadata,
    Column("program_id", String(36), ForeignKey("programs.id"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("points_settings", Text, nullable=False),
)

cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", String(36), ForeignKey("customers.id"), nullable=False),
    Column("program_id", String(36), ForeignKey("programs.id"), nullable=False),
    Column("key_id", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("flagged", Boolean, nullable=False, default=False),
    # the cached balance: always equal to a recompute over this card's events
    Column("units", Integer, nullable=False, default=0),
    Column("lifetime", Integer, nullable=False, default=0),
    Column("redemptions", Integer, nullable=False, default=0),
    Column("visits", Integer, nullable=False, default=0),
    Column("last_earn_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # the cloud's balance at its sequence number base_seq, as last pulled (zero when standalone):
    # cached balance = base + this kiosk's events the cloud had not counted at base_seq
    Column("base_units", Integer, nullable=False, default=0, server_default="0"),
    Column("base_lifetime", Integer, nullable=False, default=0, server_default="0"),
    Column("base_redemptions", Integer, nullable=False, default=0, server_default="0"),
    Column("base_visits", Integer, nullable=False, default=0, server_default="0"),
    Column("base_seq", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_cards_customer", "customer_id"),
)

events = Table(
    "events",
    metadata,
    Column("n", Integer, primary_key=True, autoincrement=True),  # local order of recording
    Column("id", String(36), nullable=False, unique=True),
    Column("card_id", Integer, ForeignKey("cards.id"), nullable=False),
    Column("program_id", String(36), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("units", Integer, nullable=False),
    Column("ref_event_id", String(36), nullable=True),
    Column("ref_kind", String(16), nullable=True),
    Column("occurred_at", UTCDateTime, nullable=False),
    Column("staff_id", String(36), nullable=True),
    Column("staff_name", String(100), nullable=True),
    Column("location_id", String(36), nullable=True),
    Column("device_id", String(36), nullable=True),
    Column("reason", String(200), nullable=True),
    Column("server_seq", Integer, nullable=True),
    # member_merge: the two members, as this kiosk merged them (the cloud decides the survivor)
    Column("merge_keep_id", String(36), nullable=True),
    Column("merge_absorb_id", String(36), nullable=True),
    # a points program's earn: the sale in minor units; its redemption: the catalogue reward's id
    Column("amount_minor", Integer, nullable=True),
    Column("reward_id", String(40), nullable=True),
    # a points earn or redemption: its program's points_revision when it was recorded
    Column("offer_revision", Integer, nullable=True),
    # an earn a happy hour boosted: the happy hour's id (its units are the boosted ones)
    Column("happy_hour_id", String(36), nullable=True),
    # a points earn under a tier scheme: the tier (its name) whose multiplier it was earned at
    Column("tier", String(24), nullable=True),
    Index("ix_events_card", "card_id", "n"),
    Index("ix_events_ref", "ref_event_id"),
    Index("ix_events_occurred", "occurred_at"),  # reports: one period's events
)

# a card's month of the shop's clock (loyalty_rules.tiers.month_of): the points it granted and
# the visits it counted, net of voids. Kept by ledger.append_event in the event's transaction and
# always equal to a replay of the card's events (kiosk/store/tier_buckets.py): a tier is read from
# at most a window's months of these, never from a replay. Per card, so a member merge (which
# moves cards) carries them along.
tier_buckets = Table(
    "tier_buckets",
    metadata,
    Column("card_id", Integer, ForeignKey("cards.id"), primary_key=True),
    Column("month", Integer, primary_key=True),
    Column("points", Integer, nullable=False),
    Column("visits", Integer, nullable=False),
)

# referrals (issue 15, loyalty_rules.referrals): who referred whom at enrolment, and where it
# stands (status: a ReferralStatus value; refusal: a ReferralRefusal name). `month` is the shop's
# calendar month of created_at, which the referrer's monthly cap counts by. visit_event_id: the
# newcomer's first qualifying visit that granted the bonuses (an undo of it voids them).
referrals = Table(
    "referrals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("referrer_id", String(36), ForeignKey("customers.id"), nullable=False),
    Column("newcomer_id", String(36), ForeignKey("customers.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("month", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("refusal", String(32), nullable=True),
    Column("visit_event_id", String(36), nullable=True),
    Index("ix_referrals_newcomer", "newcomer_id"),
    Index("ix_referrals_referrer_month", "referrer_id", "month"),
    Index("ix_referrals_visit", "visit_event_id"),
)

# events recorded here and not yet accepted by the cloud
outbox = Table(
    "outbox",
    metadata,
    Column("event_n", Integer, ForeignKey("events.n"), primary_key=True),
    Column("state", String(16), nullable=False, default="pending"),  # pending | rejected
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", String(300), nullable=True),
    Index("ix_outbox_state", "state", "event_n"),
)

signing_keys = Table(
    "signing_keys",
    metadata,
    Column("business_id", Integer, primary_key=True, autoincrement=False),
    Column("key_id", Integer, primary_key=True, autoincrement=False),
    Column("public_key", LargeBinary(32), nullable=False),
    # only this kiosk's own issuing key has a private half here
    Column("private_key", LargeBinary(32), nullable=True),
    Column("revoked", Boolean, nullable=False, default=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("n", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("staff_id", String(36), nullable=True),
    Column("staff_name", String(100), nullable=True),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

# double redemptions the cloud reported (pulled, never pushed): shown to managers
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("card_id", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    # JSON list: id, staff_name, location_id, device_id, occurred_at, location_name, device_name
    Column("events", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved", Boolean, nullable=False, default=False),
    Index("ix_conflicts_card", "card_id"),
)

# A/B tests of offers pulled from the cloud (loyalty_rules.experiments): the counter applies a
# member's arm offline. Arms as JSON ([{"offer_id": id or null, "weight": n}, ...]), in order.
experiments = Table(
    "experiments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("arms", Text, nullable=False),
    Column("metric", String(32), nullable=False),
    Column("days", Integer, nullable=False),
    Column("horizon", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),
    # set up (or stopped) here and not taken by the cloud yet (kiosk/sync/settings_push.py)
    Column("needs_push", Boolean, nullable=False, default=False, server_default="0"),
)

# happy hours (loyalty_rules.happy_hours): weekly windows of the shop's clock in which chosen
# programs earn more. Windows as JSON ([{"weekday": 0-6, "starts": "HH:MM", "ends": "HH:MM"}, ...]),
# programs as a JSON list of ids. Set up here, offline, and applied by the counter at once.
happy_hours = Table(
    "happy_hours",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("windows", Text, nullable=False),
    Column("boost", String(16), nullable=False),
    Column("amount", Integer, nullable=False),
    Column("programs", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("updated_at", UTCDateTime, nullable=False),
    # set up or changed here and not taken by the cloud yet
    Column("needs_push", Boolean, nullable=False, default=False, server_default="0"),
)
