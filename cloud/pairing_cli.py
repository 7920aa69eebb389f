"""`loyalty-cloud pairing-code`: an owner asks a running cloud for a code to pair a kiosk.

It goes through the public API with the owner's own sign-in, exactly like the dashboard
would, so rate limits, audit and tenancy apply as for any other request.
"""

from __future__ import annotations

import argparse
import getpass
import sys

import httpx


def add_parser(sub) -> None:
    p = sub.add_parser("pairing-code", help="get a single-use code (10 minutes) to pair a kiosk")
    p.add_argument("--url", default="http://127.0.0.1:8000", help="the running cloud (default: %(default)s)")
    p.add_argument("--email", required=True, help="the owner's sign-in")
    p.add_argument("--password", help="read from a prompt (or stdin) when omitted")
    p.add_argument(
        "--business-id",
        type=int,
        help="which business, when this email and password sign in to several (the refusal lists them)",
    )
    p.add_argument("--location", help="location name (default: the first; 'Main' is created if none)")
    p.add_argument("--name", default="Counter kiosk", help="a name for the kiosk (default: %(default)s)")
    p.set_defaults(func=run)


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
        return f"{body.get('title', response.reason_phrase)}: {body.get('detail', '')}".strip(": ")
    except ValueError:
        return f"HTTP {response.status_code}"


def run(args: argparse.Namespace) -> int:
    password = args.password
    if password is None:
        password = getpass.getpass("Owner password: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    try:
        with httpx.Client(base_url=args.url, timeout=15) as http:
            credentials = {"email": args.email, "password": password}
            if args.business_id is not None:
                credentials["business_id"] = args.business_id
            login = http.post("/api/v1/auth/login", json=credentials)
            if login.status_code == 409:
                print(
                    f"loyalty-cloud: {_problem(login)} Add --business-id with the one to use.",
                    file=sys.stderr,
                )
                return 1
            if login.status_code != 200:
                print(f"loyalty-cloud: sign-in refused: {_problem(login)}", file=sys.stderr)
                return 1
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            listed = http.get("/api/v1/locations", headers=headers)
            listed.raise_for_status()
            locations = listed.json()
            if args.location:
                location = next((loc for loc in locations if loc["name"] == args.location), None)
                if location is None:
                    names = ", ".join(loc["name"] for loc in locations) or "none yet"
                    print(
                        f"loyalty-cloud: no location named {args.location!r} (there are: {names})",
                        file=sys.stderr,
                    )
                    return 1
            elif locations:
                location = locations[0]
            else:
                created = http.post("/api/v1/locations", json={"name": "Main"}, headers=headers)
                created.raise_for_status()
                location = created.json()
            made = http.post(
                "/api/v1/devices/pairing-codes",
                json={"location_id": location["id"], "name": args.name},
                headers=headers,
            )
            if made.status_code != 201:
                print(f"loyalty-cloud: no code: {_problem(made)}", file=sys.stderr)
                return 1
    except httpx.HTTPError as exc:
        print(f"loyalty-cloud: cannot reach {args.url}: {exc}", file=sys.stderr)
        return 1
    code = made.json()
    print(f"{code['code']}\t(location {location['name']}; expires {code['expires_at']})")
    return 0
