"""Use cases shared by the CLI and the routes: creating a business with its owner and key."""

from __future__ import annotations

import uuid
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

import cardtoken
from cloud.keyseal import KeySealer
from cloud.models import Business, SigningKey, User
from cloud.problems import ApiProblem
from cloud.security import Passwords
from loyalty_rules.plans import Plan

CLOUD_KEY_ID = 0  # the business's own signing key; kiosks pick other ids for theirs


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_taken(session: Session, business_id: int, email: str) -> bool:
    """Whether this business already has a user with this email. Other businesses are never
    consulted: an email is unique per business, and whether it signs in elsewhere is not this
    business's to know."""
    query = select(User.id).where(User.business_id == business_id, User.email == normalise_email(email))
    return session.execute(query).first() is not None


def accounts_of(session: Session, email: str) -> list[tuple[User, Business]]:
    """Every account of this email, with its business: for the operator's CLI only (it sees the
    whole cloud); no route may answer from it."""
    query = (
        select(User, Business)
        .join(Business, User.business_id == Business.id)
        .where(User.email == normalise_email(email))
        .order_by(Business.id)
    )
    return [(user, business) for user, business in session.execute(query)]


def create_business(
    session: Session,
    passwords: Passwords,
    *,
    business_name: str,
    email: str,
    password: str,
    now: datetime,
    sealer: KeySealer,
    plan: Plan,
) -> tuple[Business, User]:
    """`plan` has no default: the operator's CLI makes new businesses free unless told, the demo
    shop is enterprise, and every other caller says which limits it means to work under."""
    # a new business has no users yet, so its owner's email is free whatever other businesses hold
    email = normalise_email(email)
    business = Business(name=business_name, seq=1, created_at=now, plan=plan.value)
    session.add(business)
    session.flush()
    owner = User(
        id=str(uuid.uuid4()),
        business_id=business.id,
        email=email,
        name="",
        password_hash=passwords.hash(password),
        role="owner",
        disabled=False,
        created_at=now,
    )
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    session.add_all(
        [
            owner,
            SigningKey(
                business_id=business.id,
                key_id=CLOUD_KEY_ID,
                public_key=cardtoken.public_key_bytes(key),
                private_key=sealer.seal(raw, business.id, CLOUD_KEY_ID),
                device_id=None,
                revoked=False,
                created_at=now,
                seq=1,
            ),
        ]
    )
    session.flush()
    return business, owner


def business_private_key(
    session: Session, business_id: int, sealer: KeySealer
) -> tuple[int, Ed25519PrivateKey]:
    row = session.execute(
        select(SigningKey.key_id, SigningKey.private_key).where(
            SigningKey.business_id == business_id,
            SigningKey.private_key.is_not(None),
            SigningKey.revoked.is_(False),
        )
    ).first()
    if row is None:  # pragma: no cover - every business is created with one
        raise ApiProblem(409, "no-signing-key", "This business has no signing key.")
    raw = sealer.open(row.private_key, business_id, row.key_id)
    return row.key_id, Ed25519PrivateKey.from_private_bytes(raw)


def issue_card(
    session: Session,
    sealer: KeySealer,
    business_id: int,
    customer_id: str | None,
    program_id: str,
    now: datetime,
    seq: int,
):
    """A new card signed with the business key: (row, token text, printed card number)."""
    from cloud.models import Card

    key_id, private_key = business_private_key(session, business_id, sealer)
    for _ in range(10):
        card_id = cardtoken.new_card_id()
        if session.get(Card, (business_id, card_id)) is None:
            break
    else:  # pragma: no cover - 10 collisions in 9e10 ids
        raise ApiProblem(409, "card-id-exhausted", "Could not find a free card id; try again.")
    row = Card(
        business_id=business_id,
        id=card_id,
        customer_id=customer_id,
        program_id=program_id,
        key_id=key_id,
        status="active",
        flagged=False,
        units=0,
        lifetime=0,
        redemptions=0,
        visits=0,
        created_at=now,
        seq=seq,
    )
    session.add(row)
    token = cardtoken.encode(cardtoken.sign(private_key, business_id, card_id, key_id))
    return row, token, cardtoken.format_card_number(card_id)
