"""Request dependencies: the app context, now, database sessions, who is calling, rate limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from cloud.db import Database
from cloud.groupcommit import GroupCommitter
from cloud.keyseal import KeySealer
from cloud.models import AuditEntry, Business, Device
from cloud.models import User as UserRow
from cloud.problems import ApiProblem
from cloud.ratelimit import Bucket, RateLimiter
from cloud.security import Passwords, read_access_token, sha256_hex
from cloud.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    db: Database
    limiter: RateLimiter
    passwords: Passwords
    pushes: GroupCommitter
    sealer: KeySealer


def ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def now(request: Request) -> datetime:
    return request.app.state.clock()


# Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in the
# thread pool, and every such hop costs a thread switch and a GIL hand-over under load.


async def _ctx_dependency(request: Request) -> AppContext:
    return ctx(request)


async def _now_dependency(request: Request) -> datetime:
    return now(request)


def read_session(request: Request) -> Iterator[Session]:
    with ctx(request).db.read_session() as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    with ctx(request).db.write_session() as session:
        yield session


Ctx = Annotated[AppContext, Depends(_ctx_dependency)]
Now = Annotated[datetime, Depends(_now_dependency)]
ReadDb = Annotated[Session, Depends(read_session)]
WriteDb = Annotated[Session, Depends(write_session)]

bearer_scheme = HTTPBearer(auto_error=False, description="Owner or manager access token (JWT)")
device_scheme = APIKeyHeader(
    name="Authorization", auto_error=False, scheme_name="DeviceToken", description="`Device <device_token>`"
)


def client_ip(request: Request) -> str:
    """The peer's address; uvicorn replaces it with X-Forwarded-For only when the peer is one of
    the proxies given to `serve --forwarded-allow-ips` (none by default)."""
    return request.client.host if request.client else "unknown"


# The limiters are plain `def`: with Redis each hit is a network round trip, kept off the event loop.


def public_limit(request: Request) -> None:
    ctx(request).limiter.hit(Bucket.PUBLIC, client_ip(request))


def signup_limit(request: Request) -> None:
    ctx(request).limiter.hit(Bucket.SIGNUP, client_ip(request))


@dataclass(frozen=True)
class Actor:
    business_id: int
    user_id: str | None = None
    role: str | None = None
    device_id: str | None = None
    location_id: str | None = None


_user_t = UserRow.__table__
_USER_STATE = select(_user_t.c.business_id, _user_t.c.role, _user_t.c.disabled).where(
    _user_t.c.id == bindparam("user_id")
)


def _signed_in(request: Request, creds: HTTPAuthorizationCredentials | None) -> Actor:
    """The caller of a valid access token whose account is still enabled, looked up on every
    request (one indexed read, never cached): disabling a user locks them out at once, not
    when their access token expires. The role is the account's, not the token's."""
    if creds is None or creds.scheme.lower() != "bearer":
        raise ApiProblem(
            401,
            "not-authenticated",
            "Send Authorization: Bearer <access_token>.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    app = ctx(request)
    claims = read_access_token(app.settings, creds.credentials, now(request))
    with app.db.read_engine.connect() as conn:
        row = conn.execute(_USER_STATE, {"user_id": claims.user_id}).first()
    if row is None or row.disabled or row.business_id != claims.business_id:
        raise ApiProblem(
            401,
            "account-disabled",
            "This account has been disabled or removed.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Actor(business_id=row.business_id, user_id=claims.user_id, role=row.role)


def _owner_only(user: Actor) -> Actor:
    if user.role != "owner":
        raise ApiProblem(403, "owner-only", "Only the business owner may do this.")
    return user


def current_user(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)]
) -> Actor:
    user = _signed_in(request, creds)
    # one quota per person: one busy manager cannot use up the owner's
    ctx(request).limiter.hit(Bucket.DASHBOARD, user.user_id)
    return user


async def current_owner(user: Annotated[Actor, Depends(current_user)]) -> Actor:
    return _owner_only(user)


def owner_security_action(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)]
) -> Actor:
    """Disabling a user, revoking a device: the owner is checked like on any call but never
    rate-limited, so that nobody's traffic (not even her own dashboard's) can keep her from
    locking someone out. These calls are bounded by the people and devices she has."""
    return _owner_only(_signed_in(request, creds))


async def device_token(header: Annotated[str | None, Security(device_scheme)]) -> str:
    """The token of `Authorization: Device <token>`; checked against the database by
    `authenticate_device`, inside the endpoint's own thread and connection."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "device" or not token.strip():
        raise ApiProblem(401, "not-authenticated", "Send Authorization: Device <device_token>.")
    return token.strip()


_device_t = Device.__table__
_DEVICE_BY_TOKEN = select(
    _device_t.c.id, _device_t.c.business_id, _device_t.c.location_id, _device_t.c.revoked_at
).where(_device_t.c.token_hash == bindparam("token_hash"))


def authenticate_device(conn: Connection, app: AppContext, token: str, query=_DEVICE_BY_TOKEN) -> Actor:
    """One indexed lookup per request, never cached: revoking a device stops it at once.
    `query` may select more than the device (the pull's probe does), keyed by :token_hash."""
    return device_actor(conn.execute(query, {"token_hash": sha256_hex(token)}).first(), app)


def device_actor(row, app: AppContext) -> Actor:
    if row is None:
        raise ApiProblem(401, "invalid-device-token", "The device token is not valid.")
    if row.revoked_at is not None:
        raise ApiProblem(401, "device-revoked", "This device has been revoked; pair it again.")
    app.limiter.hit(Bucket.DEVICE, row.id)
    return Actor(business_id=row.business_id, device_id=row.id, location_id=row.location_id)


DeviceToken = Annotated[str, Depends(device_token)]


def current_device(request: Request, token: DeviceToken) -> Actor:
    app = ctx(request)
    with app.db.read_engine.connect() as conn:
        return authenticate_device(conn, app, token)


User = Annotated[Actor, Depends(current_user)]
Owner = Annotated[Actor, Depends(current_owner)]
OwnerSecurityAction = Annotated[Actor, Depends(owner_security_action)]
DeviceActor = Annotated[Actor, Depends(current_device)]


def bump_seq(session: Session, business_id: int, n: int = 1) -> int:
    """Adds n to the business's sequence (locking its row until commit); returns the new value."""
    return session.execute(
        update(Business)
        .where(Business.id == business_id)
        .values(seq=Business.seq + n)
        .returning(Business.seq)
    ).scalar_one()


def audit(
    session: Session,
    actor: Actor,
    when: datetime,
    action: str,
    entity: str,
    entity_id: Any,
    detail: dict | None = None,
) -> None:
    session.execute(
        insert(AuditEntry).values(
            business_id=actor.business_id,
            at=when,
            actor_user_id=actor.user_id,
            actor_device_id=actor.device_id,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            detail=json.dumps(detail or {}, default=str, sort_keys=True),
        )
    )
