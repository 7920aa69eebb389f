"""What the cloud keeps for Apple Wallet: the business's pass certificate, the passes handed out,
and the phones registered for their updates. Sessions are the caller's; nothing here commits.

A pass's update tag is its holder's `version` (the largest sequence number of the rows it is
drawn from, so it only grows); `refresh` notes a new version and the time it was first seen,
which becomes the pass's Last-Modified (kept strictly growing, HTTP dates being whole seconds).
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import cardtoken
from cloud.keyseal import KeySealer
from cloud.models import (
    Business,
    Card,
    Customer,
    Offer,
    WalletApnsKey,
    WalletAppleConfig,
    WalletDevice,
    WalletPass,
    WalletRegistration,
)
from cloud.services import business_private_key
from cloud.wallet.credentials import AppleCredentials, WalletSetupError, credentials_from_stored
from cloud.wallet.holder import HolderKind, PassHolder, ProgramBalance
from cloud.wallet.sealing import WalletSealer, config_key_context, pass_token_context

TOKEN_BYTES = 24  # 32 characters of base64url: Apple asks for at least 16


def save_apple_config(
    session: Session, business_id: int, credentials: AppleCredentials, sealer: WalletSealer, now: datetime
) -> WalletAppleConfig:
    taken = session.scalar(
        select(WalletAppleConfig.business_id).where(
            WalletAppleConfig.pass_type_id == credentials.pass_type_id,
            WalletAppleConfig.business_id != business_id,
        )
    )
    if taken is not None:
        raise WalletSetupError(
            f"the pass type identifier {credentials.pass_type_id} is set up for another business "
            "in this cloud: each business needs a pass type identifier of its own"
        )
    row = session.get(WalletAppleConfig, business_id) or WalletAppleConfig(business_id=business_id)
    row.pass_type_id = credentials.pass_type_id
    row.team_id = credentials.team_id
    row.certificate_pem = credentials.certificate_pem().decode()
    row.wwdr_pem = credentials.wwdr_pem().decode()
    row.private_key = sealer.seal(credentials.private_key_der(), config_key_context(business_id))
    row.not_after = credentials.certificate.not_valid_after_utc
    row.updated_at = now
    session.add(row)
    session.flush()
    return row


def apple_config(session: Session, business_id: int) -> WalletAppleConfig | None:
    return session.get(WalletAppleConfig, business_id)


def apple_credentials(row: WalletAppleConfig, sealer: WalletSealer) -> AppleCredentials:
    key = sealer.open(row.private_key, config_key_context(row.business_id))
    return credentials_from_stored(
        row.pass_type_id, row.team_id, row.certificate_pem.encode(), key, row.wwdr_pem.encode()
    )


def remove_apple_config(session: Session, business_id: int) -> int:
    """Forget the certificate; returns how many passes were handed out (they stop updating)."""
    session.execute(delete(WalletAppleConfig).where(WalletAppleConfig.business_id == business_id))
    session.execute(delete(WalletApnsKey).where(WalletApnsKey.business_id == business_id))
    return len(session.scalars(select(WalletPass.serial).where(WalletPass.business_id == business_id)).all())


def business_name(session: Session, business_id: int) -> str:
    return session.scalar(select(Business.name).where(Business.id == business_id)) or ""


# --- holders: the one place that knows what a pass belongs to ---------------------------------


def _card_holder(session: Session, business_id: int, card_id: int, keys: KeySealer) -> PassHolder | None:
    card = session.get(Card, (business_id, card_id))
    if card is None:
        return None
    offer = session.get(Offer, card.program_id)
    customer = session.get(Customer, (business_id, card.customer_id)) if card.customer_id else None
    # the business key signs the same token for a card every time (Ed25519 is deterministic),
    # and every kiosk trusts it, whichever key signed the card's first code
    key_id, private_key = business_private_key(session, business_id, keys)
    code = cardtoken.encode(cardtoken.sign(private_key, business_id, card.id, key_id))
    seqs = [card.seq, offer.seq if offer else 0, customer.seq if customer else 0]
    program = ProgramBalance(
        name=offer.name if offer else "Stamps",
        balance=card.units,
        required=offer.stamps_required if offer else None,
        reward=offer.reward_text if offer else "",
    )
    return PassHolder(
        code=code,
        display_name=customer.name if customer else "",
        programs=(program,),
        version=max(seqs),
        number=cardtoken.format_card_number(card.id),
        colour=offer.colour if offer else "#2E7D32",
    )


def holder_for(
    session: Session, business_id: int, kind: HolderKind, holder_id: str, keys: KeySealer
) -> PassHolder | None:
    """What the pass of this holder shows now, or None when the holder is gone."""
    if kind is HolderKind.CARD:
        return _card_holder(session, business_id, int(holder_id), keys)
    raise ValueError(f"no holder of kind {kind}")  # pragma: no cover - one kind today


# --- passes -----------------------------------------------------------------------------------


def pass_for_holder(
    session: Session,
    business_id: int,
    kind: HolderKind,
    holder_id: str,
    sealer: WalletSealer,
    now: datetime,
) -> tuple[WalletPass, str]:
    """The holder's pass (made on first download) and its authentication token. A second download
    (another phone) gets the same serial and token, so both stay up to date."""
    row = session.scalar(
        select(WalletPass).where(
            WalletPass.business_id == business_id,
            WalletPass.holder_kind == kind.value,
            WalletPass.holder_id == holder_id,
        )
    )
    if row is not None:
        return row, open_token(row, sealer)
    serial = str(uuid.uuid4())
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = WalletPass(
        serial=serial,
        business_id=business_id,
        holder_kind=kind.value,
        holder_id=holder_id,
        auth_token=sealer.seal(token.encode(), pass_token_context(serial)),
        version=-1,  # no content yet: the first refresh records it
        modified_at=_second(now),
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row, token


def open_token(row: WalletPass, sealer: WalletSealer) -> str:
    return sealer.open(row.auth_token, pass_token_context(row.serial)).decode()


def token_matches(row: WalletPass, presented: str, sealer: WalletSealer) -> bool:
    return hmac.compare_digest(open_token(row, sealer).encode(), presented.encode())


def pass_by_serial(
    session: Session, pass_type_id: str, serial: str
) -> tuple[WalletPass, WalletAppleConfig] | None:
    found = session.execute(
        select(WalletPass, WalletAppleConfig)
        .join(WalletAppleConfig, WalletAppleConfig.business_id == WalletPass.business_id)
        .where(WalletPass.serial == serial, WalletAppleConfig.pass_type_id == pass_type_id)
    ).first()
    return (found[0], found[1]) if found else None


def _second(when: datetime) -> datetime:
    return when.replace(microsecond=0)


def refresh(row: WalletPass, holder: PassHolder, now: datetime) -> bool:
    """Note the holder's current version; True when it is new. Last-Modified moves forward by at
    least a second, so a client's If-Modified-Since never hides a change made in the same second."""
    if holder.version == row.version:
        return False
    row.version = holder.version
    row.modified_at = max(_second(now), row.modified_at + timedelta(seconds=1))
    return True


# --- devices and registrations ----------------------------------------------------------------


def register(session: Session, device_id: str, push_token: str, serial: str, now: datetime) -> bool:
    """Register the device for the pass's updates; True when the registration is new."""
    device = session.get(WalletDevice, device_id)
    if device is None:
        session.add(WalletDevice(id=device_id, push_token=push_token, updated_at=now))
    elif device.push_token != push_token:
        device.push_token, device.updated_at = push_token, now
    if session.get(WalletRegistration, (device_id, serial)) is not None:
        return False
    session.add(WalletRegistration(device_id=device_id, serial=serial, created_at=now))
    session.flush()
    return True


def unregister(session: Session, device_id: str, serial: str) -> bool:
    """Remove the registration (and the device once it has none); True when there was one."""
    gone = session.execute(
        delete(WalletRegistration).where(
            WalletRegistration.device_id == device_id, WalletRegistration.serial == serial
        )
    ).rowcount
    left = session.scalar(select(WalletRegistration.serial).where(WalletRegistration.device_id == device_id))
    if left is None:
        session.execute(delete(WalletDevice).where(WalletDevice.id == device_id))
    return bool(gone)


def registered_passes(session: Session, device_id: str, pass_type_id: str) -> list[WalletPass]:
    return list(
        session.scalars(
            select(WalletPass)
            .join(WalletRegistration, WalletRegistration.serial == WalletPass.serial)
            .join(WalletAppleConfig, WalletAppleConfig.business_id == WalletPass.business_id)
            .where(WalletRegistration.device_id == device_id, WalletAppleConfig.pass_type_id == pass_type_id)
            .order_by(WalletPass.serial)
        )
    )
