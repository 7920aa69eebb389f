"""Staff accounts and PIN sign-in, with lockout after repeated wrong PINs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.domain.model import Role, Staff
from kiosk.domain.outcomes import Outcome
from kiosk.domain.people import check_pin
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, Refusal, refuse
from kiosk.services.context import Actor, Context
from kiosk.store import StorageError, directory, meta

MAX_FAILED_PINS = 5
LOCKOUT = timedelta(seconds=60)
# PINs are 4-6 digits: at most a million guesses once someone has a copy of the ledger, offline,
# where the lockout does not apply. So the hash is as slow as a sign-in can bear: RFC 9106's second
# recommended Argon2id setting (t=3, 64 MiB) instead of the former t=2, 19 MiB; about 0.16 s per
# sign-in here (0.4 s with the machine busy), 4x the old cost per guess. Hashes made with other
# costs still verify and are rehashed at the next sign-in. Tests turn it down through the
# environment (LOYALTY_KIOSK_ARGON2_TIME_COST / _MEMORY_KIB), never the installed kiosk.
PIN_TIME_COST = 3
PIN_MEMORY_KIB = 64 * 1024
ENV_TIME_COST = "LOYALTY_KIOSK_ARGON2_TIME_COST"
ENV_MEMORY_KIB = "LOYALTY_KIOSK_ARGON2_MEMORY_KIB"


def pin_hasher(env: Mapping[str, str] | None = None) -> PasswordHasher:
    env = os.environ if env is None else env
    return PasswordHasher(
        time_cost=int(env.get(ENV_TIME_COST, PIN_TIME_COST)),
        memory_cost=int(env.get(ENV_MEMORY_KIB, PIN_MEMORY_KIB)),
        parallelism=1,
    )


_hasher = pin_hasher()


def hash_pin(pin: str) -> str:
    """A new PIN's hash at the kiosk's cost (the first run saves the owner's with it)."""
    return _hasher.hash(pin)


@dataclass(frozen=True, slots=True)
class SignInOutcome(Outcome):
    actor: Actor | None = None
    locked_seconds: int = 0
    attempts_left: int = 0


@dataclass(frozen=True, slots=True)
class StaffOutcome(Outcome):
    staff: Staff | None = None
    roster: tuple[Staff, ...] = ()


def _allowed(actor: Actor, needed: Role) -> Refusal | None:
    return None if actor.role.at_least(needed) else refuse(Reason.NOT_ALLOWED)


def needs_owner(ctx: Context) -> bool:
    """First run: no owner yet, so the kiosk asks for the owner's PIN before anything else."""
    with ctx.store.reading() as conn:
        return not directory.owner_exists(conn)


def roster(ctx: Context) -> tuple[Staff, ...]:
    with ctx.store.reading() as conn:
        return tuple(directory.all_staff(conn))


def add_staff(ctx: Context, name: str, role: Role, pin: str, *, actor: Actor | None) -> StaffOutcome:
    """Add a person. With no owner yet (first run) anyone may create the owner."""
    clean = " ".join((name or "").split())
    if not clean or len(clean) > 100:
        return StaffOutcome(refusal=invalid("Name", Problem.STAFF_NAME_INVALID))
    bad_pin = check_pin(pin)
    if bad_pin:
        return StaffOutcome(refusal=bad_pin)
    now = ctx.clock()
    try:
        with ctx.store.transaction() as conn:
            first_run = not directory.owner_exists(conn)
            if first_run and role is not Role.OWNER:
                return StaffOutcome(refusal=refuse(Reason.NOT_ALLOWED))
            if not first_run:
                if actor is None:
                    return StaffOutcome(refusal=refuse(Reason.NOT_SIGNED_IN))
                # managers add cashiers; only an owner creates managers or owners
                refusal = _allowed(actor, Role.MANAGER if role is Role.CASHIER else Role.OWNER)
                if refusal:
                    return StaffOutcome(refusal=refusal)
            if any(s.name.casefold() == clean.casefold() and s.active for s in directory.all_staff(conn)):
                return StaffOutcome(refusal=refuse(Reason.DUPLICATE, what=f"Staff member {clean}"))
            member = Staff(ctx.new_id(), clean, role, pin_length=len(pin))
            directory.insert_staff(conn, member, _hasher.hash(pin), now)
            meta.audit(
                conn,
                now,
                actor.staff_id if actor else None,
                actor.name if actor else clean,
                "staff_added",
                staff=clean,
                role=role.value,
            )
            people = tuple(directory.all_staff(conn))
        return StaffOutcome(staff=member, roster=people)
    except StorageError as exc:
        return StaffOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def sign_in(ctx: Context, staff_id: str, pin: str) -> SignInOutcome:
    now = ctx.clock()
    with ctx.store.transaction() as conn:
        row = directory.staff_login_row(conn, staff_id)
        if row is None or not row.active:
            return SignInOutcome(refusal=refuse(Reason.WRONG_PIN))
        if row.locked_until is not None and row.locked_until > now:
            seconds = int((row.locked_until - now).total_seconds()) + 1
            return SignInOutcome(refusal=refuse(Reason.LOCKED_OUT, seconds=seconds), locked_seconds=seconds)
        try:
            _hasher.verify(row.pin_hash, pin if isinstance(pin, str) else "")
        except (VerificationError, InvalidHashError):
            failed = row.failed_attempts + 1
            if failed >= MAX_FAILED_PINS:
                directory.update_staff(conn, staff_id, failed_attempts=0, locked_until=now + LOCKOUT)
                meta.audit(conn, now, staff_id, row.name, "staff_locked_out")
                seconds = int(LOCKOUT.total_seconds())
                return SignInOutcome(
                    refusal=refuse(Reason.LOCKED_OUT, seconds=seconds), locked_seconds=seconds
                )
            directory.update_staff(conn, staff_id, failed_attempts=failed)
            return SignInOutcome(refusal=refuse(Reason.WRONG_PIN), attempts_left=MAX_FAILED_PINS - failed)
        fresh = {}
        if _hasher.check_needs_rehash(row.pin_hash):  # made with an older (cheaper) cost
            fresh["pin_hash"] = _hasher.hash(pin)
        # the PIN's length is learnt here for people whose PIN was set before it was kept
        directory.update_staff(
            conn,
            staff_id,
            failed_attempts=0,
            locked_until=None,
            pin_length=len(pin),
            last_signed_in_at=now,
            **fresh,
        )
        meta.audit(conn, now, staff_id, row.name, "signed_in")
        member = directory.staff_login_row(conn, staff_id)
    return SignInOutcome(actor=Actor(member.id, member.name, Role(member.role)))


def change_staff(
    ctx: Context,
    staff_id: str,
    *,
    actor: Actor,
    role: Role | None = None,
    pin: str | None = None,
    active: bool | None = None,
) -> StaffOutcome:
    """Change role, reset PIN or deactivate. The last active owner cannot be removed or demoted."""
    if pin is not None:
        bad_pin = check_pin(pin)
        if bad_pin:
            return StaffOutcome(refusal=bad_pin)
    now = ctx.clock()
    with ctx.store.transaction() as conn:
        row = directory.staff_login_row(conn, staff_id)
        if row is None:
            return StaffOutcome(refusal=invalid("Staff", Problem.NO_SUCH_STAFF))
        target_role = Role(row.role)
        needed = (
            Role.OWNER
            if (target_role is not Role.CASHIER or (role and role is not Role.CASHIER))
            else Role.MANAGER
        )
        refusal = _allowed(actor, needed)
        if refusal:
            return StaffOutcome(refusal=refusal)
        owners = [s for s in directory.all_staff(conn) if s.role is Role.OWNER and s.active]
        losing_owner = target_role is Role.OWNER and ((role and role is not Role.OWNER) or active is False)
        if losing_owner and len(owners) <= 1:
            return StaffOutcome(refusal=invalid("Staff", Problem.LAST_OWNER))
        values: dict = {}
        if role is not None:
            values["role"] = role
        if pin is not None:
            values.update(
                pin_hash=_hasher.hash(pin), pin_length=len(pin), failed_attempts=0, locked_until=None
            )
        if active is not None:
            values["active"] = active
        if values:
            directory.update_staff(conn, staff_id, **values)
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "staff_changed",
                staff=row.name,
                role=role.value if role else None,
                pin_reset=pin is not None,
                active=active,
            )
        people = tuple(directory.all_staff(conn))
    member = next(s for s in people if s.id == staff_id)
    return StaffOutcome(staff=member, roster=people)


def audit_list(
    ctx: Context,
    *,
    actor: Actor,
    limit: int = 500,
    staff_name: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
) -> list[dict] | Refusal:
    """The audit log for managers, optionally only one person's, one kind of action, or since a time."""
    refusal = _allowed(actor, Role.MANAGER)
    if refusal:
        return refusal
    with ctx.store.reading() as conn:
        return meta.audit_entries(conn, limit, staff_name=staff_name, action=action, since=since)
