"""`loyalty-cloud`: serve the API, create the first owner, migrate the database, fit the CLV models."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cloud import clv_cli, demo_shop_cli, pairing_cli, wallet_cli
from cloud.private import PRIVATE_UMASK
from cloud.settings import ENV_PREFIX, Settings, load_settings
from loyalty_rules.plans import Plan

PLAN_NAMES = tuple(plan.value for plan in Plan)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="where the SQLite file and the JWT secret live")
    parser.add_argument("--database-url", help="e.g. postgresql+psycopg://user:pw@127.0.0.1:5432/loyalty")


def _settings(args: argparse.Namespace, **overrides) -> Settings:
    return load_settings(data_dir=args.data_dir, database_url=args.database_url, **overrides)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from cloud.app import create_app
    from cloud.db import Database, upgrade

    settings = _settings(args, redis_url=args.redis_url, public_url=args.public_url)
    db = Database(settings.database_url)
    upgrade(db.write_engine)  # once, before any worker starts
    db.dispose()
    trusted = args.forwarded_allow_ips.strip()
    common = {
        "host": args.host,
        "port": args.port,
        "access_log": args.access_log,
        "log_level": args.log_level,
        # X-Forwarded-For/-Proto only from the proxies named here; none by default (uvicorn's own
        # default trusts 127.0.0.1, which lets anything on the host pick its client address)
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or "",
    }
    print(f"loyalty-cloud: serving on http://{args.host}:{args.port} ({args.workers} worker(s))", flush=True)
    if args.workers > 1 and not settings.redis_url:
        print(
            "loyalty-cloud: warning: without --redis-url each worker counts rate limits on its own "
            f"(up to {args.workers}x the documented limits)",
            file=sys.stderr,
            flush=True,
        )
    if args.workers <= 1:
        uvicorn.run(create_app(settings.replace(migrate_on_start=False, freeze_heap_on_start=True)), **common)
        return 0
    env = {
        "DATA_DIR": str(settings.data_dir),
        "DATABASE_URL": settings.database_url,
        "JWT_SECRET": settings.jwt_secret,
        "MIGRATE_ON_START": "0",
        "FREEZE_HEAP_ON_START": "1",
        "REDIS_URL": settings.redis_url,
        "PUBLIC_URL": settings.public_url,
    }
    for key, value in env.items():
        os.environ[ENV_PREFIX + key] = value
    uvicorn.run("cloud.app:app_from_env", factory=True, workers=args.workers, **common)
    return 0


def _create_owner(args: argparse.Namespace) -> int:
    from cloud.clock import utcnow
    from cloud.db import Database, upgrade
    from cloud.keyseal import sealer_for
    from cloud.problems import ApiProblem
    from cloud.security import Passwords
    from cloud.services import accounts_of, create_business

    password = args.password
    if password is None:
        password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("error: the password needs at least 8 characters", file=sys.stderr)
        return 2
    settings = _settings(args)
    db = Database(settings.database_url)
    try:
        upgrade(db.write_engine)
        with db.writing() as session:
            existing = accounts_of(session, args.email)
            if existing and not args.another_business:
                named = ", ".join(f"{b.id} ({b.name!r})" for _user, b in existing)
                print(
                    f"error: {args.email} already signs in to business {named}; to make this person "
                    "the owner of another business as well, add --another-business",
                    file=sys.stderr,
                )
                return 1
            passwords = Passwords(settings)
            business, owner = create_business(
                session,
                passwords,
                business_name=args.business_name,
                email=args.email,
                password=password,
                now=utcnow(),
                sealer=sealer_for(settings.key_encryption_key, settings.data_dir),
                plan=Plan(args.plan),
            )
            print(f"created business {business.id} ({business.name!r}) with owner {owner.email}")
            print(f"plan: {args.plan} (change it with: loyalty-cloud plan {business.id} PLAN)")
            if any(passwords.verify(user.password_hash, password) for user, _b in existing):
                print(
                    f"note: this password also opens {owner.email}'s other account(s), so signing in "
                    f"will ask which business: business_id {business.id} for this one "
                    f"(pairing-code --business-id {business.id})"
                )
    except ApiProblem as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0


def _plan(args: argparse.Namespace) -> int:
    """The operator's upgrade (or downgrade): takes effect on the business's next request; kiosks
    holding members back for the plan send them in their next sync round."""
    from cloud.db import Database, upgrade
    from cloud.plans import set_plan
    from loyalty_rules.plans import LIMITS

    db = Database(_settings(args).database_url)
    try:
        upgrade(db.write_engine)
        with db.writing() as session:
            before = set_plan(session, args.business_id, Plan(args.plan))
            if before is None:
                print(f"error: there is no business {args.business_id}", file=sys.stderr)
                return 2
    finally:
        db.dispose()
    limits = LIMITS[Plan(args.plan)]
    words = ", ".join(
        f"{name.replace('_', ' ')} {'unlimited' if value is None else value}"
        for name, value in (
            ("active_offers", limits.active_offers),
            ("members", limits.members),
            ("locations", limits.locations),
        )
    )
    api = "with" if limits.api_access else "without"
    print(f"business {args.business_id}: {before.value} -> {args.plan} ({words}; {api} API access)")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from cloud.db import Database, upgrade

    db = Database(_settings(args).database_url)
    try:
        upgrade(db.write_engine)
    finally:
        db.dispose()
    print("database is at the latest revision")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="loyalty-cloud", description="The loyalty kiosks' central API.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the API with uvicorn")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True)
    serve.add_argument(
        "--redis-url",
        help="keep rate-limit counters in this Redis, shared by every worker and instance "
        "(e.g. redis://127.0.0.1:6379/0; also LOYALTY_CLOUD_REDIS_URL); default: this process's memory",
    )
    serve.add_argument(
        "--public-url",
        help="the cloud's address as customers' phones reach it (https://...; also "
        "LOYALTY_CLOUD_PUBLIC_URL): Apple Wallet passes update from there; default: each request's address",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default="",
        help="comma-separated addresses of reverse proxies whose X-Forwarded-For is believed "
        "(e.g. 127.0.0.1 for a proxy on this host); default: none, the peer's address counts",
    )
    serve.set_defaults(func=_serve)
    owner = sub.add_parser("create-owner", help="create a business and its owner account")
    _common(owner)
    owner.add_argument("--email", required=True)
    owner.add_argument("--password", help="read from a prompt (or stdin) when omitted")
    owner.add_argument("--business-name", required=True)
    owner.add_argument(
        "--another-business",
        action="store_true",
        help="the email already signs in to a business: create this one for the same person anyway",
    )
    owner.add_argument(
        "--plan",
        choices=PLAN_NAMES,
        default="free",
        help="what the business may have (docs/cloud.md, Plans); default: free",
    )
    owner.set_defaults(func=_create_owner)
    plan = sub.add_parser("plan", help="change a business's plan (free, professional, enterprise)")
    _common(plan)
    plan.add_argument("business_id", type=int, metavar="BUSINESS", help="the business's id")
    plan.add_argument("plan", choices=PLAN_NAMES, metavar="PLAN", help=", ".join(PLAN_NAMES))
    plan.set_defaults(func=_plan)
    migrate = sub.add_parser("migrate", help="upgrade the database to the latest schema")
    _common(migrate)
    migrate.set_defaults(func=_migrate)
    pairing_cli.add_parser(sub)
    clv_cli.add_parser(sub)
    wallet_cli.add_parser(sub, _common)
    demo_shop_cli.add_parser(sub, _common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.umask(PRIVATE_UMASK)  # the database, secrets and keys it creates: owner only (cloud/private.py)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
