"""Customers, programs and staff: who and what the kiosk knows."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, bindparam, func, insert, or_, select, update

from kiosk.domain.model import Customer, Program, Role, Staff
from kiosk.domain.people import search_key, words_of
from kiosk.domain.phones import FALLBACK_REGION, search_tail
from kiosk.store import name_index
from kiosk.store.prepared import Prepared
from kiosk.store.rows import customer_values, program_values, to_customer, to_program, to_staff
from kiosk.store.schema import customers, points_revisions, programs, staff

# read on every scan and lookup: compiled once (kiosk.store.prepared)
_CUSTOMER = Prepared(select(customers).where(customers.c.id == bindparam("customer_id")), "CustomerRow")
_PROGRAM = Prepared(select(programs).where(programs.c.id == bindparam("program_id")), "ProgramRow")
_ALL_PROGRAMS = Prepared(select(programs).order_by(programs.c.created_at, programs.c.name), "ProgramRow")


def insert_customer(conn: Connection, customer: Customer, now: datetime) -> None:
    values = customer_values(customer, now)
    conn.execute(insert(customers).values(**values))
    name_index.add_names(conn, [(customer.id, values["name_key"])])


def update_customer(conn: Connection, customer: Customer, now: datetime) -> None:
    values = customer_values(customer, now)
    del values["id"], values["created_at"], values["merged_into"]  # an edit never undoes a merge
    conn.execute(update(customers).where(customers.c.id == customer.id).values(**values))
    name_index.replace_names(conn, [(customer.id, values["name_key"])])


def mark_merged(conn: Connection, absorbed_id: str, kept_id: str) -> None:
    """A merge: she, and anyone merged into her before, now point at the kept member."""
    conn.execute(
        update(customers)
        .where(or_(customers.c.id == absorbed_id, customers.c.merged_into == absorbed_id))
        .values(merged_into=kept_id)
    )


def get_customer(conn: Connection, customer_id: str) -> Customer | None:
    row = _CUSTOMER.first(conn, customer_id=customer_id)
    return to_customer(row) if row else None


def customers_by_ids(conn: Connection, ids: list[str]) -> dict[str, Customer]:
    if not ids:
        return {}
    return {r.id: to_customer(r) for r in conn.execute(select(customers).where(customers.c.id.in_(ids)))}


def _next_prefix(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def search_customers(
    conn: Connection, query: str, limit: int = 20, region: str = FALLBACK_REGION
) -> list[Customer]:
    """By phone (its last 4+ digits, or the whole number in any form), exact email, then names:
    the whole name's start first, then any word of it. Each is an index lookup of its own (an
    OR with ORDER BY would let SQLite walk a whole index instead)."""
    key = search_key(query)
    if not key:
        return []
    found: dict[str, Customer] = {}
    tail = search_tail(query, region)
    if tail is not None:
        by_phone = select(customers).where(
            customers.c.phone_rev >= tail, customers.c.phone_rev < _next_prefix(tail)
        )
        for r in conn.execute(by_phone.order_by(customers.c.phone_rev).limit(limit)):
            found[r.id] = to_customer(r)
    if "@" in query:
        email = query.strip().lower()  # stored lower-case, see people.normalise_email
        for r in conn.execute(select(customers).where(customers.c.email == email).limit(limit)):
            found[r.id] = to_customer(r)
    by_name = (
        select(customers)
        .where(customers.c.name_key >= key, customers.c.name_key < _next_prefix(key))
        .order_by(customers.c.name_key)
        .limit(limit)
    )
    for r in conn.execute(by_name):
        found.setdefault(r.id, to_customer(r))
    if len(found) < limit:
        # the most telling word drives the index; the others are probed per candidate
        words = words_of(key)
        if words:
            driver = max(words, key=len)
            others = list(words)
            others.remove(driver)
            ids = name_index.customer_ids_by_words(conn, driver, others, limit + len(found))
            rows = customers_by_ids(conn, [i for i in ids if i not in found])
            for customer_id in ids:
                if customer_id in rows and len(found) < limit:
                    found[customer_id] = rows[customer_id]
    # a member absorbed by a merge is found as the member she became (her codes lead there)
    return [c for c in found.values() if c.merged_into is None][:limit]


def customer_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(customers)).scalar_one()


def email_taken(conn: Connection, email: str) -> bool:
    return conn.execute(select(customers.c.id).where(customers.c.email == email).limit(1)).first() is not None


def phone_taken(conn: Connection, phone: str) -> bool:
    return conn.execute(select(customers.c.id).where(customers.c.phone == phone).limit(1)).first() is not None


def customer_with_contact(conn: Connection, email: str | None, phone: str | None) -> Customer | None:
    """The customer who has this email (first) or this phone: the member a duplicate names."""
    for column, value in ((customers.c.email, email), (customers.c.phone, phone)):
        if value:
            row = conn.execute(select(customers).where(column == value).limit(1)).first()
            if row is not None and row.merged_into is not None:  # she is a merged member now
                row = _CUSTOMER.first(conn, customer_id=row.merged_into) or row
            if row is not None:
                return to_customer(row)
    return None


def upsert_program(conn: Connection, program: Program, now: datetime) -> None:
    """A program made or edited here. A change of its points settings is their next revision
    (after the one stored: the cloud's last, or this kiosk's own edit), which the events recorded
    from now on carry; the same settings keep their revision."""
    values = program_values(program)
    exists = conn.execute(
        select(programs.c.id, programs.c.points_settings, programs.c.points_revision).where(
            programs.c.id == program.id
        )
    ).first()
    stored_settings = exists.points_settings if exists else None
    stored_revision = exists.points_revision if exists else 0
    if values["points_settings"] is None or _same_settings(stored_settings, values["points_settings"]):
        values["points_revision"] = stored_revision
    else:
        values["points_revision"] = max(stored_revision, program.points_revision) + 1
    if exists:
        conn.execute(update(programs).where(programs.c.id == program.id).values(updated_at=now, **values))
    else:
        conn.execute(insert(programs).values(created_at=now, updated_at=now, **values))
    if values["points_revision"] != stored_revision:  # a revision made here: kept until uploaded
        conn.execute(
            insert(points_revisions).values(
                program_id=program.id,
                revision=values["points_revision"],
                points_settings=values["points_settings"],
            )
        )


def _same_settings(stored: str | None, new: str) -> bool:
    return stored is not None and json.loads(stored) == json.loads(new)


def get_program(conn: Connection, program_id: str) -> Program | None:
    row = _PROGRAM.first(conn, program_id=program_id)
    return to_program(row) if row else None


def all_programs(conn: Connection) -> list[Program]:
    return [to_program(r) for r in _ALL_PROGRAMS.all(conn)]


def insert_staff(conn: Connection, member: Staff, pin_hash: str, now: datetime) -> None:
    conn.execute(
        insert(staff).values(
            id=member.id,
            name=member.name,
            role=member.role.value,
            pin_hash=pin_hash,
            pin_length=member.pin_length,
            active=member.active,
            failed_attempts=0,
            created_at=now,
        )
    )


def all_staff(conn: Connection) -> list[Staff]:
    return [to_staff(r) for r in conn.execute(select(staff).order_by(staff.c.name))]


def staff_login_row(conn: Connection, staff_id: str):
    """The secret half of a staff record (PIN hash, lockout), for the sign-in service only."""
    return conn.execute(select(staff).where(staff.c.id == staff_id)).first()


def update_staff(conn: Connection, staff_id: str, **values) -> None:
    if "role" in values and isinstance(values["role"], Role):
        values["role"] = values["role"].value
    conn.execute(update(staff).where(staff.c.id == staff_id).values(**values))


def owner_exists(conn: Connection) -> bool:
    return (
        conn.execute(
            select(staff.c.id).where(staff.c.role == Role.OWNER.value, staff.c.active.is_(True)).limit(1)
        ).first()
        is not None
    )
