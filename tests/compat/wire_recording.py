"""Recording a version-1 kiosk's HTTP exchanges with the cloud, and replaying them.

A recording is JSON: the shop the owner set up (`setup`), then each request the kiosk sent
(method, path, query, the headers that matter, JSON body), the cloud's clock when it was sent,
and the status and JSON answer it got. Values the cloud makes up or that are secret (the
pairing code, the device's id and token, the business id, the cloud's offer ids) are stored as
`{{name}}` placeholders: a replay binds each name to what the new cloud answers in the same place
and fills it into the requests that follow. Times are shifted by one whole number of days so that
the replayed session lies just before the replay's own now (no fixed date meets the real clock),
and the replay's cloud clock follows the recorded one. Fields in VARIABLE_KEYS (the cloud's
sequence numbers) are compared by type only: a v1 kiosk passes them back and never reads them.
An exchange marked `answer_lost` is one whose answer never reached the kiosk (the recording cut
the connection after the cloud answered): the kiosk sent it again later, as any v1 kiosk does.
An answer may carry fields the recording lacks (a v1 kiosk ignores fields it does not know);
every recorded field must be there with the recorded value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from cloud.app import create_app
from cloud.security import Passwords
from cloud.services import create_business
from cloud.settings import Settings
from loyalty_rules.plans import Plan
from tests.compat.ledger_views import card_events
from tests.sync.harness import OwnerApi

# a fixed key-encryption key: the fixtures' sealed business keys open only with the one they
# were made with (a test value, protecting nothing)
FIXTURE_KEK = "Y29tcGF0LWZpeHR1cmVzLWtleS1lbmNyeXB0aW9uLWs"
RECORDED_HEADERS = ("authorization", "kiosk-installation", "kiosk-push-sequence")
VARIABLE_KEYS = frozenset({"seq", "cursor", "last_seq"})
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# an int is replaced by its placeholder only under these keys (a small int is everywhere)
INT_KEYS = {"business_id": {"business_id", "expected_business_id"}}


def cloud_settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        jwt_secret="compat-fixtures-" + "x" * 32,
        data_dir=data_dir,
        key_encryption_key=FIXTURE_KEK,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        rate_dashboard_per_hour=1_000_000,
        rate_signup_per_hour=1_000_000,
        rate_public_per_minute=1_000_000,
        rate_device_per_minute=1_000_000,
        rate_login_failures_per_hour=1_000_000,
    )


class MovableClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class RecordingClient(TestClient):
    """The kiosk's http client: every exchange is written down as it happens."""

    def __init__(self, app, clock, **kwargs) -> None:
        super().__init__(app, raise_server_exceptions=False, **kwargs)
        self.clock = clock
        self.exchanges: list[dict] = []
        self.lose_answer_to: str | None = None  # a path whose next answer the network loses

    def send(self, request: httpx.Request, **kwargs) -> httpx.Response:
        at = self.clock()
        response = super().send(request, **kwargs)
        lost = request.url.path == self.lose_answer_to
        self.exchanges.append(
            {
                "at": at.isoformat(),
                "method": request.method,
                "path": request.url.path,
                "query": dict(request.url.params),
                "headers": {k: v for k, v in request.headers.items() if k.lower() in RECORDED_HEADERS},
                "body": json.loads(request.content) if request.content else None,
                "status": response.status_code,
                "answer": response.json() if response.content else None,
                **({"answer_lost": True} if lost else {}),
            }
        )
        if lost:  # the cloud did the work; the kiosk never hears of it and will send it again
            self.lose_answer_to = None
            raise httpx.ReadError("connection reset (the answer was lost)", request=request)
        return response


@dataclass
class Shop:
    """The cloud side of a session: its app, the owner, and the values the owner's setup made."""

    app: Any
    http: TestClient
    clock: MovableClock
    owner_email: str
    owner_password: str
    bindings: dict[str, Any] = field(default_factory=dict)

    def close(self) -> None:
        self.http.__exit__(None, None, None)

    def balances(self) -> dict[str, dict]:
        """Every card's balance as the owner's dashboard reads it (signed in again: the session
        may have outlived the first access token)."""
        owner = OwnerApi(self.http, self.owner_email, self.owner_password)
        cards = owner._ok(self.http.get("/api/v1/cards", params={"limit": 1000}, headers=owner.headers))
        return {str(c["id"]): c["balance"] for c in cards}

    def events(self, card_ids: list[str]) -> dict[str, list[dict]]:
        """Each card's events as the owner's dashboard lists them, without the cloud's own ids and
        times (sequence, receipt, device), which a restore or a replay makes anew."""
        return card_events(OwnerApi(self.http, self.owner_email, self.owner_password), card_ids)


def open_cloud(settings: Settings, clock: MovableClock) -> tuple[Any, TestClient]:
    app = create_app(settings, clock=clock)
    http = TestClient(app, raise_server_exceptions=False)
    http.__enter__()
    return app, http


def set_up_shop(settings: Settings, clock: MovableClock, setup: dict) -> Shop:
    """The owner's part, done through the cloud's own services and API (not recorded: a kiosk
    does not do it): business and owner, a location, the offers, and a pairing code."""
    app, http = open_cloud(settings, clock)
    with app.state.ctx.db.writing() as session:
        create_business(
            session,
            Passwords(settings),
            business_name=setup["business_name"],
            email=setup["owner_email"],
            password=setup["password"],
            now=clock(),
            sealer=app.state.ctx.sealer,
            plan=Plan.ENTERPRISE,
        )
    owner = OwnerApi(http, setup["owner_email"], setup["password"])
    bindings: dict[str, Any] = {"location_id": owner.location(setup["location_name"])}
    for name, body in setup["offers"].items():
        bindings[name] = owner.offer(**body)
    bindings["pairing_code"] = owner.pairing_code(bindings["location_id"])
    return Shop(app, http, clock, setup["owner_email"], setup["password"], bindings)


# --- placeholders ------------------------------------------------------------------------------


def placeholder(name: str) -> str:
    return "{{" + name + "}}"


def to_placeholders(value: Any, known: dict[str, Any], key: str | None = None) -> Any:
    """`value` with every known value replaced by its `{{name}}` (recording time)."""
    if isinstance(value, dict):
        return {k: to_placeholders(v, known, k) for k, v in value.items()}
    if isinstance(value, list):
        return [to_placeholders(v, known, key) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        for name, keys in INT_KEYS.items():
            if key in keys and known.get(name) == value:
                return placeholder(name)
        return value
    if isinstance(value, str):
        for name, known_value in known.items():
            if isinstance(known_value, str) and known_value and known_value in value:
                value = value.replace(known_value, placeholder(name))
        return value
    return value


def fill(value: Any, bindings: dict[str, Any], delta: timedelta) -> Any:
    """A recorded request part made ready to send: placeholders bound, times shifted."""
    if isinstance(value, dict):
        return {k: fill(v, bindings, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, bindings, delta) for v in value]
    if isinstance(value, str):
        whole = PLACEHOLDER.fullmatch(value)
        if whole:
            return bindings[whole.group(1)]
        if DATETIME.match(value):
            return (datetime.fromisoformat(value) + delta).isoformat()
        return PLACEHOLDER.sub(lambda m: str(bindings[m.group(1)]), value)
    return value


def differences(
    recorded: Any, actual: Any, bindings: dict[str, Any], delta: timedelta, where: str = "$"
) -> list[str]:
    """How `actual` differs from the recorded answer; binds placeholders seen for the first time."""
    key = where.rsplit(".", 1)[-1]
    if key in VARIABLE_KEYS:
        same_type = type(recorded) is type(actual)
        return [] if same_type else [f"{where}: {type(actual).__name__}, recorded {recorded!r}"]
    if isinstance(recorded, dict):
        if not isinstance(actual, dict):
            return [f"{where}: {actual!r} is not an object"]
        out = []
        for k, v in recorded.items():
            if k not in actual:
                out.append(f"{where}.{k}: missing")
            else:
                out += differences(v, actual[k], bindings, delta, f"{where}.{k}")
        return out
    if isinstance(recorded, list):
        if not isinstance(actual, list) or len(actual) != len(recorded):
            return [f"{where}: {actual!r} is not a list of {len(recorded)}"]
        out = []
        for n, (r, a) in enumerate(zip(recorded, actual, strict=True)):
            out += differences(r, a, bindings, delta, f"{where}[{n}]")
        return out
    if isinstance(recorded, str):
        whole = PLACEHOLDER.fullmatch(recorded)
        if whole:
            name = whole.group(1)
            bindings.setdefault(name, actual)
            return [] if bindings[name] == actual else [f"{where}: {actual!r}, expected {name}"]
        if DATETIME.match(recorded):
            expected = datetime.fromisoformat(recorded) + delta
            try:
                same = isinstance(actual, str) and datetime.fromisoformat(actual) == expected
            except ValueError:
                same = False
            return [] if same else [f"{where}: {actual!r}, expected {expected.isoformat()}"]
        recorded = PLACEHOLDER.sub(lambda m: str(bindings.get(m.group(1), m.group(0))), recorded)
    if recorded != actual or type(recorded) is not type(actual):
        return [f"{where}: {actual!r}, recorded {recorded!r}"]
    return []


# --- recording and replaying a session --------------------------------------------------------


def make_recording(setup: dict, start: datetime, exchanges: list[dict], known: dict[str, Any]) -> dict:
    """The recording file's content: secrets and the cloud's own ids as placeholders, and each
    pull's cursor as the one the previous pull answered (what a kiosk sends)."""
    steps, last_cursor = [], None
    for exchange in exchanges:
        step = to_placeholders(exchange, known)
        if step["path"].endswith("/sync/pull") and last_cursor is not None:
            assert int(step["query"]["cursor"]) == last_cursor, "a pull resent another cursor"
            step["query"]["cursor"] = "{{cursor}}"
        if isinstance(exchange["answer"], dict) and "cursor" in exchange["answer"]:
            last_cursor = exchange["answer"]["cursor"]
        steps.append(step)
    return {"start": start.isoformat(), "setup": setup, "exchanges": steps}


def replay_delta(recording: dict, now: datetime) -> timedelta:
    """Whole days that move the recorded session to end two days before `now`."""
    end = datetime.fromisoformat(recording["exchanges"][-1]["at"])
    return timedelta(days=(now - timedelta(days=2) - end).days)


@dataclass
class Replayed:
    shop: Shop
    problems: list[str]


def replay(recording: dict, settings: Settings, delta: timedelta) -> Replayed:
    """Every recorded request sent again to a fresh cloud (its clock on the shifted timeline). A
    status other than the recorded one stops the replay there: what follows would be noise."""
    clock = MovableClock(datetime.fromisoformat(recording["start"]) + delta)
    shop = set_up_shop(settings, clock, recording["setup"])
    try:
        return Replayed(shop, _send_all(shop, recording["exchanges"], delta))
    except BaseException:
        shop.close()
        raise


def _send_all(shop: Shop, exchanges: list[dict], delta: timedelta) -> list[str]:
    bindings, problems = shop.bindings, []
    for n, step in enumerate(exchanges):
        label = f"#{n} {step['method']} {step['path']}"
        shop.clock.now = datetime.fromisoformat(step["at"]) + delta
        try:
            query = {k: str(v) for k, v in fill(step["query"], bindings, delta).items()}
            path, headers = fill(step["path"], bindings, delta), fill(step["headers"], bindings, delta)
            body = fill(step["body"], bindings, delta)
        except KeyError as exc:
            return [*problems, f"{label}: {exc} was never answered; the rest not replayed"]
        r = shop.http.request(step["method"], path, params=query, headers=headers, json=body)
        if r.status_code != step["status"]:
            problems.append(f"{label}: status {r.status_code}, recorded {step['status']}: {r.text[:300]}")
            return [*problems, f"the replay stopped at {label}"]
        answer = r.json() if r.content else None
        problems += [f"{label} {p}" for p in differences(step["answer"], answer, bindings, delta)]
        if isinstance(answer, dict) and "cursor" in answer:
            bindings["cursor"] = answer["cursor"]
    return problems
