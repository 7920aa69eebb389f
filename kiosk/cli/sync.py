"""Headless sync commands: `sync` (push, then pull), `status`, `pair URL CODE`, `unpair`,
`conflicts`.

Exit status as the README says: 0 done, 2 refused (a pairing the rules or the cloud refuse,
data that would be discarded without --yes), 1 trouble (offline, not a cloud, keyring); the
summary or the JSON says why.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

from kiosk.cli.output import emit
from kiosk.domain.connection import Connection
from kiosk.services import Services
from kiosk.services.context import utc_now
from kiosk.store import meta, sync_repo
from kiosk.sync import details, pairing
from kiosk.sync.client import NotACloud, Refused, SyncError
from kiosk.sync.credentials import CredentialError, credentials_for
from kiosk.sync.engine import CREDENTIAL_SHARED_ADVICE, SyncEngine, SyncStatus, sync_until_idle

MAX_ROUNDS = 20  # a big backlog is 1,000 events a batch, 50 batches a round
UNPAIR_ROUNDS = 3  # unpair sends what is pending first, briefly: it must not hang on a dead cloud


def add_parsers(sub, common) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help="sync with the cloud now (push, then pull); prints a summary"
    )
    p.set_defaults(handler=sync)
    p = sub.add_parser("status", parents=[common], help="print the sync status as JSON")
    p.set_defaults(handler=status)
    p = sub.add_parser(
        "conflicts", parents=[common], help="list the double redemptions the cloud reported, as JSON"
    )
    p.set_defaults(handler=conflicts)
    p = sub.add_parser("pair", parents=[common], help="pair this kiosk with the cloud (owner)")
    p.add_argument("url", help="the cloud's address, e.g. https://loyalty.example")
    p.add_argument("code", help="the pairing code from the dashboard (single use, 10 minutes)")
    p.add_argument("--name", default="Kiosk", help="this kiosk's name in the dashboard")
    p.add_argument(
        "--discard-local-data",
        action="store_true",
        help="drop this kiosk's own customers, cards and events (e.g. the demo shop) and adopt the "
        "cloud's business; says how much first and needs --yes",
    )
    p.add_argument("--yes", action="store_true", help="confirm discarding what --discard-local-data drops")
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
    p = sub.add_parser(
        "unpair",
        parents=[common],
        help="forget the cloud and wipe the device credential; pending events are sent first or kept",
    )
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
        "held_for_plan": status.held,  # of pending: held back by the cloud's plan, sent once it allows
        "members_waiting_for_plan": status.held_members,
        "last_success": _time(status.last_success),
        "last_error": status.last_error,
        "clock_warning": status.clock_warning,
        "credential_shared": status.credential_shared,
        "warning": CREDENTIAL_SHARED_ADVICE if status.credential_shared else None,
    }


def _engine(args, services: Services) -> SyncEngine | None:
    try:
        return pairing.engine_for(services.ctx.store, credentials_for(args.data_dir), clock=utc_now)
    except CredentialError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return None


def _run(engine: SyncEngine, rounds: int) -> SyncStatus:
    try:
        return sync_until_idle(engine, max_rounds=rounds)
    finally:
        if engine.client is not None:
            engine.client.close()


def sync(args, services: Services) -> int:
    engine = _engine(args, services)
    if engine is None:
        return 1
    result = _run(engine, MAX_ROUNDS)
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


def _side_json(side: details.ConflictSide) -> dict:
    return {
        "staff_name": side.staff_name,
        "location_id": side.location_id,
        "location_name": side.location_name,
        "device_id": side.device_id,
        "device_name": side.device_name,
        "this_kiosk": side.this_kiosk,
        "occurred_at": _time(side.occurred_at),
    }


def conflicts(_args, services: Services) -> int:
    found = details.read_conflicts(services.ctx.store)
    emit(
        {
            "conflicts": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "card_id": c.card_id,
                    "card_number": c.card_number,
                    "customer_name": c.customer_name,
                    "card_flagged": c.card_flagged,
                    "created_at": _time(c.created_at),
                    "events": [_side_json(s) for s in c.sides],
                }
                for c in found
            ]
        }
    )
    return 0


def pair(args, services: Services) -> int:
    if pairing.sends_credential_in_clear(args.url) and args.allow_insecure_http:
        print(
            f"loyalty-kiosk: warning: {args.url} is plain http://; the device credential crosses "
            "the network unencrypted (--allow-insecure-http)",
            file=sys.stderr,
        )
    store = services.ctx.store
    if args.discard_local_data and not args.yes:
        with store.reading() as conn:
            local = sync_repo.local_data(conn)
        if not local.empty:
            print(
                f"loyalty-kiosk: pairing refused: --discard-local-data would delete {local.describe()}. "
                "Nothing was changed; run it again with --yes to discard them.",
                file=sys.stderr,
            )
            return 2
    try:
        result = pairing.pair(
            store,
            credentials_for(args.data_dir, use_file=args.token_file),
            args.url,
            args.code,
            device_name=args.name,
            now=utc_now,
            discard_local_data=args.discard_local_data,
            allow_insecure_http=args.allow_insecure_http,
        )
    except (pairing.PairingRefused, Refused) as exc:
        print(f"loyalty-kiosk: pairing refused: {exc}", file=sys.stderr)
        return 2
    except NotACloud as exc:
        print(f"loyalty-kiosk: pairing failed: {exc}", file=sys.stderr)
        return 1
    except (SyncError, CredentialError) as exc:
        print(f"loyalty-kiosk: pairing failed: {exc}", file=sys.stderr)
        return 1
    p = result.paired
    print(
        f"paired with {result.cloud_url}: business {p.business_name} ({p.business_id}), "
        f"location {p.location_name}, device {p.device_id}"
    )
    if result.discarded is not None:
        print(f"discarded: {result.discarded.describe()}")
    if result.kept_pending:
        print(f"kept: {result.kept_pending} event(s) not yet synced; the next sync sends them")
    return 0


def unpair(args, services: Services) -> int:
    store = services.ctx.store
    with store.reading() as conn:
        pending = sync_repo.outbox_counts(conn)["pending"]
        paired = meta.connection(conn) is Connection.PAIRED
    if pending and paired:
        engine = _engine(args, services)
        if engine is not None and engine.client is not None:
            before = _run(engine, UNPAIR_ROUNDS)
            print(f"before unpairing: {before.summary()}")
    try:
        result = pairing.unpair(store, credentials_for(args.data_dir), now=utc_now)
    except CredentialError as exc:
        print(f"loyalty-kiosk: {exc}", file=sys.stderr)
        return 1
    print("unpaired: the device credential and the cloud address are gone; the ledger stays")
    if result.pending:
        print(
            f"{result.pending} event(s) not yet synced are kept in this kiosk's ledger; pairing it again "
            f"with business {result.business_name!r} ({result.business_id}) sends them"
        )
    else:
        print("no events were waiting: everything this kiosk recorded is in the cloud")
    return 0
