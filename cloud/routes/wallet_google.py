"""Google Wallet for the dashboard: the owner uploads her service-account key and issuer id."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import Field

from cloud.deps import Now, Owner, ReadDb, User, WriteDb, audit
from cloud.problems import ApiProblem
from cloud.routes.wallet_setup import wallet_sealer
from cloud.schemas import WireIn, WireOut
from cloud.wallet import google_store
from cloud.wallet.google_key import GoogleSetupError, load_google_credentials

router = APIRouter(prefix="/api/v1", tags=["wallet"])


class GoogleSetupIn(WireIn):
    """The service account's JSON key file as Google gives it (its text), and the Wallet issuer id."""

    service_account_key: str = Field(min_length=1, max_length=20_000)
    issuer_id: str = Field(min_length=1, max_length=40)


class GoogleSetupOut(WireOut):
    issuer_id: str
    client_email: str
    updated_at: datetime


def _summary(row) -> GoogleSetupOut:
    return GoogleSetupOut(issuer_id=row.issuer_id, client_email=row.client_email, updated_at=row.updated_at)


def not_set_up() -> ApiProblem:
    return ApiProblem(404, "wallet-not-set-up", "Google Wallet passes are not set up for this business.")


@router.put("/wallet/google", response_model=GoogleSetupOut)
def set_up(
    body: GoogleSetupIn, owner: Owner, session: WriteDb, when: Now, request: Request
) -> GoogleSetupOut:
    try:
        credentials = load_google_credentials(body.service_account_key, body.issuer_id)
    except GoogleSetupError as exc:
        # 409 as for Apple's credentials: the request is well formed, the key cannot be used
        raise ApiProblem(
            409, "wallet-google-key-invalid", f"This key cannot issue Google Wallet passes: {exc}."
        ) from exc
    row = google_store.save_google_config(
        session, owner.business_id, credentials, wallet_sealer(request), when
    )
    audit(session, owner, when, "wallet.google.setup", "wallet", row.issuer_id, {"client": row.client_email})
    session.commit()
    return _summary(row)


@router.get("/wallet/google", response_model=GoogleSetupOut)
def show(user: User, session: ReadDb) -> GoogleSetupOut:
    row = google_store.google_config(session, user.business_id)
    if row is None:
        raise not_set_up()
    return _summary(row)


class GoogleRemovedOut(WireOut):
    issuer_id: str
    passes_no_longer_updated: int  # cards in phones' Google Wallet that keep their last balance


@router.delete("/wallet/google", response_model=GoogleRemovedOut)
def remove(owner: Owner, session: WriteDb, when: Now) -> GoogleRemovedOut:
    """Forget the key. Cards already in Google Wallet stay and stop updating; the answer says how many."""
    row = google_store.google_config(session, owner.business_id)
    if row is None:
        raise not_set_up()
    issuer = row.issuer_id
    passes = google_store.remove_google_config(session, owner.business_id)
    audit(session, owner, when, "wallet.google.remove", "wallet", issuer, {"passes": passes})
    session.commit()
    return GoogleRemovedOut(issuer_id=issuer, passes_no_longer_updated=passes)
