"""Joining on the join page and reading the card page: the database side. Sessions are the
caller's; nothing here commits.

A member is a `customers` row; her code is the token of her member card (her first live card),
signed with the business key exactly as the kiosk verifies it offline.

A join by an email or phone the business already has makes a new member all the same, marked as a
possible duplicate of the first (member_joins.existing_member and the audit entry) for staff to
merge once she shows both codes at the counter. Handing out the existing member's card page instead
would give her code and balances to anyone who types her email; answering differently would tell
them she is a member. So everyone gets the same answer: a fresh card page of their own.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

import cardtoken
from cloud import plans
from cloud.deps import Actor, audit, bump_seq
from cloud.join.form import CleanJoin
from cloud.join.texts import PRIVACY_VERSION
from cloud.keyseal import KeySealer
from cloud.models import Business, Card, CardLink, Customer, JoinLink, MemberJoin, Offer
from cloud.schemas_admin import ERASED_NAME as ERASED
from cloud.security import sha256_hex
from cloud.services import business_private_key, issue_card
from cloud.zones import shop_zone
from loyalty_rules.reports import local_day

JOIN_CODE_BYTES = 6  # 8 characters: short enough to type, printed as a QR at the counter
CARD_SECRET_BYTES = 32  # 43 characters of base64url: 256 bits nobody guesses


class NoProgram(Exception):
    """The business runs no program a member could join."""


class MembersFull(Exception):
    """The business's plan has no room for another member (cloud/plans.py)."""


@dataclass(frozen=True)
class Joined:
    secret: str  # the card page's link (/c/<secret>); only its hash is stored
    customer_id: str
    card_id: int
    existing_member: bool


@dataclass(frozen=True)
class ProgramLine:
    name: str
    balance: int
    required: int
    reward: str
    colour: str


@dataclass(frozen=True)
class CardPage:
    business_id: int
    business_name: str
    language: str | None
    member_name: str
    code: str  # the signed token the kiosk verifies: the QR's content
    number: str  # the printed card number
    card_id: int
    programs: tuple[ProgramLine, ...]


def new_join_link(
    session: Session, business_id: int, location_id: str | None, now: datetime, device_id: str | None = None
) -> JoinLink:
    for _ in range(10):
        code = secrets.token_urlsafe(JOIN_CODE_BYTES)
        if session.get(JoinLink, code) is None:
            break
    row = JoinLink(
        code=code, business_id=business_id, location_id=location_id, device_id=device_id, created_at=now
    )
    session.add(row)
    return row


def running_programs(session: Session, business_id: int) -> list[Offer]:
    return list(
        session.scalars(
            select(Offer)
            .where(Offer.business_id == business_id, Offer.status == "active")
            .order_by(Offer.created_at, Offer.id)
        )
    )


def existing_member(session: Session, business_id: int, email: str | None, phone: str | None):
    """The member with this email (any case) or phone (erased members have neither)."""
    matches = []
    if email:
        matches.append(func.lower(Customer.email) == email)
    if phone:
        matches.append(Customer.phone == phone)
    return session.scalars(
        select(Customer)
        .where(Customer.business_id == business_id, or_(*matches))
        .order_by(Customer.created_at, Customer.id)
        .limit(1)
    ).first()


def member_card(session: Session, business_id: int, customer_id: str) -> Card | None:
    """Her member card: her first card that is not revoked (a lost card's new code takes over)."""
    return session.scalars(
        select(Card)
        .where(Card.business_id == business_id, Card.customer_id == customer_id, Card.status != "revoked")
        .order_by(Card.created_at, Card.id)
        .limit(1)
    ).first()


def _new_member(session: Session, link: JoinLink, keys: KeySealer, form: CleanJoin, program: Offer, now):
    seq = bump_seq(session, link.business_id, 2)
    customer = Customer(
        business_id=link.business_id,
        id=str(uuid.uuid4()),
        name=form.name,
        email=form.email,
        phone=form.phone,
        marketing_consent=False,  # the join page asks consent to keep her data, not to market to her
        created_at=now,
        day=local_day(now, shop_zone(session, link.business_id)).isoformat(),
        seq=seq - 1,
    )
    session.add(customer)
    card, _token, _number = issue_card(session, keys, link.business_id, customer.id, program.id, now, seq)
    return customer, card


def join(session: Session, keys: KeySealer, link: JoinLink, form: CleanJoin, now: datetime) -> Joined:
    """She joins: a new member with her member card, a new secret link to her card page and a
    record of her consent. An email or phone already known marks the join as a possible duplicate."""
    programs = running_programs(session, link.business_id)
    if not programs:
        raise NoProgram()
    conn = session.connection()
    if plans.member_refusal(conn, link.business_id, plans.locked_plan(conn, link.business_id)):
        raise MembersFull()
    known = existing_member(session, link.business_id, form.email, form.phone)
    customer, card = _new_member(session, link, keys, form, programs[0], now)
    secret = new_card_link(session, link.business_id, card.id, now)
    session.add(
        MemberJoin(
            id=str(uuid.uuid4()),
            business_id=link.business_id,
            customer_id=customer.id,
            card_id=card.id,
            join_code=link.code,
            location_id=link.location_id,
            device_id=link.device_id,
            consent_version=PRIVACY_VERSION,
            consented_at=now,
            referral_code=form.referral,
            existing_member=known is not None,
        )
    )
    audit(
        session,
        Actor(link.business_id),
        now,
        "customer.join",
        "customer",
        customer.id,
        {"possible_duplicate_of": known.id} if known is not None else {},
    )
    return Joined(secret, customer.id, card.id, known is not None)


def new_card_link(session: Session, business_id: int, card_id: int, now: datetime) -> str:
    """A new secret link to the card page of this card's member; only its hash is stored. Links made
    before keep working."""
    secret = secrets.token_urlsafe(CARD_SECRET_BYTES)
    session.add(
        CardLink(secret_hash=sha256_hex(secret), business_id=business_id, card_id=card_id, created_at=now)
    )
    return secret


@dataclass(frozen=True)
class LinkSent:
    """A fresh card-page link for one member who has the email asked for."""

    secret: str
    name: str
    email: str  # as she gave it when joining


def fresh_links_for_email(session: Session, business_id: int, email: str, now: datetime) -> list[LinkSent]:
    """Every member of the business with this email (any case), possible duplicates included, each
    with a new link to her card page; members erased or without a live card get none."""
    found = session.scalars(
        select(Customer)
        .where(Customer.business_id == business_id, func.lower(Customer.email) == email.lower())
        .order_by(Customer.created_at, Customer.id)
    )
    links = []
    for customer in found:
        card = member_card(session, business_id, customer.id)
        if card is not None:
            secret = new_card_link(session, business_id, card.id, now)
            links.append(LinkSent(secret, customer.name, customer.email or email))
    return links


def card_link(session: Session, secret: str) -> CardLink | None:
    if not secret or len(secret) > 100:
        return None
    return session.get(CardLink, sha256_hex(secret))


def card_page(session: Session, link: CardLink, keys: KeySealer) -> CardPage | None:
    """What her card page shows now, or None when she is gone (erased) or has no live card. The
    link names the card she joined with; the page shows her member card as it is now, so after a
    lost card's new code the same link shows the new code."""
    joined_with = session.get(Card, (link.business_id, link.card_id))
    if joined_with is None or joined_with.customer_id is None:
        return None
    customer = session.get(Customer, (link.business_id, joined_with.customer_id))
    if customer is None or (customer.name == ERASED and customer.email is None and customer.phone is None):
        return None
    card = member_card(session, link.business_id, customer.id)
    if card is None:
        return None
    business = session.get(Business, link.business_id)
    key_id, private_key = business_private_key(session, link.business_id, keys)
    code = cardtoken.encode(cardtoken.sign(private_key, link.business_id, card.id, key_id))
    units: dict[str, int] = {}
    for row in session.scalars(
        select(Card).where(
            Card.business_id == link.business_id, Card.customer_id == customer.id, Card.status != "revoked"
        )
    ):
        units[row.program_id] = units.get(row.program_id, 0) + row.units
    lines = tuple(
        ProgramLine(o.name, units.get(o.id, 0), o.stamps_required, o.reward_text, o.colour)
        for o in running_programs(session, link.business_id)
    )
    return CardPage(
        business_id=link.business_id,
        business_name=business.name if business else "",
        language=business.language if business else None,
        member_name=customer.name,
        code=code,
        number=cardtoken.format_card_number(card.id),
        card_id=card.id,
        programs=lines,
    )
