"""The caller's business and its people (the owner adds and removes managers)."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Response
from sqlalchemy import select

from cloud.deps import Ctx, Now, Owner, OwnerSecurityAction, ReadDb, User, WriteDb, audit
from cloud.models import Business
from cloud.models import User as UserRow
from cloud.problems import ApiProblem, not_found
from cloud.schemas_admin import BusinessOut, BusinessPatch, UserIn, UserOut
from cloud.services import email_taken, normalise_email
from cloud.zones import recount_days

router = APIRouter(prefix="/api/v1", tags=["businesses"])


def _business(session, business_id: int) -> Business:
    row = session.get(Business, business_id)
    if row is None:
        raise not_found("business")
    return row


def _out(row: Business) -> BusinessOut:
    return BusinessOut(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        time_zone=row.time_zone,
        language=row.language,
        plan=row.plan,
    )


@router.get("/businesses/me", response_model=BusinessOut)
def my_business(user: User, session: ReadDb) -> BusinessOut:
    return _out(_business(session, user.business_id))


@router.patch("/businesses/me", response_model=BusinessOut)
def update_business(body: BusinessPatch, user: Owner, session: WriteDb, when: Now) -> BusinessOut:
    """Renames the business, sets its time zone (a new zone recounts its days, analytics) or the
    customer pages' language."""
    row = _business(session, user.business_id)
    changes = body.model_dump(exclude_unset=True)
    nulls = sorted(k for k, v in changes.items() if v is None and k != "language")
    if nulls:
        raise ApiProblem(422, "validation-error", f"These fields cannot be null: {', '.join(nulls)}.")
    if "name" in changes:
        row.name = body.name
    if "language" in changes:
        row.language = body.language
    if "time_zone" in changes and changes["time_zone"] != row.time_zone:
        row.time_zone = changes["time_zone"]
        changes["days_recounted"] = recount_days(session, row.id, ZoneInfo(row.time_zone))
    audit(session, user, when, "business.update", "business", row.id, changes)
    session.commit()
    return _out(row)


@router.get("/businesses/{business_id}", response_model=BusinessOut)
def get_business(business_id: int, user: User, session: ReadDb) -> BusinessOut:
    if business_id != user.business_id:
        raise not_found("business")
    return _out(_business(session, business_id))


def _user_out(row: UserRow) -> UserOut:
    return UserOut(
        id=row.id,
        email=row.email,
        name=row.name,
        role=row.role,
        disabled=row.disabled,
        created_at=row.created_at,
    )


@router.get("/users", response_model=list[UserOut])
def list_users(user: Owner, session: ReadDb) -> list[UserOut]:
    rows = session.scalars(
        select(UserRow).where(UserRow.business_id == user.business_id).order_by(UserRow.created_at)
    )
    return [_user_out(r) for r in rows]


@router.post("/users", response_model=UserOut, status_code=201)
def add_manager(body: UserIn, user: Owner, app: Ctx, session: WriteDb, when: Now) -> UserOut:
    if email_taken(session, user.business_id, body.email):
        raise ApiProblem(409, "email-taken", "This business already has a user with this email.")
    row = UserRow(
        id=str(uuid.uuid4()),
        business_id=user.business_id,
        email=normalise_email(body.email),
        name=body.name,
        password_hash=app.passwords.hash(body.password),
        role="manager",
        disabled=False,
        created_at=when,
    )
    session.add(row)
    audit(session, user, when, "user.create", "user", row.id, {"email": row.email})
    session.commit()
    return _user_out(row)


@router.delete("/users/{user_id}", status_code=204)
def disable_user(user_id: uuid.UUID, user: OwnerSecurityAction, session: WriteDb, when: Now) -> Response:
    row = session.get(UserRow, str(user_id))
    if row is None or row.business_id != user.business_id or row.role == "owner":
        raise not_found("user")
    row.disabled = True
    audit(session, user, when, "user.disable", "user", row.id)
    session.commit()
    return Response(status_code=204)
