"""Pairing a kiosk with the cloud, and unpairing it.

The rule for a standalone kiosk's own business: its business id lives inside every card token
it issued, and the cloud's business has a different id. So pairing is allowed only while the
kiosk has no customers (or when the owner asks to discard them, e.g. the demo shop); the kiosk
then adopts the cloud's business, location and device id, keeps its issuing key (registered
with the cloud under its key id), and drops its local offers: the cloud's offers arrive with
the first pull. Unpairing wipes the credential and the cloud URL and keeps the ledger.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

import cardtoken
from kiosk.domain.codes import PublicKey
from kiosk.store import Store, meta, sync_repo
from kiosk.sync import engine
from kiosk.sync.client import CloudClient, Refused
from kiosk.sync.credentials import CredentialStore
from kiosk.sync.engine import SyncEngine
from kiosk.sync.wire import Paired

KEY_ID_ATTEMPTS = 5


class PairingRefused(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class PairingResult:
    paired: Paired
    cloud_url: str
    discarded_local_data: bool


def _issuing_key(store: Store) -> tuple[int, bytes, bytes]:
    """(key id, public, private) of this kiosk's key, made now if the kiosk was never set up."""
    with store.reading() as conn:
        business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        own = meta.issuing_key(conn, business_id)
        keys = meta.keys_of(conn, business_id)
    if own is not None:
        public = keys[own[0]].public_key
        if not cardtoken.is_usable_key(public):
            raise PairingRefused(
                "This kiosk's own signing key is unsafe (a small-order public key anybody could forge "
                "with); it was not sent. Restore kiosk.sqlite from a backup."
            )
        return own[0], public, own[1]
    private = Ed25519PrivateKey.generate()
    return (
        _new_key_id(),
        private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
        private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
    )


def _new_key_id() -> int:
    return 1 + secrets.randbelow(2**16 - 1)


def pair(
    store: Store,
    credentials: CredentialStore,
    cloud_url: str,
    code: str,
    *,
    device_name: str,
    now: Callable[[], datetime],
    discard_local_data: bool = False,
    http: httpx.Client | None = None,
    staff: tuple[str | None, str] | None = None,
) -> PairingResult:
    """Trade a pairing code for a device credential. Raises PairingRefused, SyncError,
    NoKeyringBackend/CredentialError (checked before the code is spent).

    staff: (id, name) of the owner pairing on the Sync screen, for the audit log; None from the
    command line, which the audit entry says instead."""
    with store.reading() as conn:
        has_customers = sync_repo.has_local_customers(conn)
        already = meta.get_setting(conn, "cloud_url")
    if already:
        raise PairingRefused(f"this kiosk is already paired with {already}; unpair it first")
    if has_customers and not discard_local_data:
        raise PairingRefused(
            "this kiosk already has customers of its own business; pairing adopts the cloud's business, "
            "whose cards those tokens are not. Pair a fresh kiosk, or discard the local data (demo shop)."
        )
    credentials.get()  # a missing keyring must stop us before the single-use code is spent
    key_id, public, private = _issuing_key(store)
    client = CloudClient(cloud_url, http=http)
    try:
        for attempt in range(KEY_ID_ATTEMPTS):
            try:
                paired = client.pair(code, device_name, public, key_id)
                break
            except Refused as exc:
                # the code is not spent by a key-id clash: pick another id (no card carries it yet)
                if (
                    exc.problem is None
                    or exc.problem.slug != "key-id-taken"
                    or attempt == KEY_ID_ATTEMPTS - 1
                ):
                    raise
                key_id = _new_key_id()
    finally:
        client.close()
    credentials.set(paired.device_token)
    with store.transaction() as conn:
        sync_repo.discard_local_ledger(conn)
        sync_repo.adopt_issuing_key(
            conn, paired.business_id, PublicKey(paired.business_id, key_id, public), private
        )
        for key, value in {
            "business_id": str(paired.business_id),
            "business_name": paired.business_name,
            "location_id": paired.location_id,
            "location_name": paired.location_name,
            "device_id": paired.device_id,
            "cloud_url": cloud_url.rstrip("/"),
        }.items():
            meta.put_setting(conn, key, value)
        for key in (engine.STOPPED, engine.LAST_ERROR, engine.LAST_SUCCESS):
            meta.delete_setting(conn, key)
        meta.put_location(conn, paired.location_id, paired.location_name)
        meta.audit(
            conn,
            now(),
            *(staff or (None, None)),
            "kiosk_paired",
            via="screen" if staff else "command line",
            cloud=cloud_url,
            device_id=paired.device_id,
            business_id=paired.business_id,
            discarded=has_customers,
        )
    return PairingResult(paired, cloud_url.rstrip("/"), has_customers)


def unpair(
    store: Store,
    credentials: CredentialStore,
    *,
    now: Callable[[], datetime],
    staff: tuple[str | None, str] | None = None,
) -> None:
    """Forget the cloud: the credential is wiped; the ledger (and any pending events) stays.
    staff: as for pair()."""
    credentials.delete()
    with store.transaction() as conn:
        for key in ("cloud_url", sync_repo.CURSOR, engine.STOPPED, engine.LAST_ERROR):
            meta.delete_setting(conn, key)
        meta.audit(
            conn, now(), *(staff or (None, None)), "kiosk_unpaired", via="screen" if staff else "command line"
        )


def cloud_url_of(store: Store) -> str | None:
    with store.reading() as conn:
        return meta.get_setting(conn, "cloud_url")


def engine_for(
    store: Store,
    credentials: CredentialStore,
    *,
    clock: Callable[[], datetime],
    http: httpx.Client | None = None,
    **options,
) -> SyncEngine:
    """The engine for this kiosk as it is paired now (no client when unpaired)."""
    with store.reading() as conn:
        cloud_url = meta.get_setting(conn, "cloud_url")
    token = credentials.get() if cloud_url else None
    client = CloudClient(cloud_url, token, http=http) if cloud_url and token else None
    return SyncEngine(store, client, clock=clock, **options)
