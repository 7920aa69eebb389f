"""Use cases of Apple passes: set up the certificate, and render a holder's current pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from cloud.keyseal import KeySealer
from cloud.models import WalletAppleConfig, WalletPass
from cloud.problems import ApiProblem
from cloud.wallet import store
from cloud.wallet.apns_key import load_apns_key, save_apns_key
from cloud.wallet.credentials import WalletSetupError, load_credentials
from cloud.wallet.holder import HolderKind
from cloud.wallet.passjson import PassIdentity
from cloud.wallet.pkpass import build_pass
from cloud.wallet.sealing import WalletSealer

WEB_SERVICE_PATH = "/wallet"  # Wallet appends /v1/devices/…, /v1/passes/…, /v1/log


def not_set_up() -> ApiProblem:
    return ApiProblem(
        409,
        "wallet-not-set-up",
        "Apple Wallet passes are not set up for this business: the owner uploads the pass "
        "certificate (loyalty-cloud wallet-setup, or PUT /api/v1/wallet/apple).",
    )


@dataclass(frozen=True)
class SetupRequest:
    certificate: bytes
    private_key: bytes
    wwdr: bytes
    key_password: str | None = None
    pass_type_id: str | None = None
    team_id: str | None = None
    # the APNs token-auth key (.p8) that signs update pushes; optional: without it passes update
    # only when Wallet asks on its own
    apns_key: bytes | None = None
    apns_key_id: str | None = None
    apns_team_id: str | None = None  # default: the pass certificate's team


def set_up_apple(
    session: Session, business_id: int, request: SetupRequest, sealer: WalletSealer, now: datetime
) -> WalletAppleConfig:
    """Check the uploaded credentials and store them; WalletSetupError (nothing stored) otherwise."""
    credentials = load_credentials(
        certificate=request.certificate,
        private_key=request.private_key,
        wwdr=request.wwdr,
        now=now,
        key_password=request.key_password,
        pass_type_id=request.pass_type_id,
        team_id=request.team_id,
    )
    apns = None
    if request.apns_key is not None:
        apns = load_apns_key(
            request.apns_key, request.apns_key_id, request.apns_team_id or credentials.team_id
        )
    elif request.apns_key_id:
        raise WalletSetupError("an APNs key id was given without the APNs key (.p8) it names")
    row = store.save_apple_config(session, business_id, credentials, sealer, now)
    if apns is not None:
        save_apns_key(session, business_id, apns, sealer, now)
    return row


def web_service_url(public_url: str) -> str:
    return public_url.rstrip("/") + WEB_SERVICE_PATH


@dataclass(frozen=True)
class RenderedPass:
    data: bytes
    serial: str
    modified_at: datetime


def render(
    session: Session,
    row: WalletPass,
    config: WalletAppleConfig,
    token: str,
    *,
    sealer: WalletSealer,
    keys: KeySealer,
    public_url: str,
    now: datetime,
) -> RenderedPass | None:
    """The pass as its holder stands now (noting a new version), or None when the holder is gone."""
    holder = store.holder_for(session, row.business_id, HolderKind(row.holder_kind), row.holder_id, keys)
    if holder is None:
        return None
    store.refresh(row, holder, now)
    identity = PassIdentity(
        pass_type_id=config.pass_type_id,
        team_id=config.team_id,
        serial=row.serial,
        organization=store.business_name(session, row.business_id),
        authentication_token=token,
        web_service_url=web_service_url(public_url),
    )
    data = build_pass(holder, identity, store.apple_credentials(config, sealer))
    return RenderedPass(data, row.serial, row.modified_at)
