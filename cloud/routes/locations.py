"""Shop locations of a business."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response
from sqlalchemy import select

from cloud import plans
from cloud.deps import Now, ReadDb, User, WriteDb, audit
from cloud.models import Device, Location
from cloud.problems import ApiProblem, not_found
from cloud.schemas_admin import LocationIn, LocationOut, LocationPatch

router = APIRouter(prefix="/api/v1/locations", tags=["locations"])


def owned_location(session, business_id: int, location_id: uuid.UUID | str) -> Location:
    row = session.get(Location, str(location_id))
    if row is None or row.business_id != business_id:
        raise not_found("location")
    return row


def _out(row: Location) -> LocationOut:
    return LocationOut(id=row.id, name=row.name, address=row.address, created_at=row.created_at)


@router.post("", response_model=LocationOut, status_code=201)
def create_location(body: LocationIn, user: User, session: WriteDb, when: Now) -> LocationOut:
    plans.check_new_location(session, user.business_id)
    row = Location(
        id=str(uuid.uuid4()),
        business_id=user.business_id,
        name=body.name,
        address=body.address,
        created_at=when,
    )
    session.add(row)
    audit(session, user, when, "location.create", "location", row.id, body.model_dump())
    session.commit()
    return _out(row)


@router.get("", response_model=list[LocationOut])
def list_locations(user: User, session: ReadDb) -> list[LocationOut]:
    rows = session.scalars(
        select(Location).where(Location.business_id == user.business_id).order_by(Location.created_at)
    )
    return [_out(r) for r in rows]


@router.get("/{location_id}", response_model=LocationOut)
def get_location(location_id: uuid.UUID, user: User, session: ReadDb) -> LocationOut:
    return _out(owned_location(session, user.business_id, location_id))


@router.patch("/{location_id}", response_model=LocationOut)
def update_location(
    location_id: uuid.UUID, body: LocationPatch, user: User, session: WriteDb, when: Now
) -> LocationOut:
    row = owned_location(session, user.business_id, location_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("name", "") is None:
        raise ApiProblem(422, "validation-error", "name cannot be null.")
    for key, value in changes.items():
        setattr(row, key, value)
    audit(session, user, when, "location.update", "location", row.id, changes)
    session.commit()
    return _out(row)


@router.delete("/{location_id}", status_code=204)
def delete_location(location_id: uuid.UUID, user: User, session: WriteDb, when: Now) -> Response:
    row = owned_location(session, user.business_id, location_id)
    if session.execute(select(Device.id).where(Device.location_id == row.id).limit(1)).first():
        raise ApiProblem(409, "location-in-use", "Devices are paired at this location; revoke them first.")
    session.delete(row)
    audit(session, user, when, "location.delete", "location", row.id)
    session.commit()
    return Response(status_code=204)
