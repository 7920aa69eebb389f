"""The kiosk's own identity: which business, location and device it is, and its issuing key."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

import cardtoken
from kiosk.domain.codes import PublicKey
from kiosk.domain.model import Location
from kiosk.services.context import Context
from kiosk.store import meta


@dataclass(frozen=True, slots=True)
class Identity:
    business_id: int
    business_name: str
    location_id: str
    location_name: str
    device_id: str

    @property
    def is_set_up(self) -> bool:
        return self.business_id > 0


def load_identity(ctx: Context) -> Identity:
    with ctx.store.reading() as conn:
        s = meta.all_settings(conn)
    return Identity(
        business_id=int(s.get("business_id", "0")),
        business_name=s.get("business_name", ""),
        location_id=s.get("location_id", ""),
        location_name=s.get("location_name", ""),
        device_id=s.get("device_id", ""),
    )


def set_up_business(
    ctx: Context, business_name: str, location_name: str, business_id: int | None = None
) -> Identity:
    """A standalone kiosk's business, location and issuing key (the demo shop, the CLI)."""
    with ctx.store.transaction() as conn:
        write_business(ctx, conn, business_name, location_name, business_id)
    return load_identity(ctx)


def write_business(
    ctx: Context, conn, business_name: str, location_name: str, business_id: int | None = None
) -> None:
    """Inside the caller's transaction: a business, a location, and this device's issuing key."""
    business_id = business_id or (1 + secrets.randbelow(2**31 - 1))
    location = Location(ctx.new_id(), location_name)
    device_id = ctx.new_id()
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    key_id = 1 + secrets.randbelow(2**16 - 1)
    for key, value in {
        "business_id": str(business_id),
        "business_name": business_name,
        "location_id": location.id,
        "location_name": location.name,
        "device_id": device_id,
    }.items():
        meta.put_setting(conn, key, value)
    meta.put_location(conn, location.id, location.name)
    meta.put_key(conn, PublicKey(business_id, key_id, cardtoken.public_key_bytes(private)), raw_private)
    meta.audit(conn, ctx.clock(), None, None, "business_created", name=business_name, location=location_name)


def issuing_private_key(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)
