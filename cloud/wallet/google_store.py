"""What the cloud keeps for Google Wallet: the business's issuer and sealed service-account key,
the loyalty object of each card a customer added, and the notifications asked for per object.
Sessions are the caller's; nothing here commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cloud.models import Card, WalletGoogleConfig, WalletGoogleNotice, WalletGoogleObject
from cloud.wallet.google_key import GoogleCredentials, credentials_from_stored
from cloud.wallet.google_pass import NOTIFY_WINDOW, object_id
from cloud.wallet.sealing import WalletSealer

_CHUNK = 500  # card ids per IN (…) list


def google_key_context(business_id: int) -> str:
    return f"google service account key {business_id}"


def save_google_config(
    session: Session, business_id: int, credentials: GoogleCredentials, sealer: WalletSealer, now: datetime
) -> WalletGoogleConfig:
    row = session.get(WalletGoogleConfig, business_id) or WalletGoogleConfig(business_id=business_id)
    row.issuer_id = credentials.issuer_id
    row.client_email = credentials.client_email
    row.key_id = credentials.key_id
    row.token_uri = credentials.token_uri
    row.private_key = sealer.seal(credentials.private_key_der(), google_key_context(business_id))
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def google_config(session: Session, business_id: int) -> WalletGoogleConfig | None:
    return session.get(WalletGoogleConfig, business_id)


def google_credentials(row: WalletGoogleConfig, sealer: WalletSealer) -> GoogleCredentials:
    key = sealer.open(row.private_key, google_key_context(row.business_id))
    return credentials_from_stored(row.issuer_id, row.client_email, row.key_id, row.token_uri, key)


def remove_google_config(session: Session, business_id: int) -> int:
    """Forget the key; returns how many cards' objects were handed out (they stop updating)."""
    session.execute(delete(WalletGoogleConfig).where(WalletGoogleConfig.business_id == business_id))
    return session.scalar(
        select(func.count())
        .select_from(WalletGoogleObject)
        .where(WalletGoogleObject.business_id == business_id)
    )


def object_for_card(
    session: Session, config: WalletGoogleConfig, card_id: int, now: datetime
) -> WalletGoogleObject:
    """The card's object row, made on the first "Add to Google Wallet" (not yet sent: version -1)."""
    row = session.scalar(
        select(WalletGoogleObject).where(
            WalletGoogleObject.business_id == config.business_id, WalletGoogleObject.card_id == card_id
        )
    )
    if row is None:
        row = WalletGoogleObject(
            object_id=object_id(config.issuer_id, config.business_id, card_id),
            business_id=config.business_id,
            card_id=card_id,
            version=-1,
            created_at=now,
        )
        session.add(row)
        session.flush()
    return row


def objects_of_cards(session: Session, business_id: int, card_ids) -> list[int]:
    """Those of these cards that have a Google Wallet object (when the business has Google set up)."""
    if google_config(session, business_id) is None:
        return []
    wanted = sorted({int(c) for c in card_ids})
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        found.update(
            session.scalars(
                select(WalletGoogleObject.card_id).where(
                    WalletGoogleObject.business_id == business_id,
                    WalletGoogleObject.card_id.in_(wanted[start : start + _CHUNK]),
                )
            )
        )
    return sorted(found)


def objects_of_offers(session: Session, business_id: int, offer_ids) -> list[int]:
    """The cards of these offers that have a Google Wallet object: the offer's target is on them."""
    if google_config(session, business_id) is None:
        return []
    return sorted(
        session.scalars(
            select(WalletGoogleObject.card_id)
            .join(
                Card,
                (Card.business_id == WalletGoogleObject.business_id)
                & (Card.id == WalletGoogleObject.card_id),
            )
            .where(
                WalletGoogleObject.business_id == business_id,
                Card.program_id.in_([str(o) for o in offer_ids]),
            )
        )
    )


def notices_since(session: Session, object_ref: str, now: datetime) -> list[datetime]:
    return list(
        session.scalars(
            select(WalletGoogleNotice.sent_at).where(
                WalletGoogleNotice.object_id == object_ref, WalletGoogleNotice.sent_at > now - NOTIFY_WINDOW
            )
        )
    )


def note_notice(session: Session, object_ref: str, now: datetime) -> None:
    session.add(WalletGoogleNotice(object_id=object_ref, sent_at=now))
    # older than the window they count for nothing: keep the table to a few rows per object
    session.execute(
        delete(WalletGoogleNotice).where(
            WalletGoogleNotice.object_id == object_ref, WalletGoogleNotice.sent_at <= now - NOTIFY_WINDOW
        )
    )
