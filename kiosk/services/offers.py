"""Managers' offers: create, edit, pause, archive."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kiosk.domain.model import Program, ProgramStatus, Role
from kiosk.domain.offers import OfferDraft, check_offer, program_from
from kiosk.domain.outcomes import Outcome
from kiosk.domain.problems import Problem, invalid
from kiosk.domain.refusals import Reason, refuse
from kiosk.services.context import Actor, Connection, Context, connection
from kiosk.store import StorageError, directory, meta, offer_uploads


@dataclass(frozen=True, slots=True)
class OfferOutcome(Outcome):
    program: Program | None = None
    programs: tuple[Program, ...] = ()
    field_errors: dict[str, str] = field(default_factory=dict)  # field -> English, for the command line
    field_problems: dict[str, Problem] = field(default_factory=dict)  # field -> problem, for translation


def _save(conn, program: Program, now) -> None:
    directory.upsert_program(conn, program, now)
    # A paired shop's offers live in the cloud: one made or changed here waits for the next
    # sync round, which uploads it before pushing the events that enrol customers in it.
    if connection(conn) is Connection.PAIRED:
        offer_uploads.mark_for_upload(conn, program.id)


def currency_minor_per_unit(ctx: Context) -> int:
    """Minor units in one unit of the shop's currency (100 cents a euro, 1 for yen): what a points
    offer's amounts are counted in. A shop set up before it chose a currency counts in cents."""
    from babel.numbers import get_currency_precision  # as first_run: only asked by the editor

    with ctx.store.reading() as conn:
        code = meta.get_setting(conn, "currency") or "EUR"
    try:
        return 10 ** get_currency_precision(code)
    except (KeyError, ValueError):  # a code babel does not know: the common case
        return 100


def list_offers(ctx: Context) -> tuple[Program, ...]:
    with ctx.store.reading() as conn:
        return tuple(directory.all_programs(conn))


def save_offer(
    ctx: Context, draft: OfferDraft, *, actor: Actor, program_id: str | None = None
) -> OfferOutcome:
    """Create (no id) or edit an offer. Invalid drafts are explained per field and saved nowhere."""
    if not actor.role.at_least(Role.MANAGER):
        return OfferOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    errors = check_offer(draft)
    if errors:
        first = next(iter(errors.items()))
        return OfferOutcome(
            refusal=invalid(first[0], first[1]),
            field_errors={name: problem.text() for name, problem in errors.items()},
            field_problems=errors,
        )
    now = ctx.clock()
    try:
        with ctx.store.transaction() as conn:
            if program_id is not None and directory.get_program(conn, program_id) is None:
                return OfferOutcome(refusal=invalid("Offer", Problem.NO_SUCH_OFFER))
            program = program_from(draft, program_id or ctx.new_id())
            _save(conn, program, now)
            meta.audit(
                conn,
                now,
                actor.staff_id,
                actor.name,
                "offer_saved" if program_id else "offer_created",
                offer=program.name,
                offer_id=program.id,
            )
            programs = tuple(directory.all_programs(conn))
        return OfferOutcome(program=program, programs=programs)
    except StorageError as exc:
        return OfferOutcome(refusal=refuse(Reason.STORAGE_FAILED, problem=str(exc)))


def set_offer_status(ctx: Context, program_id: str, status: ProgramStatus, *, actor: Actor) -> OfferOutcome:
    """Pause, resume or archive. Cards keep their stamps; earned rewards stay redeemable."""
    if not actor.role.at_least(Role.MANAGER):
        return OfferOutcome(refusal=refuse(Reason.NOT_ALLOWED))
    now = ctx.clock()
    with ctx.store.transaction() as conn:
        program = directory.get_program(conn, program_id)
        if program is None:
            return OfferOutcome(refusal=invalid("Offer", Problem.NO_SUCH_OFFER))
        program = replace(program, status=status)
        _save(conn, program, now)
        meta.audit(
            conn, now, actor.staff_id, actor.name, "offer_status", offer=program.name, status=status.value
        )
        programs = tuple(directory.all_programs(conn))
    return OfferOutcome(program=program, programs=programs)
