"""`loyalty-cloud demo-shop`: a new business (and its owner) filled with a demo shop's years of visits."""

from __future__ import annotations

import argparse
import json
import sys

from cloud.clock import utcnow
from loyalty_rules.plans import Plan


def add_parser(sub, common) -> None:
    p = sub.add_parser("demo-shop", help="create a business with a demo shop's members and visits")
    common(p)
    p.add_argument("--members", type=int, default=500, help="how many members (default: %(default)s)")
    p.add_argument("--years", type=float, default=2.0, help="how long the shop has been open (default: 2)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same shop (default: 1)")
    p.add_argument("--email", default="owner@demo.example", help="the owner's sign-in (default: %(default)s)")
    p.add_argument("--password", default="demo-password", help="the owner's password (default: %(default)s)")
    p.add_argument("--business-name", default="Demo café")
    p.add_argument("--time-zone", default="Europe/Berlin", help="the shop's zone (default: %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from cloud.db import Database, upgrade
    from cloud.demo_shop import analyze, fill
    from cloud.keyseal import sealer_for
    from cloud.models import Business
    from cloud.security import Passwords
    from cloud.services import create_business
    from cloud.settings import load_settings
    from loyalty_rules.reports import local_day

    if not 1 <= args.members <= 10_000_000 or not 0 < args.years <= 20 or len(args.password) < 8:
        print(
            "error: --members 1 to 10,000,000, --years above 0 up to 20, a password of 8+ characters",
            file=sys.stderr,
        )
        return 2
    try:
        zone = ZoneInfo(args.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        print(
            f"error: {args.time_zone!r} is not a time zone (an IANA name such as Europe/Berlin)",
            file=sys.stderr,
        )
        return 2
    settings = load_settings(data_dir=args.data_dir, database_url=args.database_url)
    db = Database(settings.database_url)
    try:
        upgrade(db.write_engine)
        now = utcnow()
        with db.writing() as session:
            business, _owner = create_business(
                session,
                Passwords(settings),
                business_name=args.business_name,
                email=args.email,
                password=args.password,
                now=now,
                sealer=sealer_for(settings.key_encryption_key, settings.data_dir),
                plan=Plan.ENTERPRISE,
            )
            session.get(Business, business.id).time_zone = args.time_zone
            session.flush()
            filled = fill(
                session,
                business.id,
                members_count=args.members,
                years=args.years,
                seed=args.seed,
                last=local_day(now, zone),
            )
        with db.writing() as session:
            analyze(session)
    finally:
        db.dispose()
    print(
        json.dumps(
            {
                "business_id": filled.business_id,
                "owner": args.email,
                "members": filled.members,
                "events": filled.events,
                "redemptions": filled.redemptions,
            }
        )
    )
    return 0
