"""Customers of a business, and the public customer sign-up form."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, or_, select, update

from cloud import plans, views
from cloud.deps import Actor, Ctx, Now, ReadDb, User, WriteDb, audit, bump_seq, signup_limit
from cloud.models import Card as CardRow
from cloud.models import Customer as CustomerRow
from cloud.models import Offer as OfferRow
from cloud.problems import ApiProblem, gone, merged, not_found
from cloud.schemas import NO_NUL, Customer
from cloud.schemas_admin import ERASED_NAME, CustomerCreate, CustomerPatch, SignupIn, SignupOut
from cloud.services import issue_card
from cloud.zones import shop_zone
from loyalty_rules.reports import local_day

router = APIRouter(prefix="/api/v1", tags=["customers"])


ERASED = ERASED_NAME


def owned_customer(
    session, business_id: int, customer_id: uuid.UUID | str, *, alive: bool = True
) -> CustomerRow:
    row = session.get(CustomerRow, (business_id, str(customer_id)))
    if row is None:
        raise not_found("customer")
    if row.merged_into is not None:  # absorbed by a member merge: she is her survivor now
        raise merged(row.merged_into)
    if alive and row.name == ERASED and row.email is None and row.phone is None:
        raise gone("This customer was erased.")
    return row


def new_customer(session, business_id: int, body, when, seq: int) -> CustomerRow:
    row = CustomerRow(
        business_id=business_id,
        id=str(uuid.uuid4()),
        name=body.name,
        email=body.email,
        phone=body.phone,
        marketing_consent=body.marketing_consent,
        created_at=when,
        day=local_day(when, shop_zone(session, business_id)).isoformat(),
        seq=seq,
    )
    session.add(row)
    return row


@router.post("/customers", response_model=Customer, status_code=201)
def create_customer(body: CustomerCreate, user: User, session: WriteDb, when: Now) -> Customer:
    plans.check_new_member(session, user.business_id)
    row = new_customer(session, user.business_id, body, when, bump_seq(session, user.business_id))
    audit(session, user, when, "customer.create", "customer", row.id)
    session.commit()
    return views.customer(row)


@router.get("/customers", response_model=list[Customer])
def list_customers(
    user: User,
    session: ReadDb,
    q: str | None = Query(default=None, max_length=200, json_schema_extra={"pattern": NO_NUL}),
    limit: int = Query(default=100, ge=1, le=1000),
    offset: int = Query(default=0, ge=0, le=10_000_000),
) -> list[Customer]:
    # a member absorbed by a merge is the same person as her survivor, who is listed instead
    stmt = select(CustomerRow).where(
        CustomerRow.business_id == user.business_id, CustomerRow.merged_into.is_(None)
    )
    if q:
        if "\x00" in q:
            raise ApiProblem(422, "validation-error", "q must not contain NUL characters.")
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # her old sign-up's name, email or phone finds her too: matches name their survivors
        found = select(func.coalesce(CustomerRow.merged_into, CustomerRow.id)).where(
            CustomerRow.business_id == user.business_id,
            or_(
                CustomerRow.name.ilike(like, escape="\\"),
                CustomerRow.email.ilike(like, escape="\\"),
                CustomerRow.phone.ilike(like, escape="\\"),
            ),
        )
        stmt = stmt.where(CustomerRow.id.in_(found))
    rows = session.scalars(stmt.order_by(CustomerRow.created_at, CustomerRow.id).limit(limit).offset(offset))
    return [views.customer(r) for r in rows]


@router.get("/customers/{customer_id}", response_model=Customer)
def get_customer(customer_id: uuid.UUID, user: User, session: ReadDb) -> Customer:
    return views.customer(owned_customer(session, user.business_id, customer_id))


@router.patch("/customers/{customer_id}", response_model=Customer)
def update_customer(
    customer_id: uuid.UUID, body: CustomerPatch, user: User, session: WriteDb, when: Now, request: Request
) -> Customer:
    row = owned_customer(session, user.business_id, customer_id)
    changes = body.model_dump(exclude_unset=True)
    if any(changes.get(k, "") is None for k in ("name", "marketing_consent")):
        raise ApiProblem(422, "validation-error", "name and marketing_consent cannot be null.")
    for key, value in changes.items():
        setattr(row, key, value)
    row.seq = bump_seq(session, user.business_id)
    audit(session, user, when, "customer.update", "customer", row.id, sorted(changes))
    shown = _card_ids(session, row) if "name" in changes else []  # her cards' passes show her name
    session.commit()
    request.app.state.pass_updates.cards_edited(user.business_id, shown)  # committed: tell them
    return views.customer(row)


@router.delete("/customers/{customer_id}", status_code=204)
def erase_customer(
    customer_id: uuid.UUID, user: User, session: WriteDb, when: Now, request: Request
) -> Response:
    """Erases personal data (the ledger stays) and revokes the customer's cards. The sign-ups a
    merge joined into her are the same person and are erased with her (they are listed nowhere
    else, so this is the only way to erase them)."""
    row = owned_customer(session, user.business_id, customer_id, alive=False)
    absorbed = list(
        session.scalars(
            select(CustomerRow)
            .where(CustomerRow.business_id == user.business_id, CustomerRow.merged_into == row.id)
            .order_by(CustomerRow.id)
        )
    )
    seq = bump_seq(session, user.business_id, 1 + len(absorbed))
    for n, person in enumerate(absorbed, start=1):  # each her own sequence number, as the pull pages
        person.name, person.email, person.phone, person.marketing_consent = ERASED, None, None, False
        person.seq = seq - n
    row.name, row.email, row.phone, row.marketing_consent, row.seq = ERASED, None, None, False, seq
    session.execute(
        update(CardRow)
        .where(CardRow.business_id == user.business_id, CardRow.customer_id == row.id)
        .values(status="revoked", seq=seq)
    )
    audit(session, user, when, "customer.erase", "customer", row.id)
    shown = _card_ids(session, row)  # her cards' passes lose her name (and the cards are revoked)
    session.commit()
    request.app.state.pass_updates.cards_edited(user.business_id, shown)  # committed: tell them
    return Response(status_code=204)


def _card_ids(session, customer: CustomerRow) -> list[int]:
    return list(
        session.scalars(
            select(CardRow.id).where(
                CardRow.business_id == customer.business_id, CardRow.customer_id == customer.id
            )
        )
    )


@router.post(
    "/public/signup",
    response_model=SignupOut,
    status_code=201,
    tags=["public"],
    dependencies=[Depends(signup_limit)],
)
def customer_signup(body: SignupIn, session: WriteDb, when: Now, ctx: Ctx) -> SignupOut:
    """A customer joins a program from the shop's web form: a customer, a card and its token."""
    offer = session.get(OfferRow, str(body.program_id))
    if offer is None or offer.business_id != body.business_id or offer.status != "active":
        raise not_found("program")
    # the shop's own web form posting here is its software using the API (docs/cloud.md "Plans")
    plans.check_api_access(session, body.business_id)
    plans.check_new_member(session, body.business_id)
    seq = bump_seq(session, body.business_id, 2)
    customer = new_customer(session, body.business_id, body, when, seq - 1)
    card, token, number = issue_card(session, ctx.sealer, body.business_id, customer.id, offer.id, when, seq)
    audit(session, Actor(body.business_id), when, "customer.signup", "customer", customer.id)
    session.commit()
    return SignupOut(customer_id=customer.id, card_id=card.id, card_number=number, token=token)
