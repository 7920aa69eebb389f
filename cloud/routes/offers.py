"""Offers (stamp programs). Every change gets a new sequence number so kiosks pull it."""

from __future__ import annotations

import json
import uuid

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from cloud import plans, views
from cloud.deps import Now, ReadDb, User, WriteDb, audit, bump_seq
from cloud.models import Offer as OfferRow
from cloud.offer_revisions import set_points
from cloud.problems import ApiProblem, gone, not_found
from cloud.schemas import Offer, kind_problems
from cloud.schemas_admin import OfferCreate, OfferPatch
from cloud.wallet.updates import SHOWN_OFFER_FIELDS
from loyalty_rules.kinds.points import PointsSettings, settings_from_plain
from loyalty_rules.model import ProgramKind
from loyalty_rules.offers import window_ok as offer_window_ok

router = APIRouter(prefix="/api/v1/offers", tags=["offers"])

_NOT_NULL = {
    "name",
    "stamps_required",
    "reward_text",
    "per_visit_limit",
    "cooldown_seconds",
    "status",
    "colour",
    "icon",
    "points",
}


def owned_offer(session, business_id: int, offer_id: uuid.UUID | str, *, alive: bool = True) -> OfferRow:
    row = session.get(OfferRow, str(offer_id))
    if row is None or row.business_id != business_id:
        raise not_found("offer")
    if alive and row.status == "archived":
        raise gone("This offer was archived (deleted); lists and kiosks still show it as archived.")
    return row


def settings_of(row: OfferRow) -> PointsSettings | None:
    return settings_from_plain(json.loads(row.points_settings)) if row.points_settings else None


def window_ok(offer) -> bool:
    """Anything with starts_at and ends_at: a row, or an offer a kiosk uploaded (the shared rule)."""
    return offer_window_ok(offer.starts_at, offer.ends_at)


def check_window(offer) -> None:
    """409, not 422: each field is valid alone (a schema cannot compare two fields); the pair conflicts."""
    if not window_ok(offer):
        raise ApiProblem(409, "offer-window", "ends_at must be after starts_at.")


@router.post("", response_model=Offer, status_code=201)
def create_offer(body: OfferCreate, user: User, session: WriteDb, when: Now) -> Offer:
    row = OfferRow(
        id=str(uuid.uuid4()),
        business_id=user.business_id,
        created_at=when,
        seq=0,
        **body.model_dump(exclude={"points"}),
    )
    check_window(row)
    if row.status == "active":
        plans.check_offer_activation(session, user.business_id, row.id)
    row.seq = bump_seq(session, user.business_id)
    session.add(row)
    set_points(session, row, body.points_settings(), when)  # a points offer's revision 1
    audit(session, user, when, "offer.create", "offer", row.id, body.model_dump())
    session.commit()
    return views.offer(row)


@router.get("", response_model=list[Offer])
def list_offers(user: User, session: ReadDb) -> list[Offer]:
    rows = session.scalars(
        select(OfferRow).where(OfferRow.business_id == user.business_id).order_by(OfferRow.created_at)
    )
    return [views.offer(r) for r in rows]


@router.get("/{offer_id}", response_model=Offer)
def get_offer(offer_id: uuid.UUID, user: User, session: ReadDb) -> Offer:
    return views.offer(owned_offer(session, user.business_id, offer_id))


@router.patch("/{offer_id}", response_model=Offer)
def update_offer(
    offer_id: uuid.UUID, body: OfferPatch, user: User, session: WriteDb, when: Now, request: Request
) -> Offer:
    row = owned_offer(session, user.business_id, offer_id)
    changes = body.model_dump(exclude_unset=True)
    nulls = sorted(k for k, v in changes.items() if v is None and k in _NOT_NULL)
    if nulls:
        raise ApiProblem(422, "validation-error", f"These fields cannot be null: {', '.join(nulls)}.")
    activating = changes.get("status") == "active" and row.status != "active"
    points = body.points.settings() if body.points is not None else None
    if points is not None and row.kind != ProgramKind.POINTS.value:
        raise ApiProblem(422, "validation-error", "Only a points offer has points settings.")
    for key, value in changes.items():
        if key != "points":
            setattr(row, key, value)
    check_window(row)
    if activating:
        plans.check_offer_activation(session, user.business_id, row.id)
    # the offer's kind rules on the numbers changed (others may predate today's limits)
    kind = ProgramKind(row.kind)
    current = settings_of(row) if points is None else points
    problems = kind_problems(kind, row.stamps_required, row.per_visit_limit, set(changes), current)
    if problems:
        raise ApiProblem(
            422,
            "validation-error",
            " ".join(f"{field}: {problem.value}" for field, problem in sorted(problems.items())),
            errors=[
                {"loc": ["body", *field.split(".")], "type": problem.name.lower(), "msg": problem.value}
                for field, problem in sorted(problems.items())
            ],
        )
    if points is not None:
        set_points(session, row, points, when)  # a new revision when they changed
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "offer.update", "offer", row.id, changes)
    session.commit()
    if SHOWN_OFFER_FIELDS & changes.keys():  # committed: the passes of its cards show the new look
        request.app.state.pass_updates.offers_edited(user.business_id, [row.id])
    return views.offer(row)


@router.delete("/{offer_id}", status_code=204)
def archive_offer(offer_id: uuid.UUID, user: User, session: WriteDb, when: Now) -> Response:
    """Offers are archived, never deleted: cards and events keep pointing at them."""
    row = owned_offer(session, user.business_id, offer_id, alive=False)
    row.status = "archived"
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "offer.archive", "offer", row.id)
    session.commit()
    return Response(status_code=204)
