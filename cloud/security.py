"""Passwords (argon2), access JWTs, rotating refresh-token families, device and pairing secrets."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cloud.models import RefreshToken, User
from cloud.problems import ApiProblem
from cloud.settings import Settings

JWT_ALG = "HS256"
PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no I, L, O, U, 0, 1: easy to read aloud


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Passwords:
    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_kib
        )
        self._dummy = self._hasher.hash("not-a-password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, hashed: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(hashed or self._dummy, password) and hashed is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


# Every sign-in lasts at least as long as this many argon2 verifications. Sign-in verifies the
# password against each account of the email (one per business), so without a floor an owner
# who adds an email and times its sign-ins would see whether it has accounts elsewhere.
SIGN_IN_VERIFICATIONS_FLOOR = 3


def sign_in_padding(elapsed: float, verifications: int, floor: int = SIGN_IN_VERIFICATIONS_FLOOR) -> float:
    """Seconds to wait after `verifications` took `elapsed` seconds, so that the sign-in lasts as
    long as `floor` of them. Measured on the request itself, it follows the machine's load and
    the argon2 settings; waiting costs no CPU."""
    if verifications <= 0 or verifications >= floor:
        return 0.0
    return elapsed / verifications * (floor - verifications)


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    business_id: int
    role: str


def issue_access_token(settings: Settings, user: User, now: datetime) -> str:
    claims = {
        "sub": user.id,
        "bid": user.business_id,
        "role": user.role,
        "typ": "access",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.access_token_ttl)).timestamp()),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=JWT_ALG)


def _unauthorized(detail: str, slug: str = "invalid-token") -> ApiProblem:
    return ApiProblem(401, slug, detail, headers={"WWW-Authenticate": "Bearer"})


def read_access_token(settings: Settings, token: str, now: datetime) -> AccessClaims:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[JWT_ALG],
            options={
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
                "require": ["sub", "bid", "exp", "typ", "role"],
            },
        )
    except jwt.PyJWTError as exc:
        raise _unauthorized("The access token is not valid.") from exc
    if claims.get("typ") != "access" or not isinstance(claims.get("bid"), int):
        raise _unauthorized("The access token is not valid.")
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= now.timestamp():
        raise _unauthorized("The access token has expired.", "token-expired")
    return AccessClaims(str(claims["sub"]), claims["bid"], str(claims["role"]))


def _split_refresh(token: str) -> tuple[str, str]:
    token_id, _, secret = token.partition(".")
    if not token_id or not secret:
        raise _unauthorized("The refresh token is not valid.")
    return token_id, secret


def new_refresh_token(
    session: Session, settings: Settings, user_id: str, now: datetime, family_id: str | None = None
) -> str:
    token_id = str(uuid.uuid4())
    secret = secrets.token_urlsafe(32)
    session.add(
        RefreshToken(
            id=token_id,
            family_id=family_id or token_id,
            user_id=user_id,
            token_hash=sha256_hex(secret),
            issued_at=now,
            expires_at=now + timedelta(seconds=settings.refresh_token_ttl),
            rotated_at=None,
            revoked=False,
        )
    )
    return f"{token_id}.{secret}"


class RefreshReuse(Exception):
    """A rotated refresh token came back: its family has been revoked (commit that!)."""


def rotate_refresh_token(session: Session, token: str, now: datetime) -> RefreshToken:
    """Marks `token` rotated and returns its row; raises on any problem.

    Reuse of a rotated token revokes the whole family and raises RefreshReuse, so the caller
    can commit the revocation before answering 401.
    """
    token_id, secret = _split_refresh(token)
    row = session.get(RefreshToken, token_id)
    if row is None or not secrets.compare_digest(row.token_hash, sha256_hex(secret)):
        raise _unauthorized("The refresh token is not valid.")
    if row.revoked:
        raise _unauthorized("The refresh token has been revoked.", "token-revoked")
    if row.rotated_at is not None:
        revoke_family(session, row.family_id)
        raise RefreshReuse(row.family_id)
    if row.expires_at <= now:
        raise _unauthorized("The refresh token has expired.", "token-expired")
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise _unauthorized("The account is disabled.")
    row.rotated_at = now
    return row


def revoke_family(session: Session, family_id: str) -> None:
    session.execute(update(RefreshToken).where(RefreshToken.family_id == family_id).values(revoked=True))


def find_refresh_family(session: Session, token: str) -> str | None:
    try:
        token_id, secret = _split_refresh(token)
    except ApiProblem:
        return None
    row = session.execute(select(RefreshToken).where(RefreshToken.id == token_id)).scalar_one_or_none()
    if row is None or not secrets.compare_digest(row.token_hash, sha256_hex(secret)):
        return None
    return row.family_id


def new_device_token() -> str:
    return "dev_" + secrets.token_urlsafe(32)


def new_pairing_code() -> str:
    raw = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_pairing_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()
