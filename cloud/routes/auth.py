"""People sign in: login, rotating refresh tokens, logout, who am I."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select

from cloud.deps import Actor, Ctx, Now, ReadDb, User, WriteDb, audit, public_limit
from cloud.models import Business
from cloud.models import User as UserRow
from cloud.problems import ApiProblem
from cloud.ratelimit import Bucket
from cloud.schemas import LoginIn, RefreshIn, TokenPair, WireOut
from cloud.security import (
    RefreshReuse,
    find_refresh_family,
    issue_access_token,
    new_refresh_token,
    revoke_family,
    rotate_refresh_token,
    sign_in_padding,
)
from cloud.services import normalise_email

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class Me(WireOut):
    user_id: str
    business_id: int
    role: str


def _pair(app, session, user: UserRow, when, family_id=None) -> TokenPair:
    refresh = new_refresh_token(session, app.settings, user.id, when, family_id)
    return TokenPair(
        access_token=issue_access_token(app.settings, user, when),
        refresh_token=refresh,
        expires_in=app.settings.access_token_ttl,
    )


def _accounts_with_password(app, reads, email: str, password: str, business_id: int | None):
    """The enabled accounts this email and password open (in the given business only, when one
    is given). Every account with the email costs one argon2 verification, an email with none
    one against a dummy hash, and the whole lasts at least SIGN_IN_VERIFICATIONS_FLOOR of them:
    neither an unknown email nor an email's accounts in other businesses show in the timing
    (unless it has more accounts than the floor)."""
    started = time.perf_counter()
    query = select(UserRow).where(UserRow.email == email)
    if business_id is not None:
        query = query.where(UserRow.business_id == business_id)
    candidates = list(reads.scalars(query.order_by(UserRow.business_id)))
    opened = [row for row in candidates if app.passwords.verify(row.password_hash, password)]
    if not candidates:
        app.passwords.verify(None, password)
    time.sleep(sign_in_padding(time.perf_counter() - started, max(1, len(candidates))))
    return [row for row in opened if not row.disabled]


def _invalid(app, email: str) -> ApiProblem:
    app.limiter.count(Bucket.LOGIN_FAILURES, email)
    return ApiProblem(401, "invalid-credentials", "Wrong email or password.")


@router.post("/login", response_model=TokenPair, dependencies=[Depends(public_limit)])
def login(body: LoginIn, app: Ctx, reads: ReadDb, session: WriteDb, when: Now) -> TokenPair:
    email = normalise_email(body.email)
    # per account as well as per IP: guessing one account's password from many addresses stops
    # here too; counted for any email, so the answer says nothing about which accounts exist
    app.limiter.check(Bucket.LOGIN_FAILURES, email)
    # verified on a read session: on SQLite the write session holds the writers' turn from its
    # first statement, and the argon2 verifications must not keep every other writer waiting
    accounts = _accounts_with_password(app, reads, email, body.password, body.business_id)
    if not accounts:
        raise _invalid(app, email)
    if len(accounts) > 1:
        # only someone holding this password for each of these accounts gets here: naming the
        # businesses tells them nothing they could not see by signing in to each
        names = reads.execute(
            select(Business.id, Business.name).where(Business.id.in_([a.business_id for a in accounts]))
        ).all()
        listed = ", ".join(f"{bid} ({name})" for bid, name in sorted(names))
        raise ApiProblem(
            409,
            "business-required",
            f"This email and password sign in to several businesses: {listed}. "
            "Send business_id with the one to sign in to.",
            title="Which business?",
        )
    user = session.get(UserRow, accounts[0].id)
    if user is None or user.disabled:  # disabled (or removed) since it was read
        raise _invalid(app, email)
    pair = _pair(app, session, user, when)
    audit(session, Actor(user.business_id, user_id=user.id), when, "auth.login", "user", user.id)
    session.commit()
    return pair


@router.post("/refresh", response_model=TokenPair, dependencies=[Depends(public_limit)])
def refresh(body: RefreshIn, app: Ctx, session: WriteDb, when: Now) -> TokenPair:
    try:
        row = rotate_refresh_token(session, body.refresh_token, when)
    except RefreshReuse:
        session.commit()  # keep the family's revocation
        raise ApiProblem(
            401,
            "token-reused",
            "This refresh token was already used; every session of its family is revoked.",
        ) from None
    user = session.get(UserRow, row.user_id)
    pair = _pair(app, session, user, when, row.family_id)
    session.commit()
    return pair


@router.post("/logout", status_code=204)
def logout(body: RefreshIn, request: Request, session: WriteDb) -> Response:
    """A real refresh token always signs out, whatever others on the same IP have used up; only
    tokens that match nothing count against the IP's public quota."""
    family = find_refresh_family(session, body.refresh_token)
    if family is None:
        public_limit(request)
        return Response(status_code=204)
    revoke_family(session, family)
    session.commit()
    return Response(status_code=204)


@router.get("/me", response_model=Me)
def me(user: User) -> Me:
    return Me(user_id=user.user_id, business_id=user.business_id, role=user.role)
