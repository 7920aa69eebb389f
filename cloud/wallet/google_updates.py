"""Google Wallet objects kept up to date: put on the card page's "Add to Google Wallet", patched by
a background job (cloud/wallet/updates.py queues it on the same huey queue as the Apple pushes)
whenever a card's balance or its offer changes.

A balance change always goes to Google; it asks Google to notify the phone only while fewer than
3 notifications went to that object in the last 24 hours (Google's limit; the times are kept per
object, taken from the cloud's clock). An object Google no longer knows (404) is inserted again.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.keyseal import KeySealer
from cloud.models import Card, Device, Offer, WalletGoogleConfig, WalletGoogleObject
from cloud.wallet import google_store, store
from cloud.wallet.google_api import GoogleAnswer, GoogleOutcome, GoogleWalletClient
from cloud.wallet.google_key import GoogleCredentials
from cloud.wallet.google_pass import balance_patch, class_id, loyalty_class, loyalty_object, may_notify
from cloud.wallet.holder import HolderKind, PassHolder

log = logging.getLogger("cloud.wallet.google")
CLASS, OBJECT = "loyaltyClass", "loyaltyObject"
_NOT_PATCHED = frozenset({"id", "classId", "reviewStatus"})  # fixed once inserted


class GoogleSent(enum.Enum):
    PATCHED = "patched"
    REINSERTED = "reinserted"  # Google had lost it (404): inserted again
    NOTHING_NEW = "nothing new"  # Google already shows this version, or the object/setup is gone
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class GoogleUpdate:
    """What one job did for one card's object."""

    card_id: int
    sent: GoogleSent
    notified: bool = False
    retry_after: float | None = None


@dataclass(frozen=True)
class CardObject:
    """A card's class and object as Google is to show them now."""

    holder: PassHolder
    class_body: dict
    object_body: dict


def card_object(
    session: Session, keys: KeySealer, config: WalletGoogleConfig, object_ref: str, card_id: int
) -> CardObject | None:
    holder = store.holder_for(session, config.business_id, HolderKind.CARD, str(card_id), keys)
    if holder is None:
        return None
    card = session.get(Card, (config.business_id, card_id))
    class_ref = class_id(config.issuer_id, config.business_id, card.program_id)
    issuer = store.business_name(session, config.business_id)
    klass = loyalty_class(class_ref, issuer, holder.programs[0].name, holder.colour)
    return CardObject(holder, klass, loyalty_object(object_ref, class_ref, holder))


def _changes(body: dict) -> dict:
    return {k: v for k, v in body.items() if k not in _NOT_PATCHED}


def put_card(client: GoogleWalletClient, credentials: GoogleCredentials, card: CardObject) -> GoogleAnswer:
    """Insert the class and the object, or bring them up to date where Google has them (409)."""
    for kind, body in ((CLASS, card.class_body), (OBJECT, card.object_body)):
        answer = client.insert(credentials, kind, body)
        if answer.outcome is GoogleOutcome.EXISTS:
            answer = client.patch(credentials, kind, body["id"], _changes(body))
        if answer.outcome is not GoogleOutcome.DONE:
            return answer
    return answer


def note_sent(session: Session, object_ref: str, version: int, notified_at: datetime | None) -> None:
    row = session.get(WalletGoogleObject, object_ref)
    if row is None:  # the business's Google setup went meanwhile
        return
    row.version = max(row.version, version)
    if notified_at is not None:
        google_store.note_notice(session, object_ref, notified_at)


# --- which cards a change touches -------------------------------------------------------------------


def business_of_device(session: Session, device_token_hash: str) -> int | None:
    return session.scalar(select(Device.business_id).where(Device.token_hash == device_token_hash))


# --- the job ------------------------------------------------------------------------------------------

_locks: defaultdict[tuple[int, int], threading.Lock] = defaultdict(threading.Lock)
_locks_lock = threading.Lock()


def _card_lock(business_id: int, card_id: int) -> threading.Lock:
    """One job at a time per card in this process: a slower job must not overwrite a newer balance."""
    with _locks_lock:
        return _locks[(business_id, card_id)]


def send_google_update(
    db, keys: KeySealer, sealer, client: GoogleWalletClient, business_id: int, card_id: int, now: datetime
) -> GoogleUpdate:
    """Patch the card's object with what it shows now; ask for a notification while the limit allows."""
    with _card_lock(business_id, card_id):
        with db.read_session() as session:
            config = google_store.google_config(session, business_id)
            row = session.scalar(
                select(WalletGoogleObject).where(
                    WalletGoogleObject.business_id == business_id, WalletGoogleObject.card_id == card_id
                )
            )
            card = card_object(session, keys, config, row.object_id, card_id) if config and row else None
            if card is None or card.holder.version == row.version:
                return GoogleUpdate(card_id, GoogleSent.NOTHING_NEW)
            credentials = google_store.google_credentials(config, sealer)
            notify = may_notify(google_store.notices_since(session, row.object_id, now), now)
            object_ref = row.object_id
        answer = client.patch(credentials, OBJECT, object_ref, balance_patch(card.holder, notify))
        sent = GoogleSent.PATCHED
        if answer.outcome is GoogleOutcome.UNKNOWN:  # deleted at Google: put it back as it is now
            answer, sent, notify = put_card(client, credentials, card), GoogleSent.REINSERTED, False
        if answer.outcome is GoogleOutcome.RETRY:
            return GoogleUpdate(card_id, GoogleSent.RETRY, retry_after=answer.retry_after)
        if answer.outcome is not GoogleOutcome.DONE:
            return GoogleUpdate(card_id, GoogleSent.FAILED)
        with db.writing() as session:
            note_sent(session, object_ref, card.holder.version, now if notify else None)
        return GoogleUpdate(card_id, sent, notified=notify)


def send_google_class(db, sealer, client: GoogleWalletClient, business_id: int, offer_id: str) -> GoogleSent:
    """An offer's name or colour changed: patch its class, which every card of the offer shows.
    A class Google does not have (no card of the offer added yet) gets it on the first add."""
    with db.read_session() as session:
        config = google_store.google_config(session, business_id)
        offer = session.get(Offer, offer_id)
        if config is None or offer is None or offer.business_id != business_id:
            return GoogleSent.NOTHING_NEW
        class_ref = class_id(config.issuer_id, business_id, offer.id)
        body = loyalty_class(class_ref, store.business_name(session, business_id), offer.name, offer.colour)
        credentials = google_store.google_credentials(config, sealer)
    answer = client.patch(credentials, CLASS, class_ref, _changes(body))
    if answer.outcome is GoogleOutcome.DONE:
        return GoogleSent.PATCHED
    if answer.outcome is GoogleOutcome.UNKNOWN:
        return GoogleSent.NOTHING_NEW
    return GoogleSent.RETRY if answer.outcome is GoogleOutcome.RETRY else GoogleSent.FAILED


# --- "Add to Google Wallet" -----------------------------------------------------------------------


class GoogleUnavailable(Exception):
    """Google did not take the card's class or object just now (no connection, 5xx, refused)."""


def save_link(
    session: Session,
    *,
    client: GoogleWalletClient,
    keys: KeySealer,
    sealer,
    save_url: str,
    config: WalletGoogleConfig,
    card_id: int,
    now: datetime,
) -> str:
    """Put the card's class and object at Google (the object row is committed first, so a balance
    change from now on is sent to it), then the save link naming only the object's id."""
    row = google_store.object_for_card(session, config, card_id, now)
    card = card_object(session, keys, config, row.object_id, card_id)
    credentials = google_store.google_credentials(config, sealer)
    object_ref, db = row.object_id, session
    session.commit()
    if card is None:  # pragma: no cover - the card was read in this request
        raise GoogleUnavailable("the card is gone")
    with _card_lock(config.business_id, card_id):
        answer = put_card(client, credentials, card)
        if answer.outcome is not GoogleOutcome.DONE:
            raise GoogleUnavailable(answer.outcome.value)
        note_sent(db, object_ref, card.holder.version, None)
        db.commit()
    # Google checks the save JWT's iat against the real clock, whatever the cloud's clock says
    return f"{save_url.rstrip('/')}/{credentials.save_jwt(object_ref, datetime.now(UTC))}"
