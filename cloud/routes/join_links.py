"""The owner's short links to the join page: /j/<code> for the business or one location."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from cloud.deps import Now, Owner, ReadDb, User, WriteDb, audit
from cloud.join.members import new_join_link
from cloud.models import JoinLink, Location
from cloud.problems import not_found
from cloud.schemas_admin import JoinLinkIn, JoinLinkOut

router = APIRouter(prefix="/api/v1", tags=["join page"])


def _out(row: JoinLink) -> JoinLinkOut:
    return JoinLinkOut(
        code=row.code, path=f"/j/{row.code}", location=row.location_id, created_at=row.created_at
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
