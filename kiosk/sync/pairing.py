"""Pairing a kiosk with the cloud, and unpairing it.

The rule for a standalone kiosk's own business: its business id lives inside every card token
it issued, and the cloud's business has a different id. So pairing is allowed only while the
kiosk has no customers (or when the owner asks to discard them, e.g. the demo shop); the kiosk
then adopts the cloud's business, location and device id, keeps its issuing key (registered
with the cloud under its key id), and drops its local offers: the cloud's offers arrive with
the first pull.

A kiosk that was paired before (unpaired, e.g. to give a copied till its own credential) holds
customers and maybe unsynced events of that cloud business. Pairing it again with the same
business keeps all of it and sends the pending events with the new credential (they are
idempotent by id); the cloud is asked to refuse, without spending the code, a code of another
business. Unpairing wipes the credential and the cloud URL and keeps the ledger, pending
events included.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

import cardtoken
from kiosk.domain.codes import PublicKey
from kiosk.store import Store, meta, sync_repo, till_join
from kiosk.store.sync_repo import LocalData
from kiosk.sync import engine
from kiosk.sync.client import CloudClient, Refused
from kiosk.sync.credentials import CredentialStore
from kiosk.sync.engine import SyncEngine
from kiosk.sync.installation import Installation
from kiosk.sync.wire import Paired

KEY_ID_ATTEMPTS = 5


class PairingRefused(RuntimeError):
    """kind: already_paired | local_data | other_business | refused (what the screen explains)."""

    def __init__(self, message: str, kind: str = "refused") -> None:
        super().__init__(message)
        self.kind = kind


OTHER_BUSINESS = "pairing-code-other-business"


@dataclass(frozen=True, slots=True)
class PairingResult:
    paired: Paired
    cloud_url: str
    discarded_local_data: bool
    discarded: LocalData | None = None  # what was discarded (None: nothing)
    kept_pending: int = 0  # events of the same business kept, sent at the next sync


INSECURE_HTTP = (
    "{url} is plain http://: the kiosk's device credential would cross the network unencrypted, "
    "readable by anyone on the way. Use the cloud's https:// address, or (on a network you trust) "
    "pair from the command line with --allow-insecure-http."
)


def sends_credential_in_clear(cloud_url: str) -> bool:
    """True for http:// to anything but this computer (localhost, 127.0.0.0/8, ::1)."""
    parts = urlsplit(cloud_url.strip())
    if parts.scheme.lower() != "http":
        return False
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


@dataclass(frozen=True, slots=True)
class UnpairResult:
    pending: int  # events kept for the next pairing with the same business
    business_id: int
    business_name: str


PAIRED_BUSINESS = "cloud_business_id"  # the cloud business this ledger belongs to; kept by unpair


def previous_business(conn) -> int | None:
    """The cloud business this kiosk was paired with (now or before), None if never paired.
    Kiosks paired before the setting existed are known by their audit log's pairing entry."""
    marked = meta.get_setting(conn, PAIRED_BUSINESS)
    if marked:
        return int(marked)
    current = int(meta.get_setting(conn, "business_id", "0") or 0)
    for entry in meta.audit_entries(conn, limit=10_000):
        if entry["action"] == "kiosk_paired" and entry["detail"].get("business_id") == current:
            return current
    return None


def _issuing_key(store: Store, *, fresh: bool = False) -> tuple[int, bytes, bytes]:
    """(key id, public, private) of this kiosk's key, made now if the kiosk was never set up
    (or when asked for a fresh one)."""
    with store.reading() as conn:
        business_id = int(meta.get_setting(conn, "business_id", "0") or 0)
        own = meta.issuing_key(conn, business_id)
        keys = meta.keys_of(conn, business_id)
    if own is not None and not fresh:
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
    allow_insecure_http: bool = False,
    http: httpx.Client | None = None,
    staff: tuple[str | None, str] | None = None,
) -> PairingResult:
    """Trade a pairing code for a device credential. Raises PairingRefused, SyncError,
    NoKeyringBackend/CredentialError (checked before the code is spent).

    staff: (id, name) of the owner pairing on the Sync screen, for the audit log; None from the
    command line, which the audit entry says instead.
    allow_insecure_http: the owner has been warned and still pairs over plain http:// (see
    `sends_credential_in_clear`); otherwise such an address is refused before the code is spent."""
    if sends_credential_in_clear(cloud_url) and not allow_insecure_http:
        raise PairingRefused(INSECURE_HTTP.format(url=cloud_url))
    with store.reading() as conn:
        local = sync_repo.local_data(conn)
        settings = meta.all_settings(conn)
        before = previous_business(conn)
    already = settings.get("cloud_url")
    if already:
        raise PairingRefused(
            f"this kiosk is already paired with {already}; unpair it first", "already_paired"
        )
    has_data = bool(local.customers or local.pending)
    keep = has_data and before is not None and not discard_local_data
    if has_data and not keep and not discard_local_data:
        raise PairingRefused(
            f"this kiosk holds {local.describe()} of its own business (it was never paired); pairing "
            "adopts the cloud's business, whose cards those tokens are not. Pair a fresh kiosk, or "
            "discard the local data (demo shop).",
            "local_data",
        )
    credentials.get()  # a missing keyring must stop us before the single-use code is spent
    # pairing again keeps the ledger but not the old key: it belongs to the old device (revoked,
    # or copied to another till with the folder), so each pairing registers a key of its own
    key_id, public, private = _issuing_key(store, fresh=keep)
    client = CloudClient(cloud_url, http=http)
    try:
        for attempt in range(KEY_ID_ATTEMPTS):
            try:
                paired = client.pair(code, device_name, public, key_id, before if keep else None)
                break
            except Refused as exc:
                slug = exc.problem.slug if exc.problem is not None else ""
                if slug == OTHER_BUSINESS:
                    name = settings.get("business_name", "")
                    raise PairingRefused(
                        f"this kiosk holds {local.describe()} of business {name!r} ({before}), which it "
                        "was paired with before; this pairing code is for another business, and was not "
                        f"used. Pair with a code of {name!r} to keep them and send the pending events, "
                        "or discard them (--discard-local-data).",
                        "other_business",
                    ) from exc
                # the code is not spent by a key-id clash: pick another id (no card carries it yet)
                if slug != "key-id-taken" or attempt == KEY_ID_ATTEMPTS - 1:
                    raise
                key_id = _new_key_id()
    finally:
        client.close()
    if keep and paired.business_id != before:  # a cloud that ignored expected_business_id
        raise PairingRefused(
            f"the cloud paired this kiosk with business {paired.business_id}, not {before} whose data it "
            "holds; nothing was changed here. Revoke that device in the dashboard."
        )
    credentials.set(paired.device_token)
    with store.transaction() as conn:
        if not keep:
            sync_repo.discard_local_ledger(conn)
        sync_repo.adopt_issuing_key(
            conn, paired.business_id, PublicKey(paired.business_id, key_id, public), private, keep_others=keep
        )
        for key, value in {
            "business_id": str(paired.business_id),
            "business_name": paired.business_name,
            "location_id": paired.location_id,
            "location_name": paired.location_name,
            "device_id": paired.device_id,
            "cloud_url": cloud_url.rstrip("/"),
            PAIRED_BUSINESS: str(paired.business_id),
        }.items():
            meta.put_setting(conn, key, value)
        for key in (
            engine.STOPPED,
            engine.LAST_ERROR,
            engine.LAST_SUCCESS,
            engine.STATE,
            engine.CREDENTIAL_SHARED,
            sync_repo.CURSOR,
        ):
            meta.delete_setting(conn, key)
        till_join.forget(conn)  # the link of another pairing, or of none
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
            discarded=has_data and not keep,
            discarded_counts=None if keep or local.empty else local.describe(),
            pending_kept=local.pending if keep else 0,
        )
    discarded = None if keep or local.empty else local
    return PairingResult(
        paired, cloud_url.rstrip("/"), has_data and not keep, discarded, local.pending if keep else 0
    )


def unpair(
    store: Store,
    credentials: CredentialStore,
    *,
    now: Callable[[], datetime],
    staff: tuple[str | None, str] | None = None,
) -> UnpairResult:
    """Forget the cloud: the credential is wiped; the ledger (and any pending events) stays, and
    pairing again with the same business sends them. staff: as for pair()."""
    credentials.delete()
    with store.transaction() as conn:
        pending = sync_repo.outbox_counts(conn)["pending"]
        settings = meta.all_settings(conn)
        for key in (
            "cloud_url",
            sync_repo.CURSOR,
            engine.STOPPED,
            engine.LAST_ERROR,
            engine.STATE,
            engine.CREDENTIAL_SHARED,
        ):
            meta.delete_setting(conn, key)
        till_join.forget(conn)  # the link of another pairing, or of none
        meta.audit(
            conn,
            now(),
            *(staff or (None, None)),
            "kiosk_unpaired",
            via="screen" if staff else "command line",
            pending_kept=pending,
        )
    return UnpairResult(pending, int(settings.get("business_id") or 0), settings.get("business_name", ""))


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
    client = (
        CloudClient(cloud_url, token, http=http, installation=Installation(store.path.parent))
        if cloud_url and token
        else None
    )
    return SyncEngine(store, client, clock=clock, **options)
