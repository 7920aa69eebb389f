"""`loyalty-cloud wallet-setup`: the owner's Apple pass certificate, checked and stored sealed;
`loyalty-cloud wallet-setup google`: her Google Wallet issuer id and service-account key file.

Work on the database directly, like `create-owner` (the operator's machine); the dashboard's
PUT /api/v1/wallet/apple and PUT /api/v1/wallet/google do the same through the API.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub, common) -> None:
    p = sub.add_parser(
        "wallet-setup",
        help="store a business's Apple Wallet pass certificate, key and the WWDR intermediate",
    )
    common(p)
    p.add_argument("--business", type=int, help="the business id (create-owner prints it)")
    # Apple's files are checked in `run`: `wallet-setup google` needs none of them
    p.add_argument("--cert", type=Path, help="the pass type certificate (PEM or DER)")
    p.add_argument("--key", type=Path, help="its private key (PEM or DER)")
    p.add_argument("--wwdr", type=Path, help="Apple's WWDR intermediate certificate (PEM or DER)")
    p.add_argument("--key-password-file", type=Path, help="a file holding the key's password, if it has one")
    p.add_argument("--pass-type-id", help="e.g. pass.com.example.loyalty (default: from the certificate)")
    p.add_argument("--team-id", help="Apple team identifier (default: from the certificate)")
    p.add_argument(
        "--apns-key", type=Path, help="the APNs token-auth key (.p8) that signs pass update pushes"
    )
    p.add_argument("--apns-key-id", help="the .p8 key's 10-character key id (Apple shows it with the key)")
    p.add_argument("--apns-team-id", help="the team of the APNs key (default: the certificate's team)")
    p.set_defaults(func=run)
    kinds = p.add_subparsers(dest="wallet", required=False, metavar="google")
    g = kinds.add_parser("google", help="store a business's Google Wallet issuer id and service-account key")
    common(g)
    g.add_argument("--business", type=int, required=True, help="the business id (create-owner prints it)")
    g.add_argument("--key-file", type=Path, required=True, help="the service account's JSON key from Google")
    g.add_argument("--issuer-id", required=True, help="the Google Wallet issuer id (Pay & Wallet console)")
    g.set_defaults(func=run_google)


class _Unreadable(Exception):
    pass


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"error: cannot read the {what} {path}: {exc.strerror}") from exc


def run(args: argparse.Namespace) -> int:
    from cloud.clock import utcnow
    from cloud.db import Database, upgrade
    from cloud.models import Business
    from cloud.settings import load_settings
    from cloud.wallet.credentials import WalletSetupError
    from cloud.wallet.passes import SetupRequest, set_up_apple
    from cloud.wallet.sealing import wallet_sealer

    missing = [name for name in ("business", "cert", "key", "wwdr") if getattr(args, name) is None]
    if missing:
        print("error: wallet-setup needs " + ", ".join(f"--{m}" for m in missing), file=sys.stderr)
        return 2
    try:
        request = SetupRequest(
            certificate=_read(args.cert, "certificate"),
            private_key=_read(args.key, "key"),
            wwdr=_read(args.wwdr, "WWDR certificate"),
            key_password=_read(args.key_password_file, "password file").decode().rstrip("\r\n")
            if args.key_password_file
            else None,
            pass_type_id=args.pass_type_id,
            team_id=args.team_id,
            apns_key=_read(args.apns_key, "APNs key") if args.apns_key else None,
            apns_key_id=args.apns_key_id,
            apns_team_id=args.apns_team_id,
        )
    except _Unreadable as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
    db = Database(settings.database_url)
    try:
        upgrade(db.write_engine)
        with db.writing() as session:
            if session.get(Business, args.business) is None:
                print(f"error: there is no business {args.business}", file=sys.stderr)
                return 2
            row = set_up_apple(session, args.business, request, wallet_sealer(settings), utcnow())
            print(
                f"Apple Wallet set up for business {args.business}: pass type {row.pass_type_id}, "
                f"team {row.team_id}, certificate valid until {row.not_after:%Y-%m-%d}"
                + (f", APNs key {args.apns_key_id}" if args.apns_key else ", no APNs key (no update pushes)")
            )
    except WalletSetupError as exc:
        print(f"error: nothing was stored: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    return 0


def run_google(args: argparse.Namespace) -> int:
    from cloud.clock import utcnow
    from cloud.db import Database, upgrade
    from cloud.models import Business
    from cloud.settings import load_settings
    from cloud.wallet.google_key import GoogleSetupError, load_google_credentials
    from cloud.wallet.google_store import save_google_config
    from cloud.wallet.sealing import wallet_sealer

    try:
        key_file = _read(args.key_file, "key file")
        credentials = load_google_credentials(key_file, args.issuer_id)
    except _Unreadable as exc:
        print(exc, file=sys.stderr)
        return 2
    except GoogleSetupError as exc:
        print(f"error: nothing was stored: {exc}", file=sys.stderr)
        return 2
    settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
    db = Database(settings.database_url)
    try:
        upgrade(db.write_engine)
        with db.writing() as session:
            if session.get(Business, args.business) is None:
                print(f"error: there is no business {args.business}", file=sys.stderr)
                return 2
            save_google_config(session, args.business, credentials, wallet_sealer(settings), utcnow())
            print(
                f"Google Wallet set up for business {args.business}: issuer {credentials.issuer_id}, "
                f"service account {credentials.client_email}"
            )
    finally:
        db.dispose()
    return 0
