"""Kiosk sync: push a batch of ledger events, pull everything changed since a cursor."""

from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy import select

from cloud import ledger, views
from cloud.deps import Ctx, DeviceActor, Now, ReadDb
from cloud.models import Card, Conflict, Customer, Event, Offer, SigningKey
from cloud.schemas import PullOut, PushIn, PushOut

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

_SOURCES = [
    ("offers", Offer),
    ("customers", Customer),
    ("cards", Card),
    ("keys", SigningKey),
    ("conflicts", Conflict),
]


@router.post("/push", response_model=PushOut)
def push(body: PushIn, device: DeviceActor, app: Ctx, when: Now) -> PushOut:
    """Up to 1,000 events, answered one by one (accepted, duplicate, rejected with a reason)."""
    results = app.pushes.run(lambda session: ledger.push(session, device, body.events, when, commit=False))
    return PushOut(results=results, server_time=when)


@router.get("/pull", response_model=PullOut)
def pull(
    device: DeviceActor,
    session: ReadDb,
    when: Now,
    cursor: int = Query(default=0, ge=0, lt=2**63),
    limit: int = Query(default=500, ge=1, le=1000),
) -> PullOut:
    """Everything of the business with a sequence number above `cursor`, oldest first."""
    bid = device.business_id
    fetched = []
    conn = session.connection()
    for name, model in _SOURCES:
        t = model.__table__
        cols = [t.c.key_id, t.c.public_key, t.c.revoked, t.c.seq] if name == "keys" else [t]
        stmt = (
            select(*cols).where(t.c.business_id == bid, t.c.seq > cursor).order_by(t.c.seq).limit(limit + 1)
        )
        fetched.extend((row.seq, name, row) for row in conn.execute(stmt))
    fetched.sort(key=lambda item: item[0])
    page = fetched[:limit]
    has_more = len(fetched) > limit
    if has_more and page and page[-1][0] == fetched[limit][0]:  # never split one sequence number
        boundary = fetched[limit][0]
        page = [item for item in page if item[0] < boundary] or [i for i in fetched if i[0] == boundary]
    out: dict[str, list] = {"offers": [], "customers": [], "cards": [], "keys": [], "conflicts": []}
    for _, name, row in page:
        out[name].append(row)
    conflicts = []
    if out["conflicts"]:
        ids = views.conflict_event_ids(out["conflicts"])
        events = {
            e.id: e
            for e in conn.execute(select(Event.__table__).where(Event.business_id == bid, Event.id.in_(ids)))
        }
        conflicts = [views.conflict(r, events) for r in out["conflicts"]]
    return PullOut(
        cursor=page[-1][0] if page else cursor,
        has_more=has_more,
        server_time=when,
        offers=[views.offer(r) for r in out["offers"]],
        customers=[views.customer(r) for r in out["customers"]],
        cards=[views.card(r) for r in out["cards"]],
        keys=[views.public_key(r) for r in out["keys"]],
        revoked_cards=[r.id for r in out["cards"] if r.status == "revoked"],
        conflicts=conflicts,
    )
