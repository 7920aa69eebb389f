"""Tables. Every tenant row carries business_id; synced rows carry a per-business `seq`.

`seq` comes from `businesses.seq`, bumped under the business row's lock, so the order of
sequence numbers is the order of commits for a business; a pull takes everything with a
seq above the device's cursor.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cloud.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Business(Base):
    __tablename__ = "businesses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # an IANA name: the shop's days (events' and customers' `day`) are counted in it
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # the customer pages' language ("en", "de"); None: each visitor's browser language
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # loyalty_rules.plans.Plan's value: what the business may have (cloud/plans.py enforces it)
    plan: Mapped[str] = mapped_column(String(16), default="free", server_default="free")


class User(Base):
    """A person's sign-in to one business. The email is unique within the business only: the
    same person may work for two businesses, and an owner adding a manager must learn nothing
    about other businesses' accounts (sign-in tells the accounts apart by password)."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("business_id", "email", name="uq_users_business_id_email"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # owner | manager
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_business_seq", "business_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="stamps")
    stamps_required: Mapped[int] = mapped_column(Integer)
    reward_text: Mapped[str] = mapped_column(String(500))
    per_visit_limit: Mapped[int] = mapped_column(Integer, default=1)
    cooldown_seconds: Mapped[int] = mapped_column(Integer, default=0)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    colour: Mapped[str] = mapped_column(String(16), default="#2E7D32")
    icon: Mapped[str] = mapped_column(String(64), default="coffee")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)
    # a points offer's rate, rounding, minimum spend and catalogue, as JSON
    # (loyalty_rules.kinds.points.settings_to_plain); NULL for stamp cards
    points_settings: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the revision of points_settings (offer_revisions keeps each one); 0: never had any
    points_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OfferRevision(Base):
    """Every points settings an offer ever had: an earn computed by a till under an older rate
    (it was offline when the manager changed it) is checked by the rate it was made under."""

    __tablename__ = "offer_revisions"
    offer_id: Mapped[str] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    points_settings: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (Index("ix_customers_business_seq", "business_id", "seq"),)
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[str] = mapped_column(String(10))  # the shop's local date of created_at, for GROUP BY
    seq: Mapped[int] = mapped_column(BigInteger)
    # absorbed by a merge: the member she is now (her group's survivor, cloud/merges.py)
    merged_into: Mapped[str | None] = mapped_column(String(36), nullable=True)


class Referral(Base):
    """A referral the cloud accepted (issue 15), recorded by the first bonus event that names it:
    who referred whom, in which month of the shop's clock (the monthly cap counts by it), and the
    newcomer's first visit that granted the bonuses. The rules: loyalty_rules.referrals."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_business_referrer_month", "business_id", "referrer_id", "month"),
        Index("ix_referrals_business_newcomer", "business_id", "newcomer_id"),
    )
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    referrer_id: Mapped[str] = mapped_column(String(36))
    newcomer_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    month: Mapped[int] = mapped_column(Integer)
    visit_event_id: Mapped[str] = mapped_column(String(36))


class MemberMerge(Base):
    """One merge a kiosk pushed (its `member_merge` event): the groups are recomputed from these."""

    __tablename__ = "member_merges"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    keep_id: Mapped[str] = mapped_column(String(36))
    absorb_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)


class Card(Base):
    __tablename__ = "cards"
    __table_args__ = (
        Index("ix_cards_business_seq", "business_id", "seq"),
        Index("ix_cards_business_customer", "business_id", "customer_id"),
    )
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    customer_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    program_id: Mapped[str] = mapped_column(String(36))
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    units: Mapped[int] = mapped_column(BigInteger, default=0)
    lifetime: Mapped[int] = mapped_column(BigInteger, default=0)
    redemptions: Mapped[int] = mapped_column(BigInteger, default=0)
    visits: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)


class SigningKey(Base):
    """Ed25519 keys of a business: the cloud's own (with private key) and each device's."""

    __tablename__ = "signing_keys"
    __table_args__ = (Index("ix_signing_keys_business_seq", "business_id", "seq"),)
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # set when two installations (copied data folders) were found using this one credential
    credential_shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DeviceInstallation(Base):
    """One installation (a kiosk's data folder) seen presenting a device's credential. A copy of
    a paired kiosk's folder makes a second one; cloud/installations.py tells a copy from a move."""

    __tablename__ = "device_installations"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True)
    installation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_sequence: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    ordinal: Mapped[int] = mapped_column(BigInteger)  # 1 for the first installation seen, then 2, ...


class PairingCode(Base):
    __tablename__ = "pairing_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_business_card", "business_id", "card_id"),
        Index("ix_events_business_day", "business_id", "day"),
        # the member analytics (cloud/member_activity.py) read visits by kind and day from the
        # index alone: the card and whether it was voided ride along
        Index("ix_events_business_kind_day", "business_id", "kind", "day", "card_id", "voided"),
    )
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    card_id: Mapped[int] = mapped_column(BigInteger)
    program_id: Mapped[str] = mapped_column(String(36))
    units: Mapped[int] = mapped_column(BigInteger)
    ref_event_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[str] = mapped_column(String(10))  # the shop's local date of occurred_at, for GROUP BY
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    staff_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    location_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    # SHA-256 of the canonical body (cloud/ledger.py body_hash); NULL for events stored before it
    body_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # a points earn: the sale in minor units; a points redemption: the catalogue reward's id
    amount_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reward_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # a points earn or redemption: the offer's points_revision it was computed under
    offer_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # an earn a happy hour boosted: which one (checked at push by loyalty_rules.happy_hours)
    happy_hour_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    # a points earn: the tier (its name) whose multiplier it was earned at; a tier_change: the new tier
    tier: Mapped[str | None] = mapped_column(String(24), nullable=True)


class Conflict(Base):
    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_business_seq", "business_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32), default="double_redemption")
    event_ids: Mapped[str] = mapped_column(Text)  # JSON list of event ids
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(BigInteger)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_business_id", "business_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    actor_device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")


class WalletAppleConfig(Base):
    """A business's Apple pass certificate (cloud/wallet): the key is sealed like signing keys."""

    __tablename__ = "wallet_apple_configs"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    pass_type_id: Mapped[str] = mapped_column(String(200), unique=True)
    team_id: Mapped[str] = mapped_column(String(20))
    certificate_pem: Mapped[str] = mapped_column(Text)
    wwdr_pem: Mapped[str] = mapped_column(Text)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # sealed PKCS#8 DER
    not_after: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletPass(Base):
    """One pass handed out: its serial number, whose it is, its sealed authentication token, and
    the version (update tag) and time of the content Wallet was last told about."""

    __tablename__ = "wallet_passes"
    __table_args__ = (
        UniqueConstraint("business_id", "holder_kind", "holder_id", name="uq_wallet_passes_holder"),
    )
    serial: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    holder_kind: Mapped[str] = mapped_column(String(16))
    holder_id: Mapped[str] = mapped_column(String(64))
    auth_token: Mapped[bytes] = mapped_column(LargeBinary)  # sealed
    version: Mapped[int] = mapped_column(BigInteger)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletDevice(Base):
    """A phone's Wallet (its device library identifier) and the push token APNs knows it by."""

    __tablename__ = "wallet_devices"
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    push_token: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletRegistration(Base):
    __tablename__ = "wallet_registrations"
    device_id: Mapped[str] = mapped_column(
        ForeignKey("wallet_devices.id", ondelete="CASCADE"), primary_key=True
    )
    serial: Mapped[str] = mapped_column(
        ForeignKey("wallet_passes.serial", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletApnsKey(Base):
    """A business's APNs token-auth key (.p8, EC P-256): the pass update pushes are signed with it.
    The key is sealed like the pass certificate's key."""

    __tablename__ = "wallet_apns_keys"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    key_id: Mapped[str] = mapped_column(String(10))
    team_id: Mapped[str] = mapped_column(String(10))
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # sealed PKCS#8 DER
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletGoogleConfig(Base):
    """A business's Google Wallet issuer and service-account key (cloud/wallet/google_key.py): the
    private key is sealed like the Apple one; the rest of the key file is not secret."""

    __tablename__ = "wallet_google_configs"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    issuer_id: Mapped[str] = mapped_column(String(32))
    client_email: Mapped[str] = mapped_column(String(320))
    key_id: Mapped[str] = mapped_column(String(64))  # the key file's private_key_id (JWT "kid")
    token_uri: Mapped[str] = mapped_column(String(500))
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # sealed PKCS#8 DER
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletGoogleObject(Base):
    """A card's Google Wallet loyalty object: its id at Google, and the holder version Google was
    last sent (so a job with nothing new to say sends nothing)."""

    __tablename__ = "wallet_google_objects"
    __table_args__ = (UniqueConstraint("business_id", "card_id", name="uq_wallet_google_objects_card"),)
    object_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(BigInteger)  # -1: never sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WalletGoogleNotice(Base):
    """A notification Google was asked to show for an object: at most 3 per object in 24 hours."""

    __tablename__ = "wallet_google_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    object_id: Mapped[str] = mapped_column(
        ForeignKey("wallet_google_objects.object_id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class JoinLink(Base):
    """A short public address of a business's join page (/j/<code>), optionally of one location."""

    __tablename__ = "join_links"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str | None] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the till whose enrolment screen shows this link (one link per till, made on its first ask)
    device_id: Mapped[str | None] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), nullable=True, unique=True
    )


class MemberJoin(Base):
    """One join on the join page: whose it was, the privacy text she consented to (version, time)
    and the referral code as she typed it. existing_member: her email or phone was already a
    member's, so this join made a possible duplicate for staff to merge (cloud/join/members.py)."""

    __tablename__ = "member_joins"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[str] = mapped_column(String(36))
    card_id: Mapped[int] = mapped_column(BigInteger)
    join_code: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the till she joined at
    consent_version: Mapped[str] = mapped_column(String(32))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime)
    referral_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    existing_member: Mapped[bool] = mapped_column(Boolean, default=False)


class CardLink(Base):
    """The secret link to a member's card page (/c/<secret>), made at each join: only its SHA-256 is
    kept, so the database cannot give the link away."""

    __tablename__ = "card_links"
    secret_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChurnFit(Base):
    """A business's BG/NBD (visits) and Gamma-Gamma (spend) parameters, fitted by a background job
    (cloud/churn.py) and read by GET /analytics/churn. One row per business: the latest fit, or
    the state of the one under way. Spend's parameters stay NULL while events carry no amount."""

    __tablename__ = "churn_fits"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16))  # cloud.churn.FitStatus
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    fitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)  # the shop's day fitted up to
    members: Mapped[int] = mapped_column(Integer, default=0)
    repeat_members: Mapped[int] = mapped_column(Integer, default=0)
    r: Mapped[float | None] = mapped_column(Float, nullable=True)
    alpha: Mapped[float | None] = mapped_column(Float, nullable=True)
    a: Mapped[float | None] = mapped_column(Float, nullable=True)
    b: Mapped[float | None] = mapped_column(Float, nullable=True)
    p: Mapped[float | None] = mapped_column(Float, nullable=True)
    q: Mapped[float | None] = mapped_column(Float, nullable=True)
    gamma: Mapped[float | None] = mapped_column(Float, nullable=True)


class Experiment(Base):
    """An A/B test of offers (loyalty_rules.experiments): its arms as JSON
    ([{"offer_id": id or null, "weight": n}, ...], in the order the hash assigns them), pulled by
    kiosks like offers (a sequence number per change)."""

    __tablename__ = "experiments"
    __table_args__ = (Index("ix_experiments_business_seq", "business_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    arms: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(String(32))
    days: Mapped[int] = mapped_column(Integer)
    horizon: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)


class HappyHour(Base):
    """A happy hour (loyalty_rules.happy_hours): weekly windows of the shop's clock as JSON
    ([{"weekday": 0-6, "starts": "HH:MM", "ends": "HH:MM"}, ...]), the offers it boosts as a JSON
    list of ids. Pulled by kiosks like offers (a sequence number per change); never deleted, since
    events name it: ending one sets `active` false and `ended_at`, so an earn a kiosk boosted
    offline before the end is still accepted."""

    __tablename__ = "happy_hours"
    __table_args__ = (Index("ix_happy_hours_business_seq", "business_id", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    windows: Mapped[str] = mapped_column(Text)
    boost: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Integer)
    programs: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int] = mapped_column(BigInteger)


class MemberMonth(Base):
    """A member's visits in one of the shop's months, counted from the ledger (cloud/member_months.py)
    so the owner's analytics read a row per member and month instead of her every event.

    One row per member, month and scope: location_id / program_id "" is every location / every
    program, so each filter the analytics take has its own exact distinct-day count (visit days
    of two programs on one day are one visit, not two). Written in the transaction of the events
    they count; a recompute from the events gives the same rows (tests/cloud/test_member_months.py).
    """

    __tablename__ = "member_months"
    __table_args__ = (
        Index("ix_member_months_scope_month", "business_id", "location_id", "program_id", "month"),
    )
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # the shop's, "YYYY-MM"
    location_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every location
    program_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every program
    visit_days: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    spend_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # NULL: no amounts
    earns: Mapped[int] = mapped_column(Integer)  # live earn events: the tiers' visits measure


class MemberTotal(Base):
    """A member's visits over the whole ledger, per scope as in MemberMonth: the sum of her month
    rows, kept beside them (cloud/member_months.py) so a question about every member's whole
    history (churn) reads one row per member instead of one per member and month."""

    __tablename__ = "member_totals"
    __table_args__ = (Index("ix_member_totals_scope", "business_id", "location_id", "program_id"),)
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every location
    program_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every program
    visit_days: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    spend_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # NULL: no amounts


class MemberQuarter(Base):
    """A member's visits in one of the shop's quarters, per scope as in MemberMonth: the sum of her
    month rows of its three months, kept beside them (cloud/member_months.py). A year's RFM sums
    some 80,000 quarter rows at 50,000 members instead of 170,000 month rows."""

    __tablename__ = "member_quarters"
    __table_args__ = (
        Index("ix_member_quarters_scope_quarter", "business_id", "location_id", "program_id", "quarter"),
    )
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    quarter: Mapped[str] = mapped_column(String(7), primary_key=True)  # its first month, "YYYY-MM"
    location_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every location
    program_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "": every program
    visit_days: Mapped[int] = mapped_column(Integer)
    # days as the number yyyymmdd (20261205): RFM takes the latest of some 80,000 of them, and an
    # integer's maximum is cheaper than a text's turned into a number
    first_day: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[int] = mapped_column(Integer)
    spend_minor: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # NULL: no amounts


class DayCell(Base):
    """One shop day's figures of one location and offer, net of undos, as the day views sum them
    (cloud/day_cells.py keeps them with the ledger; a recount from the events gives the same rows,
    tests/cloud/test_day_cells.py). location_id / program_id "": the events had none."""

    __tablename__ = "day_cells"
    business_id: Mapped[int] = mapped_column(
        ForeignKey("businesses.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # the shop's, "YYYY-MM-DD"
    location_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    program_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    visits: Mapped[int] = mapped_column(Integer)
    stamps: Mapped[int] = mapped_column(BigInteger)  # units earned (points, on a points offer)
    redemptions: Mapped[int] = mapped_column(Integer)
    redeemed_units: Mapped[int] = mapped_column(BigInteger)
    spend_minor: Mapped[int] = mapped_column(BigInteger)  # the sales its earns carry
    earns: Mapped[int] = mapped_column(Integer)
