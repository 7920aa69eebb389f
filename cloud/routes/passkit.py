"""The PassKit web service Wallet talks to (Apple's "Wallet Passes" web service reference):

    POST   /wallet/v1/devices/{device}/registrations/{passType}/{serial}  register: 201 new, 200 known
    DELETE /wallet/v1/devices/{device}/registrations/{passType}/{serial}  unregister
    GET    /wallet/v1/devices/{device}/registrations/{passType}?passesUpdatedSince=tag
           the serials changed since the tag, or 204
    GET    /wallet/v1/passes/{passType}/{serial}  the latest pass, 304 when unchanged since If-Modified-Since
    POST   /wallet/v1/log                         Wallet's error messages

Calls about one pass carry `Authorization: ApplePass <authenticationToken>`; a missing or wrong
token, an unknown serial or pass type get 401 alike (nothing says which passes exist) and change
nothing. The update tag is the pass's version (cloud/wallet/store.py).
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, Security
from fastapi.security import APIKeyHeader
from pydantic import Field

from cloud.deps import Ctx, Now, WriteDb, public_limit
from cloud.models import WalletAppleConfig, WalletPass
from cloud.problems import ApiProblem
from cloud.routes.wallet_setup import public_url, wallet_sealer
from cloud.schemas import WireIn, WireOut
from cloud.wallet import store
from cloud.wallet.credentials import PASS_TYPE_ID
from cloud.wallet.passes import render
from cloud.wallet.pkpass import MEDIA_TYPE

log = logging.getLogger("cloud.wallet")
router = APIRouter(prefix="/wallet/v1", tags=["wallet web service"])
apple_pass_scheme = APIKeyHeader(
    name="Authorization", auto_error=False, scheme_name="ApplePass", description="`ApplePass <token>`"
)

DeviceId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._-]{1,128}$", description="Wallet's device library id")]
PassTypeId = Annotated[str, Path(pattern=PASS_TYPE_ID.pattern, max_length=200)]
Serial = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the pass's serial number")]
MAX_LOG_LINES = 50
MAX_LOG_LINE = 1000


class RegistrationIn(WireIn):
    pushToken: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9]+$")  # noqa: N815 - Apple's name


class SerialsOut(WireOut):
    serialNumbers: list[str]  # noqa: N815 - Apple's names
    lastUpdated: str  # noqa: N815


class LogIn(WireIn):
    logs: list[Annotated[str, Field(max_length=10_000)]] = Field(max_length=1000)


def _unauthorized() -> ApiProblem:
    return ApiProblem(
        401,
        "not-authorized",
        "Send Authorization: ApplePass <authenticationToken> of this pass.",
        headers={"WWW-Authenticate": "ApplePass"},
    )


async def apple_pass_token(header: Annotated[str | None, Security(apple_pass_scheme)]) -> str:
    scheme, _, token = (header or "").partition(" ")
    if scheme != "ApplePass" or not token.strip():
        raise _unauthorized()
    return token.strip()


ApplePassToken = Annotated[str, Depends(apple_pass_token)]


def _authorized(session, request: Request, pass_type_id: str, serial: str, token: str):
    found = store.pass_by_serial(session, pass_type_id, serial)
    if found is None or not store.token_matches(found[0], token, wallet_sealer(request)):
        raise _unauthorized()
    return found


@router.post("/devices/{device_id}/registrations/{pass_type_id}/{serial}", status_code=201)
def register(
    device_id: DeviceId,
    pass_type_id: PassTypeId,
    serial: Serial,
    body: RegistrationIn,
    token: ApplePassToken,
    session: WriteDb,
    when: Now,
    request: Request,
    response: Response,
) -> None:
    """Register a device for a pass's updates: 201 when new, 200 when already registered."""
    _authorized(session, request, pass_type_id, serial, token)
    created = store.register(session, device_id, body.pushToken, serial, when)
    session.commit()
    response.status_code = 201 if created else 200


@router.delete("/devices/{device_id}/registrations/{pass_type_id}/{serial}", status_code=200)
def unregister(
    device_id: DeviceId,
    pass_type_id: PassTypeId,
    serial: Serial,
    token: ApplePassToken,
    session: WriteDb,
    request: Request,
) -> None:
    _authorized(session, request, pass_type_id, serial, token)
    store.unregister(session, device_id, serial)
    session.commit()


@router.get(
    "/devices/{device_id}/registrations/{pass_type_id}",
    response_model=SerialsOut,
    responses={204: {"description": "no registered pass changed since the tag"}},
)
def updated_serials(
    device_id: DeviceId,
    pass_type_id: PassTypeId,
    session: WriteDb,
    when: Now,
    ctx: Ctx,
    passesUpdatedSince: Annotated[  # noqa: N803 - Apple's name
        str | None, Query(pattern=r"^[0-9]{1,18}$", description="a lastUpdated tag this service gave")
    ] = None,
) -> Response:
    since = int(passesUpdatedSince) if passesUpdatedSince else None
    changed: list[WalletPass] = []
    for row in store.registered_passes(session, device_id, pass_type_id):
        holder = store.holder_for(
            session, row.business_id, store.HolderKind(row.holder_kind), row.holder_id, ctx.sealer
        )
        if holder is not None:
            store.refresh(row, holder, when)
        if since is None or row.version > since:
            changed.append(row)
    session.commit()
    if not changed:
        return Response(status_code=204)
    body = SerialsOut(
        serialNumbers=[r.serial for r in changed], lastUpdated=str(max(r.version for r in changed))
    )
    return Response(body.model_dump_json(), media_type="application/json")


def _not_modified_since(header: str | None, modified: datetime) -> bool:
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False  # an unreadable date: send the pass
    if since.tzinfo is None:
        return False
    return modified <= since


@router.get(
    "/passes/{pass_type_id}/{serial}",
    response_class=Response,
    responses={
        200: {"content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
        304: {"description": "the pass has not changed since If-Modified-Since"},
    },
)
def latest_pass(
    pass_type_id: PassTypeId,
    serial: Serial,
    token: ApplePassToken,
    session: WriteDb,
    when: Now,
    ctx: Ctx,
    request: Request,
    if_modified_since: Annotated[str | None, Header(max_length=100)] = None,
) -> Response:
    row, config = _authorized(session, request, pass_type_id, serial, token)
    rendered = _render(session, row, config, token, when, ctx, request)
    session.commit()
    last_modified = format_datetime(rendered.modified_at, usegmt=True)
    if _not_modified_since(if_modified_since, rendered.modified_at):
        return Response(status_code=304, headers={"Last-Modified": last_modified})
    return Response(rendered.data, media_type=MEDIA_TYPE, headers={"Last-Modified": last_modified})


def _render(session, row: WalletPass, config: WalletAppleConfig, token: str, when, ctx, request: Request):
    rendered = render(
        session,
        row,
        config,
        token,
        sealer=wallet_sealer(request),
        keys=ctx.sealer,
        public_url=public_url(request, ctx.settings.public_url),
        now=when,
    )
    if rendered is None:
        raise ApiProblem(410, "pass-gone", "This pass's card no longer exists.")
    return rendered


@router.post("/log", status_code=200, dependencies=[Depends(public_limit)])
def wallet_log(body: LogIn) -> None:
    """Wallet reports problems with our passes here; kept in the cloud's log, bounded."""
    for line in body.logs[:MAX_LOG_LINES]:
        log.warning("Apple Wallet: %s", " ".join(line[:MAX_LOG_LINE].splitlines()))
