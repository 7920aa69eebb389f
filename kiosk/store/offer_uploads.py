"""Offers made or changed on a paired kiosk, waiting to be uploaded to the cloud (docs/wire.md,
"Offers made at a kiosk"). `programs.needs_push` marks them; a pulled offer clears it (the
cloud's version is authoritative, see sync_repo); the cloud's refusal is kept in the settings
table as `offer_rejected:<id>` for the Sync screen."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import Connection, delete, select, update

from kiosk.domain.model import Program
from kiosk.store import meta
from kiosk.store.rows import to_program
from kiosk.store.schema import points_revisions, programs, settings
from loyalty_rules.kinds.points import settings_from_plain
from loyalty_rules.plans import refusal_of_reason

REJECTED_PREFIX = "offer_rejected:"


def mark_for_upload(conn: Connection, program_id: str) -> None:
    conn.execute(update(programs).where(programs.c.id == program_id).values(needs_push=True))


def waiting(conn: Connection, limit: int) -> list[Program]:
    """The offers the cloud has not taken yet, oldest change first."""
    rows = conn.execute(
        select(programs)
        .where(programs.c.needs_push.is_(True))
        .order_by(programs.c.updated_at, programs.c.id)
        .limit(limit)
    )
    return [to_program(r) for r in rows]


def earlier_revisions(conn: Connection, program: Program) -> list[Program]:
    """The program as it was at each points revision made here before its own and not taken by
    the cloud yet, oldest first: an edit made twice before one upload still sends the first, so
    the sales recorded under it are checked by its rate."""
    rows = conn.execute(
        select(points_revisions.c.revision, points_revisions.c.points_settings)
        .where(
            points_revisions.c.program_id == program.id, points_revisions.c.revision < program.points_revision
        )
        .order_by(points_revisions.c.revision)
    )
    return [
        replace(
            program, points=settings_from_plain(json.loads(r.points_settings)), points_revision=r.revision
        )
        for r in rows
    ]


def settle(conn: Connection, sent: Iterable[Program], rejected: dict[str, str]) -> None:
    """The cloud answered for these offers: accepted, or rejected for good (`rejected`: id ->
    reason). An offer changed again while its upload was on the way stays waiting, and so does
    one the plan refused: every round offers it again, and the upgrade lets it in."""
    for program in sent:
        row = conn.execute(select(programs).where(programs.c.id == program.id)).first()
        held = refusal_of_reason(rejected.get(program.id)) is not None
        if row is not None and to_program(row) == program and not held:
            conn.execute(update(programs).where(programs.c.id == program.id).values(needs_push=False))
        if not held:  # held by the plan, its revisions go again with it after the upgrade
            # the cloud answered for these revisions (a refusal is final): not sent again
            conn.execute(
                delete(points_revisions).where(
                    points_revisions.c.program_id == program.id,
                    points_revisions.c.revision <= program.points_revision,
                )
            )
        reason = rejected.get(program.id)
        if reason is None:
            meta.delete_setting(conn, REJECTED_PREFIX + program.id)
        else:
            meta.put_setting(conn, REJECTED_PREFIX + program.id, (reason or "rejected")[:300])


def held_for_plan(conn: Connection, program_ids: Iterable[str]) -> set[str]:
    """Which of these offers the cloud refused for its plan (their events wait with them)."""
    keys = [REJECTED_PREFIX + i for i in program_ids]
    rows = conn.execute(select(settings).where(settings.c.key.in_(keys)))
    return {r.key.removeprefix(REJECTED_PREFIX) for r in rows if refusal_of_reason(r.value) is not None}


def rejected_offers(conn: Connection) -> list[tuple[str, str, str]]:
    """(offer id, offer name, the cloud's reason) of each offer the cloud refused."""
    rows = conn.execute(select(settings).where(settings.c.key.startswith(REJECTED_PREFIX)))
    reasons = {r.key.removeprefix(REJECTED_PREFIX): r.value for r in rows}
    if not reasons:
        return []
    names = dict(conn.execute(select(programs.c.id, programs.c.name).where(programs.c.id.in_(reasons))).all())
    return sorted(((i, names.get(i, ""), reason) for i, reason in reasons.items()), key=lambda t: t[1])
