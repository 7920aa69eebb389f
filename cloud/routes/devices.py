"""Kiosks: single-use pairing codes traded for a device credential; revocation at once."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Depends, Response
from sqlalchemy import select, update

import cardtoken
from cloud.deps import (
    Actor,
    Ctx,
    DeviceActor,
    Now,
    Owner,
    OwnerSecurityAction,
    ReadDb,
    User,
    WriteDb,
    audit,
    bump_seq,
    public_limit,
)
from cloud.models import Business, Device, Location, PairingCode, SigningKey
from cloud.problems import ApiProblem, gone, not_found
from cloud.routes.locations import owned_location
from cloud.schemas import DeviceOut, PairIn, PairingCodeIn, PairingCodeOut, PairOut
from cloud.security import new_device_token, new_pairing_code, normalise_pairing_code, sha256_hex

router = APIRouter(prefix="/api/v1/devices", tags=["devices"])


def _out(row: Device) -> DeviceOut:
    return DeviceOut(
        id=row.id,
        name=row.name,
        location_id=row.location_id,
        key_id=row.key_id,
        created_at=row.created_at,
        revoked=row.revoked_at is not None,
        credential_shared=row.credential_shared_at is not None,
        credential_shared_at=row.credential_shared_at,
    )


def decode_public_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if len(raw) != 32 or not text.isascii():
            raise ValueError("not 32 bytes")
        Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise ApiProblem(
            422,
            "bad-public-key",
            "public_key must be a raw Ed25519 key: 32 bytes, base64url without padding.",
        ) from exc
    problem = cardtoken.key_problem(raw)
    if problem is not None:
        # a small-order key (32 zero bytes is one) would let anyone "sign" cards every kiosk accepts
        raise ApiProblem(
            422,
            "unsafe-public-key",
            f"public_key is not a safe Ed25519 key ({problem.value.replace('_', ' ')}): "
            "make a new key pair and pair again.",
        )
    return raw


@router.post("/pairing-codes", response_model=PairingCodeOut, status_code=201)
def create_pairing_code(
    body: PairingCodeIn, app: Ctx, user: Owner, session: WriteDb, when: Now
) -> PairingCodeOut:
    location = owned_location(session, user.business_id, body.location_id)
    code = new_pairing_code()
    expires = when + timedelta(seconds=app.settings.pairing_code_ttl)
    session.add(
        PairingCode(
            code_hash=sha256_hex(normalise_pairing_code(code)),
            business_id=user.business_id,
            location_id=location.id,
            name=body.name,
            created_by=user.user_id,
            created_at=when,
            expires_at=expires,
            used_at=None,
        )
    )
    audit(session, user, when, "device.pairing_code", "location", location.id, {"name": body.name})
    session.commit()
    return PairingCodeOut(code=code, expires_at=expires)


@router.post("/pair", response_model=PairOut, status_code=201, dependencies=[Depends(public_limit)])
def pair(body: PairIn, session: WriteDb, when: Now) -> PairOut:
    """403 for a code that is unknown, used or expired: it is the credential of this request."""
    code_hash = sha256_hex(normalise_pairing_code(body.code))
    code = session.get(PairingCode, code_hash)
    if code is None or code.used_at is not None or code.expires_at <= when:
        raise ApiProblem(403, "invalid-pairing-code", "This pairing code is unknown, used or expired.")
    if body.expected_business_id is not None and body.expected_business_id != code.business_id:
        raise ApiProblem(
            409,
            "pairing-code-other-business",
            "This pairing code is for another business than the one whose customers and events this "
            "kiosk holds; the code was not used.",
        )
    raw_key = decode_public_key(body.public_key)  # a bad key leaves the code usable
    taken = session.get(SigningKey, (code.business_id, body.key_id))
    if taken is not None:
        raise ApiProblem(409, "key-id-taken", f"This business already has a key with id {body.key_id}.")
    claimed = session.execute(
        update(PairingCode)
        .where(PairingCode.code_hash == code_hash, PairingCode.used_at.is_(None))
        .values(used_at=when)
    )
    if claimed.rowcount != 1:  # pragma: no cover - lost a race with another kiosk
        raise ApiProblem(403, "invalid-pairing-code", "This pairing code is unknown, used or expired.")
    token = new_device_token()
    device = Device(
        id=str(uuid.uuid4()),
        business_id=code.business_id,
        location_id=code.location_id,
        name=body.device_name,
        token_hash=sha256_hex(token),
        key_id=body.key_id,
        created_at=when,
        revoked_at=None,
    )
    session.add(device)
    session.add(
        SigningKey(
            business_id=code.business_id,
            key_id=body.key_id,
            public_key=raw_key,
            private_key=None,
            device_id=device.id,
            revoked=False,
            created_at=when,
            seq=bump_seq(session, code.business_id),
        )
    )
    business = session.get(Business, code.business_id)
    location = session.get(Location, code.location_id)
    audit(
        session,
        Actor(code.business_id, device_id=device.id),
        when,
        "device.pair",
        "device",
        device.id,
        {"name": body.device_name, "key_id": body.key_id},
    )
    session.commit()
    return PairOut(
        device_id=device.id,
        device_token=token,
        business_id=business.id,
        business_name=business.name,
        location_id=location.id,
        location_name=location.name,
        key_id=body.key_id,
    )


@router.get("", response_model=list[DeviceOut])
def list_devices(user: User, session: ReadDb) -> list[DeviceOut]:
    rows = session.scalars(
        select(Device).where(Device.business_id == user.business_id).order_by(Device.created_at)
    )
    return [_out(r) for r in rows]


@router.get("/me", response_model=DeviceOut)
def this_device(device: DeviceActor, session: ReadDb) -> DeviceOut:
    return _out(session.get(Device, device.device_id))


@router.get("/{device_id}", response_model=DeviceOut)
def get_device(device_id: uuid.UUID, user: User, session: ReadDb) -> DeviceOut:
    row = session.get(Device, str(device_id))
    if row is None or row.business_id != user.business_id:
        raise not_found("device")
    if row.revoked_at is not None:
        raise gone("This device was revoked (deleted); GET /api/v1/devices still lists it.")
    return _out(row)


@router.delete("/{device_id}", status_code=204)
def revoke_device(device_id: uuid.UUID, user: OwnerSecurityAction, session: WriteDb, when: Now) -> Response:
    row = session.get(Device, str(device_id))
    if row is None or row.business_id != user.business_id:
        raise not_found("device")
    if row.revoked_at is None:
        row.revoked_at = when
        session.execute(
            update(SigningKey)
            .where(SigningKey.business_id == row.business_id, SigningKey.device_id == row.id)
            .values(revoked=True, seq=bump_seq(session, row.business_id))
        )
        audit(session, user, when, "device.revoke", "device", row.id)
        session.commit()
    return Response(status_code=204)
