"""The short links to the join page: /j/<code> for the business or one location, made by the
owner; and each till's own link, which a paired kiosk asks for to show as a QR at the counter."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cloud.deps import Ctx, DeviceActor, Now, Owner, ReadDb, User, WriteDb, audit
from cloud.join.members import new_join_link, running_programs
from cloud.models import JoinLink, Location, SigningKey
from cloud.problems import not_found
from cloud.routes.wallet_setup import public_url
from cloud.schemas_admin import JoinLinkIn, JoinLinkOut, TillJoinLinkOut

router = APIRouter(prefix="/api/v1", tags=["join page"])


def _out(row: JoinLink) -> JoinLinkOut:
    return JoinLinkOut(
        code=row.code,
        path=f"/j/{row.code}",
        location=row.location_id,
        created_at=row.created_at,
        till=row.device_id,
    )


@router.post("/join-links", response_model=JoinLinkOut, status_code=201)
def create_join_link(body: JoinLinkIn, owner: Owner, session: WriteDb, when: Now) -> JoinLinkOut:
    """A new short link to the join page; print it as a QR code at the counter."""
    location_id = str(body.location_id) if body.location_id else None
    if location_id is not None:
        location = session.get(Location, location_id)
        if location is None or location.business_id != owner.business_id:
            raise not_found("location")
    row = new_join_link(session, owner.business_id, location_id, when)
    audit(session, owner, when, "join_link.create", "join_link", row.code)
    session.commit()
    return _out(row)


@router.get("/join-links", response_model=list[JoinLinkOut])
def list_join_links(user: User, session: ReadDb) -> list[JoinLinkOut]:
    rows = session.scalars(
        select(JoinLink).where(JoinLink.business_id == user.business_id).order_by(JoinLink.created_at)
    )
    return [_out(r) for r in rows]


def _till_link(session, device_id: str) -> JoinLink | None:
    return session.scalars(select(JoinLink).where(JoinLink.device_id == device_id)).first()


@router.put("/devices/me/join-link", response_model=TillJoinLinkOut)
def till_join_link(
    device: DeviceActor, app: Ctx, session: WriteDb, when: Now, request: Request
) -> TillJoinLinkOut:
    """This till's join link, bound to its location and to the till: made on the first call, the
    same one ever after (a QR printed or photographed once keeps working). A join through it
    records the till and location she joined at."""
    row = _till_link(session, device.device_id)
    if row is None:
        row = new_join_link(session, device.business_id, device.location_id, when, device.device_id)
        audit(session, device, when, "join_link.create", "join_link", row.code, {"till": device.device_id})
        try:
            session.commit()
        except IntegrityError:
            # the till asked twice at once and the other call made it: hand out that one
            session.rollback()
            row = _till_link(session, device.device_id)
            if row is None:
                raise
    base = public_url(request, app.settings.public_url).rstrip("/")
    out = _out(row)
    programs = running_programs(session, device.business_id)
    key_id = session.scalars(
        select(SigningKey.key_id).where(  # the key business_private_key signs with, not unsealed
            SigningKey.business_id == device.business_id,
            SigningKey.private_key.is_not(None),
            SigningKey.revoked.is_(False),
        )
    ).first()
    return TillJoinLinkOut(
        **out.model_dump(),
        url=f"{base}{out.path}",
        program=programs[0].id if programs else None,
        key_id=key_id,
    )
