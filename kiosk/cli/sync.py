"""Headless sync commands: `sync` (one round), `status`, `pair URL CODE`, `unpair`.

Exit status: 0 when the command did what it says, 1 when it did not (offline, refused,
revoked); the summary or the JSON says why.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

from kiosk.services import Services
from kiosk.services.context import utc_now
from kiosk.sync import pairing
from kiosk.sync.client import SyncError
from kiosk.sync.credentials import CredentialError, credentials_for
from kiosk.sync.engine import SyncEngine, SyncStatus, sync_until_idle

MAX_ROUNDS = 20  # a big backlog is 1,000 events a batch, 50 batches a round


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help="sync with the cloud now (push, then pull); prints a summary"
    )
    p.set_defaults(handler=sync)
    p = sub.add_parser("status", parents=[common], help="print the sync status as JSON")
    p.set_defaults(handler=status)
    p = sub.add_parser("pair", parents=[common], help="pair this kiosk with the cloud (owner)")
    p.add_argument("url", help="the cloud's address, e.g. https://loyalty.example")
    p.add_argument("code", help="the pairing code from the dashboard (single use, 10 minutes)")
    p.add_argument("--name", default="Kiosk", help="this kiosk's name in the dashboard")
    p.add_argument(
        "--discard-local-data",
        action="store_true",
        help="drop this kiosk's own customers and cards (e.g. the demo shop) and adopt the cloud's business",
    )
    p.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="pair over plain http:// with a cloud that is not on this computer (the device credential "
        "crosses the network unencrypted: only on a network you trust)",
    )
    p.add_argument(
        "--token-file",
        action="store_true",
        help="no OS keyring here: keep the device credential in a 0600 file in the data folder instead",
    )
    p.set_defaults(handler=pair)
    p = sub.add_parser("unpair", parents=[common], help="forget the cloud and wipe the device credential")
    p.set_defaults(handler=unpair)


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def status_json(status: SyncStatus, *, cloud_url: str | None, paired: bool) -> dict:
    return {
        "paired": paired,
        "cloud_url": cloud_url,
        "state": status.state,
        "online": status.online,
        "pending": status.pending,
        "rejected": status.rejected,
        "last_success": _time(status.last_success),
        "last_error": status.last_error,
        "clock_warning": status.clock_warning,
    }


def sync(args, services: Services) -> int:
    store = services.ctx.store
    try:
        engine = pairing.engine_for(store, credentials_for(args.data_dir), clock=utc_now)
    except CredentialError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return 1
    try:
        result = sync_until_idle(engine, max_rounds=MAX_ROUNDS)
    finally:
        if engine.client is not None:
            engine.client.close()
    print(result.summary())
    return 0 if result.online else 1


def status(args, services: Services) -> int:
    store = services.ctx.store
    engine = SyncEngine(store, None, clock=utc_now)
    current = engine.status()
    cloud_url = pairing.cloud_url_of(store)
    try:
        paired = bool(cloud_url and credentials_for(args.data_dir).get())
    except CredentialError:
        paired = False
    print(json.dumps(status_json(current, cloud_url=cloud_url, paired=paired), indent=2))
    return 0


def pair(args, services: Services) -> int:
    if pairing.sends_credential_in_clear(args.url) and args.allow_insecure_http:
        print(
            f"loyalty-kiosk: warning: {args.url} is plain http://; the device credential crosses "
            "the network unencrypted (--allow-insecure-http)",
            file=sys.stderr,
        )
    try:
        result = pairing.pair(
            services.ctx.store,
            credentials_for(args.data_dir, use_file=args.token_file),
            args.url,
            args.code,
            device_name=args.name,
            now=utc_now,
            discard_local_data=args.discard_local_data,
            allow_insecure_http=args.allow_insecure_http,
        )
    except (pairing.PairingRefused, SyncError, CredentialError) as exc:
        print(f"loyalty-kiosk: pairing failed: {exc}", file=sys.stderr)
        return 1
    p = result.paired
    print(
        f"paired with {result.cloud_url}: business {p.business_name} ({p.business_id}), "
        f"location {p.location_name}, device {p.device_id}"
    )
    return 0


def unpair(args, services: Services) -> int:
    try:
        pairing.unpair(services.ctx.store, credentials_for(args.data_dir), now=utc_now)
    except CredentialError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return 1
    print("unpaired: the device credential and the cloud address are gone; the ledger stays")
    return 0
