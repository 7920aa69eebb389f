"""Happy hours (issue 15): create, list, read, change and end (a business's users), pulled by its
kiosks, which boost earns inside the windows offline. Every problem of the shared rule
(loyalty_rules.happy_hours.problems) comes back per field in a 422 problem+json. Never deleted:
events name them; an ended one stops boosting once kiosks pull it.

Kiosks upload the ones a manager set up at the counter: PUT /api/v1/sync/happy-hours, checked
the same way, stored by the id the kiosk gave, answered one by one (as offers and experiments)."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy import select

from cloud import views
from cloud.deps import Actor, DeviceActor, Now, ReadDb, User, WriteDb, audit, bump_seq
from cloud.happy_hours import checked, end, fill_row
from cloud.models import HappyHour as HappyHourRow
from cloud.problems import ApiProblem, not_found
from cloud.schemas import HappyHour, HappyHourIn, OfferUploadResult, WireIn, WireOut

router = APIRouter(prefix="/api/v1/happy-hours", tags=["happy-hours"])
sync_router = APIRouter(prefix="/api/v1/sync", tags=["sync"])

MAX_UPLOAD = 20
ID_TAKEN = "happy_hour_id_unavailable"


class HappyHourPatch(WireIn):
    active: Literal[False]  # an ended happy hour does not run again (make a new one)


def owned(session, business_id: int, hour_id: uuid.UUID) -> HappyHourRow:
    row = session.get(HappyHourRow, str(hour_id))
    if row is None or row.business_id != business_id:
        raise not_found("happy hour")
    return row


@router.post("", response_model=HappyHour, status_code=201)
def create_happy_hour(body: HappyHourIn, user: User, session: WriteDb, when: Now) -> HappyHour:
    hour_id = str(uuid.uuid4())
    hour = checked(session, user.business_id, hour_id, body)
    row = HappyHourRow(id=hour_id, business_id=user.business_id, active=True, created_at=when)
    fill_row(row, hour)
    row.seq = bump_seq(session, user.business_id)
    session.add(row)
    audit(session, user, when, "happy_hour.create", "happy_hour", hour_id, body.model_dump(mode="json"))
    session.commit()
    return views.happy_hour(row)


@router.get("", response_model=list[HappyHour])
def list_happy_hours(user: User, session: ReadDb) -> list[HappyHour]:
    rows = session.scalars(
        select(HappyHourRow)
        .where(HappyHourRow.business_id == user.business_id)
        .order_by(HappyHourRow.created_at, HappyHourRow.id)
    )
    return [views.happy_hour(r) for r in rows]


@router.get("/{hour_id}", response_model=HappyHour)
def get_happy_hour(hour_id: uuid.UUID, user: User, session: ReadDb) -> HappyHour:
    return views.happy_hour(owned(session, user.business_id, hour_id))


@router.put("/{hour_id}", response_model=HappyHour)
def replace_happy_hour(
    hour_id: uuid.UUID, body: HappyHourIn, user: User, session: WriteDb, when: Now
) -> HappyHour:
    row = owned(session, user.business_id, hour_id)
    if not row.active:
        raise ApiProblem(409, "happy-hour-ended", "This happy hour has ended; set up a new one.")
    fill_row(row, checked(session, user.business_id, row.id, body))
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "happy_hour.update", "happy_hour", row.id, body.model_dump(mode="json"))
    session.commit()
    return views.happy_hour(row)


@router.patch("/{hour_id}", response_model=HappyHour)
def end_happy_hour(
    hour_id: uuid.UUID, body: HappyHourPatch, user: User, session: WriteDb, when: Now
) -> HappyHour:
    row = owned(session, user.business_id, hour_id)
    if row.active and not body.active:
        end(row, when)
        row.seq = bump_seq(session, user.business_id)
        audit(session, user, when, "happy_hour.end", "happy_hour", row.id, {"active": False})
    session.commit()
    return views.happy_hour(row)


class HappyHourUpload(HappyHourIn):
    id: uuid.UUID
    active: bool = True


class HappyHoursUploadIn(WireIn):
    happy_hours: list[HappyHourUpload] = Field(min_length=1, max_length=MAX_UPLOAD)


class HappyHoursUploadOut(WireOut):
    results: list[OfferUploadResult]


@sync_router.put("/happy-hours", response_model=HappyHoursUploadOut)
def upload_happy_hours(
    body: HappyHoursUploadIn, device: DeviceActor, session: WriteDb, when: Now
) -> HappyHoursUploadOut:
    results = [_upsert(session, device, h, when) for h in body.happy_hours]
    session.commit()
    return HappyHoursUploadOut(results=results)


def _upsert(session, device: Actor, upload: HappyHourUpload, when) -> OfferUploadResult:
    hour_id = str(upload.id)
    row = session.get(HappyHourRow, hour_id)
    if row is not None and row.business_id != device.business_id:
        return OfferUploadResult(id=hour_id, status="rejected", reason=ID_TAKEN)
    try:
        hour = checked(session, device.business_id, hour_id, upload)
    except ApiProblem as exc:
        reasons = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors or [])
        return OfferUploadResult(id=hour_id, status="rejected", reason=(reasons or exc.detail)[:300])
    new = row is None
    if row is None:
        row = HappyHourRow(id=hour_id, business_id=device.business_id, active=True, created_at=when)
    elif not row.active:
        # ended stays ended; sent again on the next pull, since the kiosk changed it meanwhile
        # and keeps its own version until the cloud's comes after its upload
        row.seq = bump_seq(session, device.business_id)
        return OfferUploadResult(id=hour_id, status="accepted")
    before = None if new else views.happy_hour(row)
    fill_row(row, hour)
    if not upload.active:
        end(row, when)
    if new or views.happy_hour(row) != before:
        row.seq = bump_seq(session, device.business_id)  # before the add: the row is flushed whole
        session.add(row)
        detail = {**upload.model_dump(mode="json"), "via": "kiosk"}
        audit(session, device, when, "happy_hour.save", "happy_hour", hour_id, detail)
    return OfferUploadResult(id=hour_id, status="accepted")
