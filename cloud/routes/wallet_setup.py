"""Apple Wallet for the dashboard: the owner sets up the pass certificate; staff download a card's pass."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import Field

from cloud.deps import Ctx, Now, Owner, ReadDb, User, WriteDb, audit
from cloud.models import WalletApnsKey
from cloud.problems import ApiProblem, not_found
from cloud.routes.cards import CardRef, card_by_ref
from cloud.schemas import WireIn, WireOut
from cloud.wallet import store
from cloud.wallet.credentials import WalletSetupError
from cloud.wallet.holder import HolderKind
from cloud.wallet.passes import SetupRequest, not_set_up, render, set_up_apple
from cloud.wallet.pkpass import MEDIA_TYPE
from cloud.wallet.sealing import WalletSealer

router = APIRouter(prefix="/api/v1", tags=["wallet"])
Pem = Annotated[str, Field(min_length=1, max_length=20_000)]


class AppleSetupIn(WireIn):
    """The pass type certificate and its private key (PEM), and Apple's WWDR intermediate (PEM).
    The pass type and team identifiers are read from the certificate when left out."""

    certificate: Pem
    private_key: Pem
    wwdr_certificate: Pem
    key_password: str | None = Field(default=None, max_length=1000)
    pass_type_id: str | None = Field(default=None, max_length=200)
    team_id: str | None = Field(default=None, max_length=20)
    apns_key: str | None = Field(
        default=None, min_length=1, max_length=20_000, description="the APNs token-auth key (.p8, PEM)"
    )
    apns_key_id: str | None = Field(default=None, max_length=20, description="the .p8 key's 10-character id")
    apns_team_id: str | None = Field(default=None, max_length=20, description="default: the certificate's")


class AppleSetupOut(WireOut):
    pass_type_id: str
    team_id: str
    apns_key_id: str | None = None  # None: no APNs key, passes update only when Wallet asks
    certificate_expires_at: datetime
    updated_at: datetime


def wallet_sealer(request: Request) -> WalletSealer:
    return request.app.state.wallet_sealer


def public_url(request: Request, configured: str) -> str:
    return configured or str(request.base_url)


def _summary(row, session) -> AppleSetupOut:
    apns = session.get(WalletApnsKey, row.business_id)
    return AppleSetupOut(
        pass_type_id=row.pass_type_id,
        team_id=row.team_id,
        apns_key_id=apns.key_id if apns else None,
        certificate_expires_at=row.not_after,
        updated_at=row.updated_at,
    )


@router.put("/wallet/apple", response_model=AppleSetupOut)
def set_up(body: AppleSetupIn, owner: Owner, session: WriteDb, when: Now, request: Request) -> AppleSetupOut:
    setup = SetupRequest(
        certificate=body.certificate.encode(),
        private_key=body.private_key.encode(),
        wwdr=body.wwdr_certificate.encode(),
        key_password=body.key_password,
        pass_type_id=body.pass_type_id,
        team_id=body.team_id,
        apns_key=body.apns_key.encode() if body.apns_key is not None else None,
        apns_key_id=body.apns_key_id,
        apns_team_id=body.apns_team_id,
    )
    try:
        row = set_up_apple(session, owner.business_id, setup, wallet_sealer(request), when)
    except WalletSetupError as exc:
        session.rollback()
        raise ApiProblem(
            409, "wallet-credentials-invalid", f"These pass credentials cannot sign passes: {exc}."
        ) from exc
    audit(session, owner, when, "wallet.apple.setup", "wallet", row.pass_type_id, {"team_id": row.team_id})
    session.commit()
    return _summary(row, session)


@router.get("/wallet/apple", response_model=AppleSetupOut)
def show(user: User, session: ReadDb) -> AppleSetupOut:
    row = store.apple_config(session, user.business_id)
    if row is None:
        raise ApiProblem(404, "wallet-not-set-up", "Apple Wallet passes are not set up for this business.")
    return _summary(row, session)


class AppleRemovedOut(WireOut):
    pass_type_id: str
    passes_no_longer_updated: int  # passes on phones that keep their last content


@router.delete("/wallet/apple", response_model=AppleRemovedOut)
def remove(owner: Owner, session: WriteDb, when: Now) -> AppleRemovedOut:
    """Forget the pass certificate. Passes already on phones stay as they are and stop updating;
    the answer says how many."""
    row = store.apple_config(session, owner.business_id)
    if row is None:
        raise ApiProblem(404, "wallet-not-set-up", "Apple Wallet passes are not set up for this business.")
    pass_type_id = row.pass_type_id
    passes = store.remove_apple_config(session, owner.business_id)
    audit(session, owner, when, "wallet.apple.remove", "wallet", pass_type_id, {"passes": passes})
    session.commit()
    return AppleRemovedOut(pass_type_id=pass_type_id, passes_no_longer_updated=passes)


def card_pass_bytes(session, request: Request, ctx, config, business_id: int, card_id: int, when):
    """A card's .pkpass: the one pass (serial, token) of that card, made on first download, so
    staff's and the customer's downloads are copies of one pass that all update. Not committed."""
    sealer = wallet_sealer(request)
    row, token = store.pass_for_holder(session, business_id, HolderKind.CARD, str(card_id), sealer, when)
    rendered = render(
        session,
        row,
        config,
        token,
        sealer=sealer,
        keys=ctx.sealer,
        public_url=public_url(request, ctx.settings.public_url),
        now=when,
    )
    return None if rendered is None else rendered.data


@router.get(
    "/cards/{card_id}/apple-pass",
    response_class=Response,
    responses={200: {"content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}},
)
def card_pass(
    card_id: CardRef, user: User, session: WriteDb, when: Now, ctx: Ctx, request: Request
) -> Response:
    """The card's Apple Wallet pass (.pkpass), made on first download; later downloads (another
    phone) are the same pass, so every copy updates."""
    card = card_by_ref(session, user.business_id, card_id)
    config = store.apple_config(session, user.business_id)
    if config is None:
        raise not_set_up()
    data = card_pass_bytes(session, request, ctx, config, user.business_id, card.id, when)
    if data is None:  # pragma: no cover - the card was read in this transaction
        raise not_found("card")
    session.commit()
    return Response(
        data,
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="card-{card.id}.pkpass"'},
    )
