"""Cards: issue (server-signed token + card number), read, flag, revoke; and conflicts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy import select

import cardtoken
from cloud import views
from cloud.deps import Ctx, Now, ReadDb, User, WriteDb, audit, bump_seq
from cloud.models import Card as CardRow
from cloud.models import Conflict as ConflictRow
from cloud.models import Event as EventRow
from cloud.problems import ApiProblem, gone, not_found
from cloud.routes.customers import owned_customer
from cloud.routes.offers import owned_offer
from cloud.schemas import Card, Conflict
from cloud.schemas_admin import CardEvent, CardIssued, CardIssueIn, CardPatch
from cloud.services import issue_card

# a card's id, or the 12-digit number printed under its QR code (spaces or dashes allowed)
CardRef = Annotated[
    str,
    Path(
        pattern=r"^([0-9]{1,19}|[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4})$",
        description="the card's id, or its printed 12-digit card number (e.g. `4821 0937 5519`)",
        examples=["48210937551", cardtoken.format_card_number(48210937551)],
    ),
]

router = APIRouter(prefix="/api/v1", tags=["cards"])


def owned_card(session, business_id: int, card_id: int, *, alive: bool = True) -> CardRow:
    row = session.get(CardRow, (business_id, card_id)) if 0 < card_id < 2**63 else None
    if row is None:
        raise not_found("card")
    if alive and row.status == "revoked":
        raise gone("This card was revoked (deleted); GET /api/v1/cards still lists it with its balance.")
    return row


def card_by_ref(session, business_id: int, ref: str, *, alive: bool = True) -> CardRow:
    """A printed number (12 digits with a valid check digit) names its card; other digits are an id.
    Ids are 11 digits, so the two meet only for an id of 12 digits, which is tried as an id second."""
    digits = ref.replace(" ", "").replace("-", "")
    if len(digits) == 12:
        try:
            number_id = cardtoken.parse_card_number(digits)
        except cardtoken.CardNumberError as exc:
            if digits != ref:  # written as a printed number: no card has it, and a typo is likely
                raise ApiProblem(404, "not-found", f"No card has the number {ref}: {exc}.") from exc
        else:
            if session.get(CardRow, (business_id, number_id)) is not None:
                return owned_card(session, business_id, number_id, alive=alive)
    return owned_card(session, business_id, int(digits), alive=alive)


@router.post("/customers/{customer_id}/cards", response_model=CardIssued, status_code=201)
def issue(
    customer_id: uuid.UUID, body: CardIssueIn, user: User, session: WriteDb, when: Now, ctx: Ctx
) -> CardIssued:
    customer = owned_customer(session, user.business_id, customer_id)
    try:
        offer = owned_offer(session, user.business_id, body.program_id, alive=False)
    except ApiProblem as exc:  # the path's customer exists; the body names no offer of ours: a 409
        raise ApiProblem(409, "unknown-offer", "program_id is not an offer of this business.") from exc
    if offer.status == "archived":
        raise ApiProblem(409, "offer-archived", "This offer is archived.")
    row, token, number = issue_card(
        session,
        ctx.sealer,
        user.business_id,
        customer.id,
        offer.id,
        when,
        bump_seq(session, user.business_id),
    )
    audit(session, user, when, "card.issue", "card", row.id, {"customer_id": customer.id})
    session.commit()
    return CardIssued(card=views.card(row), token=token, card_number=number)


@router.get("/cards", response_model=list[Card])
def list_cards(
    user: User,
    session: ReadDb,
    customer_id: uuid.UUID | None = None,
    flagged: bool | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> list[Card]:
    stmt = select(CardRow).where(CardRow.business_id == user.business_id)
    if customer_id is not None:
        stmt = stmt.where(CardRow.customer_id == str(customer_id))
    if flagged is not None:
        stmt = stmt.where(CardRow.flagged.is_(flagged))
    rows = session.scalars(stmt.order_by(CardRow.created_at, CardRow.id).limit(limit).offset(offset))
    return [views.card(r) for r in rows]


@router.get("/cards/{card_id}", response_model=Card)
def get_card(card_id: CardRef, user: User, session: ReadDb) -> Card:
    return views.card(card_by_ref(session, user.business_id, card_id))


@router.get("/cards/{card_id}/events", response_model=list[CardEvent])
def card_events(card_id: CardRef, user: User, session: ReadDb) -> list[CardEvent]:
    card = card_by_ref(session, user.business_id, card_id)
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.business_id == user.business_id, EventRow.card_id == card.id)
        .order_by(EventRow.seq)
    )
    return [
        CardEvent(
            id=r.id,
            seq=r.seq,
            kind=r.kind,
            units=r.units,
            ref_event_id=r.ref_event_id,
            occurred_at=r.occurred_at,
            received_at=r.received_at,
            staff_name=r.staff_name,
            location_id=r.location_id,
            device_id=r.device_id,
            reason=r.reason,
            voided=r.voided,
        )
        for r in rows
    ]


@router.patch("/cards/{card_id}", response_model=Card)
def flag_card(card_id: CardRef, body: CardPatch, user: User, session: WriteDb, when: Now) -> Card:
    row = card_by_ref(session, user.business_id, card_id)
    row.flagged = body.flagged
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "card.flag" if body.flagged else "card.unflag", "card", row.id)
    session.commit()
    return views.card(row)


@router.delete("/cards/{card_id}", status_code=204)
def revoke_card(card_id: CardRef, user: User, session: WriteDb, when: Now, request: Request) -> Response:
    row = card_by_ref(session, user.business_id, card_id, alive=False)
    row.status = "revoked"
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "card.revoke", "card", row.id)
    session.commit()
    request.app.state.pass_updates.cards_edited(user.business_id, [row.id])  # committed: tell its pass
    return Response(status_code=204)


def _conflicts_out(session, business_id: int, rows) -> list[Conflict]:
    ids = views.conflict_event_ids(rows)
    events = {}
    if ids:
        found = session.scalars(
            select(EventRow).where(EventRow.business_id == business_id, EventRow.id.in_(ids))
        )
        events = {e.id: e for e in found}
    names = views.conflict_place_names(session.connection(), business_id, events.values())
    return [views.conflict(r, events, names) for r in rows]


@router.get("/conflicts", response_model=list[Conflict], tags=["conflicts"])
def list_conflicts(
    user: User,
    session: ReadDb,
    resolved: bool | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[Conflict]:
    stmt = select(ConflictRow).where(ConflictRow.business_id == user.business_id)
    if resolved is not None:
        stmt = stmt.where(ConflictRow.resolved.is_(resolved))
    rows = list(session.scalars(stmt.order_by(ConflictRow.seq.desc()).limit(limit)))
    return _conflicts_out(session, user.business_id, rows)


@router.post("/conflicts/{conflict_id}/resolve", response_model=Conflict, tags=["conflicts"])
def resolve_conflict(conflict_id: uuid.UUID, user: User, session: WriteDb, when: Now) -> Conflict:
    row = session.get(ConflictRow, str(conflict_id))
    if row is None or row.business_id != user.business_id:
        raise not_found("conflict")
    row.resolved = True
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "conflict.resolve", "conflict", row.id)
    session.commit()
    return _conflicts_out(session, user.business_id, [row])[0]
