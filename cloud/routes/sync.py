"""Kiosk sync: push a batch of ledger events, pull everything changed since a cursor.

The hot path of a deployment (every kiosk, every few seconds), so each request makes one
thread-pool hop: the device is authenticated on the same pooled connection that serves the
request, and the answer is serialised here into a plain Response (FastAPI would otherwise
re-validate it in a second hop). The response models stay declared for the OpenAPI schema.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import Connection, bindparam, func, select

from cloud import installations, ledger, views
from cloud.deps import Ctx, DeviceToken, Now, authenticate_device, device_actor
from cloud.models import (
    Business,
    Card,
    Conflict,
    Customer,
    Device,
    Event,
    Experiment,
    HappyHour,
    Offer,
    SigningKey,
)
from cloud.schemas import PullOut, PushIn, PushOut
from cloud.security import sha256_hex

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


def _source(name: str, model, cols=None):
    t = model.__table__
    return name, (
        select(*(cols or [t]))
        .where(t.c.business_id == bindparam("bid"), t.c.seq > bindparam("lo"), t.c.seq <= bindparam("hi"))
        .order_by(t.c.seq)
        .limit(bindparam("n"))
    )


_keys_t = SigningKey.__table__
_SOURCES = [  # (name, query, the probe's column with its newest sequence number)
    (*_source("offers", Offer), "max_offers"),
    (*_source("customers", Customer), "max_customers"),
    (*_source("cards", Card), "max_cards"),
    (
        *_source(
            "keys", SigningKey, [_keys_t.c.key_id, _keys_t.c.public_key, _keys_t.c.revoked, _keys_t.c.seq]
        ),
        "max_signing_keys",
    ),
    (*_source("conflicts", Conflict), "max_conflicts"),
    (*_source("experiments", Experiment), "max_experiments"),
    (*_source("happy_hours", HappyHour), "max_happy_hours"),
]
_business_t, _device_t = Business.__table__, Device.__table__


def _newest(model):
    t = model.__table__
    return (
        select(func.max(t.c.seq))
        .where(t.c.business_id == _device_t.c.business_id)
        .scalar_subquery()
        .label("max_" + t.name)
    )


# One statement authenticates the device and reads, for its business, the sequence (the upper
# bound of this page) and each source's newest sequence number (an index lookup on
# (business_id, seq)): only sources with something past the cursor are queried after it.
_PROBE = (
    select(
        _device_t.c.id,
        _device_t.c.business_id,
        _device_t.c.location_id,
        _device_t.c.revoked_at,
        _device_t.c.credential_shared_at,
        _business_t.c.seq.label("business_seq"),
        _business_t.c.time_zone,
        *(_newest(model) for model in (Offer, Customer, Card, SigningKey, Conflict, Experiment, HappyHour)),
    )
    .select_from(_device_t.join(_business_t, _business_t.c.id == _device_t.c.business_id))
    .where(_device_t.c.token_hash == bindparam("token_hash"))
)
_event_t = Event.__table__


def _json(model: BaseModel) -> Response:
    return Response(content=model.model_dump_json(), media_type="application/json")


InstallationHeader = Annotated[
    str | None,
    Header(
        alias=installations.INSTALLATION_HEADER,
        description="The kiosk's installation id (a UUID made per data folder); optional.",
    ),
]
SequenceHeader = Annotated[
    str | None,
    Header(
        alias=installations.SEQUENCE_HEADER,
        description="This installation's push counter; it only grows. Optional.",
    ),
]


@router.post("/push", response_model=PushOut)
def push(
    body: PushIn,
    token: DeviceToken,
    app: Ctx,
    when: Now,
    request: Request,
    installation: InstallationHeader = None,
    sequence: SequenceHeader = None,
) -> Response:
    """Up to 1,000 events, answered one by one (accepted, duplicate, rejected with a reason)."""
    inst, seq = installations.parse_installation(installation), installations.parse_sequence(sequence)

    def apply(session, device):
        shared = installations.note(session, device, inst, seq, when)
        return ledger.push(session, device, body.events, when, commit=False), shared

    if app.pushes.grouped:  # SQLite: check the device outside the writers' turn
        with app.db.read_engine.connect() as conn:
            device = authenticate_device(conn, app, token)
        results, shared = app.pushes.run(lambda session: apply(session, device))
    else:  # PostgreSQL: on the push's own connection, one round trip and one checkout fewer

        def work(session):
            return apply(session, authenticate_device(session.connection(), app, token))

        results, shared = app.pushes.run(work)
    # committed: the Wallet passes of the cards changed learn it from background jobs
    request.app.state.pass_updates.after_push(sha256_hex(token), body.events, results)
    return _json(PushOut(results=results, server_time=when, credential_shared=shared))


@router.get("/pull", response_model=PullOut)
def pull(
    token: DeviceToken,
    app: Ctx,
    when: Now,
    cursor: int = Query(default=0, ge=0, lt=2**63),
    limit: int = Query(default=500, ge=1, le=1000),
) -> Response:
    """Everything of the business with a sequence number above `cursor`, oldest first."""
    with app.db.read_engine.connect() as conn:
        probe = conn.execute(_PROBE, {"token_hash": sha256_hex(token)}).first()
        device = device_actor(probe, app)
        return _json(_page(conn, device.business_id, probe, cursor, limit, when))


def _page(conn: Connection, bid: int, probe, cursor: int, limit: int, when: datetime) -> PullOut:
    # The business's sequence, read first, bounds every query below. Sequence numbers are
    # handed out under the business row's lock and committed with it, so every row at or
    # below it is visible to the later statements too (PostgreSQL runs each statement on a
    # fresh READ COMMITTED snapshot; without the bound a later query could see a newer row
    # and move the cursor past an older one an earlier query missed).
    high = probe.business_seq or 0
    out: dict[str, list] = {
        "offers": [],
        "customers": [],
        "cards": [],
        "keys": [],
        "conflicts": [],
        "experiments": [],
        "happy_hours": [],
    }
    has_more = False
    new_cursor = cursor
    if high > cursor:
        params = {"bid": bid, "lo": cursor, "hi": high, "n": limit + 1}
        fetched = []
        for name, stmt, newest in _SOURCES:
            if (getattr(probe, newest) or 0) > cursor:
                fetched.extend((row.seq, name, row) for row in conn.execute(stmt, params))
        fetched.sort(key=lambda item: item[0])
        page = fetched[:limit]
        has_more = len(fetched) > limit
        if has_more and page and page[-1][0] == fetched[limit][0]:  # never split one sequence number
            boundary = fetched[limit][0]
            page = [item for item in page if item[0] < boundary] or [i for i in fetched if i[0] == boundary]
        for _, name, row in page:
            out[name].append(row)
        # nothing left below `high`: the cursor may skip the numbers no synced row carries
        new_cursor = page[-1][0] if has_more else high
    conflicts = []
    if out["conflicts"]:
        ids = views.conflict_event_ids(out["conflicts"])
        stmt = select(_event_t).where(_event_t.c.business_id == bid, _event_t.c.id.in_(ids))
        events = {e.id: e for e in conn.execute(stmt)}
        names = views.conflict_place_names(conn, bid, events.values())
        conflicts = [views.conflict(r, events, names) for r in out["conflicts"]]
    return PullOut(
        cursor=new_cursor,
        has_more=has_more,
        server_time=when,
        offers=[views.offer(r) for r in out["offers"]],
        customers=[views.customer(r) for r in out["customers"]],
        cards=[views.card(r) for r in out["cards"]],
        keys=[views.public_key(r) for r in out["keys"]],
        revoked_cards=[r.id for r in out["cards"] if r.status == "revoked"],
        conflicts=conflicts,
        credential_shared=probe.credential_shared_at is not None,
        experiments=[views.experiment(r) for r in out["experiments"]],
        happy_hours=[views.happy_hour(r) for r in out["happy_hours"]],
        time_zone=probe.time_zone,
    )
